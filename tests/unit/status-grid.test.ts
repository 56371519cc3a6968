import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { appraisalProgress, type LeafAppraisal } from "@/lib/domain/appraisal";
import { PHASES, vietnamTime } from "@/lib/domain/phases";
import type { Centi } from "@/lib/domain/points";
import {
  figureText, filterRows, GRID_STATUSES, gridCounts, gridFilterFrom, gridFilterQuery, gridRow, gridRows, lateText, searchFold, shortDate,
  type GridCycle, type GridRow, type GridUnit,
} from "@/lib/domain/status-grid";
import type { AssessmentStatus } from "@/lib/domain/worksheet";

const WINDOW = { opensAt: vietnamTime(2026, 11, 15), closesAt: vietnamTime(2027, 1, 15, 17) };
const OPEN: GridCycle = { compiledAt: null, approvedAt: null, publishedAt: null };
const DURING = vietnamTime(2026, 12, 1, 9);
const AFTER = vietnamTime(2027, 2, 20, 9);

const c = (n: number) => (n * 100) as Centi;
const leaf = (code: string, rest: Partial<LeafAppraisal> = {}): LeafAppraisal =>
  ({ code, selfScored: true, self: c(1), r1: null, r2: null, request: null, ...rest });

function unit(rest: Partial<GridUnit> = {}): GridUnit {
  return { code: "SXD", nameVi: "Sở Xây dựng", nameEn: "Department of Construction", group: "SBN", storedStatus: "IN_PROGRESS",
    submittedAt: null, selfAssessment: WINDOW, extended: false, selfProgress: { scored: 12, total: 40 }, progress: null, ...rest };
}

/** A submitted unit whose appraisal leaves are `leaves`. */
function submitted(leaves: LeafAppraisal[], now: Date, rest: Partial<GridUnit> = {}): GridUnit {
  return unit({ storedStatus: "SUBMITTED", submittedAt: vietnamTime(2026, 11, 20, 15), selfProgress: { scored: 40, total: 40 },
    progress: appraisalProgress(leaves, now), ...rest });
}

const states = (row: GridRow) => Object.fromEntries(row.cells.map((x) => [x.phase, x.state]));
const cellOf = (row: GridRow, phase: (typeof PHASES)[number]) => row.cells.find((x) => x.phase === phase)!;

