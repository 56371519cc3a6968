import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  answerRefusal, appraisalProgress, councilBlockers, decisionProblem, decisionRound, finalScore, leafHistory, requestRefusal, type LeafAppraisal,
} from "@/lib/domain/appraisal";
import type { Centi } from "@/lib/domain/points";

const c = (n: number) => n as Centi;
const NOW = new Date("2026-12-05T02:00:00Z");
const DUE = new Date("2026-12-10T10:00:00Z");
const leaf = (over: Partial<LeafAppraisal> = {}): LeafAppraisal => ({ code: "1.1", selfScored: true, self: c(100), r1: null, r2: null, request: null, ...over });

describe("appraisal progress", () => {
  it("stays in round 1 until every self-scored leaf is decided; survey leaves do not count", () => {
    const p = appraisalProgress([leaf({ r1: c(100) }), leaf({ code: "1.2" }), leaf({ code: "8.1", selfScored: false, self: null })], NOW);
    expect(p).toMatchObject({ status: "SUBMITTED", r1Done: 1, r1Total: 2 });
  });

  it("ends at round 1 without requests", () => {
    expect(appraisalProgress([leaf({ r1: c(50) })], NOW).status).toBe("APPRAISED_R1");
  });

  it("waits for answers, then for round 2 on answered leaves; expired requests need no round 2", () => {
    const open = leaf({ r1: c(50), request: { dueAt: DUE, answeredAt: null } });
    expect(appraisalProgress([open], NOW)).toMatchObject({ status: "EXPLANATION", requestsOpen: 1 });
    expect(appraisalProgress([open], DUE)).toMatchObject({ status: "APPRAISED_R2", requestsExpired: 1, requestsOpen: 0 });
    const answered = leaf({ r1: c(50), request: { dueAt: DUE, answeredAt: NOW } });
    expect(appraisalProgress([answered], NOW)).toMatchObject({ status: "EXPLANATION", r2Pending: 1 });
    expect(appraisalProgress([{ ...answered, r2: c(100) }], NOW)).toMatchObject({ status: "APPRAISED_R2", r2Pending: 0 });
  });

  it("counts every request exactly once as open, expired or answered (property)", () => {
    const arbLeaf = fc.record({
      r1: fc.option(fc.integer({ min: 0, max: 300 })), r2: fc.option(fc.integer({ min: 0, max: 300 })),
      request: fc.option(fc.record({ due: fc.integer({ min: -5, max: 5 }), answered: fc.boolean() })),
    });
    fc.assert(fc.property(fc.array(arbLeaf, { maxLength: 20 }), (xs) => {
      const leaves = xs.map((x, i) => leaf({ code: `1.${i + 1}`, r1: x.r1 === null ? null : c(x.r1), r2: x.r2 === null ? null : c(x.r2),
        request: x.request ? { dueAt: new Date(NOW.getTime() + x.request.due * 86_400_000), answeredAt: x.request.answered ? NOW : null } : null }));
      const p = appraisalProgress(leaves, NOW);
      expect(p.requestsOpen + p.requestsExpired + p.requestsAnswered).toBe(xs.filter((x) => x.request).length);
      if (p.status === "APPRAISED_R1" || p.status === "APPRAISED_R2") expect(p.r1Done).toBe(p.r1Total);
    }));
  });
});

