import "server-only";
import { costlyCriteria } from "@/lib/domain/analytics";
import { compareCodes } from "@/lib/domain/framework-diff";
import { vietnamTime } from "@/lib/domain/phases";
import {
  defaultPeriod, mergeCostly, progressIssues, reminderKey, taskFlags, tasksFromLostPoints, type ProposedTask, type TaskFlags, type TaskStatus,
} from "@/lib/domain/plans";
import { centiToDecimalString, toCenti, type Centi } from "@/lib/domain/points";
import type { GenerateInput, PlanFilter, ProgressInput, TaskCancelInput, TaskCreateInput, TaskEditInput } from "@/lib/schemas/plans";
import { db, type Tx } from "@/lib/server/db/client";
import { attachmentsByOwner, type AttachmentItem } from "./attachments";
import { recordAudit } from "./audit";
import { cycleRanking } from "./dashboards";
import { UserError } from "./errors";
import { notify, recipients, type NotificationKind } from "./notifications";
import { frameworkCriteria, groupFramework } from "./overview";

/*
 * The yearly improvement plan: tasks on criteria, each with a lead unit and coordinating units, a
 * deliverable, dates and the lead unit's progress reports. Unit staff see the tasks their unit leads
 * or coordinates (`viewer.unitId`); only the lead unit (or the secretariat) reports progress. Every
 * change is one transaction with one audit row; the people concerned are notified in it.
 */

/** Notification kinds of the plan (catalogue `notifications.kinds.<kind>`). */
const KIND = { assigned: "taskAssigned", updated: "taskUpdated", cancelled: "taskCancelled", reminder: "taskReminder" } as const satisfies Record<string, NotificationKind>;

export type UnitRef = { id: string; code: string; nameVi: string; nameEn: string };

export type PlanTask = {
  id: string;
  year: number;
  criterionCode: string;
  criterionVi: string | null;
  criterionEn: string | null;
  title: string;
  deliverable: string;
  lead: UnitRef;
  coordinating: UnitRef[];
  startsAt: Date;
  dueAt: Date;
  progress: number;
  status: TaskStatus;
  lostPoints: Centi | null;
  flags: TaskFlags;
  updatedAt: Date;
};

/** Who is looking: `unitId` set = unit staff, limited to the tasks that unit leads or coordinates. */
export type PlanViewer = { unitId: string | null };

const UNIT = { select: { id: true, code: true, nameVi: true, nameEn: true } } as const;
const TASK_INCLUDE = { leadUnit: UNIT, coordinating: { select: { unit: UNIT } } } as const;

const visibleTo = (viewer: PlanViewer) => viewer.unitId === null ? {}
  : { OR: [{ leadUnitId: viewer.unitId }, { coordinating: { some: { unitId: viewer.unitId } } }] };

type TaskRow = {
  id: string; year: number; criterionCode: string; title: string; deliverable: string; leadUnit: UnitRef;
  coordinating: { unit: UnitRef }[]; startsAt: Date; dueAt: Date; progress: number; status: TaskStatus;
  lostPoints: { toString(): string } | null; updatedAt: Date;
};

function toTask(r: TaskRow, titles: Map<string, { titleVi: string; titleEn: string }>, now: Date): PlanTask {
  return {
    id: r.id, year: r.year, criterionCode: r.criterionCode, criterionVi: titles.get(r.criterionCode)?.titleVi ?? null,
    criterionEn: titles.get(r.criterionCode)?.titleEn ?? null, title: r.title, deliverable: r.deliverable, lead: r.leadUnit,
    coordinating: r.coordinating.map((c) => c.unit).sort((a, b) => a.code.localeCompare(b.code)),
    startsAt: r.startsAt, dueAt: r.dueAt, progress: r.progress, status: r.status,
    lostPoints: r.lostPoints === null ? null : toCenti(r.lostPoints), flags: taskFlags(r, now), updatedAt: r.updatedAt,
  };
}

/** Years that have a cycle or a task, newest first. */
export async function planYears(): Promise<number[]> {
  const prisma = await db();
  const [cycles, tasks] = await Promise.all([
    prisma.cycle.findMany({ select: { year: true } }),
    prisma.improvementTask.findMany({ distinct: ["year"], select: { year: true } }),
  ]);
  return [...new Set([...cycles, ...tasks].map((x) => x.year))].sort((a, b) => b - a);
}