describe("status grid: one unit's row", () => {
  it("a unit still writing: self-assessment is current with its progress, everything else to come", () => {
    const row = gridRow(unit(), OPEN, DURING);
    expect(row.status).toBe("IN_PROGRESS");
    expect(states(row)).toEqual({ SELF_ASSESSMENT: "current", APPRAISAL_R1: "pending", EXPLANATION: "pending",
      APPRAISAL_R2: "pending", COUNCIL_REVIEW: "pending", PUBLICATION: "pending" });
    expect(cellOf(row, "SELF_ASSESSMENT").figure).toEqual([{ key: "scored", values: { done: 12, total: 40 } }]);
    expect(row.late).toEqual([]);
  });

  it("before the window opens, and without a window", () => {
    const before = gridRow(unit({ storedStatus: "NOT_STARTED" }), OPEN, vietnamTime(2026, 11, 1));
    expect(cellOf(before, "SELF_ASSESSMENT")).toMatchObject({ state: "pending", figure: [{ key: "opensOn", values: { at: WINDOW.opensAt } }] });
    const none = gridRow(unit({ selfAssessment: null }), OPEN, AFTER);
    expect(cellOf(none, "SELF_ASSESSMENT")).toMatchObject({ state: "pending", figure: [{ key: "noDeadline" }] });
    expect(none.late).toEqual([]);
  });

  it("marks a unit late once its deadline passed without a submission; the deadline instant itself is late", () => {
    const row = gridRow(unit(), OPEN, WINDOW.closesAt);
    expect(row.late).toEqual([{ kind: "selfAssessment", closesAt: WINDOW.closesAt }]);
    expect(cellOf(row, "SELF_ASSESSMENT")).toMatchObject({ state: "current", late: true });
    // It will not be appraised: the appraisal columns do not apply.
    expect(states(row)).toMatchObject({ APPRAISAL_R1: "na", EXPLANATION: "na", APPRAISAL_R2: "na", COUNCIL_REVIEW: "pending" });
    expect(gridRow(unit(), OPEN, new Date(WINDOW.closesAt.getTime() - 1)).late).toEqual([]);
  });

  it("an extension moves the deadline: not late before the extended one", () => {
    const extended = { ...WINDOW, closesAt: vietnamTime(2027, 1, 22, 17) };
    const row = gridRow(unit({ selfAssessment: extended, extended: true }), OPEN, vietnamTime(2027, 1, 20));
    expect(row.late).toEqual([]);
    expect(row.extended).toBe(true);
    expect(gridRow(unit({ selfAssessment: extended, extended: true }), OPEN, vietnamTime(2027, 1, 23)).late).toHaveLength(1);
  });

  it("submitted, round 1 under way: status from the leaves, not the stored status", () => {
    const leaves = [leaf("1.1", { r1: c(1) }), leaf("1.2"), leaf("8.1", { selfScored: false })];
    const row = gridRow(submitted(leaves, DURING), OPEN, DURING);
    expect(row.status).toBe("SUBMITTED");
    expect(states(row)).toEqual({ SELF_ASSESSMENT: "done", APPRAISAL_R1: "current", EXPLANATION: "pending",
      APPRAISAL_R2: "pending", COUNCIL_REVIEW: "pending", PUBLICATION: "pending" });
    expect(cellOf(row, "APPRAISAL_R1").figure).toEqual([{ key: "decided", values: { done: 1, total: 2 } }]);
    expect(cellOf(row, "SELF_ASSESSMENT").figure).toEqual([{ key: "submittedOn", values: { at: vietnamTime(2026, 11, 20, 15) } }]);
  });

  it("round 1 finished without requests: explanation and round 2 do not apply, the council is next", () => {
    const leaves = [leaf("1.1", { r1: c(1) }), leaf("1.2", { r1: c(0) })];
    const row = gridRow(submitted(leaves, AFTER, { storedStatus: "SUBMITTED" }), OPEN, AFTER);
    expect(row.status).toBe("APPRAISED_R1");
    expect(states(row)).toEqual({ SELF_ASSESSMENT: "done", APPRAISAL_R1: "done", EXPLANATION: "na",
      APPRAISAL_R2: "na", COUNCIL_REVIEW: "current", PUBLICATION: "pending" });
    expect(cellOf(row, "EXPLANATION").figure).toEqual([{ key: "noRequests", values: {} }]);
  });

  it("explanation requests: open, answered and past due; an expired request is late", () => {
    const due = vietnamTime(2027, 2, 25, 17);
    const leaves = [
      leaf("1.1", { r1: c(1), request: { dueAt: due, answeredAt: null } }),
      leaf("1.2", { r1: c(0), request: { dueAt: due, answeredAt: vietnamTime(2027, 2, 20) } }),
      leaf("1.3", { r1: c(0), request: { dueAt: vietnamTime(2027, 2, 18), answeredAt: null } }),
    ];
    const now = vietnamTime(2027, 2, 21);
    const row = gridRow(submitted(leaves, now), OPEN, now);
    expect(row.status).toBe("EXPLANATION");
    expect(cellOf(row, "EXPLANATION")).toEqual({ phase: "EXPLANATION", state: "current", late: true, figure: [
      { key: "requestsOpen", values: { count: 1 } }, { key: "requestsAnswered", values: { count: 1 } },
      { key: "requestsExpired", values: { count: 1 } }] });
    expect(cellOf(row, "APPRAISAL_R2")).toMatchObject({ state: "current", figure: [{ key: "decided", values: { done: 0, total: 1 } }] });
    expect(row.late).toEqual([{ kind: "explanation", count: 1 }]);
  });

  it("all requests past due and none answered: explanation over, round 2 does not apply", () => {
    const leaves = [leaf("1.1", { r1: c(0), request: { dueAt: vietnamTime(2027, 2, 18), answeredAt: null } }), leaf("1.2", { r1: c(1) })];
    const row = gridRow(submitted(leaves, AFTER), OPEN, AFTER);
    expect(row.status).toBe("APPRAISED_R2");
    expect(states(row)).toMatchObject({ EXPLANATION: "done", APPRAISAL_R2: "na", COUNCIL_REVIEW: "current" });
    expect(row.late).toEqual([{ kind: "explanation", count: 1 }]);
  });

  it("round 2 done on every answered leaf", () => {
    const leaves = [leaf("1.1", { r1: c(0), r2: c(1), request: { dueAt: AFTER, answeredAt: DURING } }), leaf("1.2", { r1: c(1) })];
    const row = gridRow(submitted(leaves, AFTER), { ...OPEN, compiledAt: vietnamTime(2027, 3, 20) }, AFTER);
    expect(row.status).toBe("APPRAISED_R2");
    expect(states(row)).toMatchObject({ EXPLANATION: "done", APPRAISAL_R2: "done", COUNCIL_REVIEW: "current", PUBLICATION: "pending" });
    expect(cellOf(row, "APPRAISAL_R2").figure).toEqual([{ key: "decided", values: { done: 1, total: 1 } }]);
    expect(cellOf(row, "COUNCIL_REVIEW").figure).toEqual([{ key: "compiledOn", values: { at: vietnamTime(2027, 3, 20) } }]);
  });

  it("approval and publication come from the cycle for submitted units; unsubmitted ones keep their status", () => {
    const approvedAt = vietnamTime(2027, 4, 5, 9);
    const leaves = [leaf("1.1"), leaf("1.2", { r1: c(1) })];
    const approved = gridRow(submitted(leaves, AFTER), { ...OPEN, approvedAt }, AFTER);
    expect(approved.status).toBe("APPROVED");
    expect(states(approved)).toEqual({ SELF_ASSESSMENT: "done", APPRAISAL_R1: "done", EXPLANATION: "na",
      APPRAISAL_R2: "na", COUNCIL_REVIEW: "done", PUBLICATION: "current" });
    const cycle = { compiledAt: null, approvedAt, publishedAt: vietnamTime(2027, 4, 10, 9) };
    expect(gridRow(submitted(leaves, AFTER, { storedStatus: "PUBLISHED" }), cycle, AFTER).status).toBe("PUBLISHED");
    const never = gridRow(unit({ storedStatus: "NOT_STARTED" }), cycle, AFTER);
    expect(never.status).toBe("NOT_STARTED");
    expect(states(never)).toMatchObject({ COUNCIL_REVIEW: "done", PUBLICATION: "done" });
  });
});

