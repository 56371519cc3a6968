import "server-only";
import { can, scopeOf, type Actor } from "@/lib/auth/permissions";
import {
  compareAreaCodes, findingFlags, findingTransition, inspectionDateIssues, inspectionProgress, inspectionStatusRefusal, needsRemediationReminder,
  planSummary, teamMembers, vietnamWeek, type FindingFlags, type FindingSeverity, type FindingStatus, type InspectionProgress,
  type InspectionStatus, type PlanSummary,
} from "@/lib/domain/inspections";
import { vietnamTime } from "@/lib/domain/phases";
import type {
  AddFindingInput, CreateInspectionInput, DecideFindingInput, InspectionConclusionInput, InspectionFilter, RemediationInput,
  UpdateFindingInput, UpdateInspectionInput,
} from "@/lib/schemas/inspections";
import { db, type Tx } from "@/lib/server/db/client";
import { attachmentsByOwner, type AttachmentItem } from "./attachments";
import { recordAudit } from "./audit";
import { ProblemsError, UserError } from "./errors";
import { notify, recipients } from "./notifications";

/*
 * Inspections of units (kiểm tra công tác CCHC) under the year's plan, their findings and the inspected
 * units' remediation reports. Unit staff see only the inspections of their own unit (the list and the
 * detail are filtered here). Every change is one transaction with one audit row; the inspected unit's staff
 * are notified of new findings and of the secretariat's decisions, the secretariat of remediation reports.
 */

/** Who is reading or acting (a `CurrentUser` fits). */
export type InspectionActor = Actor & { id: string };

export type UnitRef = { id: string; code: string; nameVi: string; nameEn: string };
export type AreaRef = { code: string; titleVi: string; titleEn: string };

export type InspectionRow = {
  id: string;
  year: number;
  decisionNumber: string;
  decisionDate: Date;
  targetUnit: UnitRef;
  startsAt: Date;
  endsAt: Date;
  status: InspectionStatus;
  progress: InspectionProgress;
};

export type RemediationItem = { id: string; report: string; createdAt: Date; createdBy: string | null; files: AttachmentItem[] };

export type FindingItem = {
  id: string;
  areaCode: string;
  area: AreaRef | null;
  limitation: string;
  severity: FindingSeverity;
  recommendation: string;
  dueAt: Date;
  status: FindingStatus;
  flags: FindingFlags;
  closedAt: Date | null;
  closedBy: string | null;
  /** The secretariat's note: on closing, or on sending the remediation back (then the finding is OPEN again). */
  closingNote: string | null;
  sentBack: boolean;
  remediations: RemediationItem[];
};

export type InspectionDetail = Omit<InspectionRow, "progress"> & {
  team: string;
  members: string[];
  conclusion: string | null;
  progress: InspectionProgress;
  findings: FindingItem[];
  /** The areas of the target unit's criterion set in the year; null when none can be resolved (any code is taken). */
  areas: AreaRef[] | null;
};

// ---- Dates: calendar days in Vietnam -----------------------------------------------------------------

function dayAt(day: string, hour: number): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return vietnamTime(y, m, d, hour);
}
/** Decision, start and end: the day at 00:00 in Vietnam. */
const calendarDay = (day: string) => dayAt(day, 0);
/** A remediation deadline: 17:00 of the day in Vietnam (the close of office hours, as every deadline of the app). */
const deadline = (day: string) => dayAt(day, 17);

// ---- Reading -----------------------------------------------------------------------------------------

/** The unit staff's own unit when their scope is their unit; undefined when they see every unit. */
function ownUnitOnly(actor: InspectionActor): string | undefined {
  return scopeOf(actor.role, "inspection.read") === "ownUnit" ? (actor.unitId ?? "-") : undefined;
}

const unitSelect = { id: true, code: true, nameVi: true, nameEn: true } as const;

/** Years to offer: those with a cycle or an inspection, and `current`. Newest first. */
export async function inspectionYears(current: number): Promise<number[]> {
  const prisma = await db();
  const [cycles, inspections] = await Promise.all([
    prisma.cycle.findMany({ select: { year: true } }),
    prisma.inspection.findMany({ distinct: ["year"], select: { year: true } }),
  ]);
  return [...new Set([current, ...cycles.map((c) => c.year), ...inspections.map((i) => i.year)])].sort((a, b) => b - a);
}

/**
 * The year's inspection plan as `actor` may see it (unit staff: their unit's only), filtered, by start date,
 * with the progress of each inspection's findings and the summary of the rows shown.
 */