export type PlanCounts = { total: number; done: number; atRisk: number; overdue: number; cancelled: number };

export type PlanList = { rows: PlanTask[]; counts: PlanCounts; leads: UnitRef[] };

/**
 * The year's tasks the viewer may see, filtered (status, flag, lead unit code, criterion code or area
 * prefix, text in the title, deliverable or code), in criterion order. `counts` are over the viewer's
 * tasks of the year before filtering; `leads` lists their lead units (for the filter).
 */
export async function listTasks(year: number, filter: PlanFilter, viewer: PlanViewer, now = new Date()): Promise<PlanList> {
  const prisma = await db();
  const [rows, titles] = await Promise.all([
    prisma.improvementTask.findMany({ where: { year, ...visibleTo(viewer) }, include: TASK_INCLUDE }),
    planCriteria(year),
  ]);
  const all = rows.map((r) => toTask(r, titles, now))
    .sort((a, b) => compareCodes(a.criterionCode, b.criterionCode) || a.title.localeCompare(b.title, "vi"));
  const q = filter.q?.toLocaleLowerCase("vi");
  const shown = all.filter((t) => (!filter.status || t.status === filter.status)
    && (!filter.flag || t.flags.flag === filter.flag)
    && (!filter.lead || t.lead.code === filter.lead)
    && (!filter.code || t.criterionCode === filter.code || t.criterionCode.startsWith(`${filter.code}.`))
    && (!q || [t.title, t.deliverable, t.criterionCode, t.criterionVi ?? "", t.criterionEn ?? ""].some((s) => s.toLocaleLowerCase("vi").includes(q))));
  const leads = [...new Map(all.map((t) => [t.lead.id, t.lead])).values()].sort((a, b) => a.nameVi.localeCompare(b.nameVi, "vi"));
  return {
    rows: shown,
    counts: {
      total: all.length,
      done: all.filter((t) => t.status === "DONE").length,
      atRisk: all.filter((t) => t.flags.atRisk).length,
      overdue: all.filter((t) => t.flags.overdue).length,
      cancelled: all.filter((t) => t.status === "CANCELLED").length,
    },
    leads,
  };
}

export type TaskUpdateItem = {
  id: string; progress: number; status: TaskStatus; note: string; createdAt: Date;
  by: { name: string; unitCode: string | null } | null; files: AttachmentItem[];
};

export type TaskDetail = PlanTask & { updates: TaskUpdateItem[]; createdAt: Date };

/** A task with its reports (newest first) and their files; null when it does not exist or the viewer may not see it. */
export async function taskDetail(id: string, viewer: PlanViewer, now = new Date()): Promise<TaskDetail | null> {
  const prisma = await db();
  const r = await prisma.improvementTask.findFirst({
    where: { id, ...visibleTo(viewer) },
    include: { ...TASK_INCLUDE, updates: { orderBy: [{ createdAt: "desc" }, { id: "desc" }] } },
  });
  if (!r) return null;
  const [titles, files, authors] = await Promise.all([
    planCriteria(r.year),
    attachmentsByOwner("taskUpdate", r.updates.map((u) => u.id)),
    prisma.user.findMany({ where: { id: { in: r.updates.flatMap((u) => (u.createdById ? [u.createdById] : [])) } },
      select: { id: true, name: true, unit: { select: { code: true } } } }),
  ]);
  const by = new Map(authors.map((a) => [a.id, { name: a.name, unitCode: a.unit?.code ?? null }]));
  return {
    ...toTask(r, titles, now),
    createdAt: r.createdAt,
    updates: r.updates.map((u) => ({ id: u.id, progress: u.progress, status: u.status, note: u.note, createdAt: u.createdAt,
      by: (u.createdById && by.get(u.createdById)) || null, files: files.get(u.id) ?? [] })),
  };
}

/** The lead unit of a task (the permission target of a progress report); null when there is no such task. */
export async function taskLeadUnit(id: string): Promise<string | null> {
  const prisma = await db();
  return (await prisma.improvementTask.findUnique({ where: { id }, select: { leadUnitId: true } }))?.leadUnitId ?? null;
}

