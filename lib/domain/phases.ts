/**
 * The yearly cycle's phases, in order, and which one is open at a moment. Deadlines are instants
 * (stored in UTC); the province's calendar is Asia/Ho_Chi_Minh (UTC+7, no daylight saving).
 */
export const PHASES = [
  "SELF_ASSESSMENT",
  "APPRAISAL_R1",
  "EXPLANATION",
  "APPRAISAL_R2",
  "COUNCIL_REVIEW",
  "PUBLICATION",
] as const;
export type Phase = (typeof PHASES)[number];

export type PhaseWindow = { phase: Phase; opensAt: Date; closesAt: Date };

export type PhaseState =
  | { kind: "before"; next: PhaseWindow }
  | { kind: "open"; window: PhaseWindow }
  | { kind: "between"; next: PhaseWindow }
  | { kind: "after" };

export function phaseAt(windows: readonly PhaseWindow[], now: Date): PhaseState {
  const sorted = [...windows].sort((a, b) => PHASES.indexOf(a.phase) - PHASES.indexOf(b.phase));
  const t = now.getTime();
  const open = sorted.find((w) => w.opensAt.getTime() <= t && t < w.closesAt.getTime());
  if (open) return { kind: "open", window: open };
  const next = sorted.find((w) => w.opensAt.getTime() > t);
  if (!next) return { kind: "after" };
  return sorted.some((w) => w.closesAt.getTime() <= t) ? { kind: "between", next } : { kind: "before", next };
}

/** Whole days from `now` until `deadline` (negative when past), counted in Vietnam's calendar days. */
export function daysUntil(deadline: Date, now: Date): number {
  const day = (d: Date) => Math.floor((d.getTime() + 7 * 3_600_000) / 86_400_000);
  return day(deadline) - day(now);
}

/** A wall-clock time in Vietnam (UTC+7) as an instant. */
export function vietnamTime(year: number, month: number, day: number, hour = 0, minute = 0): Date {
  return new Date(Date.UTC(year, month - 1, day, hour - 7, minute));
}

export type DeadlineIssue = { phase: Phase; key: "cycles.issues.order" | "cycles.issues.sequence" };

/** A cycle's windows are valid when each closes after it opens and each phase opens no earlier than the previous one. */
export function deadlineIssues(windows: readonly PhaseWindow[]): DeadlineIssue[] {
  const sorted = [...windows].sort((a, b) => PHASES.indexOf(a.phase) - PHASES.indexOf(b.phase));
  const issues: DeadlineIssue[] = [];
  sorted.forEach((w, i) => {
    if (w.closesAt <= w.opensAt) issues.push({ phase: w.phase, key: "cycles.issues.order" });
    const prev = sorted[i - 1];
    if (prev && w.opensAt < prev.opensAt) issues.push({ phase: w.phase, key: "cycles.issues.sequence" });
  });
  return issues;
}
