import "server-only";
import { randomUUID } from "node:crypto";
import { DEFAULT_BANDS, flatten, leaves, type ClassificationBand, type CriterionDoc, type FrameworkDoc } from "@/lib/domain/framework";
import { compareCodes } from "@/lib/domain/framework-diff";
import { centiToDecimalString, centiToNumber, toCenti } from "@/lib/domain/points";
import { ruleSchema } from "@/lib/domain/rules";
import { db, type Tx } from "@/lib/server/db/client";
import type { Prisma } from "../../generated/prisma/client.ts";
import { recordAudit } from "./audit";
import { UserError } from "./errors";

export type FrameworkListItem = {
  id: string; code: string; nameVi: string; nameEn: string; legalBasis: string; groupCode: string; groupNameVi: string;
  groupNameEn: string; fromYear: number; toYear: number | null; leafCount: number; years: number[]; isDemo: boolean;
};

export async function listFrameworks(): Promise<FrameworkListItem[]> {
  const prisma = await db();
  const rows = await prisma.framework.findMany({
    orderBy: [{ fromYear: "desc" }, { code: "asc" }],
    include: { group: true, cycles: { include: { cycle: { select: { year: true } } } },
      _count: { select: { nodes: { where: { children: { none: {} } } } } } },
  });
  return rows.map((f) => ({ id: f.id, code: f.code, nameVi: f.nameVi, nameEn: f.nameEn, legalBasis: f.legalBasis,
    groupCode: f.group.code, groupNameVi: f.group.nameVi, groupNameEn: f.group.nameEn, fromYear: f.fromYear, toYear: f.toYear,
    leafCount: f._count.nodes, years: f.cycles.map((c) => c.cycle.year).sort(), isDemo: f.isDemo }));
}

/** A stored framework as an exchange document (children in code order). */
export async function frameworkDocument(code: string, tx?: Tx): Promise<FrameworkDoc | null> {
  const prisma = tx ?? (await db());
  const f = await prisma.framework.findUnique({ where: { code }, include: { group: true, nodes: true } });
  if (!f) return null;
  const byParent = new Map<string | null, typeof f.nodes>();
  for (const n of f.nodes) byParent.set(n.parentId, [...(byParent.get(n.parentId) ?? []), n]);
  const build = (parentId: string | null): CriterionDoc[] =>
    (byParent.get(parentId) ?? [])
      .sort((a, b) => a.sortOrder - b.sortOrder || compareCodes(a.code, b.code))
      .map((n) => {
        const children = build(n.id);
        const doc: CriterionDoc = { code: n.code, titleVi: n.titleVi, titleEn: n.titleEn, maxPoints: centiToNumber(toCenti(n.maxPoints)) };
        if (n.rule) doc.rule = ruleSchema.parse(n.rule);
        if (n.evidenceRequirementVi) doc.evidenceVi = n.evidenceRequirementVi;
        if (n.evidenceRequirementEn) doc.evidenceEn = n.evidenceRequirementEn;
        if (n.evidenceMandatory) doc.evidenceMandatory = true;
        if (n.source === "SURVEY") doc.source = "SURVEY";
        if (children.length) doc.children = children;
        return doc;
      });
  const doc: FrameworkDoc = {
    format: "par-framework/v1", code: f.code, nameVi: f.nameVi, nameEn: f.nameEn, legalBasis: f.legalBasis, unitGroup: f.group.code,
    fromYear: f.fromYear, bonusCap: f.bonusCap ? centiToNumber(toCenti(f.bonusCap)) : 0,
    penaltyCap: f.penaltyCap ? centiToNumber(toCenti(f.penaltyCap)) : 0,
    classification: (f.classification as ClassificationBand[] | null) ?? DEFAULT_BANDS, tree: build(null),
  };
  if (f.toYear !== null) doc.toYear = f.toYear;
  return doc;
}

/** Whether scores have been entered against a framework (its tree is then frozen). */
export async function frameworkInUse(code: string, tx?: Tx): Promise<boolean> {
  const prisma = tx ?? (await db());
  return (await prisma.scoreEntry.count({ where: { criterion: { framework: { code } } }, take: 1 })) > 0;
}

