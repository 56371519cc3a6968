import "server-only";
import { can, scopeOf } from "@/lib/auth/permissions";
import {
  bonusAvailability, bonusChoices, bonusCode, canDecide, canEdit, canReopen, canSee, effectiveBonus, isInitiativeBonusCode, recognition,
  type BonusAvailability, type BonusContext, type InitiativeStatus, type WithheldReason,
} from "@/lib/domain/initiatives";
import { centiToDecimalString, centiToNumber, sumCenti, toCenti, ZERO, type Centi } from "@/lib/domain/points";
import { searchFold } from "@/lib/domain/status-grid";
import type { DecideInitiativeInput, EditInitiativeInput, InitiativeFilter, ProposeInitiativeInput, ReopenInitiativeInput } from "@/lib/schemas/initiatives";
import { db, type Tx } from "@/lib/server/db/client";
import type { Prisma } from "../../generated/prisma/client.ts";
import { listAttachments, type AttachmentItem } from "./attachments";
import { recordAudit } from "./audit";
import { invalidateCompilation } from "./compilation";
import { UserError } from "./errors";
import { notify, recipients, type NotificationKind } from "./notifications";
import type { CurrentUser } from "./users";

/*
 * The initiatives registry (sáng kiến, mô hình hay). A unit proposes; the secretariat or leadership
 * recognises (with bonus points where the criterion set gives them) or rejects. A recognised bonus is an
 * accepted BONUS item `SK-<initiative id>` on the unit's assessment of that year, written in the same
 * transaction, so the next results computation picks it up. The rules are in lib/domain/initiatives.ts.
 * Every change: one transaction, one audit row, the inbox notifications inside it.
 */

export type Area = { code: string; titleVi: string; titleEn: string };
type UnitRef = { id: string; code: string; nameVi: string; nameEn: string };

export type InitiativeRow = {
  id: string;
  year: number;
  title: string;
  areaCode: string;
  area: Area | null;
  unit: UnitRef;
  status: InitiativeStatus;
  /** Bonus points granted (hundredths), null when none. */
  bonus: Centi | null;
  decidedAt: Date | null;
  decidedBy: string | null;
  createdAt: Date;
  files: number;
};

export type InitiativeList = {
  rows: InitiativeRow[];
  /** Filter choices from what the user may see (before the filters apply). */
  units: UnitRef[];
  areas: Area[];
  total: number;
};

/** What a user may see: unit staff, recognised initiatives and their own unit's; everyone else, all. */
function visibleWhere(user: CurrentUser): Prisma.InitiativeWhereInput {
  const scope = scopeOf(user.role, "initiative.read");
  if (scope === null) return { id: "-" };
  if (scope === "all") return {};
  return { OR: [{ status: "RECOGNISED" }, ...(user.unitId ? [{ unitId: user.unitId }] : [])] };
}

const ROW_SELECT = {
  id: true, year: true, title: true, areaCode: true, status: true, bonusPoints: true, decidedAt: true, decidedById: true, createdAt: true,
  description: true, results: true,
  unit: { select: { id: true, code: true, nameVi: true, nameEn: true, groupId: true } },
  _count: { select: { attachments: true } },
} as const satisfies Prisma.InitiativeSelect;

/** The criterion-set areas of units in years: the unit's assessment's set, else its group's set for the cycle. Keyed `unitId:year`. */
async function areasOf(prisma: Tx, pairs: readonly { unitId: string; groupId: string | null; year: number }[]): Promise<Map<string, Area[]>> {
  const out = new Map<string, Area[]>();
  if (pairs.length === 0) return out;
  const years = [...new Set(pairs.map((p) => p.year))];
  const cycles = await prisma.cycle.findMany({ where: { year: { in: years } },
    select: { year: true, frameworks: { select: { groupId: true, frameworkId: true } },
      assessments: { where: { unitId: { in: [...new Set(pairs.map((p) => p.unitId))] } }, select: { unitId: true, frameworkId: true } } } });
  const frameworkOf = new Map<string, string>();
  for (const p of pairs) {
    const cycle = cycles.find((c) => c.year === p.year);
    const id = cycle?.assessments.find((a) => a.unitId === p.unitId)?.frameworkId ?? cycle?.frameworks.find((f) => f.groupId === p.groupId)?.frameworkId;
    if (id) frameworkOf.set(`${p.unitId}:${p.year}`, id);
  }
  const nodes = await prisma.criterionNode.findMany({ where: { parentId: null, frameworkId: { in: [...new Set(frameworkOf.values())] } },
    orderBy: { sortOrder: "asc" }, select: { frameworkId: true, code: true, titleVi: true, titleEn: true } });
  for (const [key, frameworkId] of frameworkOf) {
    out.set(key, nodes.filter((n) => n.frameworkId === frameworkId).map(({ code, titleVi, titleEn }) => ({ code, titleVi, titleEn })));
  }
  return out;
}

