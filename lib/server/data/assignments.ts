import "server-only";
import { db } from "@/lib/server/db/client";
import { recordAudit } from "./audit";
import { UserError } from "./errors";

/**
 * Who appraises what in a cycle: a criterion code (an area or a single criterion of the cycle's
 * criterion sets) given to one appraiser or to an appraising department (all its appraisers).
 */

export type AssignmentRow = { id: string; criterionCode: string; titleVi: string | null; titleEn: string | null;
  appraiser: { id: string; name: string; username: string } | null; unit: { id: string; code: string; nameVi: string; nameEn: string } | null };

export async function assignmentsOf(year: number): Promise<AssignmentRow[]> {
  const prisma = await db();
  const rows = await prisma.appraisalAssignment.findMany({ where: { cycle: { year } },
    include: { appraiser: { select: { id: true, name: true, username: true } }, unit: { select: { id: true, code: true, nameVi: true, nameEn: true } } } });
  const titles = await criterionTitles(year);
  return rows.map((r) => ({ id: r.id, criterionCode: r.criterionCode, titleVi: titles.get(r.criterionCode)?.titleVi ?? null,
    titleEn: titles.get(r.criterionCode)?.titleEn ?? null, appraiser: r.appraiser, unit: r.unit }))
    .sort((a, b) => a.criterionCode.localeCompare(b.criterionCode, "en", { numeric: true }));
}

/** Criterion codes of a cycle's criterion sets with a title (the first set's, when sets share a code). */
export async function criterionTitles(year: number): Promise<Map<string, { titleVi: string; titleEn: string; depth: number }>> {
  const prisma = await db();
  const nodes = await prisma.criterionNode.findMany({ where: { framework: { cycles: { some: { cycle: { year } } } } },
    select: { code: true, titleVi: true, titleEn: true }, orderBy: { sortOrder: "asc" } });
  const out = new Map<string, { titleVi: string; titleEn: string; depth: number }>();
  for (const n of nodes) if (!out.has(n.code)) out.set(n.code, { titleVi: n.titleVi, titleEn: n.titleEn, depth: n.code.split(".").length });
  return new Map([...out].sort(([a], [b]) => a.localeCompare(b, "en", { numeric: true })));
}

/** Appraisers and departments that can be given an assignment. */
export async function assignees(): Promise<{ appraisers: { id: string; name: string; unitCode: string | null }[]; departments: { id: string; code: string; nameVi: string; nameEn: string }[] }> {
  const prisma = await db();
  const appraisers = await prisma.user.findMany({ where: { role: "APPRAISER", active: true }, select: { id: true, name: true, unit: { select: { code: true } } }, orderBy: { name: "asc" } });
  const departments = await prisma.unit.findMany({ where: { kind: "DEPARTMENT", activeTo: null }, select: { id: true, code: true, nameVi: true, nameEn: true }, orderBy: { nameVi: "asc" } });
  return { appraisers: appraisers.map((a) => ({ id: a.id, name: a.name, unitCode: a.unit?.code ?? null })), departments };
}

export async function addAssignment(input: { year: number; criterionCode: string; assignee: string }, actorId: string): Promise<{ id: string }> {
  const [kind, id] = input.assignee.split(":") as ["user" | "unit", string];
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const cycle = await tx.cycle.findUnique({ where: { year: input.year } });
    if (!cycle) throw new UserError("exchange.cycleNotFound", { year: input.year });
    if (cycle.publishedAt) throw new UserError("council.errors.published");
    const node = await tx.criterionNode.findFirst({ where: { code: input.criterionCode, framework: { cycles: { some: { cycleId: cycle.id } } } } });
    if (!node) throw new UserError("assignments.errors.unknownCriterion", { code: input.criterionCode });
    if (kind === "user") {
      const u = await tx.user.findUnique({ where: { id } });
      if (!u || u.role !== "APPRAISER" || !u.active) throw new UserError("assignments.errors.assignee");
    } else if (!(await tx.unit.findUnique({ where: { id } }))) throw new UserError("assignments.errors.assignee");
    const data = { cycleId: cycle.id, criterionCode: input.criterionCode, appraiserId: kind === "user" ? id : null, unitId: kind === "unit" ? id : null };
    if (await tx.appraisalAssignment.findFirst({ where: data })) throw new UserError("assignments.errors.duplicate", { code: input.criterionCode });
    const row = await tx.appraisalAssignment.create({ data });
    await recordAudit(tx, { actorId, action: "appraisal.assign", entityType: "Cycle", entityId: cycle.id, after: { id: row.id, criterionCode: input.criterionCode, assignee: input.assignee } });
    return { id: row.id };
  });
}

export async function removeAssignment(id: string, actorId: string): Promise<void> {
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const row = await tx.appraisalAssignment.findUnique({ where: { id }, include: { cycle: true } });
    if (!row) throw new UserError("assignments.errors.notFound");
    if (row.cycle.publishedAt) throw new UserError("council.errors.published");
    await tx.appraisalAssignment.delete({ where: { id } });
    await recordAudit(tx, { actorId, action: "appraisal.unassign", entityType: "Cycle", entityId: row.cycleId,
      before: { id, criterionCode: row.criterionCode, appraiserId: row.appraiserId, unitId: row.unitId } });
  });
}
