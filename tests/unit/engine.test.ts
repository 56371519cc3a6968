import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compileFramework, computeCycle, InvalidFrameworkError, meanFraction, meanIndexHundredths, percentTenThousandths, rankUnits,
  scoreUnit, surveyPoints, yearOverYear, type CompiledFramework, type CycleUnitInput, type LeafInput, type UnitInput,
  type YearFigure,
} from "@/lib/domain/engine";
import { DEFAULT_BANDS, leaves, type CriterionDoc, type FrameworkDoc } from "@/lib/domain/framework";
import { toCenti, type Centi } from "@/lib/domain/points";
import { allowedScores, pointsForDeclaredValue, type RuleInput } from "@/lib/domain/rules";
import { compareFractions, indexHundredths } from "@/lib/domain/scoring";
import { frameworkDocSchema, type FrameworkDocInput } from "@/lib/schemas/framework";
import { scoresDocSchema, surveysDocSchema, toUnitInputs } from "@/lib/schemas/scores";
import { COMMUNE_FRAMEWORK } from "@/prisma/seed/framework-communes";
import { DEPARTMENT_FRAMEWORK } from "@/prisma/seed/framework-departments";
import type { SeedFramework } from "@/prisma/seed/types";
import { LINEAGE } from "@/prisma/seed/units";

// ---- Helpers ------------------------------------------------------------------------------------

const c = (v: number) => toCenti(v);
const L = { labelVi: "x", labelEn: "x" };
type NodeInput = Omit<CriterionDoc, "rule" | "children"> & { rule?: RuleInput; children?: NodeInput[] };
type TreeInput = NodeInput[];

function doc(tree: TreeInput, extra: Partial<FrameworkDocInput> = {}): FrameworkDoc {
  return frameworkDocSchema.parse({
    format: "par-framework/v1", code: "TEST", nameVi: "Thử", nameEn: "Test", legalBasis: "test", unitGroup: "SBN",
    fromYear: 2024, bonusCap: 0, penaltyCap: 0, tree, ...extra,
  }) as FrameworkDoc;
}

const unit = (scores: Record<string, LeafInput>, rest: Partial<UnitInput> = {}): UnitInput => ({ code: "U", scores, ...rest });
const self = (v: number): LeafInput => ({ self: c(v) });
const round = (n: number, v: number) => ({ round: n, score: c(v) });

/**
 * A framework with every rule kind, 20 points:
 *   1 (10) ─ 1.1 (6): 1.1.1 options 1/0.5/0 (1) · 1.1.2 tiers >90 % → 2, ≥70 % → 1 (2) · 1.1.3 yes/no (1) · 1.1.4 free, step 0.25 (2)
 *          └ 1.2 (4): 1.2.1 yes/no (4)
 *   2 (10) ─ 2.1 sociological survey (3) · 2.2 SIPAS overall (4) · 2.3 SIPAS element 2 (3)
 */
const ALL_KINDS: TreeInput = [
  { code: "1", titleVi: "Lĩnh vực 1", titleEn: "Area 1", maxPoints: 10, children: [
    { code: "1.1", titleVi: "1.1", titleEn: "1.1", maxPoints: 6, children: [
      { code: "1.1.1", titleVi: "a", titleEn: "a", maxPoints: 1,
        rule: { kind: "options", options: [{ points: 1, ...L }, { points: 0.5, ...L }, { points: 0, ...L }] } },
      { code: "1.1.2", titleVi: "b", titleEn: "b", maxPoints: 2,
        rule: { kind: "tiers", valueLabelVi: "Tỷ lệ", valueLabelEn: "Rate", tiers: [{ min: 90.01, points: 2, ...L }, { min: 70, points: 1, ...L }] } },
      { code: "1.1.3", titleVi: "c", titleEn: "c", maxPoints: 1, rule: { kind: "yesNo" } },
      { code: "1.1.4", titleVi: "d", titleEn: "d", maxPoints: 2, rule: { kind: "free", step: 0.25 } },
    ] },
    { code: "1.2", titleVi: "1.2", titleEn: "1.2", maxPoints: 4, children: [
      { code: "1.2.1", titleVi: "e", titleEn: "e", maxPoints: 4, rule: { kind: "yesNo" } },
    ] },
  ] },
  { code: "2", titleVi: "Lĩnh vực 2", titleEn: "Area 2", maxPoints: 10, children: [
    { code: "2.1", titleVi: "f", titleEn: "f", maxPoints: 3, source: "SURVEY", rule: { kind: "survey" } },
    { code: "2.2", titleVi: "g", titleEn: "g", maxPoints: 4, source: "SURVEY", rule: { kind: "survey", survey: "SIPAS" } },
    { code: "2.3", titleVi: "h", titleEn: "h", maxPoints: 3, source: "SURVEY", rule: { kind: "survey", survey: "SIPAS", element: 2 } },
  ] },
];

const KINDS = compileFramework(doc(ALL_KINDS, { bonusCap: 2, penaltyCap: 3 }));
const FULL_SURVEYS = { sociological: { "2.1": 100 }, sipas: { overall: 100, elements: [100, 100, 100, 100, 100] } };
const score = (input: UnitInput, fw: CompiledFramework = KINDS) => scoreUnit(fw, input);
const gcdOf = (a: number, b: number): number => (b === 0 ? a : gcdOf(b, a % b));
const keys = (r: { errors: { code: string; key: string }[] }) => r.errors.map((e) => `${e.code}:${e.key}`);

// ---- Compilation --------------------------------------------------------------------------------

describe("compileFramework", () => {
  it("precomputes leaves with ancestor chains, maxima in hundredths, areas and survey leaves", () => {
    expect(KINDS.max).toBe(2000);
    expect(KINDS.bonusCap).toBe(200);
    expect(KINDS.penaltyCap).toBe(300);
    expect(KINDS.areas).toEqual(["1", "2"]);
    expect(KINDS.leaves.map((l) => l.code)).toEqual(["1.1.1", "1.1.2", "1.1.3", "1.1.4", "1.2.1", "2.1", "2.2", "2.3"]);
    const leaf = KINDS.leaves[1]!;
    expect(leaf.chain.map((n) => KINDS.nodes[n]!.code)).toEqual(["1.1.2", "1.1", "1"]);
    expect(leaf.max).toBe(200);
    expect(leaf.area).toBe("1");
    expect(KINDS.surveyLeaves.map((i) => KINDS.leaves[i]!.code)).toEqual(["2.1", "2.2", "2.3"]);
    expect(KINDS.leaves[7]!.survey).toEqual({ survey: "SIPAS", element: 2 });
    expect(KINDS.bands).toEqual(DEFAULT_BANDS);
  });

  it("throws with the validation issues on an invalid framework", () => {
    const bad = doc(ALL_KINDS);
    bad.tree[0]!.maxPoints = 11; // children add up to 10
    expect(() => compileFramework(bad)).toThrow(InvalidFrameworkError);
    try {
      compileFramework(bad);
    } catch (e) {
      expect((e as InvalidFrameworkError).issues).toEqual([{ code: "1", key: "childrenSum", values: { sum: 10, max: 11 } }]);
    }
  });

  it("takes classification bands from the framework, or from the options", () => {
    const bands = [{ code: "T", labelVi: "Tốt", labelEn: "Good", minIndex: 85 }, { code: "K", labelVi: "Khá", labelEn: "Fair", minIndex: 70 }];
    expect(compileFramework(doc(ALL_KINDS, { classification: bands })).bands).toEqual(bands);
    expect(compileFramework(doc(ALL_KINDS), { bands }).bands).toEqual(bands);
  });
});

// ---- Rules --------------------------------------------------------------------------------------