async function userNames(prisma: Tx, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((i): i is string => !!i))];
  if (wanted.length === 0) return new Map();
  const users = await prisma.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u.name]));
}

const centiOrNull = (v: { toString(): string } | null): Centi | null => (v === null ? null : toCenti(v));

/** The initiatives the user may see, filtered; newest year first, then by unit and title. */
export async function listInitiatives(user: CurrentUser, filter: InitiativeFilter): Promise<InitiativeList> {
  const prisma = await db();
  const visible = await prisma.initiative.findMany({
    where: { AND: [visibleWhere(user), filter.year ? { year: filter.year } : {}] },
    orderBy: [{ year: "desc" }, { createdAt: "desc" }],
    select: ROW_SELECT,
  });
  const areas = await areasOf(prisma, visible.map((i) => ({ unitId: i.unit.id, groupId: i.unit.groupId, year: i.year })));
  const names = await userNames(prisma, visible.map((i) => i.decidedById));
  const q = searchFold(filter.q?.trim() ?? "");
  const rows = visible
    .filter((i) => (!filter.status || i.status === filter.status) && (!filter.area || i.areaCode === filter.area)
      && (!filter.unit || i.unit.code === filter.unit)
      && (!q || [i.title, i.description, i.results, i.unit.code, i.unit.nameVi, i.unit.nameEn].some((t) => searchFold(t).includes(q))))
    .map((i): InitiativeRow => ({
      id: i.id, year: i.year, title: i.title, areaCode: i.areaCode,
      area: areas.get(`${i.unit.id}:${i.year}`)?.find((a) => a.code === i.areaCode) ?? null,
      unit: { id: i.unit.id, code: i.unit.code, nameVi: i.unit.nameVi, nameEn: i.unit.nameEn },
      status: i.status, bonus: centiOrNull(i.bonusPoints), decidedAt: i.decidedAt, decidedBy: i.decidedById ? names.get(i.decidedById) ?? null : null,
      createdAt: i.createdAt, files: i._count.attachments,
    }));
  const units = [...new Map(visible.map((i) => [i.unit.code, { id: i.unit.id, code: i.unit.code, nameVi: i.unit.nameVi, nameEn: i.unit.nameEn }])).values()]
    .sort((a, b) => a.code.localeCompare(b.code));
  const areaList = [...new Map([...areas.values()].flat().filter((a) => visible.some((i) => i.areaCode === a.code)).map((a) => [a.code, a])).values()]
    .sort((a, b) => Number(a.code) - Number(b.code));
  return { rows, units, areas: areaList, total: visible.length };
}

/** Years in which the user's unit may propose (a cycle with a criterion set for the unit), newest first, with that set's areas. */
export async function proposalOptions(user: CurrentUser): Promise<{ year: number; areas: Area[] }[]> {
  if (!user.unitId || !can(user, "initiative.propose", { unitId: user.unitId })) return [];
  const prisma = await db();
  const unit = await prisma.unit.findUnique({ where: { id: user.unitId }, select: { id: true, groupId: true } });
  if (!unit) return [];
  const years = (await prisma.cycle.findMany({ orderBy: { year: "desc" }, select: { year: true } })).map((c) => c.year);
  const areas = await areasOf(prisma, years.map((year) => ({ unitId: unit.id, groupId: unit.groupId, year })));
  return years.map((year) => ({ year, areas: areas.get(`${unit.id}:${year}`) ?? [] })).filter((o) => o.areas.length > 0);
}

// ---- Bonus -----------------------------------------------------------------------------------------------