/** Units a task can be given to (lead or coordinating): active departments, then communes, by name. */
export async function planUnits(): Promise<(UnitRef & { kind: string })[]> {
  const prisma = await db();
  const units = await prisma.unit.findMany({ where: { activeTo: null, kind: { in: ["DEPARTMENT", "COMMUNE", "DISTRICT"] } },
    select: { ...UNIT.select, kind: true } });
  const order = (k: string) => (k === "DEPARTMENT" ? 0 : 1);
  return units.sort((a, b) => order(a.kind) - order(b.kind) || a.nameVi.localeCompare(b.nameVi, "vi"));
}

type Titles = Map<string, { titleVi: string; titleEn: string; depth: number }>;

/**
 * Criterion codes of a year's criterion sets with a title. A code in several sets (departments and
 * communes) takes the title of the set whose unit group comes first by code (SBN before XA), so a
 * page always shows the same one.
 */
async function yearCriteria(year: number): Promise<Titles> {
  const prisma = await db();
  const nodes = await prisma.criterionNode.findMany({ where: { framework: { cycles: { some: { cycle: { year } } } } },
    select: { code: true, titleVi: true, titleEn: true, framework: { select: { group: { select: { code: true } } } } } });
  nodes.sort((a, b) => a.framework.group.code.localeCompare(b.framework.group.code) || compareCodes(a.code, b.code));
  const out: Titles = new Map();
  for (const n of nodes) if (!out.has(n.code)) out.set(n.code, { titleVi: n.titleVi, titleEn: n.titleEn, depth: n.code.split(".").length });
  return new Map([...out].sort(([a], [b]) => compareCodes(a, b)));
}

/** The criteria a task of `year` can target: codes of that year's criterion sets (or the newest earlier year's when it has none). */
export async function planCriteria(year: number): Promise<Titles> {
  const own = await yearCriteria(year);
  if (own.size > 0) return own;
  const prisma = await db();
  const latest = await prisma.cycle.findFirst({ where: { year: { lt: year } }, orderBy: { year: "desc" }, select: { year: true } });
  return latest ? yearCriteria(latest.year) : own;
}

// ---- Changes ------------------------------------------------------------------------------------------

const startOf = (d: string) => { const [y, m, day] = d.split("-").map(Number) as [number, number, number]; return vietnamTime(y, m, day, 0, 0); };
const endOf = (d: string) => { const [y, m, day] = d.split("-").map(Number) as [number, number, number]; return vietnamTime(y, m, day, 17, 0); };

async function checkUnits(tx: Tx, leadUnitId: string, coordinating: readonly string[]): Promise<UnitRef> {
  const units = await tx.unit.findMany({ where: { id: { in: [leadUnitId, ...coordinating] }, activeTo: null }, select: UNIT.select });
  const lead = units.find((u) => u.id === leadUnitId);
  if (!lead) throw new UserError("plans.errors.leadUnit");
  if (units.length !== new Set([leadUnitId, ...coordinating]).size) throw new UserError("plans.errors.coordinatingUnknown");
  return lead;
}

async function checkCriterion(year: number, code: string): Promise<void> {
  const criteria = await planCriteria(year);
  if (criteria.size > 0 && !criteria.has(code)) throw new UserError("plans.errors.unknownCriterion", { code, year });
}

async function staffOf(tx: Tx, unitId: string): Promise<string[]> {
  return recipients(tx, { roles: ["UNIT_STAFF"], unitIds: [unitId] });
}

async function announceAssignment(tx: Tx, task: { id: string; year: number; criterionCode: string; title: string; dueAt: Date; leadUnitId: string }): Promise<void> {
  await notify(tx, await staffOf(tx, task.leadUnitId), { kind: KIND.assigned,
    params: { code: task.criterionCode, title: task.title, year: String(task.year), due: task.dueAt.toISOString() }, link: `/plans/${task.id}` });
}

