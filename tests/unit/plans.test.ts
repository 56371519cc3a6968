import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CostlyCriterion } from "@/lib/domain/analytics";
import { vietnamTime } from "@/lib/domain/phases";
import {
  AT_RISK_TOLERANCE, defaultPeriod, elapsedShare, mergeCostly, progressIssues, reminderKey, taskFlags, tasksFromLostPoints, TASK_STATUSES,
  vietnamWeek, type TaskStatus,
} from "@/lib/domain/plans";
import type { Centi } from "@/lib/domain/points";

// A ten-day task: 00:00 on 1/1/2026 to 00:00 on 11/1/2026 (Vietnam time).
const START = vietnamTime(2026, 1, 1);
const DUE = vietnamTime(2026, 1, 11);
const task = (progress: number, status: TaskStatus = "IN_PROGRESS") => ({ startsAt: START, dueAt: DUE, progress, status });

describe("task flags", () => {
  it("computes the elapsed share and the expected progress", () => {
    expect(elapsedShare(START, DUE, vietnamTime(2026, 1, 6))).toBe(0.5);
    expect(elapsedShare(START, DUE, vietnamTime(2025, 12, 31))).toBe(0);
    expect(elapsedShare(START, DUE, vietnamTime(2026, 2, 1))).toBe(1);
    // 2 days 12 hours of 10 days.
    expect(taskFlags(task(30), vietnamTime(2026, 1, 3, 12))).toMatchObject({ elapsed: 0.25, expected: 25, daysLeft: 8, flag: "onTrack" });
    // A task starting and due at the same instant.
    expect(elapsedShare(DUE, DUE, vietnamTime(2026, 1, 10))).toBe(0);
    expect(elapsedShare(DUE, DUE, DUE)).toBe(1);
  });

  it("is at risk only when progress lags the elapsed share by more than the tolerance", () => {
    expect(AT_RISK_TOLERANCE).toBe(10);
    const half = vietnamTime(2026, 1, 6);
    // Half the time gone: 50 % expected, at risk below 40 %.
    expect(taskFlags(task(40), half)).toMatchObject({ flag: "onTrack", atRisk: false, overdue: false, expected: 50, daysLeft: 5 });
    expect(taskFlags(task(39), half)).toMatchObject({ flag: "atRisk", atRisk: true, overdue: false });
    expect(taskFlags(task(0, "NOT_STARTED"), half)).toMatchObject({ flag: "atRisk", atRisk: true });
    // Early on, nothing done is still on track (10 % expected, tolerance 10).
    expect(taskFlags(task(0, "NOT_STARTED"), vietnamTime(2026, 1, 2))).toMatchObject({ flag: "onTrack", expected: 10 });
  });

  it("flags a task past its deadline as overdue unless it is done or cancelled", () => {
    const after = vietnamTime(2026, 1, 13, 9);
    expect(taskFlags(task(95), after)).toMatchObject({ flag: "overdue", overdue: true, atRisk: false, elapsed: 1, expected: 100, daysLeft: -2 });
    expect(taskFlags(task(100, "DONE"), after)).toMatchObject({ flag: "done", overdue: false, atRisk: false });
    expect(taskFlags(task(20, "CANCELLED"), after)).toMatchObject({ flag: "cancelled", overdue: false, atRisk: false });
    // The deadline instant itself is not yet overdue; a moment later it is.
    expect(taskFlags(task(95), DUE).flag).toBe("onTrack");
    expect(taskFlags(task(95), new Date(DUE.getTime() + 1)).flag).toBe("overdue");
  });

  it("expects nothing before the start", () => {
    expect(taskFlags(task(0, "NOT_STARTED"), vietnamTime(2025, 12, 20))).toMatchObject({ flag: "upcoming", atRisk: false, overdue: false, expected: 0, daysLeft: 22 });
  });

  const arbitraryTask = fc.record({
    start: fc.integer({ min: 0, max: 400 * 86_400_000 }),
    length: fc.integer({ min: 0, max: 400 * 86_400_000 }),
    progress: fc.integer({ min: 0, max: 100 }),
    status: fc.constantFrom(...TASK_STATUSES),
    at: fc.integer({ min: -100 * 86_400_000, max: 900 * 86_400_000 }),
  }).map(({ start, length, progress, status, at }) => {
    const base = vietnamTime(2026, 1, 1).getTime();
    return { task: { startsAt: new Date(base + start), dueAt: new Date(base + start + length), progress, status }, now: new Date(base + at) };
  });

  it("never flags a done or cancelled task, nor a task at 100 %, as at risk; done is never overdue", () => {
    fc.assert(fc.property(arbitraryTask, ({ task: t, now }) => {
      const f = taskFlags(t, now);
      if (t.status === "DONE" || t.status === "CANCELLED") expect(f.atRisk || f.overdue).toBe(false);
      if (t.progress === 100) expect(f.atRisk).toBe(false);
      expect(f.overdue).toBe(f.flag === "overdue");
      expect(f.atRisk).toBe(f.flag === "atRisk");
      expect(f.elapsed).toBeGreaterThanOrEqual(0);
      expect(f.elapsed).toBeLessThanOrEqual(1);
    }));
  });

  it("only goes from on track to at risk as time passes, never back, at a fixed progress", () => {
    fc.assert(fc.property(arbitraryTask, fc.integer({ min: 0, max: 30 * 86_400_000 }), ({ task: t, now }, later) => {
      const rank = { upcoming: 0, onTrack: 1, atRisk: 2, overdue: 3, done: 9, cancelled: 9 } as const;
      expect(rank[taskFlags(t, new Date(now.getTime() + later)).flag]).toBeGreaterThanOrEqual(rank[taskFlags(t, now).flag]);
    }));
  });
});