describe("decisions", () => {
  it("go into round 1, or round 2 once the unit answered", () => {
    expect(decisionRound("open", "SUBMITTED", leaf())).toEqual({ round: 1 });
    expect(decisionRound("open", "EXPLANATION", leaf({ r1: c(0), request: { dueAt: DUE, answeredAt: null } }))).toEqual({ round: 1 });
    expect(decisionRound("open", "EXPLANATION", leaf({ r1: c(0), request: { dueAt: DUE, answeredAt: NOW } }))).toEqual({ round: 2 });
  });

  it("are refused on unsubmitted assessments, survey leaves, approved or published cycles", () => {
    expect(decisionRound("open", "IN_PROGRESS", leaf())).toEqual({ refusal: "appraisal.errors.notSubmitted" });
    expect(decisionRound("open", "SUBMITTED", leaf({ selfScored: false }))).toEqual({ refusal: "appraisal.errors.notAppraisable" });
    expect(decisionRound("approved", "APPROVED", leaf())).toEqual({ refusal: "appraisal.errors.closed" });
    expect(decisionRound("published", "PUBLISHED", leaf())).toEqual({ refusal: "appraisal.errors.published" });
    expect(requestRefusal("open", "SUBMITTED", leaf({ request: { dueAt: DUE, answeredAt: null } }))).toBe("appraisal.errors.alreadyRequested");
  });

  it("need an allowed score, and a reason when the score differs from the unit's", () => {
    const allowed = [c(100), c(50), c(0)];
    expect(decisionProblem(c(100), c(100), allowed, null)).toBeNull();
    expect(decisionProblem(c(50), c(100), allowed, "  ")).toBe("appraisal.errors.reasonRequired");
    expect(decisionProblem(c(50), c(100), allowed, "Thiếu tài liệu")).toBeNull();
    expect(decisionProblem(c(75), c(100), allowed, "x")).toBe("appraisal.errors.scoreNotAllowed");
  });

  it("take the last round as final", () => {
    expect(finalScore({ self: c(100), r1: null, r2: null })).toBe(100);
    expect(finalScore({ self: c(100), r1: c(50), r2: null })).toBe(50);
    expect(finalScore({ self: c(100), r1: c(50), r2: c(0) })).toBe(0);
  });

  it("let the unit answer once, before the deadline (exclusive)", () => {
    expect(answerRefusal("open", { dueAt: DUE, answeredAt: null }, NOW)).toBeNull();
    expect(answerRefusal("open", { dueAt: DUE, answeredAt: null }, DUE)).toBe("appraisal.errors.requestExpired");
    expect(answerRefusal("open", { dueAt: DUE, answeredAt: NOW }, NOW)).toBe("appraisal.errors.answered");
    expect(answerRefusal("approved", { dueAt: DUE, answeredAt: null }, NOW)).toBe("appraisal.errors.closed");
  });
});

describe("council blockers", () => {
  it("name units still writing, unfinished round 1 and pending explanations; units past the deadline do not block", () => {
    const past = new Date("2026-01-01T00:00:00Z");
    const blockers = councilBlockers([
      { unitCode: "A", status: "IN_PROGRESS", selfAssessmentClosesAt: DUE },
      { unitCode: "B", status: "NOT_STARTED", selfAssessmentClosesAt: past },
      { unitCode: "C", status: "SUBMITTED", selfAssessmentClosesAt: past },
      { unitCode: "D", status: "EXPLANATION", selfAssessmentClosesAt: past },
      { unitCode: "E", status: "APPRAISED_R2", selfAssessmentClosesAt: past },
    ], NOW);
    expect(blockers).toEqual([
      { key: "council.blockers.selfAssessmentOpen", units: ["A"] },
      { key: "council.blockers.appraisalUnfinished", units: ["C"] },
      { key: "council.blockers.explanationPending", units: ["D"] },
    ]);
  });
});

describe("leaf history", () => {
  it("orders self → round 1 → request → answer → round 2 whatever the input order", () => {
    const at = (d: number) => new Date(NOW.getTime() + d * 1000);
    const h = leafHistory([
      { kind: "round", round: 2, at: at(5), by: null, score: c(100), reason: null },
      { kind: "answer", at: at(4), by: null, text: "a", files: 0 },
      { kind: "request", at: at(2), by: null, text: "q", dueAt: DUE },
      { kind: "round", round: 1, at: at(2), by: null, score: c(50), reason: "q" },
      { kind: "self", at: at(1), by: null, score: c(100), explanation: null },
    ]);
    expect(h.map((e) => (e.kind === "round" ? `r${e.round}` : e.kind))).toEqual(["self", "r1", "request", "answer", "r2"]);
  });
});

describe("decision input", () => {
  const base = { assessmentId: "a1", criterion: "2.1.1", reason: null };
  it("takes a score as people type it and refuses empty, non-numeric and negative ones with their own message", async () => {
    const { decideSchema } = await import("@/lib/schemas/appraisal");
    expect(decideSchema.parse({ ...base, score: "0,5" }).score).toBe(0.5);
    expect(decideSchema.parse({ ...base, score: 1 }).score).toBe(1);
    const issue = (score: unknown) => decideSchema.safeParse({ ...base, score }).error?.issues[0]?.message;
    expect(issue("")).toBe("appraisal.errors.scoreRequired");
    expect(issue("abc")).toBe("appraisal.errors.scoreRequired");
    expect(issue("-1")).toBe("appraisal.errors.scoreNegative");
  });
});
