import { leadDepartments, type CostlyCriterion } from "./analytics";
import { compareCodes } from "./framework-diff";
import { daysUntil, vietnamTime } from "./phases";
import type { Centi } from "./points";

/*
 * The yearly improvement plan (kế hoạch khắc phục, nâng cao Chỉ số CCHC): a task's flags at a moment,
 * the rules a progress report must keep, and tasks proposed from last year's lost points. Pure.
 *
 * Flags (one per task, in this order):
 * - done / cancelled: a closed task is never late;
 * - overdue (quá hạn): past its deadline and not done;
 * - upcoming: before its start date (nothing is expected yet);
 * - atRisk (chậm tiến độ): the reported progress is more than AT_RISK_TOLERANCE points behind the share of
 *   [startsAt, dueAt] already elapsed (half the time gone, under 40 % done);
 * - onTrack otherwise.
 */

export const TASK_STATUSES = ["NOT_STARTED", "IN_PROGRESS", "DONE", "CANCELLED"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_FLAGS = ["done", "cancelled", "overdue", "upcoming", "atRisk", "onTrack"] as const;
export type TaskFlag = (typeof TASK_FLAGS)[number];

/** Points of progress a task may lag behind the elapsed share of its time before it is "at risk". */
export const AT_RISK_TOLERANCE = 10;

export type TaskTiming = { startsAt: Date; dueAt: Date; progress: number; status: TaskStatus };

export type TaskFlags = {
  flag: TaskFlag;
  overdue: boolean;
  atRisk: boolean;
  /** Share of [startsAt, dueAt] elapsed at `now`, 0–1 (0 before the start, 1 from the deadline on). */
  elapsed: number;
  /** The progress expected by now: the elapsed share in whole percent, rounded down. */
  expected: number;
  /** Vietnam calendar days to the deadline (0: today; negative: days overdue). */
  daysLeft: number;
};

/** The elapsed share of a task's time at `now`, clamped to 0–1 (a task starting and due at once: 0 before, 1 after). */
export function elapsedShare(startsAt: Date, dueAt: Date, now: Date): number {
  const span = dueAt.getTime() - startsAt.getTime();
  const gone = now.getTime() - startsAt.getTime();
  if (span <= 0) return gone < 0 ? 0 : 1;
  return Math.min(1, Math.max(0, gone / span));
}

export function taskFlags(task: TaskTiming, now: Date): TaskFlags {
  const elapsed = elapsedShare(task.startsAt, task.dueAt, now);
  const expected = Math.floor(elapsed * 100 + 1e-9);
  const daysLeft = daysUntil(task.dueAt, now);
  const base = { elapsed, expected, daysLeft, overdue: false, atRisk: false };
  if (task.status === "DONE") return { ...base, flag: "done" };
  if (task.status === "CANCELLED") return { ...base, flag: "cancelled" };
  if (now.getTime() > task.dueAt.getTime()) return { ...base, flag: "overdue", overdue: true };
  if (now.getTime() < task.startsAt.getTime()) return { ...base, flag: "upcoming" };
  if (task.progress < expected - AT_RISK_TOLERANCE) return { ...base, flag: "atRisk", atRisk: true };
  return { ...base, flag: "onTrack" };
}

// ---- Progress reports ---------------------------------------------------------------------------

export type ProgressReport = { progress: number; status: Exclude<TaskStatus, "CANCELLED"> };

/**
 * Why a progress report cannot be taken (message keys under `plans.errors`), empty when it can:
 * - a cancelled or done task takes no report (it is closed; the secretariat reopens nothing here);
 * - progress is a whole percent 0–100 and never goes down (reports are cumulative);
 * - DONE ⇔ 100 %; NOT_STARTED only at 0 %.
 */
export function progressIssues(task: { progress: number; status: TaskStatus }, report: ProgressReport): string[] {
  if (task.status === "CANCELLED") return ["plans.errors.cancelled"];
  if (task.status === "DONE") return ["plans.errors.closed"];
  const issues: string[] = [];
  if (!Number.isInteger(report.progress) || report.progress < 0 || report.progress > 100) issues.push("plans.errors.progressRange");
  if (report.progress < task.progress) issues.push("plans.errors.progressDown");
  if ((report.status === "DONE") !== (report.progress === 100)) issues.push("plans.errors.doneIs100");
  if (report.status === "NOT_STARTED" && report.progress > 0) issues.push("plans.errors.notStartedIs0");
  return issues;
}

// ---- Reminders -----------------------------------------------------------------------------------

/** The Vietnam-calendar week (Monday to Sunday) of `now`, as a number: the same for every moment of that week. */
export function vietnamWeek(now: Date): number {
  const day = Math.floor((now.getTime() + 7 * 3_600_000) / 86_400_000);
  // 1970-01-01 was a Thursday: +3 makes weeks start on Monday.
  return Math.floor((day + 3) / 7);
}

/** A reminder of a late task is stored once per task, state and week (the notification's dedupe key). */
export function reminderKey(taskId: string, flag: "overdue" | "atRisk", now: Date): string {
  return `task:${taskId}:${flag}:w${vietnamWeek(now)}`;
}

// ---- Tasks from lost points -------------------------------------------------------------------------

export type ProposedTask = {
  criterionCode: string;
  /** The lead department (unit code): the department assigned to appraise the criterion, else the fallback. */
  lead: string;
  /** Other assigned departments, coordinating. */
  coordinating: string[];
  lost: Centi;
  max: Centi;
  units: number;
  startsAt: Date;
  dueAt: Date;
};

export type ProposalDefaults = {
  /** How many of the costliest criteria to propose (default 10). */
  top?: number;
  /** Lead of a criterion no department is assigned to appraise (survey-scored criteria): e.g. the secretariat's department. */
  fallbackLead?: string | null;
  /** Start (default 1/1 of the plan year, 00:00) and deadline (default 30/9, 17:00), Vietnam time. */
  startsAt?: Date;
  dueAt?: Date;
};

/** The default start of a plan year's tasks: 00:00 on 1 January, Vietnam time. */
export const defaultStart = (year: number): Date => vietnamTime(year, 1, 1, 0, 0);
/** The default deadline of a plan year's tasks: 17:00 on 30 September, Vietnam time (before the next self-assessment). */
export const defaultDue = (year: number): Date => vietnamTime(year, 9, 30, 17, 0);

/** A task gets at least this many days by default. */
export const MIN_DEFAULT_DAYS = 30;

/**
 * The default period of a task created at `now` in plan `year`: from 1/1 (or today, when later) to
 * 30/9; when that leaves under MIN_DEFAULT_DAYS, to 31/12; failing that, MIN_DEFAULT_DAYS from the start.
 * A plan made late in its year never proposes a deadline already past.
 */
export function defaultPeriod(year: number, now: Date): { startsAt: Date; dueAt: Date } {
  const [y, m, d] = vietnamDate(now).split("-").map(Number) as [number, number, number];
  const first = defaultStart(year);
  const startsAt = now.getTime() > first.getTime() ? vietnamTime(y, m, d, 0, 0) : first;
  const enough = (due: Date) => due.getTime() - startsAt.getTime() >= MIN_DEFAULT_DAYS * 86_400_000;
  const yearEnd = vietnamTime(year, 12, 31, 17, 0);
  const dueAt = enough(defaultDue(year)) ? defaultDue(year) : enough(yearEnd) ? yearEnd
    : new Date(startsAt.getTime() + MIN_DEFAULT_DAYS * 86_400_000 + 17 * 3_600_000);
  return { startsAt, dueAt };
}

/**
 * Proposed tasks for plan `year` from the criteria that cost the province the most points the year
 * before (`costly`, largest first: analytics.costlyCriteria), one per criterion, led by the department
 * assigned to appraise it (analytics.leadDepartments; several: the first leads, the others
 * coordinate). Criteria in `existing` (already a task that year) are skipped, and so are criteria
 * without a lead when there is no fallback. At most `top` proposals, in order of lost points.
 */
export function tasksFromLostPoints(costly: readonly CostlyCriterion[], assignments: readonly { criterionCode: string; unit: string }[],
  year: number, existing: ReadonlySet<string>, defaults: ProposalDefaults = {}): ProposedTask[] {
  const top = defaults.top ?? 10;
  const startsAt = defaults.startsAt ?? defaultStart(year);
  const dueAt = defaults.dueAt ?? defaultDue(year);
  const sorted = [...costly].sort((a, b) => b.lost - a.lost || compareCodes(a.code, b.code));
  const out: ProposedTask[] = [];
  for (const c of sorted) {
    if (out.length >= top) break;
    if (existing.has(c.code)) continue;
    const leads = leadDepartments(c.code, assignments);
    const lead = leads[0] ?? defaults.fallbackLead ?? null;
    if (!lead) continue;
    out.push({ criterionCode: c.code, lead, coordinating: leads.slice(1), lost: c.lost, max: c.max, units: c.units, startsAt, dueAt });
  }
  return out;
}

/** Sums criteria that cost several unit groups points (the same code in each group's criterion set) into one. */
export function mergeCostly(lists: readonly (readonly CostlyCriterion[])[]): CostlyCriterion[] {
  const totals = new Map<string, CostlyCriterion>();
  for (const list of lists) {
    for (const c of list) {
      const t = totals.get(c.code);
      totals.set(c.code, t ? { code: c.code, lost: (t.lost + c.lost) as Centi, max: (t.max + c.max) as Centi, units: t.units + c.units } : { ...c });
    }
  }
  return [...totals.values()].sort((a, b) => b.lost - a.lost || compareCodes(a.code, b.code));
}

/** A moment's calendar date in Vietnam, "YYYY-MM-DD" (for date fields: a task starts at 00:00 and is due at 17:00 that day). */
export function vietnamDate(d: Date): string {
  return new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}