export async function listInspections(filter: InspectionFilter, actor: InspectionActor, now = new Date()): Promise<{ rows: InspectionRow[]; summary: PlanSummary }> {
  const prisma = await db();
  const own = ownUnitOnly(actor);
  if (own && filter.unitId && filter.unitId !== own) return { rows: [], summary: planSummary([], now) };
  const rows = await prisma.inspection.findMany({
    where: { year: filter.year, ...(filter.status ? { status: filter.status } : {}), ...((own ?? filter.unitId) ? { targetUnitId: own ?? filter.unitId } : {}) },
    orderBy: [{ startsAt: "asc" }, { decisionNumber: "asc" }],
    include: { targetUnit: { select: unitSelect }, findings: { select: { status: true, dueAt: true, severity: true, areaCode: true } } },
  });
  const shown = filter.overdue ? rows.filter((r) => inspectionProgress(r.findings, now).overdue > 0) : rows;
  return {
    rows: shown.map((r) => ({ id: r.id, year: r.year, decisionNumber: r.decisionNumber, decisionDate: r.decisionDate, targetUnit: r.targetUnit,
      startsAt: r.startsAt, endsAt: r.endsAt, status: r.status, progress: inspectionProgress(r.findings, now) })),
    summary: planSummary(shown, now),
  };
}

/** The inspected unit of an inspection (for permission checks), or null. */
export async function inspectionUnitId(id: string): Promise<string | null> {
  const prisma = await db();
  return (await prisma.inspection.findUnique({ where: { id }, select: { targetUnitId: true } }))?.targetUnitId ?? null;
}

/** The inspected unit of a finding (for permission checks), or null. */
export async function findingUnitId(findingId: string): Promise<string | null> {
  const prisma = await db();
  return (await prisma.inspectionFinding.findUnique({ where: { id: findingId }, select: { inspection: { select: { targetUnitId: true } } } }))
    ?.inspection.targetUnitId ?? null;
}

/**
 * The areas (top-level criteria) of the criterion set a unit is assessed with in `year`: the cycle's set for
 * the unit's group, else the group's set in force that year; null when neither exists.
 */
export async function unitAreas(unitId: string, year: number, tx?: Tx): Promise<AreaRef[] | null> {
  const prisma = tx ?? (await db());
  const unit = await prisma.unit.findUnique({ where: { id: unitId }, select: { groupId: true } });
  if (!unit?.groupId) return null;
  const inCycle = await prisma.cycleFramework.findFirst({ where: { groupId: unit.groupId, cycle: { year } }, select: { frameworkId: true } });
  const frameworkId = inCycle?.frameworkId ?? (await prisma.framework.findFirst({
    where: { groupId: unit.groupId, fromYear: { lte: year }, OR: [{ toYear: null }, { toYear: { gte: year } }] },
    orderBy: { fromYear: "desc" }, select: { id: true },
  }))?.id;
  if (!frameworkId) return null;
  const nodes = await prisma.criterionNode.findMany({ where: { frameworkId, parentId: null }, select: { code: true, titleVi: true, titleEn: true } });
  return nodes.length ? nodes.sort((a, b) => compareAreaCodes(a.code, b.code)) : null;
}

