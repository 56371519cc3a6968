/**
 * Inspections (kiểm tra công tác CCHC) and their findings: the rules, without I/O.
 * - A finding moves OPEN → REMEDIATION_REPORTED (the inspected unit reports what it did) → CLOSED (the
 *   secretariat accepts it). The secretariat may send a reported finding back to OPEN with a note when the
 *   remediation is insufficient. A CLOSED finding takes nothing more.
 * - Flags: a remediation is overdue when its deadline has passed and the finding is not CLOSED; a finding
 *   awaits closure when its remediation has been reported.
 * - The year's inspection plan in figures: units planned and under inspection, findings by severity and area.
 */

export const INSPECTION_STATUSES = ["PLANNED", "IN_PROGRESS", "REPORTED", "CLOSED"] as const;
export type InspectionStatus = (typeof INSPECTION_STATUSES)[number];

export const FINDING_SEVERITIES = ["HIGH", "MEDIUM", "LOW"] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

export const FINDING_STATUSES = ["OPEN", "REMEDIATION_REPORTED", "CLOSED"] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

/** What can happen to a finding: the unit reports its remediation; the secretariat closes it or sends it back. */
export type FindingEvent = { kind: "report" } | { kind: "close" } | { kind: "sendBack"; note: string };
export type FindingEventKind = FindingEvent["kind"];

/** A refusal: a message key under `inspections.errors`. */
export type TransitionRefusal = "closed" | "notReported" | "noteRequired";

export type Transition = { ok: true; status: FindingStatus } | { ok: false; key: `inspections.errors.${TransitionRefusal}` };

const refuse = (key: TransitionRefusal): Transition => ({ ok: false, key: `inspections.errors.${key}` });

/**
 * The status a finding takes on `event`, or why it cannot. A further report on a reported finding (more
 * evidence) keeps it REMEDIATION_REPORTED; closing and sending back need a reported remediation.
 */
export function findingTransition(status: FindingStatus, event: FindingEvent): Transition {
  if (status === "CLOSED") return refuse("closed");
  switch (event.kind) {
    case "report":
      return { ok: true, status: "REMEDIATION_REPORTED" };
    case "close":
      return status === "REMEDIATION_REPORTED" ? { ok: true, status: "CLOSED" } : refuse("notReported");
    case "sendBack":
      if (status !== "REMEDIATION_REPORTED") return refuse("notReported");
      return event.note.trim() === "" ? refuse("noteRequired") : { ok: true, status: "OPEN" };
  }
}

export type FindingFacts = { status: FindingStatus; dueAt: Date };
export type FindingFlags = { overdue: boolean; awaitingClosure: boolean };

/** Overdue: the remediation deadline has passed and the finding is not closed. Awaiting closure: remediation reported. */
export function findingFlags(f: FindingFacts, now: Date): FindingFlags {
  return { overdue: f.status !== "CLOSED" && f.dueAt.getTime() < now.getTime(), awaitingClosure: f.status === "REMEDIATION_REPORTED" };
}

export type InspectionProgress = { total: number; closed: number; open: number; reported: number; overdue: number;
  /** Closed of total in whole percent (rounded down, so 100 only when all are closed); null without findings. */
  percent: number | null };

/** How far the remediation of an inspection's findings has come. */
export function inspectionProgress(findings: readonly FindingFacts[], now: Date): InspectionProgress {
  const count = (s: FindingStatus) => findings.filter((f) => f.status === s).length;
  const total = findings.length;
  const closed = count("CLOSED");
  return { total, closed, open: count("OPEN"), reported: count("REMEDIATION_REPORTED"),
    overdue: findings.filter((f) => findingFlags(f, now).overdue).length,
    percent: total === 0 ? null : Math.floor((closed * 100) / total) };
}

/** Checks of an inspection's dates: the decision comes no later than the start; the end no earlier than the start. */
export type DateIssue = "decisionAfterStart" | "endBeforeStart";