export async function createTask(input: TaskCreateInput, actorId: string): Promise<{ id: string }> {
  await checkCriterion(input.year, input.criterionCode);
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    await checkUnits(tx, input.leadUnitId, input.coordinatingUnitIds);
    const task = await tx.improvementTask.create({ data: {
      year: input.year, criterionCode: input.criterionCode, title: input.title, deliverable: input.deliverable, leadUnitId: input.leadUnitId,
      startsAt: startOf(input.startsAt), dueAt: endOf(input.dueAt), createdById: actorId,
      coordinating: { create: input.coordinatingUnitIds.map((unitId) => ({ unitId })) },
    } });
    await recordAudit(tx, { actorId, action: "plan.create", entityType: "ImprovementTask", entityId: task.id, after: { ...input } });
    await announceAssignment(tx, task);
    return { id: task.id };
  });
}

export async function editTask(input: TaskEditInput, actorId: string): Promise<{ id: string }> {
  const prisma = await db();
  const current = await prisma.improvementTask.findUnique({ where: { id: input.id }, select: { year: true } });
  if (!current) throw new UserError("plans.errors.notFound");
  await checkCriterion(current.year, input.criterionCode);
  return prisma.$transaction(async (tx) => {
    const before = await tx.improvementTask.findUnique({ where: { id: input.id }, include: { coordinating: { select: { unitId: true } } } });
    if (!before) throw new UserError("plans.errors.notFound");
    if (before.status === "CANCELLED") throw new UserError("plans.errors.cancelled");
    await checkUnits(tx, input.leadUnitId, input.coordinatingUnitIds);
    await tx.improvementTaskUnit.deleteMany({ where: { taskId: input.id } });
    const task = await tx.improvementTask.update({ where: { id: input.id }, data: {
      criterionCode: input.criterionCode, title: input.title, deliverable: input.deliverable, leadUnitId: input.leadUnitId,
      startsAt: startOf(input.startsAt), dueAt: endOf(input.dueAt),
      coordinating: { create: input.coordinatingUnitIds.map((unitId) => ({ unitId })) },
    } });
    await recordAudit(tx, { actorId, action: "plan.edit", entityType: "ImprovementTask", entityId: task.id,
      before: { criterionCode: before.criterionCode, title: before.title, deliverable: before.deliverable, leadUnitId: before.leadUnitId,
        coordinatingUnitIds: before.coordinating.map((c) => c.unitId), startsAt: before.startsAt.toISOString(), dueAt: before.dueAt.toISOString() },
      after: { ...input } });
    if (before.leadUnitId !== task.leadUnitId) await announceAssignment(tx, task);
    return { id: task.id };
  });
}

export async function cancelTask(input: TaskCancelInput, actorId: string): Promise<void> {
  const prisma = await db();
  await prisma.$transaction(async (tx) => {
    const task = await tx.improvementTask.findUnique({ where: { id: input.id } });
    if (!task) throw new UserError("plans.errors.notFound");
    if (task.status === "CANCELLED") throw new UserError("plans.errors.cancelled");
    await tx.improvementTask.update({ where: { id: task.id }, data: { status: "CANCELLED" } });
    await recordAudit(tx, { actorId, action: "plan.cancel", entityType: "ImprovementTask", entityId: task.id,
      before: { status: task.status }, after: { status: "CANCELLED", reason: input.reason } });
    await notify(tx, await staffOf(tx, task.leadUnitId), { kind: KIND.cancelled,
      params: { code: task.criterionCode, title: task.title, reason: input.reason }, link: `/plans/${task.id}` });
  });
}

/**
 * A progress report of the lead unit (or the secretariat): checked against the task's state
 * (domain.progressIssues), stored with the task's new progress and status; the secretariat is told.
 * Returns the report's id (its files are uploaded to it next).
 */