/** One inspection with its findings, remediation reports and files; null when it does not exist or `actor` may not see it. */
export async function inspectionDetail(id: string, actor: InspectionActor, now = new Date()): Promise<InspectionDetail | null> {
  const prisma = await db();
  const i = await prisma.inspection.findUnique({
    where: { id },
    include: { targetUnit: { select: unitSelect },
      findings: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], include: { remediations: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] } } } },
  });
  if (!i || !can(actor, "inspection.read", { unitId: i.targetUnitId })) return null;
  const areas = await unitAreas(i.targetUnitId, i.year);
  const reports = i.findings.flatMap((f) => f.remediations);
  const files = await attachmentsByOwner("remediation", reports.map((r) => r.id));
  const userIds = [...new Set([...reports.map((r) => r.createdById), ...i.findings.map((f) => f.closedById)].filter((u): u is string => !!u))];
  const names = new Map((await prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  const findings: FindingItem[] = [...i.findings].sort((a, b) => compareAreaCodes(a.areaCode, b.areaCode)).map((f) => ({
    id: f.id, areaCode: f.areaCode, area: areas?.find((a) => a.code === f.areaCode) ?? null, limitation: f.limitation, severity: f.severity,
    recommendation: f.recommendation, dueAt: f.dueAt, status: f.status, flags: findingFlags(f, now), closedAt: f.closedAt,
    closedBy: f.closedById ? (names.get(f.closedById) ?? null) : null, closingNote: f.closingNote,
    sentBack: f.status === "OPEN" && f.closingNote !== null,
    remediations: f.remediations.map((r) => ({ id: r.id, report: r.report, createdAt: r.createdAt,
      createdBy: r.createdById ? (names.get(r.createdById) ?? null) : null, files: files.get(r.id) ?? [] })),
  }));
  return { id: i.id, year: i.year, decisionNumber: i.decisionNumber, decisionDate: i.decisionDate, targetUnit: i.targetUnit, startsAt: i.startsAt,
    endsAt: i.endsAt, status: i.status, team: i.team, members: teamMembers(i.team), conclusion: i.conclusion,
    progress: inspectionProgress(i.findings, now), findings, areas };
}

/** Units that can be inspected in `year`: those of a unit group active that year, by group then name. */
export async function inspectableUnits(year: number): Promise<(UnitRef & { group: string })[]> {
  const prisma = await db();
  const units = await prisma.unit.findMany({
    where: { groupId: { not: null }, activeFrom: { lte: year }, OR: [{ activeTo: null }, { activeTo: { gte: year } }] },
    select: { ...unitSelect, group: { select: { code: true } } },
  });
  return units.map((u) => ({ id: u.id, code: u.code, nameVi: u.nameVi, nameEn: u.nameEn, group: u.group!.code }))
    .sort((a, b) => a.group.localeCompare(b.group) || a.nameVi.localeCompare(b.nameVi, "vi"));
}

// ---- Changes -----------------------------------------------------------------------------------------


const link = (inspectionId: string, findingId?: string) => `/inspections/${inspectionId}${findingId ? `#finding-${findingId}` : ""}`;

async function unitStaff(tx: Tx, unitId: string): Promise<string[]> {
  return recipients(tx, { roles: ["UNIT_STAFF"], unitIds: [unitId] });
}

function checkDates(input: CreateInspectionInput): { decisionDate: Date; startsAt: Date; endsAt: Date } {
  const dates = { decisionDate: calendarDay(input.decisionDate), startsAt: calendarDay(input.startsAt), endsAt: calendarDay(input.endsAt) };
  const issues = inspectionDateIssues(dates);
  if (issues.length) {
    throw new ProblemsError("inspections.errors.dates", issues.map((key) => ({ code: key === "endBeforeStart" ? "endsAt" : "decisionDate", key: `inspections.errors.${key}` })));
  }
  return dates;
}

async function checkUnit(tx: Tx, unitId: string, year: number): Promise<UnitRef> {
  const unit = await tx.unit.findFirst({
    where: { id: unitId, groupId: { not: null }, activeFrom: { lte: year }, OR: [{ activeTo: null }, { activeTo: { gte: year } }] }, select: unitSelect });
  if (!unit) throw new UserError("inspections.errors.unit", { year });
  return unit;
}

function snapshot(i: { decisionNumber: string; decisionDate: Date; team: string; targetUnitId: string; startsAt: Date; endsAt: Date; year: number }) {
  return { year: i.year, decisionNumber: i.decisionNumber, decisionDate: i.decisionDate.toISOString(), team: i.team, targetUnitId: i.targetUnitId,
    startsAt: i.startsAt.toISOString(), endsAt: i.endsAt.toISOString() };
}

/** A new inspection of the year's plan (PLANNED). */
export async function createInspection(input: CreateInspectionInput, actorId: string): Promise<{ id: string }> {
  const dates = checkDates(input);
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    await checkUnit(tx, input.targetUnitId, input.year);
    const created = await tx.inspection.create({ data: { year: input.year, decisionNumber: input.decisionNumber, team: input.team,
      targetUnitId: input.targetUnitId, ...dates, createdById: actorId } });
    await recordAudit(tx, { actorId, action: "inspection.create", entityType: "Inspection", entityId: created.id, after: snapshot(created) });
    return { id: created.id };
  });
}

/** Edits an inspection's decision, team, unit and dates; not once it is closed, and not to another unit once it has findings. */
export async function updateInspection(input: UpdateInspectionInput, actorId: string): Promise<{ id: string }> {
  const dates = checkDates(input);
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const before = await tx.inspection.findUnique({ where: { id: input.id }, include: { _count: { select: { findings: true } } } });
    if (!before) throw new UserError("inspections.errors.notFound");
    if (before.status === "CLOSED") throw new UserError("inspections.errors.inspectionClosed");
    if (before.targetUnitId !== input.targetUnitId && before._count.findings > 0) throw new UserError("inspections.errors.unitHasFindings");
    await checkUnit(tx, input.targetUnitId, input.year);
    const after = await tx.inspection.update({ where: { id: input.id }, data: { year: input.year, decisionNumber: input.decisionNumber, team: input.team,
      targetUnitId: input.targetUnitId, ...dates } });
    await recordAudit(tx, { actorId, action: "inspection.update", entityType: "Inspection", entityId: input.id, before: snapshot(before), after: snapshot(after) });
    return { id: input.id };
  });
}