describe("self-scored leaves: every rule kind", () => {
  it("scores 0, the maximum and every allowed value", () => {
    const full = score(unit({ "1.1.1": self(1), "1.1.2": { self: c(2), declared: 95 }, "1.1.3": self(1), "1.1.4": self(2), "1.2.1": self(4) },
      { surveys: FULL_SURVEYS }));
    expect(full.errors).toEqual([]);
    expect(full.missing).toEqual([]);
    expect(full.achieved).toBe(2000);
    expect(full.indexHundredths).toBe(10_000);
    expect(full.band?.code).toBe("A");

    const zero = score(unit({ "1.1.1": self(0), "1.1.2": self(0), "1.1.3": self(0), "1.1.4": self(0), "1.2.1": self(0) },
      { surveys: { sociological: { "2.1": 0 }, sipas: { overall: 0, elements: [0, 0, 0, 0, 0] } } }));
    expect(zero.errors).toEqual([]);
    expect(zero.missing).toEqual([]);
    expect(zero.achieved).toBe(0);
    expect(zero.indexHundredths).toBe(0);
    expect(zero.band?.code).toBe("C");

    for (const v of [1, 0.5, 0]) expect(score(unit({ "1.1.1": self(v) })).leaves["1.1.1"]).toEqual({ effective: c(v), source: "self" });
    for (const v of [0, 0.25, 0.5, 1.75, 2]) expect(score(unit({ "1.1.4": self(v) })).leaves["1.1.4"]!.effective).toBe(c(v));
    expect(score(unit({ "1.1.2": self(1) })).leaves["1.1.2"]!.effective).toBe(100); // tiers without declared value: an allowed score
  });

  it("reports missing leaves and scores them 0", () => {
    const r = score(unit({ "1.1.1": self(1) }));
    expect(r.missing).toEqual(["1.1.2", "1.1.3", "1.1.4", "1.2.1", "2.1", "2.2", "2.3"]);
    expect(r.leaves["1.1.2"]).toEqual({ effective: 0, source: "missing" });
    expect(r.achieved).toBe(100);
    expect(r.errors).toEqual([]);
    expect(score(unit({ "1.1.1": { self: null } })).leaves["1.1.1"]!.source).toBe("missing");
    expect(score(unit({ "1.1.1": {} })).leaves["1.1.1"]!.source).toBe("missing");
  });

  it("rejects over max, negative, non-numeric and not allowed values, and treats them as missing", () => {
    const r = score(unit({
      "1.1.1": self(0.75), // options 1 / 0.5 / 0
      "1.1.3": self(1.5), // yes/no, max 1
      "1.1.4": self(0.3), // free, step 0.25
      "1.2.1": { self: -100 as Centi },
    }));
    expect(r.errors).toEqual([
      { code: "1.1.1", key: "notAllowed", values: { field: "self", score: 0.75, allowed: "1; 0.5; 0" } },
      { code: "1.1.3", key: "overMax", values: { field: "self", score: 1.5, max: 1 } },
      { code: "1.1.4", key: "notAllowed", values: { field: "self", score: 0.3, step: 0.25, max: 2 } },
      { code: "1.2.1", key: "negative", values: { field: "self", score: -1 } },
    ]);
    expect(r.missing).toEqual(["1.1.1", "1.1.2", "1.1.3", "1.1.4", "1.2.1", "2.1", "2.2", "2.3"]);
    expect(r.achieved).toBe(0);
    expect(score(unit({ "1.1.3": self(0.5) })).errors[0]!.key).toBe("notAllowed"); // yes/no: max or 0 only
    expect(score(unit({ "1.1.4": self(2.25) })).errors[0]!.key).toBe("overMax");
  });

  it("rejects NaN, infinities, fractions of a hundredth and non-numbers", () => {
    for (const bad of [Number.NaN, Infinity, -Infinity, 12.5, "100", null as unknown as number]) {
      const r = score(unit({ "1.1.1": { self: bad as unknown as Centi }, "1.1.3": self(1) }));
      if (bad === null) {
        expect(r.errors).toEqual([]); // null = no score
      } else {
        expect(r.errors).toEqual([{ code: "1.1.1", key: "notNumeric", values: { field: "self", score: String(bad) } }]);
      }
      expect(r.leaves["1.1.1"]!.source).toBe("missing");
      expect(r.achieved).toBe(100);
    }
  });

  it("reports unknown criterion codes and inner nodes, and ignores them", () => {
    const r = score(unit({ "9.9.9": self(1), "1.1": self(1), "1.1.3": self(1) }));
    expect(keys(r)).toEqual(["9.9.9:unknownCriterion", "1.1:notLeaf"]);
    expect(r.achieved).toBe(100);
  });

  it("accepts the scores as a Map as well as a record", () => {
    const m = score({ code: "U", scores: new Map([["1.1.1", self(0.5)], ["1.2.1", self(4)]]) });
    expect(m.achieved).toBe(450);
    expect(m).toEqual(score(unit({ "1.1.1": self(0.5), "1.2.1": self(4) })));
  });
});

describe("tiers: the declared value determines the score", () => {
  const at = (declared: number) => score(unit({ "1.1.2": { declared } })).leaves["1.1.2"];

  it("derives the score at the boundaries (> 90 % encoded as min 90.01; 70 inclusive)", () => {
    expect(at(100)).toEqual({ effective: 200, source: "self" });
    expect(at(90.01)!.effective).toBe(200);
    expect(at(90)!.effective).toBe(100);
    expect(at(70)!.effective).toBe(100);
    expect(at(69.99)).toEqual({ effective: 0, source: "self" }); // declared: scored 0, not missing
    expect(at(0)!.effective).toBe(0);
  });

  it("accepts a self score equal to the tier's points, rejects a different one", () => {
    expect(score(unit({ "1.1.2": { self: c(1), declared: 85 } })).errors).toEqual([]);
    const r = score(unit({ "1.1.2": { self: c(2), declared: 85 } }));
    expect(r.errors).toEqual([{ code: "1.1.2", key: "declaredMismatch", values: { score: 2, expected: 1, declared: 85 } }]);
    expect(r.leaves["1.1.2"]).toEqual({ effective: 0, source: "missing" });
    expect(r.missing).toContain("1.1.2");
  });

  it("derive the same points as pointsForDeclaredValue for any declared value", () => {
    const rule = KINDS.leaves[1]!.rule;
    if (rule.kind !== "tiers") throw new Error("1.1.2 is a tiers rule");
    fc.assert(
      fc.property(fc.double({ min: -50, max: 200, noNaN: true }), (declared) => {
        expect(score(unit({ "1.1.2": { declared } })).leaves["1.1.2"]!.effective).toBe(pointsForDeclaredValue(rule, declared));
      }),
      { numRuns: 1000 },
    );
  });

  it("reports a non-numeric declared value and falls back to the self score", () => {
    const r = score(unit({ "1.1.2": { self: c(1), declared: Number.NaN } }));
    expect(r.errors).toEqual([{ code: "1.1.2", key: "notNumeric", values: { field: "declared", declared: "NaN" } }]);
    expect(r.leaves["1.1.2"]!.effective).toBe(100);
  });

  it("ignores a declared value on other rules", () => {
    const r = score(unit({ "1.1.3": { self: c(1), declared: 12 } }));
    expect(r.errors).toEqual([]);
    expect(r.leaves["1.1.3"]!.effective).toBe(100);
  });
});