/**
 * Replaces a framework's fields and tree with an edited document (same code). Refused once scores
 * exist against it: clone it to a new version instead. One transaction, one audit row.
 */
export async function replaceFramework(doc: FrameworkDoc, actorId: string | null): Promise<{ id: string; code: string }> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const existing = await tx.framework.findUnique({ where: { code: doc.code } });
    if (!existing) throw new UserError("frameworks.errors.notFound", { code: doc.code });
    if (await frameworkInUse(doc.code, tx)) throw new UserError("frameworks.errors.inUse", { code: doc.code });
    const before = await frameworkDocument(doc.code, tx);
    const group = await tx.unitGroup.findUnique({ where: { code: doc.unitGroup } });
    if (!group) throw new UserError("frameworks.errors.unknownGroup", { group: doc.unitGroup });
    await tx.criterionMapping.deleteMany({ where: { OR: [{ fromFrameworkId: existing.id }, { toFrameworkId: existing.id }] } });
    await tx.criterionNode.deleteMany({ where: { frameworkId: existing.id } });
    await tx.framework.update({ where: { id: existing.id }, data: {
      nameVi: doc.nameVi, nameEn: doc.nameEn, legalBasis: doc.legalBasis, fromYear: doc.fromYear, toYear: doc.toYear ?? null,
      groupId: group.id, bonusCap: centiToDecimalString(toCenti(doc.bonusCap)), penaltyCap: centiToDecimalString(toCenti(doc.penaltyCap)),
      classification: doc.classification,
    } });
    await insertNodes(tx, existing.id, doc);
    await recordAudit(tx, { actorId, action: "framework.edit", entityType: "Framework", entityId: existing.id,
      before: before ? { nodes: flatten(before.tree).length } : undefined, after: { nodes: flatten(doc.tree).length, leaves: leaves(doc.tree).length } });
    return { id: existing.id, code: doc.code };
  });
}

async function insertNodes(tx: Tx, frameworkId: string, doc: FrameworkDoc): Promise<number> {
  const ids = new Map<string, string>();
  const rows: Prisma.CriterionNodeCreateManyInput[] = flatten(doc.tree).map((f) => {
    const id = randomUUID();
    ids.set(f.code, id);
    return { id, frameworkId, parentId: f.parentCode ? ids.get(f.parentCode)! : null, code: f.code,
      titleVi: f.node.titleVi, titleEn: f.node.titleEn, maxPoints: centiToDecimalString(toCenti(f.node.maxPoints)),
      rule: f.node.rule ?? undefined, evidenceRequirementVi: f.node.evidenceVi ?? null, evidenceRequirementEn: f.node.evidenceEn ?? null,
      evidenceMandatory: f.node.evidenceMandatory ?? false, source: f.node.source ?? "SELF", sortOrder: f.order };
  });
  await tx.criterionNode.createMany({ data: rows });
  return rows.length;
}

/** Stores a validated framework document as a new framework; one transaction, one audit row. */
export async function createFramework(doc: FrameworkDoc, actorId: string | null, tx?: Tx): Promise<{ id: string; code: string }> {
  const work = async (t: Tx) => {
    if (await t.framework.findUnique({ where: { code: doc.code }, select: { id: true } })) {
      throw new UserError("frameworks.errors.codeExists", { code: doc.code });
    }
    const group = await t.unitGroup.findUnique({ where: { code: doc.unitGroup } });
    if (!group) throw new UserError("frameworks.errors.unknownGroup", { group: doc.unitGroup });
    const framework = await t.framework.create({ data: {
      code: doc.code, nameVi: doc.nameVi, nameEn: doc.nameEn, legalBasis: doc.legalBasis, fromYear: doc.fromYear,
      toYear: doc.toYear ?? null, groupId: group.id, bonusCap: centiToDecimalString(toCenti(doc.bonusCap)),
      penaltyCap: centiToDecimalString(toCenti(doc.penaltyCap)), classification: doc.classification,
    } });
    const nodeCount = await insertNodes(t, framework.id, doc);
    await recordAudit(t, { actorId, action: "framework.create", entityType: "Framework", entityId: framework.id,
      after: { code: doc.code, nodes: nodeCount, leaves: leaves(doc.tree).length } });
    return { id: framework.id, code: framework.code };
  };
  return tx ? work(tx) : (await db()).$transaction(work);
}