describe("progress reports", () => {
  it("takes a report that keeps the rules", () => {
    expect(progressIssues({ progress: 20, status: "IN_PROGRESS" }, { progress: 40, status: "IN_PROGRESS" })).toEqual([]);
    expect(progressIssues({ progress: 40, status: "IN_PROGRESS" }, { progress: 40, status: "IN_PROGRESS" })).toEqual([]);
    expect(progressIssues({ progress: 90, status: "IN_PROGRESS" }, { progress: 100, status: "DONE" })).toEqual([]);
    expect(progressIssues({ progress: 0, status: "NOT_STARTED" }, { progress: 0, status: "NOT_STARTED" })).toEqual([]);
  });

  it("refuses a report on a closed task", () => {
    expect(progressIssues({ progress: 20, status: "CANCELLED" }, { progress: 40, status: "IN_PROGRESS" })).toEqual(["plans.errors.cancelled"]);
    expect(progressIssues({ progress: 100, status: "DONE" }, { progress: 100, status: "DONE" })).toEqual(["plans.errors.closed"]);
  });

  it("refuses progress going down, DONE without 100 %, 100 % without DONE and a started task reported as not started", () => {
    expect(progressIssues({ progress: 50, status: "IN_PROGRESS" }, { progress: 40, status: "IN_PROGRESS" })).toEqual(["plans.errors.progressDown"]);
    expect(progressIssues({ progress: 50, status: "IN_PROGRESS" }, { progress: 90, status: "DONE" })).toEqual(["plans.errors.doneIs100"]);
    expect(progressIssues({ progress: 50, status: "IN_PROGRESS" }, { progress: 100, status: "IN_PROGRESS" })).toEqual(["plans.errors.doneIs100"]);
    expect(progressIssues({ progress: 0, status: "NOT_STARTED" }, { progress: 10, status: "NOT_STARTED" })).toEqual(["plans.errors.notStartedIs0"]);
    expect(progressIssues({ progress: 0, status: "NOT_STARTED" }, { progress: 101, status: "IN_PROGRESS" })).toEqual(["plans.errors.progressRange"]);
    expect(progressIssues({ progress: 0, status: "NOT_STARTED" }, { progress: 12.5, status: "IN_PROGRESS" })).toEqual(["plans.errors.progressRange"]);
  });
});

describe("reminders", () => {
  it("keeps one key per task, state and Monday-to-Sunday week in Vietnam", () => {
    // Monday 5/1/2026 00:00 to Sunday 11/1/2026 23:59 (Vietnam) is one week.
    const monday = vietnamTime(2026, 1, 5);
    expect(vietnamWeek(vietnamTime(2026, 1, 11, 23, 59))).toBe(vietnamWeek(monday));
    expect(vietnamWeek(vietnamTime(2026, 1, 4, 23, 59))).toBe(vietnamWeek(monday) - 1);
    expect(vietnamWeek(vietnamTime(2026, 1, 12))).toBe(vietnamWeek(monday) + 1);
    expect(reminderKey("t1", "atRisk", monday)).toBe(reminderKey("t1", "atRisk", vietnamTime(2026, 1, 9, 15)));
    expect(reminderKey("t1", "atRisk", monday)).not.toBe(reminderKey("t1", "overdue", monday));
    expect(reminderKey("t1", "atRisk", monday)).not.toBe(reminderKey("t1", "atRisk", vietnamTime(2026, 1, 12)));
  });
});