type BonusState = { ctx: BonusContext; assessmentId: string | null };

/**
 * What decides an initiative's bonus. With `lock` (the deciding transaction), the unit's assessment row is
 * locked (two recognitions for one unit cannot both take the last room under the cap) and the cycle row
 * shared (a publication waits for the decision, or is seen by it).
 */
async function bonusState(tx: Tx, i: { id: string; unitId: string; year: number }, { lock }: { lock: boolean }): Promise<BonusState> {
  const cycle = lock
    ? (await tx.$queryRaw<{ id: string; frozen: boolean }[]>`
        SELECT id, ("publishedAt" IS NOT NULL OR "approvedAt" IS NOT NULL) AS frozen FROM "Cycle" WHERE year = ${i.year} FOR SHARE`)[0]
    : await tx.cycle.findUnique({ where: { year: i.year }, select: { id: true, publishedAt: true, approvedAt: true } })
      .then((c) => c && { id: c.id, frozen: !!(c.publishedAt || c.approvedAt) });
  const assessment = cycle ? await tx.assessment.findUnique({ where: { unitId_cycleId: { unitId: i.unitId, cycleId: cycle.id } },
    select: { id: true, framework: { select: { bonusCap: true } } } }) : null;
  if (assessment && lock) await tx.$queryRaw`SELECT id FROM "Assessment" WHERE id = ${assessment.id} FOR UPDATE`;
  const others = await tx.initiative.findMany({ where: { unitId: i.unitId, year: i.year, status: "RECOGNISED", id: { not: i.id }, bonusPoints: { not: null } },
    select: { bonusPoints: true } });
  const items = assessment ? await tx.scoreAdjustment.findMany({ where: { assessmentId: assessment.id, kind: "BONUS", accepted: true },
    select: { code: true, points: true } }) : [];
  return {
    assessmentId: assessment?.id ?? null,
    ctx: {
      cap: assessment ? toCenti(assessment.framework.bonusCap ?? 0) : null,
      frozen: cycle?.frozen ?? false,
      initiativeBonus: sumCenti(others.map((o) => toCenti(o.bonusPoints!))),
      otherBonus: sumCenti(items.filter((x) => !isInitiativeBonusCode(x.code)).map((x) => toCenti(x.points))),
    },
  };
}

/** Removes an initiative's bonus item from the unit's assessments (any year: the code names the initiative). */
async function removeBonusItem(tx: Tx, i: { id: string; unitId: string; year: number }): Promise<number> {
  const r = await tx.scoreAdjustment.deleteMany({ where: { code: bonusCode(i.id), kind: "BONUS", assessment: { unitId: i.unitId } } });
  if (r.count > 0) await invalidateCompilation(tx, { year: i.year });
  return r.count;
}

// ---- Details ---------------------------------------------------------------------------------------------

export type InitiativeDetail = InitiativeRow & {
  description: string;
  results: string;
  decisionNote: string | null;
  createdBy: string | null;
  attachments: AttachmentItem[];
  /** What the bonus does to the unit's score: granted, effective after the cap, and the cap. */
  effect: { bonus: Centi; effective: Centi; cap: Centi; frozen: boolean } | null;
  /** Whether a recognition now could carry a bonus, and the choices (0.25 steps up to the room left). */
  bonusAvailability: BonusAvailability;
  bonusChoices: Centi[];
  may: { edit: boolean; decide: boolean; reopen: boolean };
};