/**
 * Copies a framework under a new code starting in `fromYear`, and maps every criterion code to itself
 * so results of the two versions compare year over year until the copy is edited.
 */
export async function cloneFramework(sourceCode: string, input: { code: string; fromYear: number; nameVi?: string; nameEn?: string; legalBasis?: string },
  actorId: string | null): Promise<{ id: string; code: string }> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const source = await frameworkDocument(sourceCode, tx);
    if (!source) throw new UserError("frameworks.errors.notFound", { code: sourceCode });
    const copy: FrameworkDoc = { ...source, code: input.code, fromYear: input.fromYear, nameVi: input.nameVi ?? source.nameVi,
      nameEn: input.nameEn ?? source.nameEn, legalBasis: input.legalBasis ?? source.legalBasis };
    delete copy.toYear;
    const created = await createFramework(copy, actorId, tx);
    const from = await tx.framework.findUniqueOrThrow({ where: { code: sourceCode }, select: { id: true } });
    await tx.criterionMapping.createMany({ data: flatten(source.tree).map((f) => ({ fromFrameworkId: from.id, fromCode: f.code,
      toFrameworkId: created.id, toCode: f.code })) });
    await recordAudit(tx, { actorId, action: "framework.clone", entityType: "Framework", entityId: created.id,
      after: { from: sourceCode, to: input.code, fromYear: input.fromYear } });
    return created;
  });
}

/** old code → new code between two frameworks (identity when no mapping is stored). */
export async function criterionMapping(fromCode: string, toCode: string): Promise<Map<string, string>> {
  const prisma = await db();
  const rows = await prisma.criterionMapping.findMany({ where: { fromFramework: { code: fromCode }, toFramework: { code: toCode } } });
  return new Map(rows.map((r) => [r.fromCode, r.toCode]));
}

/** Replaces the mapping between two frameworks; one transaction, one audit row. */
export async function saveCriterionMapping(fromCode: string, toCode: string, pairs: { from: string; to: string }[], actorId: string | null): Promise<void> {
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const [from, to] = await Promise.all([
      frameworkDocument(fromCode, tx), frameworkDocument(toCode, tx)]);
    if (!from) throw new UserError("frameworks.errors.notFound", { code: fromCode });
    if (!to) throw new UserError("frameworks.errors.notFound", { code: toCode });
    const fromCodes = new Set(flatten(from.tree).map((f) => f.code));
    const toCodes = new Set(flatten(to.tree).map((f) => f.code));
    for (const p of pairs) {
      if (!fromCodes.has(p.from)) throw new UserError("frameworks.errors.unknownCriterion", { code: p.from, framework: fromCode });
      if (!toCodes.has(p.to)) throw new UserError("frameworks.errors.unknownCriterion", { code: p.to, framework: toCode });
    }
    const ids = await tx.framework.findMany({ where: { code: { in: [fromCode, toCode] } }, select: { id: true, code: true } });
    const fromId = ids.find((i) => i.code === fromCode)!.id;
    const toId = ids.find((i) => i.code === toCode)!.id;
    const before = await tx.criterionMapping.findMany({ where: { fromFrameworkId: fromId, toFrameworkId: toId }, select: { fromCode: true, toCode: true } });
    await tx.criterionMapping.deleteMany({ where: { fromFrameworkId: fromId, toFrameworkId: toId } });
    await tx.criterionMapping.createMany({ data: pairs.map((p) => ({ fromFrameworkId: fromId, fromCode: p.from, toFrameworkId: toId, toCode: p.to })) });
    await recordAudit(tx, { actorId, action: "framework.mapping", entityType: "Framework", entityId: toId,
      before: before.map((b) => `${b.fromCode}→${b.toCode}`), after: pairs.map((p) => `${p.from}→${p.to}`) });
  });
}

export async function unitGroups(): Promise<{ code: string; nameVi: string; nameEn: string }[]> {
  const prisma = await db();
  return prisma.unitGroup.findMany({ orderBy: { code: "asc" }, select: { code: true, nameVi: true, nameEn: true } });
}