/** Sets an inspection's status and conclusion; it is closed only when every finding is. */
export async function setInspectionConclusion(input: InspectionConclusionInput, actorId: string): Promise<{ id: string }> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const before = await tx.inspection.findUnique({ where: { id: input.id }, include: { findings: { select: { status: true } } } });
    if (!before) throw new UserError("inspections.errors.notFound");
    const refusal = inspectionStatusRefusal(input.status, before.findings);
    if (refusal) throw new UserError(`inspections.errors.${refusal}`);
    const conclusion = input.conclusion === "" ? null : input.conclusion;
    await tx.inspection.update({ where: { id: input.id }, data: { status: input.status, conclusion } });
    await recordAudit(tx, { actorId, action: "inspection.conclude", entityType: "Inspection", entityId: input.id,
      before: { status: before.status, conclusion: before.conclusion }, after: { status: input.status, conclusion } });
    return { id: input.id };
  });
}

async function checkArea(tx: Tx, unitId: string, year: number, areaCode: string): Promise<void> {
  const areas = await unitAreas(unitId, year, tx);
  if (areas && !areas.some((a) => a.code === areaCode)) {
    throw new UserError("inspections.errors.areaNotInFramework", { code: areaCode, codes: areas.map((a) => a.code).join(", ") });
  }
}

function findingSnapshot(f: { areaCode: string; limitation: string; severity: string; recommendation: string; dueAt: Date }) {
  return { areaCode: f.areaCode, limitation: f.limitation, severity: f.severity, recommendation: f.recommendation, dueAt: f.dueAt.toISOString() };
}

/** Adds a finding to an inspection that is not closed; the inspected unit's staff are notified. */
export async function addFinding(input: AddFindingInput, actorId: string): Promise<{ id: string }> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const inspection = await tx.inspection.findUnique({ where: { id: input.inspectionId }, include: { targetUnit: { select: unitSelect } } });
    if (!inspection) throw new UserError("inspections.errors.notFound");
    if (inspection.status === "CLOSED") throw new UserError("inspections.errors.inspectionClosed");
    await checkArea(tx, inspection.targetUnitId, inspection.year, input.areaCode);
    const f = await tx.inspectionFinding.create({ data: { inspectionId: inspection.id, areaCode: input.areaCode, limitation: input.limitation,
      severity: input.severity, recommendation: input.recommendation, dueAt: deadline(input.dueAt) } });
    await notify(tx, await unitStaff(tx, inspection.targetUnitId), { kind: "findingAdded",
      params: { decision: inspection.decisionNumber, code: f.areaCode, due: f.dueAt.toISOString() }, link: link(inspection.id, f.id) });
    await recordAudit(tx, { actorId, action: "inspection.finding.add", entityType: "InspectionFinding", entityId: f.id,
      after: { inspectionId: inspection.id, ...findingSnapshot(f) } });
    return { id: f.id };
  });
}

/** Edits a finding that is not closed. */
export async function updateFinding(input: UpdateFindingInput, actorId: string): Promise<{ id: string }> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const before = await tx.inspectionFinding.findUnique({ where: { id: input.id }, include: { inspection: true } });
    if (!before) throw new UserError("inspections.errors.notFound");
    if (before.status === "CLOSED") throw new UserError("inspections.errors.closed");
    await checkArea(tx, before.inspection.targetUnitId, before.inspection.year, input.areaCode);
    const after = await tx.inspectionFinding.update({ where: { id: input.id }, data: { areaCode: input.areaCode, limitation: input.limitation,
      severity: input.severity, recommendation: input.recommendation, dueAt: deadline(input.dueAt) } });
    await recordAudit(tx, { actorId, action: "inspection.finding.update", entityType: "InspectionFinding", entityId: input.id,
      before: findingSnapshot(before), after: findingSnapshot(after) });
    return { id: input.id };
  });
}

/**
 * The inspected unit's remediation report on a finding that is not closed (its files are uploaded after,
 * to /api/v1/attachments?owner=remediation&id=…). Only staff of the inspected unit; the finding becomes
 * REMEDIATION_REPORTED and the secretariat is notified.
 */