/** One initiative, if the user may see it (else null: not found). */
export async function initiativeDetail(user: CurrentUser, id: string): Promise<InitiativeDetail | null> {
  const prisma = await db();
  const i = await prisma.initiative.findUnique({ where: { id }, select: { ...ROW_SELECT, unitId: true, decisionNote: true, createdById: true } });
  if (!i || !canSee(user, { unitId: i.unitId, status: i.status })) return null;
  const [areas, names, attachments] = [
    await areasOf(prisma, [{ unitId: i.unitId, groupId: i.unit.groupId, year: i.year }]),
    await userNames(prisma, [i.decidedById, i.createdById]),
    await listAttachments({ kind: "initiative", id: i.id }),
  ];
  const state = await bonusState(prisma, i, { lock: false });
  const bonus = centiOrNull(i.bonusPoints);
  const availability = bonusAvailability(state.ctx);
  let effect: InitiativeDetail["effect"] = null;
  if (i.status === "RECOGNISED" && bonus && state.ctx.cap !== null) {
    const before = (state.ctx.initiativeBonus + state.ctx.otherBonus) as Centi;
    effect = { bonus, effective: effectiveBonus(state.ctx.cap, before, bonus), cap: state.ctx.cap, frozen: state.ctx.frozen };
  }
  return {
    id: i.id, year: i.year, title: i.title, areaCode: i.areaCode,
    area: areas.get(`${i.unitId}:${i.year}`)?.find((a) => a.code === i.areaCode) ?? null,
    unit: { id: i.unit.id, code: i.unit.code, nameVi: i.unit.nameVi, nameEn: i.unit.nameEn },
    status: i.status, bonus, decidedAt: i.decidedAt, decidedBy: i.decidedById ? names.get(i.decidedById) ?? null : null,
    createdAt: i.createdAt, files: attachments.length,
    description: i.description, results: i.results, decisionNote: i.decisionNote,
    createdBy: i.createdById ? names.get(i.createdById) ?? null : null,
    attachments, effect, bonusAvailability: availability, bonusChoices: bonusChoices(availability),
    may: {
      edit: canEdit(user, i),
      decide: canDecide(user, i),
      reopen: canReopen(user, { unitId: i.unitId, status: i.status, bonus }, state.ctx.frozen),
    },
  };
}

// ---- Changes ---------------------------------------------------------------------------------------------

/**
 * Notification kinds of the registry (texts: `notifications.kinds.<kind>` in the catalogues).
 * They must be listed in NOTIFICATION_KINDS (lib/server/data/notifications.ts) to be rendered.
 */
const KIND = {
  proposed: "initiativeProposed",
  recognised: "initiativeRecognised",
  rejected: "initiativeRejected",
  reopened: "initiativeReopened",
} as const satisfies Record<string, NotificationKind>;

async function notifyOf(tx: Tx, users: string[], kind: (typeof KIND)[keyof typeof KIND], params: Record<string, string | number>, initiativeId: string): Promise<void> {
  await notify(tx, users, { kind, params, link: `/initiatives/${initiativeId}` });
}

const unitParams = (u: { nameVi: string; nameEn: string }) => ({ unit: u.nameVi, unitEn: u.nameEn });
/** Points as people read them: "0,5" (vi) and "0.5" (en). */
const pointsParams = (name: string, c: Centi) => {
  const n = centiToNumber(c);
  return { [name]: n.toLocaleString("vi-VN", { maximumFractionDigits: 2 }), [`${name}En`]: n.toLocaleString("en-US", { maximumFractionDigits: 2 }) };
};

const snapshotOf = (i: { title: string; areaCode: string; description: string; results: string; status: string; bonusPoints: { toString(): string } | null; decisionNote: string | null }) => ({
  title: i.title, areaCode: i.areaCode, description: i.description, results: i.results, status: i.status,
  bonusPoints: i.bonusPoints === null ? null : i.bonusPoints.toString(), decisionNote: i.decisionNote,
});

/** The areas of `unitId`'s criterion set in `year`, or a refusal when it has none. */
async function checkArea(tx: Tx, unit: { id: string; groupId: string | null }, year: number, areaCode: string): Promise<void> {
  const areas = (await areasOf(tx, [{ unitId: unit.id, groupId: unit.groupId, year }])).get(`${unit.id}:${year}`);
  if (!areas || areas.length === 0) throw new UserError("initiatives.errors.noCriterionSet", { year });
  if (!areas.some((a) => a.code === areaCode)) throw new UserError("initiatives.errors.area");
}