export function inspectionDateIssues(d: { decisionDate: Date; startsAt: Date; endsAt: Date }): DateIssue[] {
  const issues: DateIssue[] = [];
  if (d.decisionDate.getTime() > d.startsAt.getTime()) issues.push("decisionAfterStart");
  if (d.endsAt.getTime() < d.startsAt.getTime()) issues.push("endBeforeStart");
  return issues;
}

/** An inspection may be closed only when every finding is closed; a closed inspection takes no new findings. */
export function inspectionStatusRefusal(target: InspectionStatus, findings: readonly { status: FindingStatus }[]): "openFindings" | null {
  return target === "CLOSED" && findings.some((f) => f.status !== "CLOSED") ? "openFindings" : null;
}

/** Criterion codes compared part by part as numbers ("2" < "10", "1.2" < "1.10"). */
export function compareAreaCodes(a: string, b: string): number {
  const pa = a.split(".");
  const pb = b.split(".");
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = Number(x);
    const ny = Number(y);
    const c = Number.isFinite(nx) && Number.isFinite(ny) ? nx - ny : x.localeCompare(y);
    if (c !== 0) return c;
  }
  return 0;
}

export type PlanInspection = { targetUnitId: string; status: InspectionStatus; findings: readonly (FindingFacts & { severity: FindingSeverity; areaCode: string })[] };

export type PlanSummary = {
  inspections: number;
  /** Distinct units inspected in the year, and those with an inspection planned or under way. */
  units: number;
  unitsPlanned: number;
  unitsInProgress: number;
  byStatus: Record<InspectionStatus, number>;
  findings: InspectionProgress;
  bySeverity: Record<FindingSeverity, number>;
  /** Findings per area code (numeric order), with how many are not closed yet. */
  byArea: { areaCode: string; count: number; notClosed: number }[];
};

/** A year's inspection plan in figures. */
export function planSummary(inspections: readonly PlanInspection[], now: Date): PlanSummary {
  const unitsWith = (s: InspectionStatus) => new Set(inspections.filter((i) => i.status === s).map((i) => i.targetUnitId)).size;
  const byStatus = Object.fromEntries(INSPECTION_STATUSES.map((s) => [s, inspections.filter((i) => i.status === s).length])) as Record<InspectionStatus, number>;
  const findings = inspections.flatMap((i) => i.findings);
  const bySeverity = Object.fromEntries(FINDING_SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length])) as Record<FindingSeverity, number>;
  const areas = new Map<string, { count: number; notClosed: number }>();
  for (const f of findings) {
    const a = areas.get(f.areaCode) ?? { count: 0, notClosed: 0 };
    areas.set(f.areaCode, { count: a.count + 1, notClosed: a.notClosed + (f.status === "CLOSED" ? 0 : 1) });
  }
  return {
    inspections: inspections.length,
    units: new Set(inspections.map((i) => i.targetUnitId)).size,
    unitsPlanned: unitsWith("PLANNED"),
    unitsInProgress: unitsWith("IN_PROGRESS"),
    byStatus,
    findings: inspectionProgress(findings, now),
    bySeverity,
    byArea: [...areas].map(([areaCode, a]) => ({ areaCode, ...a })).sort((x, y) => compareAreaCodes(x.areaCode, y.areaCode)),
  };
}

/** Days a remediation reminder looks ahead: open findings due within this many days, or overdue, are reminded. */
export const REMEDIATION_REMINDER_DAYS = 7;

/**
 * The week of `now` in Vietnam (UTC+7) as "YYYY-Www" (ISO 8601 weeks, Monday first): remediation reminders
 * are sent at most once per finding per week.
 */
export function vietnamWeek(now: Date): string {
  const local = new Date(now.getTime() + 7 * 3_600_000);
  const day = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  const weekday = (local.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = new Date(day + (3 - weekday) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000));
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** Should an open finding's unit be reminded at `now`: not closed, nothing reported, due within the reminder days or past due. */
export function needsRemediationReminder(f: FindingFacts, now: Date): boolean {
  return f.status === "OPEN" && f.dueAt.getTime() - now.getTime() <= REMEDIATION_REMINDER_DAYS * 86_400_000;
}

/** Team members, one per line, trimmed, blank lines dropped. */
export function teamMembers(team: string): string[] {
  return team.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== "");
}