// ---- Properties ---------------------------------------------------------------------------------

const T0 = vietnamTime(2026, 11, 1).getTime();
const DAY = 86_400_000;
const dateArb = fc.integer({ min: 0, max: 200 }).map((d) => new Date(T0 + d * DAY));
const leafArb: fc.Arbitrary<LeafAppraisal> = fc.record({
  code: fc.constantFrom("1.1", "1.2", "2.1", "3.1"),
  selfScored: fc.boolean(),
  self: fc.constant(c(1)),
  r1: fc.option(fc.constant(c(1)), { nil: null }),
  r2: fc.option(fc.constant(c(1)), { nil: null }),
  request: fc.option(fc.record({ dueAt: dateArb, answeredAt: fc.option(dateArb, { nil: null }) }), { nil: null }),
});
const storedArb = fc.constantFrom<AssessmentStatus>(...GRID_STATUSES);
const unitArb = (now: Date): fc.Arbitrary<GridUnit> => fc.record({
  code: fc.stringMatching(/^[A-Z]{2,5}$/),
  nameVi: fc.constantFrom("Sở Xây dựng", "UBND xã Đông Sơn", "Sở Tư pháp", "Văn phòng UBND tỉnh"),
  nameEn: fc.constantFrom("Construction", "Dong Son commune", "Justice", "Office"),
  group: fc.constantFrom("SBN", "XA", null),
  storedStatus: storedArb,
  submittedAt: fc.option(dateArb, { nil: null }),
  selfAssessment: fc.option(fc.tuple(dateArb, dateArb).map(([a, b]) => (a <= b ? { opensAt: a, closesAt: b } : { opensAt: b, closesAt: a })), { nil: null }),
  extended: fc.boolean(),
  selfProgress: fc.constant({ scored: 3, total: 10 }),
  leaves: fc.array(leafArb, { maxLength: 6 }),
}).map(({ leaves, ...u }) => ({ ...u, progress: u.storedStatus === "NOT_STARTED" || u.storedStatus === "IN_PROGRESS" ? null : appraisalProgress(leaves, now) }));
const cycleArb: fc.Arbitrary<GridCycle> = fc.record({
  compiledAt: fc.option(dateArb, { nil: null }), approvedAt: fc.option(dateArb, { nil: null }), publishedAt: fc.option(dateArb, { nil: null }),
});
const scenario = dateArb.chain((now) => fc.record({ now: fc.constant(now), cycle: cycleArb, units: fc.array(unitArb(now), { maxLength: 12 }) }));