/** A unit's new proposal; the secretariat is notified. */
export async function proposeInitiative(input: ProposeInitiativeInput, user: CurrentUser): Promise<{ id: string }> {
  if (!user.unitId || !can(user, "initiative.propose", { unitId: user.unitId })) throw new UserError("initiatives.errors.noUnit");
  const unitId = user.unitId;
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const unit = await tx.unit.findUniqueOrThrow({ where: { id: unitId }, select: { id: true, groupId: true, nameVi: true, nameEn: true } });
    await checkArea(tx, unit, input.year, input.areaCode);
    const created = await tx.initiative.create({ data: { unitId, year: input.year, title: input.title, areaCode: input.areaCode,
      description: input.description, results: input.results, createdById: user.id } });
    await recordAudit(tx, { actorId: user.id, action: "initiative.propose", entityType: "Initiative", entityId: created.id,
      after: { unitId, year: input.year, ...snapshotOf(created) } });
    await notifyOf(tx, await recipients(tx, { roles: ["SECRETARIAT"] }), KIND.proposed,
      { title: input.title, year: input.year, ...unitParams(unit) }, created.id);
    return { id: created.id };
  });
}

/** Loads an initiative for a change, or refuses (unknown id). */
async function loadForChange(tx: Tx, id: string) {
  const i = await tx.initiative.findUnique({ where: { id }, include: { unit: { select: { id: true, groupId: true, nameVi: true, nameEn: true } } } });
  if (!i) throw new UserError("initiatives.errors.notFound");
  return i;
}

/** Changes to a proposal, by its own unit while it is PROPOSED. */
export async function editInitiative(input: EditInitiativeInput, user: CurrentUser): Promise<{ id: string }> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const i = await loadForChange(tx, input.id);
    if (!canEdit(user, i)) throw new UserError(i.status === "PROPOSED" ? "initiatives.errors.notYours" : "initiatives.errors.decided");
    await checkArea(tx, i.unit, i.year, input.areaCode);
    // Only while still PROPOSED (a decision taken meanwhile wins).
    const r = await tx.initiative.updateMany({ where: { id: i.id, status: "PROPOSED" },
      data: { title: input.title, areaCode: input.areaCode, description: input.description, results: input.results } });
    if (r.count !== 1) throw new UserError("initiatives.errors.decided");
    const after = await tx.initiative.findUniqueOrThrow({ where: { id: i.id } });
    await recordAudit(tx, { actorId: user.id, action: "initiative.edit", entityType: "Initiative", entityId: i.id,
      before: snapshotOf(i), after: snapshotOf(after) });
    return { id: i.id };
  });
}

export type DecisionOutcome = {
  status: "RECOGNISED" | "REJECTED";
  year: number;
  /** Bonus granted (points), null when none. */
  bonus: number | null;
  /** What it adds to the unit's score after the cap (points). */
  effective: number;
  /** A bonus was asked for but could not apply: why (the recognition is recorded without it). */
  withheld: WithheldReason | null;
};

/** Refusal values as people read them (points, not hundredths). */
function refusalValues(values: Record<string, number> | undefined): Record<string, number> {
  return Object.fromEntries(Object.entries(values ?? {}).map(([k, v]) => [k, centiToNumber(v as Centi)]));
}

/**
 * Recognises (with bonus points where they can apply) or rejects a PROPOSED initiative. A bonus becomes
 * the accepted bonus item `SK-<id>` on the unit's assessment, in the same transaction; a refused bonus
 * writes nothing. The unit's staff are notified.
 */