export async function reportRemediation(input: RemediationInput, actor: { id: string; unitId: string | null }): Promise<{ id: string }> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const f = await tx.inspectionFinding.findUnique({ where: { id: input.findingId }, include: { inspection: { include: { targetUnit: { select: unitSelect } } } } });
    // Another unit's finding is not theirs to see: the same answer as a missing one.
    if (!f || f.inspection.targetUnitId !== actor.unitId) throw new UserError("inspections.errors.notFound");
    const next = findingTransition(f.status, { kind: "report" });
    if (!next.ok) throw new UserError(next.key);
    const report = await tx.remediationReport.create({ data: { findingId: f.id, report: input.report, createdById: actor.id } });
    await tx.inspectionFinding.update({ where: { id: f.id }, data: { status: next.status } });
    const unit = f.inspection.targetUnit;
    await notify(tx, await recipients(tx, { roles: ["SECRETARIAT"] }), { kind: "findingRemediationReported",
      params: { unit: unit.nameVi, unitEn: unit.nameEn, decision: f.inspection.decisionNumber, code: f.areaCode }, link: link(f.inspectionId, f.id) });
    await recordAudit(tx, { actorId: actor.id, action: "inspection.remediate", entityType: "InspectionFinding", entityId: f.id,
      before: { status: f.status }, after: { status: next.status, reportId: report.id, report: input.report } });
    return { id: report.id };
  });
}

/** The secretariat closes a reported finding (with an optional note) or sends it back to OPEN with a note; the unit is notified. */
export async function decideFinding(input: DecideFindingInput, actorId: string, now = new Date()): Promise<{ status: FindingStatus }> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const f = await tx.inspectionFinding.findUnique({ where: { id: input.findingId }, include: { inspection: true } });
    if (!f) throw new UserError("inspections.errors.notFound");
    const next = findingTransition(f.status, input.decision === "close" ? { kind: "close" } : { kind: "sendBack", note: input.note });
    if (!next.ok) throw new UserError(next.key);
    const note = input.note === "" ? null : input.note;
    const closed = next.status === "CLOSED";
    await tx.inspectionFinding.update({ where: { id: f.id }, data: { status: next.status, closingNote: note,
      closedAt: closed ? now : null, closedById: closed ? actorId : null } });
    await notify(tx, await unitStaff(tx, f.inspection.targetUnitId), { kind: closed ? "findingClosed" : "findingSentBack",
      params: { decision: f.inspection.decisionNumber, code: f.areaCode, note: note ?? "" }, link: link(f.inspectionId, f.id) });
    await recordAudit(tx, { actorId, action: closed ? "inspection.finding.close" : "inspection.finding.sendBack", entityType: "InspectionFinding",
      entityId: f.id, before: { status: f.status, closingNote: f.closingNote }, after: { status: next.status, closingNote: note } });
    return { status: next.status };
  });
}

/**
 * Remediation reminders to the inspected units' staff: each OPEN finding due within seven days or overdue,
 * at most once per finding per week (Vietnam ISO week: the `dedupeKey`). Run daily with the other reminders.
 */
export async function remindFindings(now = new Date()): Promise<{ created: number }> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const horizon = new Date(now.getTime() + 7 * 86_400_000);
    const open = await tx.inspectionFinding.findMany({
      where: { status: "OPEN", dueAt: { lte: horizon } },
      select: { id: true, status: true, dueAt: true, areaCode: true, inspection: { select: { id: true, decisionNumber: true, targetUnitId: true } } },
    });
    const due = open.filter((f) => needsRemediationReminder(f, now));
    if (due.length === 0) return { created: 0 };
    const staff = await tx.user.findMany({ where: { active: true, role: "UNIT_STAFF", unitId: { in: [...new Set(due.map((f) => f.inspection.targetUnitId))] } },
      select: { id: true, unitId: true } });
    const week = vietnamWeek(now);
    let created = 0;
    for (const f of due) {
      created += await notify(tx, staff.filter((u) => u.unitId === f.inspection.targetUnitId).map((u) => u.id), { kind: "findingDue",
        params: { decision: f.inspection.decisionNumber, code: f.areaCode, due: f.dueAt.toISOString(), state: f.dueAt.getTime() < now.getTime() ? "overdue" : "soon" },
        link: link(f.inspection.id, f.id), dedupeKey: `finding:due:${f.id}:${week}` });
    }
    if (created > 0) {
      await recordAudit(tx, { actorId: null, action: "notification.remindFindings", entityType: "System", entityId: "inspections",
        after: { created, week, at: now.toISOString() } });
    }
    return { created };
  });
}