describe("status grid: properties", () => {
  it("every row has one cell per phase in order, a known status, and late markers exactly when something is overdue", () => {
    fc.assert(fc.property(scenario, ({ now, cycle, units }) => {
      for (const u of units) {
        const row = gridRow(u, cycle, now);
        expect(row.cells.map((x) => x.phase)).toEqual([...PHASES]);
        expect(GRID_STATUSES).toContain(row.status);
        const submitted = u.progress !== null;
        if (!submitted) expect(row.status).toBe(u.storedStatus);
        const selfLate = !submitted && u.selfAssessment !== null && now >= u.selfAssessment.closesAt;
        const explanationLate = submitted && u.progress!.requestsExpired > 0;
        expect(row.late.some((m) => m.kind === "selfAssessment")).toBe(selfLate);
        expect(row.late.some((m) => m.kind === "explanation")).toBe(explanationLate);
        // A cell is flagged late only in a row with a late marker.
        if (row.cells.some((x) => x.late)) expect(row.late.length).toBeGreaterThan(0);
        expect(cellOf(row, "SELF_ASSESSMENT").state === "done").toBe(submitted);
        if (submitted && cycle.publishedAt) {
          expect(row.status).toBe("PUBLISHED");
          expect(row.cells.every((x) => x.state === "done" || x.state === "na")).toBe(true);
        }
      }
    }));
  });

  it("counts add up to the rows, per status and late", () => {
    fc.assert(fc.property(scenario, ({ now, cycle, units }) => {
      const rows = gridRows(units, cycle, now);
      const counts = gridCounts(rows);
      expect(counts.total).toBe(units.length);
      expect(Object.values(counts.byStatus).reduce((a, b) => a + b, 0)).toBe(rows.length);
      for (const s of GRID_STATUSES) expect(counts.byStatus[s]).toBe(filterRows(rows, { status: s }).length);
      expect(counts.late).toBe(filterRows(rows, { lateOnly: true }).length);
    }));
  });

  it("filters keep order, hold for every kept row, and compose", () => {
    const filterArb = fc.record({
      status: fc.option(storedArb, { nil: undefined }), group: fc.option(fc.constantFrom("SBN", "XA"), { nil: undefined }),
      lateOnly: fc.option(fc.boolean(), { nil: undefined }), q: fc.option(fc.constantFrom("so", "Xây", "dong son", "A", ""), { nil: undefined }),
    });
    fc.assert(fc.property(scenario, filterArb, ({ now, cycle, units }, filter) => {
      const rows = gridRows(units, cycle, now);
      const kept = filterRows(rows, filter);
      expect(kept.every((r) => rows.includes(r))).toBe(true);
      expect(kept.map((r) => rows.indexOf(r))).toEqual([...kept.map((r) => rows.indexOf(r))].sort((a, b) => a - b));
      for (const r of kept) {
        if (filter.status) expect(r.status).toBe(filter.status);
        if (filter.group) expect(r.group).toBe(filter.group);
        if (filter.lateOnly) expect(r.late.length).toBeGreaterThan(0);
      }
      const { status, ...rest } = filter;
      expect(filterRows(filterRows(rows, rest), { status })).toEqual(kept);
      expect(filterRows(rows, {})).toEqual(rows);
    }));
  });

  it("a filter survives its query string", () => {
    const filterArb = fc.record({
      status: fc.option(storedArb, { nil: undefined }), group: fc.option(fc.constantFrom("SBN", "XA"), { nil: undefined }),
      lateOnly: fc.option(fc.constant(true), { nil: undefined }), q: fc.option(fc.constantFrom("sở xây", "x-dongson", "a&b=c"), { nil: undefined }),
    });
    fc.assert(fc.property(filterArb, (filter) => {
      const clean = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
      expect(gridFilterFrom(new URLSearchParams(gridFilterQuery(filter)))).toEqual(clean);
    }));
  });
});