export async function decideInitiative(input: DecideInitiativeInput, user: CurrentUser, now = new Date()): Promise<DecisionOutcome> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const i = await loadForChange(tx, input.id);
    if (!canDecide(user, i)) throw new UserError(i.status === "PROPOSED" ? "initiatives.errors.forbidden" : "initiatives.errors.decided");
    const note = input.note?.trim() || null;
    let outcome: DecisionOutcome;
    let bonusItem: { assessmentId: string; points: string } | null = null;
    if (input.decision === "REJECTED") {
      outcome = { status: "REJECTED", year: i.year, bonus: null, effective: 0, withheld: null };
    } else {
      const requested = input.bonusPoints === null || input.bonusPoints === undefined ? null : toCenti(input.bonusPoints);
      const state = await bonusState(tx, i, { lock: true });
      const r = recognition(requested, state.ctx);
      if (!r.ok) throw new UserError(`initiatives.errors.${r.refusal.key}`, "values" in r.refusal ? refusalValues(r.refusal.values) : {});
      const { bonus, effective, withheld } = r.outcome;
      if (bonus !== null) bonusItem = { assessmentId: state.assessmentId!, points: centiToDecimalString(bonus) };
      outcome = { status: "RECOGNISED", year: i.year, bonus: bonus === null ? null : centiToNumber(bonus), effective: centiToNumber(effective), withheld };
    }
    const r = await tx.initiative.updateMany({ where: { id: i.id, status: "PROPOSED" }, data: { status: outcome.status, decidedById: user.id, decidedAt: now,
      decisionNote: note, bonusPoints: bonusItem?.points ?? null } });
    if (r.count !== 1) throw new UserError("initiatives.errors.decided");
    await removeBonusItem(tx, i);
    if (bonusItem) {
      await tx.scoreAdjustment.create({ data: { assessmentId: bonusItem.assessmentId, kind: "BONUS", code: bonusCode(i.id),
        description: `Sáng kiến được công nhận: ${i.title}`, points: bonusItem.points, appraiserNote: note, accepted: true } });
      // The bonus counts in the results: a compilation made before it no longer stands.
      await invalidateCompilation(tx, { year: i.year });
    }
    const after = await tx.initiative.findUniqueOrThrow({ where: { id: i.id } });
    await recordAudit(tx, { actorId: user.id, action: outcome.status === "RECOGNISED" ? "initiative.recognise" : "initiative.reject",
      entityType: "Initiative", entityId: i.id, before: snapshotOf(i),
      after: { ...snapshotOf(after), bonusItem: bonusItem && { ...bonusItem, code: bonusCode(i.id) }, effective: outcome.effective, withheld: outcome.withheld } });
    const staff = await recipients(tx, { roles: ["UNIT_STAFF"], unitIds: [i.unitId] });
    const base = { title: i.title, year: i.year, ...unitParams(i.unit) };
    if (outcome.status === "REJECTED") await notifyOf(tx, staff, KIND.rejected, { ...base, note: note ?? "" }, i.id);
    else await notifyOf(tx, staff, KIND.recognised, { ...base, ...pointsParams("bonus", bonusItem ? toCenti(bonusItem.points) : ZERO) }, i.id);
    return outcome;
  });
}

/**
 * Reopens a decided initiative (back to PROPOSED, decision cleared); a recognised bonus is withdrawn
 * from the unit's assessment in the same transaction. Refused when that bonus sits in frozen results.
 */
export async function reopenInitiative(input: ReopenInitiativeInput, user: CurrentUser): Promise<{ id: string; removedBonus: boolean }> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const i = await loadForChange(tx, input.id);
    const bonus = centiOrNull(i.bonusPoints);
    const state = await bonusState(tx, i, { lock: true });
    if (!canReopen(user, { unitId: i.unitId, status: i.status, bonus }, state.ctx.frozen)) {
      throw new UserError(i.status === "PROPOSED" ? "initiatives.errors.notDecided" : state.ctx.frozen && bonus ? "initiatives.errors.reopenFrozen" : "initiatives.errors.forbidden",
        { year: i.year });
    }
    const r = await tx.initiative.updateMany({ where: { id: i.id, status: i.status },
      data: { status: "PROPOSED", decidedById: null, decidedAt: null, decisionNote: null, bonusPoints: null } });
    if (r.count !== 1) throw new UserError("initiatives.errors.changed");
    const removed = await removeBonusItem(tx, i);
    const after = await tx.initiative.findUniqueOrThrow({ where: { id: i.id } });
    await recordAudit(tx, { actorId: user.id, action: "initiative.reopen", entityType: "Initiative", entityId: i.id,
      before: snapshotOf(i), after: { ...snapshotOf(after), reason: input.note, removedBonusItems: removed } });
    await notifyOf(tx, await recipients(tx, { roles: ["UNIT_STAFF"], unitIds: [i.unitId] }), KIND.reopened,
      { title: i.title, year: i.year, note: input.note, ...unitParams(i.unit) }, i.id);
    return { id: i.id, removedBonus: removed > 0 };
  });
}

/** The unit of an initiative (for the permission target of an action), null when unknown. */
export async function initiativeUnitId(id: string): Promise<string | null> {
  const prisma = await db();
  return (await prisma.initiative.findUnique({ where: { id }, select: { unitId: true } }))?.unitId ?? null;
}