describe("tasks from lost points", () => {
  const c = (code: string, lost: number, max: number, units: number): CostlyCriterion => ({ code, lost: lost as Centi, max: max as Centi, units });
  const costly = [c("8.1", 9_000, 30_000, 20), c("2.1.3", 1_250, 4_000, 9), c("6.2", 1_250, 2_000, 5), c("4.1", 300, 1_000, 2), c("3.2", 100, 500, 1)];
  const assignments = [
    { criterionCode: "2", unit: "STP" }, { criterionCode: "6", unit: "STC" }, { criterionCode: "6.2", unit: "SKHCN" },
    { criterionCode: "6.2", unit: "STC" }, { criterionCode: "1", unit: "SNV" }, { criterionCode: "4", unit: "SNV" },
  ];

  it("proposes one task per costly criterion, largest loss first, led by the department assigned to appraise it", () => {
    const out = tasksFromLostPoints(costly, assignments, 2026, new Set(), { top: 3 });
    expect(out.map((p) => [p.criterionCode, p.lead, p.coordinating, p.lost])).toEqual([
      // 8.1: nobody appraises survey-scored criteria and there is no fallback → skipped.
      ["2.1.3", "STP", [], 1_250],
      // Same loss as 2.1.3: framework order. Two departments on 6.2 itself: the first (by code) leads.
      ["6.2", "SKHCN", ["STC"], 1_250],
      ["4.1", "SNV", [], 300],
    ]);
    // Default dates: 00:00 1/1 and 17:00 30/9 of the plan year, Vietnam time.
    expect(out[0]!.startsAt.toISOString()).toBe("2025-12-31T17:00:00.000Z");
    expect(out[0]!.dueAt.toISOString()).toBe("2026-09-30T10:00:00.000Z");
  });

  it("gives criteria nobody appraises to the fallback lead and skips criteria that already have a task", () => {
    const out = tasksFromLostPoints(costly, assignments, 2026, new Set(["2.1.3", "4.1"]), { fallbackLead: "SNV", dueAt: vietnamTime(2026, 6, 30, 17) });
    expect(out.map((p) => [p.criterionCode, p.lead])).toEqual([["8.1", "SNV"], ["6.2", "SKHCN"], ["3.2", "SNV"]]);
    expect(out[0]!.dueAt.toISOString()).toBe("2026-06-30T10:00:00.000Z");
    expect(tasksFromLostPoints(costly, assignments, 2026, new Set(costly.map((x) => x.code)), { fallbackLead: "SNV" })).toEqual([]);
  });

  it("never proposes a deadline already past: the default period follows the day the plan is made", () => {
    const iso = (p: { startsAt: Date; dueAt: Date }) => [p.startsAt.toISOString(), p.dueAt.toISOString()];
    // Early in the year (or before it): 1/1 to 30/9.
    expect(iso(defaultPeriod(2026, vietnamTime(2025, 12, 20)))).toEqual(["2025-12-31T17:00:00.000Z", "2026-09-30T10:00:00.000Z"]);
    expect(iso(defaultPeriod(2026, vietnamTime(2026, 3, 5, 14)))).toEqual(["2026-03-04T17:00:00.000Z", "2026-09-30T10:00:00.000Z"]);
    // From 1/9 on, 30/9 leaves under 30 days: to 31/12.
    expect(iso(defaultPeriod(2026, vietnamTime(2026, 11, 22, 9)))).toEqual(["2026-11-21T17:00:00.000Z", "2026-12-31T10:00:00.000Z"]);
    // After 1/12: 30 days from today.
    expect(iso(defaultPeriod(2026, vietnamTime(2026, 12, 10, 9)))).toEqual(["2026-12-09T17:00:00.000Z", "2027-01-09T10:00:00.000Z"]);
  });

  it("sums a code lost in several unit groups", () => {
    expect(mergeCostly([[c("2.1", 100, 400, 2), c("3.1", 50, 100, 1)], [c("2.1", 30, 200, 1), c("5.1", 500, 900, 3)]])).toEqual([
      c("5.1", 500, 900, 3), c("2.1", 130, 600, 3), c("3.1", 50, 100, 1),
    ]);
  });
});