export async function reportProgress(input: ProgressInput, actorId: string): Promise<{ updateId: string }> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const task = await tx.improvementTask.findUnique({ where: { id: input.id }, include: { leadUnit: UNIT } });
    if (!task) throw new UserError("plans.errors.notFound");
    const [issue] = progressIssues(task, input);
    if (issue) throw new UserError(issue, { progress: task.progress });
    const update = await tx.taskUpdate.create({ data: { taskId: task.id, progress: input.progress, status: input.status, note: input.note, createdById: actorId } });
    await tx.improvementTask.update({ where: { id: task.id }, data: { progress: input.progress, status: input.status } });
    await recordAudit(tx, { actorId, action: "plan.progress", entityType: "ImprovementTask", entityId: task.id,
      before: { progress: task.progress, status: task.status }, after: { progress: input.progress, status: input.status, note: input.note, updateId: update.id } });
    const secretariat = (await recipients(tx, { roles: ["SECRETARIAT"] })).filter((u) => u !== actorId);
    await notify(tx, secretariat, { kind: KIND.updated, link: `/plans/${task.id}`,
      params: { code: task.criterionCode, title: task.title, unit: task.leadUnit.nameVi, unitEn: task.leadUnit.nameEn, progress: input.progress, status: input.status } });
    return { updateId: update.id };
  });
}

// ---- Tasks from last year's lost points ----------------------------------------------------------------

export type Proposal = ProposedTask & {
  titleVi: string; titleEn: string; leadUnit: UnitRef; coordinatingUnits: UnitRef[];
};

export type Proposals = { year: number; from: number; published: boolean; proposals: Proposal[] };

/**
 * Tasks proposed for plan `year` from the criteria where the province lost the most points in the
 * published year before (all unit groups, summed per criterion code), led by the department that
 * appraised each criterion that year; criteria nobody appraises (survey-scored) go to `fallbackUnitId`
 * (the secretariat's own department). Criteria with a task that year (not cancelled) are left out.
 * Default period: domain.defaultPeriod (never a deadline already past at `now`).
 */
export async function proposeFromLostPoints(year: number, fallbackUnitId: string | null, { top = 10, now = new Date() } = {}): Promise<Proposals> {
  const from = year - 1;
  const ranking = await cycleRanking(from);
  if (!ranking) return { year, from, published: false, proposals: [] };
  const prisma = await db();
  const [assignments, existing, fallback] = await Promise.all([
    prisma.appraisalAssignment.findMany({ where: { cycleId: ranking.cycleId, unitId: { not: null } }, select: { criterionCode: true, unit: UNIT } }),
    prisma.improvementTask.findMany({ where: { year, status: { not: "CANCELLED" } }, select: { criterionCode: true } }),
    fallbackUnitId ? prisma.unit.findUnique({ where: { id: fallbackUnitId }, select: UNIT.select }) : Promise.resolve(null),
  ]);
  const lists: ReturnType<typeof costlyCriteria>[] = [];
  const titles = new Map<string, { titleVi: string; titleEn: string }>();
  for (const g of ranking.groups) {
    const framework = await groupFramework(ranking.cycleId, g.code);
    const criteria = framework ? await frameworkCriteria(framework.id) : new Map();
    for (const [code, c] of criteria) if (!titles.has(code)) titles.set(code, c);
    const leaves = [...criteria.values()].filter((c) => c.isLeaf).map((c) => c.code);
    lists.push(costlyCriteria(ranking.rows.filter((r) => r.group === g.code).map((r) => r.nodes), leaves.length > 0 ? leaves : undefined));
  }
  const units = new Map<string, UnitRef>(assignments.flatMap((a) => (a.unit ? [[a.unit.code, a.unit] as const] : [])));
  if (fallback) units.set(fallback.code, fallback);
  const proposed = tasksFromLostPoints(mergeCostly(lists), assignments.flatMap((a) => (a.unit ? [{ criterionCode: a.criterionCode, unit: a.unit.code }] : [])),
    year, new Set(existing.map((e) => e.criterionCode)), { top, fallbackLead: fallback?.code ?? null, ...defaultPeriod(year, now) });
  return {
    year, from, published: true,
    proposals: proposed.map((p) => ({ ...p, titleVi: titles.get(p.criterionCode)?.titleVi ?? "", titleEn: titles.get(p.criterionCode)?.titleEn ?? "",
      leadUnit: units.get(p.lead)!, coordinatingUnits: p.coordinating.map((c) => units.get(c)!) })),
  };
}