describe("appraisal rounds", () => {
  it("override the self score; the last round wins", () => {
    const r = score(unit({ "1.1.1": { self: c(1), rounds: [round(1, 0.5)] }, "1.2.1": { self: c(4), rounds: [round(1, 0), round(2, 4)] } }));
    expect(r.leaves["1.1.1"]).toEqual({ effective: 50, source: "appraisal", round: 1 });
    expect(r.leaves["1.2.1"]).toEqual({ effective: 400, source: "appraisal", round: 2 });
    expect(r.selfPoints).toBe(450);
    // An appraisal on a leaf the unit did not score counts.
    expect(score(unit({ "1.1.3": { rounds: [round(1, 1)] } })).leaves["1.1.3"]).toEqual({ effective: 100, source: "appraisal", round: 1 });
  });

  it("does not depend on the order of the rounds", () => {
    const roundsArb = fc.uniqueArray(fc.record({ round: fc.integer({ min: 1, max: 6 }), q: fc.integer({ min: 0, max: 8 }) }),
      { selector: (r) => r.round, minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(roundsArb.chain((rs) => fc.tuple(fc.constant(rs), fc.shuffledSubarray(rs, { minLength: rs.length, maxLength: rs.length }))),
        ([rs, shuffled]) => {
          const toInput = (list: typeof rs): UnitInput => unit({ "1.1.4": { self: c(2), rounds: list.map((x) => ({ round: x.round, score: (x.q * 25) as Centi })) } });
          const a = score(toInput(rs));
          const b = score(toInput(shuffled));
          const last = rs.reduce((m, x) => (x.round > m.round ? x : m));
          expect(a.leaves["1.1.4"]).toEqual({ effective: last.q * 25, source: "appraisal", round: last.round });
          expect(b).toEqual(a);
        }),
      { numRuns: 1000 },
    );
  });

  it("ignores invalid rounds (the last valid one wins) and reports them", () => {
    const r = score(unit({ "1.1.1": { self: c(1), rounds: [round(1, 0.5), round(2, 0.75)] } }));
    expect(r.leaves["1.1.1"]).toEqual({ effective: 50, source: "appraisal", round: 1 });
    expect(r.errors).toEqual([{ code: "1.1.1", key: "notAllowed", values: { field: "round", round: 2, score: 0.75, allowed: "1; 0.5; 0" } }]);

    const dup = score(unit({ "1.1.1": { self: c(1), rounds: [round(2, 0), round(1, 0.5), round(2, 1)] } }));
    expect(keys(dup)).toEqual(["1.1.1:roundDuplicate"]);
    expect(dup.leaves["1.1.1"]).toEqual({ effective: 50, source: "appraisal", round: 1 });

    const zero = score(unit({ "1.1.1": { self: c(1), rounds: [round(0, 0)] } }));
    expect(keys(zero)).toEqual(["1.1.1:roundNumber"]);
    expect(zero.leaves["1.1.1"]).toEqual({ effective: 100, source: "self" });
  });

  it("still reports an invalid self score when a round decides", () => {
    const r = score(unit({ "1.1.1": { self: c(0.75), rounds: [round(1, 0.5)] } }));
    expect(keys(r)).toEqual(["1.1.1:notAllowed"]);
    expect(r.leaves["1.1.1"]).toEqual({ effective: 50, source: "appraisal", round: 1 });
  });
});

// ---- Surveys ------------------------------------------------------------------------------------

describe("survey leaves", () => {
  it("give max × percent ÷ 100, rounded half up to hundredths of a point", () => {
    expect(surveyPoints(c(3), 87.5)).toBe(263); // 2.625 → 2.63 (half up)
    expect(surveyPoints(c(3), 87.49)).toBe(262); // 2.6247 → 2.62
    expect(surveyPoints(c(3), 87.59)).toBe(263); // 2.6277 → 2.63
    expect(surveyPoints(c(4), 84.45)).toBe(338); // national SIPAS 2019: 3.378 → 3.38
    expect(surveyPoints(c(10), 82.66)).toBe(827); // national SIPAS 2023: 8.266 → 8.27
    expect(surveyPoints(c(1), 0.5)).toBe(1); // 0.005 → 0.01
    expect(surveyPoints(c(1), 0.4999)).toBe(0); // 0.004999 → 0.00
    expect(surveyPoints(c(3), 0)).toBe(0);
    expect(surveyPoints(c(3), 100)).toBe(300);
    expect(() => surveyPoints(c(3), 100.01)).toThrow(RangeError);
    expect(percentTenThousandths(87.5901)).toBe(875_901);
    expect(percentTenThousandths(87.59012)).toBeNull();
    expect(percentTenThousandths(0.1 + 0.2)).toBe(3000); // binary noise is not a 5th decimal
    expect(percentTenThousandths(Number.NaN)).toBeNull();
  });

  it("use the sociological result per leaf, SIPAS overall or the rule's element", () => {
    const r = score(unit({}, { surveys: { sociological: { "2.1": 87.59 }, sipas: { overall: 82.66, elements: [90, 75.5, 80, 85, 70] } } }));
    expect(r.leaves["2.1"]).toEqual({ effective: 263, source: "survey" }); // 3 × 87.59 % = 2.6277 → 2.63
    expect(r.leaves["2.2"]).toEqual({ effective: 331, source: "survey" }); // 4 × 82.66 % = 3.3064 → 3.31
    expect(r.leaves["2.3"]).toEqual({ effective: 227, source: "survey" }); // 3 × 75.5 % (element 2) = 2.265 → 2.27
    expect(r.surveyPoints).toBe(263 + 331 + 227);
    expect(r.selfPoints).toBe(0);
    expect(r.nodes["2"]).toEqual({ achieved: 821, max: 1000, indexHundredths: 8210 });
  });

  it("are missing (0) without a survey result", () => {
    const r = score(unit({}, { surveys: { sipas: { overall: 80 } } })); // no elements: 2.3 missing; no sociological: 2.1 missing
    expect(r.leaves["2.2"]!.effective).toBe(320);
    expect(r.leaves["2.1"]).toEqual({ effective: 0, source: "missing" });
    expect(r.leaves["2.3"]).toEqual({ effective: 0, source: "missing" });
    expect(r.missing).toEqual(expect.arrayContaining(["2.1", "2.3"]));
    expect(r.missing).not.toContain("2.2");
  });

  it("may not be self-scored or appraised", () => {
    const r = score(unit({ "2.1": { self: c(3), rounds: [round(1, 3)] } }, { surveys: { sociological: { "2.1": 50 } } }));
    expect(r.errors).toEqual([{ code: "2.1", key: "surveyLeafScored", values: {} }]);
    expect(r.leaves["2.1"]).toEqual({ effective: 150, source: "survey" });
  });

  it("report invalid survey input and ignore it", () => {
    const r = score(unit({}, { surveys: {
      sociological: { "2.1": 101, "1.1.3": 50, "2.2": 50, "7.7": 50, "2": 50 },
      sipas: { overall: Number.NaN, elements: [1, 2, 3, 4] },
    } }));
    expect(r.errors).toEqual([
      { code: "2", key: "notLeaf", values: { survey: "SOCIOLOGICAL" } }, // integer-like keys come first in a JS record
      { code: "2.1", key: "percentRange", values: { survey: "SOCIOLOGICAL", percent: 101 } },
      { code: "1.1.3", key: "notSurveyLeaf", values: { survey: "SOCIOLOGICAL" } },
      { code: "2.2", key: "notSurveyLeaf", values: { survey: "SOCIOLOGICAL" } },
      { code: "7.7", key: "unknownCriterion", values: { survey: "SOCIOLOGICAL" } },
      { code: "", key: "notNumeric", values: { survey: "SIPAS", element: "overall", percent: "NaN" } },
      { code: "", key: "sipasElements", values: { survey: "SIPAS", count: 4 } },
    ]);
    expect(r.surveyPoints).toBe(0);
    expect(keys(score(unit({}, { surveys: { sociological: { "2.1": 87.12345 } } })))).toEqual(["2.1:percentDecimals"]);
    expect(keys(score(unit({}, { surveys: { sipas: { overall: 80, elements: [80, -1, 80, 80, 80] } } })))).toEqual([":percentRange"]);
  });
});

// ---- Bonus and penalty --------------------------------------------------------------------------

describe("bonus and penalty", () => {
  // Leaf points 12: 1.1.1 = 1, 1.1.2 = 2, 1.1.3 = 1, 1.1.4 = 2, 1.2.1 = 4, 2.1 = 2 (3 × 66.67 % = 2.0001 → 2.00).
  const base = { "1.1.1": self(1), "1.1.2": self(2), "1.1.3": self(1), "1.1.4": self(2), "1.2.1": self(4) };
  const surveys = { sociological: { "2.1": 66.67 } };
  const bonus = (points: number, extra: object = {}) => ({ points: c(points), ...extra });

  it("count accepted items only, capped per framework (bonus cap 2, penalty cap 3)", () => {
    const r = score(unit(base, { surveys,
      bonus: [bonus(1.5, { code: "B1", unitNote: "Sáng kiến cấp tỉnh", appraiserNote: "Đồng ý" }), bonus(1), bonus(5, { accepted: false })],
      penalty: [bonus(0.5, { code: "P1", appraiserNote: "Báo cáo trễ hạn" })] }));
    expect(r.leafPoints).toBe(1200);
    expect(r.bonusAccepted).toBe(250);
    expect(r.bonusApplied).toBe(200); // capped at 2
    expect(r.penaltyAccepted).toBe(50);
    expect(r.penaltyApplied).toBe(50);
    expect(r.achieved).toBe(1200 + 200 - 50);
    expect(r.indexHundredths).toBe(6750); // 13.5 / 20
    expect(r.adjustments).toEqual([
      { kind: "bonus", code: "B1", points: 150, accepted: true, unitNote: "Sáng kiến cấp tỉnh", appraiserNote: "Đồng ý" },
      { kind: "bonus", code: null, points: 100, accepted: true, unitNote: null, appraiserNote: null },
      { kind: "bonus", code: null, points: 500, accepted: false, unitNote: null, appraiserNote: null },
      { kind: "penalty", code: "P1", points: 50, accepted: true, unitNote: null, appraiserNote: "Báo cáo trễ hạn" },
    ]);
    // Node totals (areas) hold leaf points only.
    expect(r.nodes["1"]!.achieved + r.nodes["2"]!.achieved).toBe(r.leafPoints);
  });

  it("caps the penalty, and the total never falls below 0", () => {
    const r = score(unit({ "1.1.1": self(1) }, { penalty: [bonus(2), bonus(2)] }));
    expect(r.penaltyAccepted).toBe(400);
    expect(r.penaltyApplied).toBe(300);
    expect(r.achieved).toBe(0); // 1 − 3 → 0
    expect(r.indexHundredths).toBe(0);
  });

  it("never lets the total exceed the maximum (index ≤ 100 %)", () => {
    const r = score(unit({ ...base, "1.1.2": self(1) }, { surveys: FULL_SURVEYS, bonus: [bonus(2)] }));
    expect(r.leafPoints).toBe(1900);
    expect(r.bonusApplied).toBe(200);
    expect(r.achieved).toBe(2000); // 19 + 2 = 21 → 20
    expect(r.indexHundredths).toBe(10_000);
  });

  it("applies nothing when the framework's cap is 0", () => {
    const noCaps = compileFramework(doc(ALL_KINDS));
    const r = score(unit({ "1.1.1": self(1) }, { bonus: [bonus(1)], penalty: [bonus(1)] }), noCaps);
    expect([r.bonusAccepted, r.bonusApplied, r.penaltyApplied, r.achieved]).toEqual([100, 0, 0, 100]);
  });

  it("reports items whose points are not positive hundredths, and ignores them", () => {
    const r = score(unit({}, { bonus: [{ points: 0 as Centi, code: "B0" }, { points: Number.NaN as Centi }], penalty: [{ points: -50 as Centi }] }));
    expect(r.errors).toEqual([
      { code: "", key: "adjustmentPoints", values: { kind: "bonus", index: 0, item: "B0", points: 0 } },
      { code: "", key: "adjustmentPoints", values: { kind: "bonus", index: 1, item: "", points: "NaN" } },
      { code: "", key: "adjustmentPoints", values: { kind: "penalty", index: 0, item: "", points: -0.5 } },
    ]);
    expect(r.adjustments).toEqual([]);
  });
});

// ---- Nodes ----------------------------------------------------------------------------------------

describe("node totals and component indices", () => {
  it("sums leaves into every node and gives each area's component index", () => {
    const r = score(unit({ "1.1.1": self(0.5), "1.1.2": { declared: 75 }, "1.1.4": self(1.25), "1.2.1": self(4) },
      { surveys: { sociological: { "2.1": 50 }, sipas: { overall: 60, elements: [1, 2, 3, 4, 5] } } }));
    // 1.1 = 0.5 + 1 + 0 + 1.25 = 2.75 / 6 = 45.833… % → 45.83; 1.2 = 4 / 4; area 1 = 6.75 / 10 = 67.5 %.
    // Area 2 = 1.5 (3 × 50 %) + 2.4 (4 × 60 %) + 0.06 (3 × 2 %) = 3.96 / 10 = 39.6 %.
    expect(r.nodes["1.1"]).toEqual({ achieved: 275, max: 600, indexHundredths: 4583 });
    expect(r.nodes["1.2"]).toEqual({ achieved: 400, max: 400, indexHundredths: 10_000 });
    expect(r.nodes["1"]).toEqual({ achieved: 675, max: 1000, indexHundredths: 6750 });
    expect(r.nodes["2"]).toEqual({ achieved: 396, max: 1000, indexHundredths: 3960 });
    expect(r.nodes["1.1.3"]).toEqual({ achieved: 0, max: 100, indexHundredths: 0 });
    expect(r.achieved).toBe(1071);
    expect(r.indexHundredths).toBe(5355); // 10.71 / 20
    expect(Object.keys(r.nodes)).toHaveLength(KINDS.nodes.length);
  });
});

// ---- Properties over random frameworks and scores -----------------------------------------------

type LeafSpec = { quarters: number; kind: "yesNo" | "free" | "options" | "tiers" | "survey" };
const leafSpec = fc.record({
  quarters: fc.integer({ min: 1, max: 20 }),
  kind: fc.constantFrom<LeafSpec["kind"]>("yesNo", "free", "options", "tiers", "survey"),
});
/** Areas → criteria; a criterion is a leaf or a list of leaves (trees of depth 2 and 3). */
const treeSpec = fc.array(fc.array(fc.oneof(leafSpec, fc.array(leafSpec, { minLength: 1, maxLength: 4 })), { minLength: 1, maxLength: 3 }),
  { minLength: 1, maxLength: 4 });

function leafDoc(code: string, s: LeafSpec): NodeInput {
  const maxPoints = s.quarters / 4;
  const base = { code, titleVi: code, titleEn: code, maxPoints };
  switch (s.kind) {
    case "yesNo": return { ...base, rule: { kind: "yesNo" } };
    case "free": return { ...base, rule: { kind: "free", step: 0.25 } };
    case "options": return { ...base, rule: { kind: "options", options: [{ points: maxPoints, ...L }, { points: 0, ...L }] } };
    case "tiers": return { ...base, rule: { kind: "tiers", valueLabelVi: "v", valueLabelEn: "v", tiers: [{ min: 50, points: maxPoints, ...L }] } };
    case "survey": return { ...base, source: "SURVEY", rule: { kind: "survey" } };
  }
}

function buildTree(spec: (LeafSpec | LeafSpec[])[][]): TreeInput {
  const sum = (nodes: TreeInput) => nodes.reduce((s, n) => s + toCenti(n.maxPoints), 0) / 100;
  return spec.map((area, a) => {
    const children = area.map((crit, k) => {
      const code = `${a + 1}.${k + 1}`;
      if (!Array.isArray(crit)) return leafDoc(code, crit);
      const kids = crit.map((l, j) => leafDoc(`${code}.${j + 1}`, l));
      return { code, titleVi: code, titleEn: code, maxPoints: sum(kids), children: kids };
    });
    return { code: `${a + 1}`, titleVi: "a", titleEn: "a", maxPoints: sum(children), children };
  });
}

const leafDraw = fc.record({
  mode: fc.constantFrom("missing", "valid", "raw", "declared", "rounds"),
  pick: fc.nat(),
  raw: fc.integer({ min: -300, max: 800 }),
  declared: fc.integer({ min: 0, max: 100 }),
  rounds: fc.array(fc.record({ round: fc.integer({ min: 0, max: 4 }), pick: fc.nat(), raw: fc.option(fc.integer({ min: -300, max: 800 })) }), { maxLength: 3 }),
  percent: fc.option(fc.integer({ min: 0, max: 10_000 })),
});
const adjustmentsDraw = fc.array(fc.record({ points: fc.integer({ min: 1, max: 800 }), accepted: fc.boolean() }), { maxLength: 3 });

type LeafDraw = typeof leafDraw extends fc.Arbitrary<infer T> ? T : never;

function drawUnit(fw: CompiledFramework, draws: LeafDraw[], bonus: { points: number; accepted: boolean }[],
  penalty: { points: number; accepted: boolean }[]): UnitInput {
  const scores: Record<string, LeafInput> = {};
  const sociological: Record<string, number> = {};
  fw.leaves.forEach((leaf, i) => {
    const d = draws[i % draws.length]!;
    if (leaf.survey) {
      if (d.percent !== null) sociological[leaf.code] = d.percent / 100;
      return;
    }
    const allowed = allowedScores(leaf.rule, leaf.max)!;
    const valid = (pick: number) => allowed[pick % allowed.length]!;
    if (d.mode === "valid") scores[leaf.code] = { self: valid(d.pick) };
    else if (d.mode === "raw") scores[leaf.code] = { self: d.raw as Centi };
    else if (d.mode === "declared") scores[leaf.code] = { declared: d.declared, self: d.pick % 2 ? valid(d.pick) : null };
    else if (d.mode === "rounds") {
      scores[leaf.code] = { self: valid(d.pick), rounds: d.rounds.map((r) => ({ round: r.round, score: (r.raw ?? valid(r.pick)) as Centi })) };
    }
  });
  return { code: "R", scores, surveys: { sociological }, bonus: bonus.map((b) => ({ ...b, points: b.points as Centi })),
    penalty: penalty.map((b) => ({ ...b, points: b.points as Centi })) };
}

describe("properties", () => {
  it("node totals equal the sums of their leaves; 0 ≤ achieved ≤ max; index within [0, 100]", () => {
    fc.assert(
      fc.property(treeSpec, fc.array(leafDraw, { minLength: 1, maxLength: 48 }), adjustmentsDraw, adjustmentsDraw,
        fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 }),
        (spec, draws, bonus, penalty, bonusQ, penaltyQ) => {
          const fw = compileFramework(doc(buildTree(spec), { bonusCap: bonusQ / 4, penaltyCap: penaltyQ / 4 }));
          const r = scoreUnit(fw, drawUnit(fw, draws, bonus, penalty));
          // Every node: its total is the sum of its leaves' effective scores (and of its children's totals).
          for (const node of fw.nodes) {
            const mine = fw.leaves.filter((l) => l.code === node.code || l.code.startsWith(`${node.code}.`));
            expect(r.nodes[node.code]!.achieved).toBe(mine.reduce((s, l) => s + r.leaves[l.code]!.effective, 0));
            const kids = fw.nodes.filter((n) => n.parent === fw.nodeIndex.get(node.code));
            if (kids.length) expect(r.nodes[node.code]!.achieved).toBe(kids.reduce((s, k) => s + r.nodes[k.code]!.achieved, 0));
            expect(r.nodes[node.code]!.achieved).toBeLessThanOrEqual(node.max);
            expect(r.nodes[node.code]!.indexHundredths).toBeGreaterThanOrEqual(0);
            expect(r.nodes[node.code]!.indexHundredths).toBeLessThanOrEqual(10_000);
          }
          for (const leaf of fw.leaves) {
            const lr = r.leaves[leaf.code]!;
            expect(lr.effective).toBeGreaterThanOrEqual(0);
            expect(lr.effective).toBeLessThanOrEqual(leaf.max);
            if (!leaf.survey) expect(allowedScores(leaf.rule, leaf.max)).toContain(lr.effective);
            expect(r.missing.includes(leaf.code)).toBe(lr.source === "missing");
          }
          expect(fw.areas.reduce((s, a) => s + r.nodes[a]!.achieved, 0)).toBe(r.leafPoints);
          expect(r.selfPoints + r.surveyPoints).toBe(r.leafPoints);
          expect(r.bonusApplied).toBe(Math.min(r.bonusAccepted, fw.bonusCap));
          expect(r.penaltyApplied).toBe(Math.min(r.penaltyAccepted, fw.penaltyCap));
          expect(r.achieved).toBe(Math.max(0, Math.min(r.max, r.leafPoints + r.bonusApplied - r.penaltyApplied)));
          expect(r.achieved).toBeGreaterThanOrEqual(0);
          expect(r.achieved).toBeLessThanOrEqual(r.max);
          expect(r.indexHundredths).toBeGreaterThanOrEqual(0);
          expect(r.indexHundredths).toBeLessThanOrEqual(10_000);
        }),
      { numRuns: 1000 },
    );
  });

  const fractionArb = fc.integer({ min: 1, max: 12_000 }).chain((max) => fc.record({ max: fc.constant(max), achieved: fc.integer({ min: 0, max }) }));
  const unitsArb = fc.array(fc.record({ score: fractionArb, group: fc.constantFrom("SBN", "XA", null) }), { minLength: 1, maxLength: 40 })
    .map((list) => list.map((u, i) => ({ code: `U${String(i).padStart(2, "0")}`, achieved: u.score.achieved as Centi, max: u.score.max as Centi, group: u.group })));

  it("ranking: rank 1 exists, rank = 1 + number strictly better, equal → same rank, higher → never worse", () => {
    fc.assert(
      fc.property(unitsArb, (units) => {
        for (const ranked of [rankUnits(units), rankUnits(units, { by: (u) => u.group })]) {
          const byCode = new Map(units.map((u) => [u.code, u]));
          const keysSeen = new Set(ranked.map((r) => r.key));
          for (const key of keysSeen) {
            const members = ranked.filter((r) => r.key === key);
            if (members[0]!.rank === null) {
              expect(members.every((m) => m.rank === null && m.of === 0)).toBe(true);
              continue;
            }
            expect(members.some((m) => m.rank === 1)).toBe(true);
            for (const a of members) {
              const ua = byCode.get(a.code)!;
              expect(a.of).toBe(members.length);
              expect(a.rank).toBe(1 + members.filter((b) => compareFractions(byCode.get(b.code)!, ua) > 0).length);
              for (const b of members) {
                const cmp = compareFractions(ua, byCode.get(b.code)!);
                if (cmp === 0) expect(a.rank).toBe(b.rank);
                if (cmp > 0) expect(a.rank!).toBeLessThan(b.rank!);
              }
            }
          }
          expect(ranked).toHaveLength(units.length);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("mean index: the exact BigInt mean agrees with the mean over a common denominator, rounded once", () => {
    const maxima = fc.constantFrom(10_000, 12_000, 2_000, 700, 150, 1);
    const fraction = maxima.chain((max) => fc.record({ max: fc.constant(max), achieved: fc.integer({ min: 0, max }) }));
    fc.assert(
      fc.property(fc.array(fraction, { minLength: 1, maxLength: 40 }), (fs) => {
        const fractions = fs.map((f) => ({ achieved: f.achieved as Centi, max: f.max as Centi }));
        const mean = meanFraction(fractions)!;
        const h = meanIndexHundredths(fractions)!;
        expect(h).toBe(indexHundredths(mean));
        // Σ aᵢ/mᵢ ÷ n = mean, exactly (cross-multiplied with the sum's own common denominator).
        const lcm = fractions.reduce((l, f) => (l * f.max) / gcdOf(l, f.max), 1);
        const sum = fractions.reduce((s, f) => s + f.achieved * (lcm / f.max), 0);
        expect(sum * mean.max).toBe(mean.achieved * lcm * fractions.length);
        expect(h).toBeGreaterThanOrEqual(0);
        expect(h).toBeLessThanOrEqual(10_000);
      }),
      { numRuns: 1000 },
    );
  });
});

// ---- Ranking and published figures --------------------------------------------------------------

const published = (rows: [string, number][]) => rows.map(([code, index]) => ({ code, achieved: c(index), max: c(100) }));
const ranks = (ranked: { code: string; rank: number | null }[]) => ranked.map((r) => [r.code, r.rank]);

/** One leaf of 100 points scored freely in hundredths: the unit's score is its published index. */
const PUBLISHED_INDEX = compileFramework(doc([{ code: "1", titleVi: "Chỉ số", titleEn: "Index", maxPoints: 100, rule: { kind: "free", step: 0.01 } }]));

describe("golden figures from published PAR INDEX results", () => {
  it("2012: Đà Nẵng, Bà Rịa–Vũng Tàu, TP.HCM, Đồng Tháp, An Giang, Hà Nội rank 1–6", () => {
    const rows: [string, number][] = [["HNO", 82.79], ["DNG", 87.14], ["AGG", 83.25], ["BRVT", 86.14], ["DTP", 83.44], ["HCM", 83.83]];
    expect(ranks(rankUnits(published(rows)))).toEqual([["DNG", 1], ["BRVT", 2], ["HCM", 3], ["DTP", 4], ["AGG", 5], ["HNO", 6]]);
    // The same through the whole engine: the index equals the published figure.
    const cycle = computeCycle(PUBLISHED_INDEX, rows.map(([code, v]) => ({ code, scores: { "1": self(v) } })));
    expect(cycle.units.map((u) => [u.code, u.indexHundredths, u.rank])).toEqual([
      ["DNG", 8714, 1], ["BRVT", 8614, 2], ["HCM", 8383, 3], ["DTP", 8344, 4], ["AGG", 8325, 5], ["HNO", 8279, 6],
    ]);
    expect(cycle.errorCount).toBe(0);
  });

  it("2023: Quảng Ninh, Hải Phòng, Hà Nội, Bắc Giang, Bà Rịa–Vũng Tàu rank 1–5, all in group A", () => {
    const rows: [string, number][] = [["BRVT", 91.03], ["BGG", 91.16], ["HNO", 91.43], ["HPG", 91.87], ["QNH", 92.18]];
    const cycle = computeCycle(PUBLISHED_INDEX, rows.map(([code, v]) => ({ code, scores: { "1": self(v) } })));
    expect(cycle.units.map((u) => [u.code, u.rank, u.band?.code])).toEqual([
      ["QNH", 1, "A"], ["HPG", 2, "A"], ["HNO", 3, "A"], ["BGG", 4, "A"], ["BRVT", 5, "A"],
    ]);
    expect(cycle.overall.bands).toEqual({ A: 5 });
  });

  it("a tie shares a rank and the next rank skips (2023 regional averages: ĐBSCL and Tây Nguyên both 85.42)", () => {
    const regions: [string, number][] = [["DBSH", 88.33], ["DNB", 87.79], ["TDMNPB", 87.72], ["BTB-DHMT", 86.82], ["TN", 85.42], ["DBSCL", 85.42]];
    expect(ranks(rankUnits(published(regions)))).toEqual([
      ["DBSH", 1], ["DNB", 2], ["TDMNPB", 3], ["BTB-DHMT", 4], ["DBSCL", 5], ["TN", 5], // tie listed by code
    ]);
    expect(ranks(rankUnits(published([["A", 90], ["B", 85], ["C", 85], ["D", 80]])))).toEqual([["A", 1], ["B", 2], ["C", 2], ["D", 4]]);
  });

  it("averages indices exactly and rounds only for display", () => {
    // Illustrative member indices (NOT the published provincial figures, which domain.md does not list):
    // chosen so that each region's exact mean is its published 2023 average.
    const tayNguyen = published([["T1", 86.1], ["T2", 85.02], ["T3", 84.77], ["T4", 85.9], ["T5", 85.31]]); // Σ 427.10 / 5 = 85.42
    const dbscl = published([["M1", 84.5], ["M2", 86.3], ["M3", 85.0], ["M4", 85.41], ["M5", 85.43], ["M6", 84.9], ["M7", 86.01],
      ["M8", 85.7], ["M9", 85.12], ["M10", 85.55], ["M11", 85.2], ["M12", 85.66], ["M13", 85.68]]); // Σ 1110.46 / 13 = 85.42
    expect(meanIndexHundredths(tayNguyen)).toBe(8542);
    expect(meanIndexHundredths(dbscl)).toBe(8542);
    const a = meanFraction(tayNguyen)!;
    const b = meanFraction(dbscl)!;
    expect(compareFractions(a, b)).toBe(0); // exactly equal: a real tie
    expect(ranks(rankUnits([{ code: "TN", ...a }, { code: "DBSCL", ...b }]))).toEqual([["DBSCL", 1], ["TN", 1]]);

    // 85.42 and 85.4246… look the same once rounded, but are not a tie.
    const dbscl2 = published([["M1", 84.5], ["M2", 86.3], ["M3", 85.0], ["M4", 85.41], ["M5", 85.43], ["M6", 84.9], ["M7", 86.01],
      ["M8", 85.7], ["M9", 85.12], ["M10", 85.55], ["M11", 85.2], ["M12", 85.66], ["M13", 85.74]]); // Σ 1110.52 / 13 = 85.4246…
    expect(meanIndexHundredths(dbscl2)).toBe(8542);
    expect(ranks(rankUnits([{ code: "TN", ...a }, { code: "DBSCL", ...meanFraction(dbscl2)! }]))).toEqual([["DBSCL", 1], ["TN", 2]]);

    // Averages round once, from the exact mean: (1/3 + 1/3 + 1/3) = 33.33, not 3 × 33.33.
    expect(meanIndexHundredths([{ achieved: 1 as Centi, max: 3 as Centi }, { achieved: 2 as Centi, max: 6 as Centi }, { achieved: 100 as Centi, max: 300 as Centi }])).toBe(3333);
    expect(meanIndexHundredths([{ achieved: 1 as Centi, max: 3 as Centi }, { achieved: 2 as Centi, max: 3 as Centi }])).toBe(5000);
    expect(meanIndexHundredths([])).toBeNull();
  });

  it("classifies 2024 with A ≥ 90, B 80–< 90 (Hải Phòng 96.17 → A, national average 88.37 → B)", () => {
    const cycle = computeCycle(PUBLISHED_INDEX, [["HPG", 96.17], ["AVG", 88.37], ["E90", 90], ["E8999", 89.99], ["HGG2016", 62.55]]
      .map(([code, v]) => ({ code: code as string, scores: { "1": self(v as number) } })));
    const band = (code: string) => cycle.units.find((u) => u.code === code)!.band?.code;
    expect(band("HPG")).toBe("A");
    expect(band("AVG")).toBe("B");
    expect(band("E90")).toBe("A"); // boundary inclusive
    expect(band("E8999")).toBe("B");
    expect(band("HGG2016")).toBe("C"); // Hậu Giang 2016, last: 62.55
    expect(cycle.overall.bands).toEqual({ A: 2, B: 2, C: 1 });
  });

  it("classifies on the displayed index: 89.995 % shows as 90.00 and is in group A", () => {
    const fw = compileFramework(doc([{ code: "1", titleVi: "x", titleEn: "x", maxPoints: 200, rule: { kind: "free", step: 0.01 } }]));
    const r = scoreUnit(fw, unit({ "1": self(179.99) })); // 179.99 / 200 = 89.995 %
    expect(r.indexHundredths).toBe(9000);
    expect(r.band?.code).toBe("A");
    // …while ranking compares exactly: 89.995 % is below 90 %.
    const other = scoreUnit(fw, { code: "V", scores: { "1": self(180) } });
    expect(ranks(rankUnits([r, other]))).toEqual([["V", 1], ["U", 2]]);
  });

  it("uses configurable bands (Tốt / Khá / Trung bình / Yếu)", () => {
    const bands = [
      { code: "TOT", labelVi: "Tốt", labelEn: "Good", minIndex: 85 },
      { code: "KHA", labelVi: "Khá", labelEn: "Fair", minIndex: 70 },
      { code: "TB", labelVi: "Trung bình", labelEn: "Average", minIndex: 50 },
      { code: "YEU", labelVi: "Yếu", labelEn: "Weak", minIndex: 0 },
    ];
    const fw = compileFramework(doc([{ code: "1", titleVi: "x", titleEn: "x", maxPoints: 100, rule: { kind: "free", step: 0.01 } }]), { bands });
    expect([85, 84.99, 70, 50, 49.99].map((v) => scoreUnit(fw, unit({ "1": self(v) })).band?.code)).toEqual(["TOT", "KHA", "KHA", "TB", "YEU"]);
    const noBands = compileFramework(doc([{ code: "1", titleVi: "x", titleEn: "x", maxPoints: 100, rule: { kind: "free", step: 0.01 } }]), {
      bands: [{ code: "A", labelVi: "A", labelEn: "A", minIndex: 90 }] });
    expect(scoreUnit(noBands, unit({ "1": self(50) })).band).toBeNull();
  });
});

// ---- The Cà Mau fragment ------------------------------------------------------------------------

describe("Cà Mau 1880/QĐ-UBND (2013), area 1 fragment", () => {
  // 1.1 (5 points) and 1.2 (2 points) as in domain.md; 1.3 and the rest of area 1 (20 points in the
  // decision) are left out, so this fragment's area 1 has a maximum of 7.
  const caMau = compileFramework(doc([
    { code: "1", titleVi: "Công tác chỉ đạo, điều hành CCHC", titleEn: "Direction and management of PAR", maxPoints: 7, children: [
      { code: "1.1", titleVi: "Kế hoạch CCHC năm", titleEn: "Annual PAR plan", maxPoints: 5, children: [
        { code: "1.1.1", titleVi: "Ban hành kế hoạch CCHC năm", titleEn: "Issuing the plan", maxPoints: 1, rule: { kind: "options", options: [
          { points: 1, labelVi: "Kịp thời", labelEn: "On time" }, { points: 0.5, labelVi: "Không kịp thời", labelEn: "Late" },
          { points: 0, labelVi: "Không ban hành", labelEn: "Not issued" }] } },
        { code: "1.1.2", titleVi: "Xác định đầy đủ nhiệm vụ… và bố trí kinh phí", titleEn: "Tasks and funding", maxPoints: 1, rule: { kind: "options", options: [
          { points: 1, labelVi: "Đủ và có kinh phí", labelEn: "Complete and funded" }, { points: 0, labelVi: "Không", labelEn: "Otherwise" }] } },
        { code: "1.1.3", titleVi: "Kết quả xác định rõ ràng, định rõ trách nhiệm", titleEn: "Results and responsibilities", maxPoints: 1, rule: { kind: "yesNo" } },
        { code: "1.1.4", titleVi: "Mức độ thực hiện kế hoạch", titleEn: "Plan implementation", maxPoints: 2, rule: { kind: "tiers",
          valueLabelVi: "Tỷ lệ hoàn thành kế hoạch", valueLabelEn: "Plan completion", tiers: [
            { min: 90.01, points: 2, labelVi: "> 90 %", labelEn: "> 90 %" }, { min: 70, points: 1, labelVi: "70–90 %", labelEn: "70–90 %" },
            { min: 0, points: 0, labelVi: "< 70 %", labelEn: "< 70 %" }] } },
      ] },
      { code: "1.2", titleVi: "Báo cáo CCHC", titleEn: "PAR reporting", maxPoints: 2, children: [
        { code: "1.2.1", titleVi: "Đủ số lượng báo cáo quý I, III, 6 tháng, năm và đúng hạn", titleEn: "All reports, on time", maxPoints: 1, rule: { kind: "yesNo" } },
        { code: "1.2.2", titleVi: "Đủ nội dung", titleEn: "Complete content", maxPoints: 1, rule: { kind: "yesNo" } },
      ] },
    ] },
  ]));

  it("gives the hand-computed index", () => {
    const r = scoreUnit(caMau, unit({
      "1.1.1": self(0.5), // plan issued late: 0.5
      "1.1.2": { self: c(1), rounds: [round(1, 0)] }, // appraisal round 1: no funding decision in the evidence → 0
      "1.1.3": self(1), // yes: 1
      "1.1.4": { declared: 85 }, // 85 % of the plan: 70–90 % → 1 (derived)
      "1.2.1": { self: c(1), rounds: [round(1, 0), round(2, 1)] }, // cut in round 1, restored after explanation in round 2 → 1
      "1.2.2": self(1), // yes: 1
    }));
    // 1.1 = 0.5 + 0 + 1 + 1 = 2.5 of 5 → 50.00 %
    // 1.2 = 1 + 1 = 2 of 2 → 100.00 %
    // area 1 = total = 4.5 of 7 = 64.2857… % → 64.29 (half up at the 3rd decimal: 64.285|7)
    expect(r.errors).toEqual([]);
    expect(r.missing).toEqual([]);
    expect(r.nodes["1.1"]).toEqual({ achieved: 250, max: 500, indexHundredths: 5000 });
    expect(r.nodes["1.2"]).toEqual({ achieved: 200, max: 200, indexHundredths: 10_000 });
    expect(r.nodes["1"]).toEqual({ achieved: 450, max: 700, indexHundredths: 6429 });
    expect(r.achieved).toBe(450);
    expect(r.indexHundredths).toBe(6429);
    expect(r.leaves["1.1.4"]).toEqual({ effective: 100, source: "self" });
    expect(r.leaves["1.2.1"]).toEqual({ effective: 100, source: "appraisal", round: 2 });
    expect(r.band?.code).toBe("C");
  });

  it("applies the > 90 % boundary of 1.1.4 and rejects a self score that contradicts the declared rate", () => {
    const at = (declared: number, s?: number) => scoreUnit(caMau, unit({ "1.1.4": { declared, self: s === undefined ? null : c(s) } }));
    expect(at(90).leaves["1.1.4"]!.effective).toBe(100); // exactly 90 %: "70–90 %" → 1
    expect(at(90.5).leaves["1.1.4"]!.effective).toBe(200);
    expect(at(69.99).leaves["1.1.4"]!.effective).toBe(0);
    expect(keys(at(90, 2))).toEqual(["1.1.4:declaredMismatch"]);
  });
});

// ---- The demo criterion sets --------------------------------------------------------------------

describe("the seed criterion sets", () => {
  const toDoc = (f: SeedFramework) => frameworkDocSchema.parse({ format: "par-framework/v1", code: f.code, nameVi: f.nameVi,
    nameEn: f.nameEn, legalBasis: f.legalBasis, unitGroup: f.group, fromYear: f.fromYear, bonusCap: f.bonusCap,
    penaltyCap: f.penaltyCap, tree: f.tree }) as FrameworkDoc;

  it.each([["departments", DEPARTMENT_FRAMEWORK], ["communes", COMMUNE_FRAMEWORK]] as const)("%s: compile; best scores give 100 percent, none give 0", (_n, f) => {
    const fwDoc = toDoc(f);
    const fw = compileFramework(fwDoc);
    expect(fw.leaves).toHaveLength(leaves(fwDoc.tree).length);
    expect(fw.max).toBe(10_000);
    const scores: Record<string, LeafInput> = {};
    const sociological: Record<string, number> = {};
    for (const l of fw.leaves) {
      if (l.survey?.survey === "SOCIOLOGICAL") sociological[l.code] = 100;
      else if (!l.survey) scores[l.code] = { self: allowedScores(l.rule, l.max)![0]! };
    }
    // SIPAS leaves (8.1.1–8.1.5) take their element of the SIPAS result.
    const best = scoreUnit(fw, { code: "X", scores, surveys: { sociological, sipas: { overall: 100, elements: [100, 100, 100, 100, 100] } } });
    expect(best.errors).toEqual([]);
    expect(best.indexHundredths).toBe(10_000);
    expect(fw.areas.map((a) => best.nodes[a]!.indexHundredths)).toEqual(fw.areas.map(() => 10_000));
    const none = scoreUnit(fw, { code: "Y", scores: {} });
    expect(none.indexHundredths).toBe(0);
    expect(none.missing).toHaveLength(fw.leaves.length);
  });
});

// ---- Year over year -----------------------------------------------------------------------------

describe("yearOverYear", () => {
  const fig = (code: string, index: number, rank: number | null, max = 100): YearFigure => ({ code, achieved: c(index), max: c(max), rank });

  it("compares across a merger of two units, a takeover, a renaming and a new unit (hand-computed)", () => {
    const y2024 = [fig("A", 80.5, 3), fig("B", 90, 1), fig("C", 85.25, 2), fig("D", 70, 5), fig("F", 75, 4)];
    const y2025 = [fig("AB", 88, 1), fig("C", 84, 2), fig("G", 76, 3), fig("N", 60, 4)];
    const lineage = [
      { predecessor: "A", successor: "AB", effectiveYear: 2025 }, // A and B merged into the new unit AB
      { predecessor: "B", successor: "AB", effectiveYear: 2025 },
      { predecessor: "D", successor: "C", effectiveYear: 2025 }, // C takes over D
      { predecessor: "F", successor: "G", effectiveYear: 2025 }, // F renamed G
      { predecessor: "N", successor: "X", effectiveYear: 2026 }, // not yet in effect
    ];
    const rows = yearOverYear(y2025, y2024, lineage, 2025);
    expect(rows).toEqual([
      // AB: (80.50 + 90.00) / (100 + 100) = 170.50 / 200 = 85.25 % → 88.00 − 85.25 = +2.75 points of index.
      // Previous maximum 200 ≠ 100: no points delta; two predecessors: no previous rank.
      { code: "AB", basis: "lineage", previousCodes: ["A", "B"], previous: { achieved: 17050, max: 20000, indexHundredths: 8525, rank: null },
        indexDeltaHundredths: 275, pointsDelta: null, rankDelta: null },
      // C: own 85.25 + absorbed D 70.00 = 155.25 / 200 = 77.625 % → shown 77.63; 84.00 − 77.63 = +6.37.
      { code: "C", basis: "merged", previousCodes: ["C", "D"], previous: { achieved: 15525, max: 20000, indexHundredths: 7763, rank: null },
        indexDeltaHundredths: 637, pointsDelta: null, rankDelta: null },
      // G (was F): 76 − 75 = +1.00 point, rank 4 → 3 = moved up 1.
      { code: "G", basis: "lineage", previousCodes: ["F"], previous: { achieved: 7500, max: 10000, indexHundredths: 7500, rank: 4 },
        indexDeltaHundredths: 100, pointsDelta: 100, rankDelta: 1 },
      { code: "N", basis: "none", previousCodes: [], previous: null, indexDeltaHundredths: null, pointsDelta: null, rankDelta: null },
    ]);
  });

  it("uses the same code when it was scored, with deltas of points and rank (down = negative)", () => {
    const [row] = yearOverYear([fig("Q", 84.22, 42)], [fig("Q", 83.32, 11)], [], 2022); // An Giang 2019 → 2022
    expect(row).toMatchObject({ basis: "same", previousCodes: ["Q"], indexDeltaHundredths: 90, pointsDelta: 90, rankDelta: -31 });
  });

  it("walks lineage back through units that were not scored last year", () => {
    const rows = yearOverYear([fig("R", 80, 1)], [fig("P", 70, 1)],
      [{ predecessor: "P", successor: "Q", effectiveYear: 2025 }, { predecessor: "Q", successor: "R", effectiveYear: 2025 },
        { predecessor: "R", successor: "P", effectiveYear: 2020 }], 2025); // a cycle in the links does not loop
    expect(rows[0]).toMatchObject({ basis: "lineage", previousCodes: ["P"], rankDelta: 0, indexDeltaHundredths: 1000 });
  });

  it("follows the demo province's 2025 department mergers", () => {
    const y2024 = [fig("STC-2024", 88.5, 2), fig("SKHDT", 85.1, 5), fig("VPUB", 91.2, 1), fig("SNGV", 80, 9), fig("STP", 86, 4)];
    const y2025 = [fig("STC", 89.3, 3), fig("VPUB", 92, 1), fig("STP", 87, 4)];
    const rows = yearOverYear(y2025, y2024, LINEAGE, 2025);
    expect(rows.map((r) => [r.code, r.basis, r.previousCodes, r.previous?.indexHundredths, r.indexDeltaHundredths])).toEqual([
      ["STC", "lineage", ["SKHDT", "STC-2024"], 8680, 250], // (88.5 + 85.1) / 2 = 86.80 → 89.30 − 86.80 = +2.50
      ["VPUB", "merged", ["VPUB", "SNGV"], 8560, 640], // Sở Ngoại vụ's functions moved to VPUB: (91.2 + 80) / 2 = 85.60 → +6.40
      ["STP", "same", ["STP"], 8600, 100],
    ]);
  });
});

// ---- A whole cycle ------------------------------------------------------------------------------

describe("computeCycle", () => {
  const inputs: CycleUnitInput[] = [
    { code: "S1", group: "SBN", region: "N", scores: { "1.1.1": self(1), "1.2.1": self(4) } }, // 5 / 20 = 25 %
    { code: "S2", group: "SBN", region: "S", scores: { "1.2.1": self(4), "1.1.4": self(1) } }, // 5 / 20
    { code: "S3", group: "SBN", region: "N", scores: { "1.2.1": self(4) } }, // 4 / 20 = 20 %
    { code: "X1", group: "XA", region: "S", scores: { "1.1.4": self(2) }, surveys: { sociological: { "2.1": 100 } } }, // 5 / 20
    { code: "X2", group: "XA", region: null, scores: { "1.1.1": self(0.5) } }, // 0.5 / 20
  ];

  it("scores, ranks overall, within group and within region, and summarises", () => {
    const r = computeCycle(KINDS, inputs);
    expect(r.units.map((u) => [u.code, u.indexHundredths, u.rank, u.rankInGroup, u.groupSize, u.rankInRegion, u.regionSize])).toEqual([
      ["S1", 2500, 1, 1, 3, 1, 2],
      ["S2", 2500, 1, 1, 3, 1, 2],
      ["X1", 2500, 1, 1, 2, 1, 2],
      ["S3", 2000, 4, 3, 3, 2, 2],
      ["X2", 250, 5, 2, 2, null, 0],
    ]);
    expect(r.units.every((u) => u.of === 5)).toBe(true);
    expect(r.overall).toEqual({ units: 5, meanIndexHundredths: 1950, bands: { C: 5 } }); // (25 × 3 + 20 + 2.5) / 5 = 19.5
    expect(r.byGroup).toEqual({ SBN: { units: 3, meanIndexHundredths: 2333, bands: { C: 3 } }, XA: { units: 2, meanIndexHundredths: 1375, bands: { C: 2 } } });
    expect(Object.keys(r.byRegion).sort()).toEqual(["N", "S"]);
    expect(r.errorCount).toBe(0);
  });

  it("adds year-over-year figures on request, and chooses a framework per unit", () => {
    const other = PUBLISHED_INDEX;
    const r = computeCycle((u) => (u.group === "P" ? other : KINDS), [...inputs, { code: "P1", group: "P", scores: { "1": self(50) } }], {
      yearOverYear: { year: 2025, previous: [{ code: "S1", achieved: c(4), max: c(20), rank: 2 }, { code: "OLD", achieved: c(40), max: c(100), rank: 1 }],
        lineage: [{ predecessor: "OLD", successor: "P1", effectiveYear: 2025 }] },
    });
    const s1 = r.units.find((u) => u.code === "S1")!;
    expect(s1.framework).toBe("TEST");
    expect(s1.yearOverYear).toMatchObject({ basis: "same", indexDeltaHundredths: 500, pointsDelta: 100, rankDelta: 0 }); // rank 2 → 2
    const p1 = r.units.find((u) => u.code === "P1")!;
    expect([p1.rank, p1.indexHundredths]).toEqual([1, 5000]);
    expect(p1.yearOverYear).toMatchObject({ basis: "lineage", previousCodes: ["OLD"], indexDeltaHundredths: 1000, pointsDelta: 1000, rankDelta: 0 });
    expect(r.units.find((u) => u.code === "S3")!.yearOverYear!.basis).toBe("none");
  });

  it("counts errors and refuses duplicate unit codes", () => {
    expect(computeCycle(KINDS, [{ code: "E", scores: { "9": self(1) } }]).errorCount).toBe(1);
    expect(() => computeCycle(KINDS, [{ code: "D", scores: {} }, { code: "D", scores: {} }])).toThrow(/Duplicate unit code/);
  });
});

// ---- Exchange formats ---------------------------------------------------------------------------

describe("par-scores/v1 and par-surveys/v1", () => {
  const scoresDoc = {
    format: "par-scores/v1", year: 2025, framework: "TEST",
    units: [
      { code: "S1", nameVi: "Sở Tư pháp", group: "SBN", region: "N", scores: { "1.1.1": 0.5, "1.1.2": { declared: 95 }, "1.2.1": { self: 4, explanation: "Đủ báo cáo",
        rounds: [{ round: 2, score: 0 }, { round: 1, score: 4, reason: "Đạt" }] } },
      bonus: [{ code: "SK1", points: 1.5, unitNote: "Sáng kiến", appraiserNote: "Công nhận" }], penalty: [{ points: 0.25, accepted: false }] },
      { code: "S2", scores: {} },
    ],
  };
  const surveysDoc = { format: "par-surveys/v1", year: 2025, units: [
    { code: "S1", sociological: { "2.1": 87.59 }, sipas: { overall: 82.66, elements: [80, 75.5, 85, 84, 79], respondents: 412 } },
    { code: "Z9", sipas: { overall: 70 } },
  ] };

  it("parse, convert to engine inputs and score", () => {
    const { inputs, surveyOnly } = toUnitInputs(scoresDocSchema.parse(scoresDoc), surveysDocSchema.parse(surveysDoc));
    expect(surveyOnly).toEqual(["Z9"]);
    expect(inputs[0]!.bonus).toEqual([{ code: "SK1", points: 150, unitNote: "Sáng kiến", appraiserNote: "Công nhận", accepted: true }]);
    expect(inputs[0]!.penalty).toEqual([{ points: 25, accepted: false }]);
    const r = computeCycle(KINDS, inputs);
    const s1 = r.units.find((u) => u.code === "S1")!;
    expect(s1.leaves["1.1.2"]).toEqual({ effective: 200, source: "self" });
    expect(s1.leaves["1.2.1"]).toEqual({ effective: 0, source: "appraisal", round: 2 });
    // 0.5 + 2 + 0 + 2.63 + 3.31 + 2.27 (3 × 75.5 %) = 10.71; + bonus 1.5 = 12.21 of 20 = 61.05 %
    expect(s1.achieved).toBe(1221);
    expect(s1.indexHundredths).toBe(6105);
    expect([s1.group, s1.region]).toEqual(["SBN", "N"]);
    expect(r.errorCount).toBe(0);
  });

  it("report problems with catalogue keys", () => {
    const issues = (schema: typeof scoresDocSchema | typeof surveysDocSchema, value: unknown) =>
      schema.safeParse(value).error?.issues.map((i) => `${i.path.join("/")} ${i.message}`);
    expect(issues(scoresDocSchema, { ...scoresDoc, framework: "bad code", units: [
      { code: "A", scores: { "1.1.1": 0.125, "1.1.3": -1, "1.2.1": { rounds: [{ round: 1, score: 1 }, { round: 1, score: 0 }] } }, bonus: [{ points: 0 }] },
      { code: "A", scores: {} },
    ] })).toEqual([
      "framework scores.issues.frameworkCode",
      "units/0/scores/1.1.1 scores.issues.decimals",
      "units/0/scores/1.1.3 scores.issues.negative",
      "units/0/scores/1.2.1/rounds/1/round scores.issues.roundDuplicate",
      "units/0/bonus/0/points scores.issues.positive",
      "units/1/code scores.issues.unitDuplicate",
    ]);
    expect(scoresDocSchema.safeParse({ ...scoresDoc, units: [{ code: "A", scores: { "1.1.1": { slef: 1 } } }] }).success).toBe(false);
    expect(issues(surveysDocSchema, { ...surveysDoc, units: [
      { code: "A", sociological: { "2.1": 100.5, "2.2": 87.12345 }, sipas: { overall: 80, elements: [80, 80] } },
    ] })).toEqual([
      "units/0/sociological/2.1 scores.issues.percentRange",
      "units/0/sociological/2.2 scores.issues.percentDecimals",
      "units/0/sipas/elements scores.issues.sipasElements",
    ]);
  });

  it("refuse to combine documents of different years", () => {
    expect(() => toUnitInputs(scoresDocSchema.parse(scoresDoc), surveysDocSchema.parse({ ...surveysDoc, year: 2024 }))).toThrow(RangeError);
  });
});