describe("status grid: filters and search", () => {
  const rows = gridRows([
    unit({ code: "X-DONGSON", nameVi: "UBND xã Đông Sơn", nameEn: "Dong Son Commune People's Committee", group: "XA" }),
    unit(),
    unit({ code: "STP", nameVi: "Sở Tư pháp", nameEn: "Department of Justice", storedStatus: "NOT_STARTED" }),
    unit({ code: "PROV", nameVi: "Tỉnh", nameEn: "Province", group: null }),
  ], OPEN, DURING);

  it("orders by group, then code, units without a group last", () => {
    expect(rows.map((r) => r.code)).toEqual(["STP", "SXD", "X-DONGSON", "PROV"]);
  });

  it("searches code and both names, without diacritics or case", () => {
    expect(filterRows(rows, { q: "dong son" }).map((r) => r.code)).toEqual(["X-DONGSON"]);
    expect(filterRows(rows, { q: "ĐÔNG SƠN" }).map((r) => r.code)).toEqual(["X-DONGSON"]);
    expect(filterRows(rows, { q: "justice" }).map((r) => r.code)).toEqual(["STP"]);
    expect(filterRows(rows, { q: "sxd" }).map((r) => r.code)).toEqual(["SXD"]);
    expect(filterRows(rows, { q: "  " })).toHaveLength(4);
    expect(searchFold("Sở Xây dựng")).toBe("so xay dung");
  });

  it("filters by status and group", () => {
    expect(filterRows(rows, { status: "NOT_STARTED" }).map((r) => r.code)).toEqual(["STP"]);
    expect(filterRows(rows, { group: "XA" }).map((r) => r.code)).toEqual(["X-DONGSON"]);
  });

  it("reads a query string and ignores nonsense", () => {
    expect(gridFilterFrom({ status: "SUBMITTED", group: "SBN", late: "1", q: "  sở  " })).toEqual({ status: "SUBMITTED", group: "SBN", lateOnly: true, q: "sở" });
    expect(gridFilterFrom({ status: "DONE", group: "'; drop", late: "0", q: "" })).toEqual({});
    expect(gridFilterFrom({ status: ["APPROVED", "PUBLISHED"] })).toEqual({ status: "APPROVED" });
    expect(gridFilterQuery({ status: "SUBMITTED", lateOnly: true }, { format: "csv" })).toBe("format=csv&status=SUBMITTED&late=1");
  });
});

describe("status grid: words", () => {
  it("writes short dates in Vietnam time with a slash, in the locale's order", () => {
    // 20:00 UTC on 19 Nov is already 20 Nov in Vietnam.
    expect(shortDate(new Date("2026-11-19T20:00:00Z"), "vi")).toBe("20/11");
    expect(shortDate(new Date("2026-11-19T20:00:00Z"), "en")).toBe("11/20");
  });

  it("joins figure parts and spells late markers through the catalogue", () => {
    const words = { message: (key: string, values?: Record<string, string | number>) => `${key}${JSON.stringify(values ?? {})}`, date: () => "15/01" };
    expect(figureText([{ key: "requestsOpen", values: { count: 2 } }, { key: "submittedOn", values: { at: new Date() } }], words))
      .toBe('figures.requestsOpen{"count":2} · figures.submittedOn{"at":"15/01"}');
    expect(figureText([], words)).toBe("");
    expect(lateText({ kind: "selfAssessment", closesAt: new Date() }, words)).toBe('lateMarkers.selfAssessment{"at":"15/01"}');
    expect(lateText({ kind: "explanation", count: 3 }, words)).toBe('lateMarkers.explanation{"count":3}');
  });
});