/** Default task text of a proposal (Vietnamese: the plan is an official Vietnamese document). */
const proposalTitle = (p: Proposal) => `Khắc phục, nâng cao điểm tiêu chí ${p.criterionCode}${p.titleVi ? `: ${p.titleVi}` : ""}`.slice(0, 300);
const PROPOSAL_DELIVERABLE = "Kế hoạch, văn bản triển khai và báo cáo kết quả khắc phục, kèm tài liệu kiểm chứng";

/**
 * Creates the chosen proposals (criterion codes) of plan `year` in one transaction with one audit row;
 * proposals are recomputed here, so the lead, the dates and the lost points are the server's. Codes no
 * longer proposed (a task exists meanwhile) are skipped: running it twice creates nothing more.
 */
export async function generateTasks(input: GenerateInput, actor: { id: string; unitId: string | null }, now = new Date()): Promise<{ created: number; skipped: string[] }> {
  const { proposals, from, published } = await proposeFromLostPoints(input.year, actor.unitId, { top: 50, now });
  if (!published) throw new UserError("plans.errors.noResults", { year: input.year - 1 });
  const chosen = proposals.filter((p) => input.codes.includes(p.criterionCode));
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const existing = new Set((await tx.improvementTask.findMany({ where: { year: input.year, status: { not: "CANCELLED" } }, select: { criterionCode: true } }))
      .map((t) => t.criterionCode));
    const todo = chosen.filter((p) => !existing.has(p.criterionCode));
    const created: { id: string; code: string; lead: string }[] = [];
    for (const p of todo) {
      const task = await tx.improvementTask.create({ data: {
        year: input.year, criterionCode: p.criterionCode, title: proposalTitle(p), deliverable: PROPOSAL_DELIVERABLE, leadUnitId: p.leadUnit.id,
        startsAt: p.startsAt, dueAt: p.dueAt, lostPoints: centiToDecimalString(p.lost), createdById: actor.id,
        coordinating: { create: p.coordinatingUnits.map((u) => ({ unitId: u.id })) },
      } });
      created.push({ id: task.id, code: p.criterionCode, lead: p.leadUnit.code });
      await announceAssignment(tx, task);
    }
    const skipped = input.codes.filter((c) => !created.some((x) => x.code === c));
    if (created.length > 0) {
      await recordAudit(tx, { actorId: actor.id, action: "plan.generate", entityType: "ImprovementPlan", entityId: String(input.year),
        after: { from, created, skipped } });
    }
    return { created: created.length, skipped };
  });
}

// ---- Reminders ---------------------------------------------------------------------------------------------

/**
 * Reminds the lead unit's staff of each open task that is overdue or at risk at `now`: once per task,
 * state and week (the dedupe key, domain.reminderKey). One audit row when anything was stored. The
 * caller (the daily reminder run) delivers the e-mails afterwards.
 */
export async function remindTasks(now = new Date()): Promise<{ created: number }> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const tasks = await tx.improvementTask.findMany({ where: { status: { in: ["NOT_STARTED", "IN_PROGRESS"] }, startsAt: { lte: now } } });
    const late = tasks.flatMap((t) => {
      const f = taskFlags(t, now);
      return f.overdue || f.atRisk ? [{ task: t, flag: f.overdue ? "overdue" as const : "atRisk" as const, flags: f }] : [];
    });
    if (late.length === 0) return { created: 0 };
    const staff = await tx.user.findMany({ where: { active: true, role: "UNIT_STAFF", unitId: { in: [...new Set(late.map((l) => l.task.leadUnitId))] } },
      select: { id: true, unitId: true } });
    let created = 0;
    for (const { task, flag, flags } of late) {
      created += await notify(tx, staff.filter((u) => u.unitId === task.leadUnitId).map((u) => u.id), {
        kind: KIND.reminder, link: `/plans/${task.id}`, dedupeKey: reminderKey(task.id, flag, now),
        params: { state: flag, code: task.criterionCode, title: task.title, due: task.dueAt.toISOString(), progress: task.progress, expected: flags.expected },
      });
    }
    if (created > 0) {
      await recordAudit(tx, { actorId: null, action: "plan.remind", entityType: "ImprovementPlan", entityId: "reminders",
        after: { created, at: now.toISOString() } });
    }
    return { created };
  });
}
