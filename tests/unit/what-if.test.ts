import { describe, expect, it } from "vitest";
import { compileFramework, type Rankable, type UnitInput } from "@/lib/domain/engine";
import type { FrameworkDoc } from "@/lib/domain/framework";
import { toCenti, type Centi } from "@/lib/domain/points";
import { applyOverrides, checkOverrides, simulate, type Overrides, type WhatIfBaseline } from "@/lib/domain/what-if";
import { frameworkDocSchema } from "@/lib/schemas/framework";

const c = (v: number) => toCenti(v);
const L = { labelVi: "x", labelEn: "x" };

/**
 * 100 points, so that one point is one percentage point of the index:
 *   1 (60): 1.1 options 20/10/0 · 1.2 tiers on a rate (≥ 90 % → 20, ≥ 70 % → 10) · 1.3 free, step 2.5 (20 each)
 *   2 (40): 2.1 yes/no (10) · 2.2 yes/no (20) · 2.3 sociological survey (10)
 * Bonus capped at 2, penalty at 3.
 */
const FRAMEWORK = compileFramework(frameworkDocSchema.parse({
  format: "par-framework/v1", code: "WI", nameVi: "Thử", nameEn: "Test", legalBasis: "test", unitGroup: "SBN", fromYear: 2025,
  bonusCap: 2, penaltyCap: 3,
  tree: [
    { code: "1", titleVi: "Lĩnh vực 1", titleEn: "Area 1", maxPoints: 60, children: [
      { code: "1.1", titleVi: "a", titleEn: "a", maxPoints: 20,
        rule: { kind: "options", options: [{ points: 20, ...L }, { points: 10, ...L }, { points: 0, ...L }] } },
      { code: "1.2", titleVi: "b", titleEn: "b", maxPoints: 20,
        rule: { kind: "tiers", valueLabelVi: "Tỷ lệ", valueLabelEn: "Rate", tiers: [{ min: 90, points: 20, ...L }, { min: 70, points: 10, ...L }] } },
      { code: "1.3", titleVi: "c", titleEn: "c", maxPoints: 20, rule: { kind: "free", step: 2.5 } },
    ] },
    { code: "2", titleVi: "Lĩnh vực 2", titleEn: "Area 2", maxPoints: 40, children: [
      { code: "2.1", titleVi: "d", titleEn: "d", maxPoints: 10, rule: { kind: "yesNo" } },
      { code: "2.2", titleVi: "e", titleEn: "e", maxPoints: 20, rule: { kind: "yesNo" } },
      { code: "2.3", titleVi: "f", titleEn: "f", maxPoints: 10, source: "SURVEY", rule: { kind: "survey" } },
    ] },
  ],
}) as FrameworkDoc);

/**
 * The unit, by hand:
 *   1.1 self 20, cut to 10 in appraisal round 1 → 10
 *   1.2 declared 75 % → tier ≥ 70 → 10
 *   1.3 self 15 → 15
 *   2.1 yes → 10;  2.2 no → 0;  2.3 survey 87.5 % × 10 → 8.75
 *   leaf points 53.75, + bonus 1 (under the cap of 2) = 54.75 / 100 → index 54.75 %, band C
 *   area 1: 35 / 60 = 58.333… % → 58.33;  area 2: 18.75 / 40 = 46.875 % → 46.88 (half up)
 */
const UNIT: UnitInput = {
  code: "U",
  scores: {
    "1.1": { self: c(20), rounds: [{ round: 1, score: c(10), reason: "thiếu văn bản" }] },
    "1.2": { declared: 75 },
    "1.3": { self: c(15) },
    "2.1": { self: c(10) },
    "2.2": { self: c(0) },
  },
  surveys: { sociological: { "2.3": 87.5 } },
  bonus: [{ code: "T1", points: c(1) }],
};

/**
 * The rest of the group, published figures: 70 %, 60 %, 56 % (112 of 200 points: another maximum),
 * 54.75 % (an exact tie with the unit) and 50 %. The unit ranks 4th of 6, tied with P4.
 */
const OTHERS: Rankable[] = [
  { code: "P1", achieved: c(70), max: c(100) },
  { code: "P2", achieved: c(60), max: c(100) },
  { code: "P3", achieved: c(112), max: c(200) },
  { code: "P4", achieved: c(54.75), max: c(100) },
  { code: "P5", achieved: c(50), max: c(100) },
];

/** What the published snapshot of the unit holds. */
const STORED: WhatIfBaseline = { achieved: c(54.75), max: c(100), indexHundredths: 5475, rankInGroup: 4 };

function run(overrides: Overrides) {
  const r = simulate(FRAMEWORK, UNIT, overrides, OTHERS, STORED);
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.issues)}`);
  return r.result;
}

describe("simulate", () => {
  it("without overrides reproduces the stored snapshot figures", () => {
    const r = run({});
    expect(r.achieved).toBe(STORED.achieved);
    expect(r.max).toBe(STORED.max);
    expect(r.indexHundredths).toBe(STORED.indexHundredths);
    expect(r.rankInGroup).toBe(STORED.rankInGroup);
    expect(r.groupSize).toBe(6);
    expect(r.band?.code).toBe("C");
    expect(r.areas.map((a) => [a.code, a.before.indexHundredths, a.after.indexHundredths])).toEqual([["1", 5833, 5833], ["2", 4688, 4688]]);
    expect(r.changed).toEqual([]);
    expect(r.delta).toEqual({ achieved: 0, indexHundredths: 0, rank: 0 });
    expect(r.leaves["1.1"]).toEqual({ effective: c(10), source: "appraisal", round: 1 });
    expect(r.leaves["2.3"]).toEqual({ effective: c(8.75), source: "survey" });
  });

  it("raising a leaf raises the index by exactly its points and moves the rank", () => {
    // 2.2: 0 → 20 points: 74.75 %, above P1 (70 %): first.
    const r = run({ "2.2": c(20) });
    expect(r.achieved).toBe(c(74.75));
    expect(r.delta.achieved).toBe(c(20));
    expect(r.delta.indexHundredths).toBe(2000);
    expect(r.rankInGroup).toBe(1);
    expect(r.delta.rank).toBe(3);
    expect(r.changed).toEqual(["2.2"]);
    expect(r.areas.find((a) => a.code === "2")).toEqual({
      code: "2",
      before: { achieved: c(18.75), max: c(40), indexHundredths: 4688 },
      after: { achieved: c(38.75), max: c(40), indexHundredths: 9688 },
    });
    expect(r.areas.find((a) => a.code === "1")!.after.indexHundredths).toBe(5833);
  });

  it("moves one place at a time as the points pass the next unit", () => {
    // + 2.5 (free rule) → 57.25 % > P3's 56 %: 3rd.
    expect(run({ "1.3": c(17.5) })).toMatchObject({ indexHundredths: 5725, rankInGroup: 3, delta: { indexHundredths: 250, rank: 1 } });
    // 1.1 back to 20 (overriding the appraisal's 10) → 64.75 % > P2: 2nd.
    expect(run({ "1.1": c(20) })).toMatchObject({ indexHundredths: 6475, rankInGroup: 2, delta: { achieved: c(10), rank: 2 } });
    // Both: 67.25 %, still under P1.
    expect(run({ "1.1": c(20), "1.3": c(17.5) })).toMatchObject({ indexHundredths: 6725, rankInGroup: 2, changed: ["1.1", "1.3"] });
    // Lowering: 2.1 yes → no: 44.75 %, last of 6.
    expect(run({ "2.1": c(0) })).toMatchObject({ indexHundredths: 4475, rankInGroup: 6, delta: { indexHundredths: -1000, rank: -2 } });
  });

  it("classifies the simulated index", () => {
    // 54.75 + 10 + 20 = 84.75 → B.
    expect(run({ "1.1": c(20), "2.2": c(20) })).toMatchObject({ indexHundredths: 8475, band: { code: "B" } });
    // Every self-scored leaf at its maximum: 98.75 (the survey leaf stays at 8.75) + bonus 1 = 99.75 → A.
    expect(run({ "1.1": c(20), "1.2": c(20), "1.3": c(20), "2.2": c(20) })).toMatchObject({ indexHundredths: 9975, band: { code: "A" } });
  });

  it("replaces the recorded input: a tiers leaf takes the simulated score whatever was declared", () => {
    const r = run({ "1.2": c(20) });
    expect(r.leaves["1.2"]).toEqual({ effective: c(20), source: "self" });
    expect(r.delta.achieved).toBe(c(10));
    // An override equal to the recorded effective score changes nothing, even against the self score.
    expect(run({ "1.1": c(10) }).changed).toEqual([]);
  });

  it("refuses scores the rule does not allow, survey leaves and unknown codes, with message keys", () => {
    const r = simulate(FRAMEWORK, UNIT, { "1.1": c(15), "1.3": c(3), "2.3": c(10), "1": c(60), "9.9": c(1) }, OTHERS, STORED);
    expect(r.ok).toBe(false);
    // In the overrides' key order (integer-like keys first, as JavaScript orders them).
    expect(!r.ok && r.issues).toEqual([
      { code: "1", key: "notLeaf", values: { code: "1" } },
      { code: "1.1", key: "notAllowed", values: { code: "1.1", score: 15, allowed: "20; 10; 0" } },
      { code: "1.3", key: "notAllowed", values: { code: "1.3", score: 3, allowed: "0–20 (2.5)" } },
      { code: "2.3", key: "surveyLeaf", values: { code: "2.3" } },
      { code: "9.9", key: "unknownCriterion", values: { code: "9.9" } },
    ]);
    expect(checkOverrides(FRAMEWORK, { "2.1": c(25) }).map((i) => i.key)).toEqual(["notAllowed"]);
    expect(checkOverrides(FRAMEWORK, { "2.1": c(10), "1.3": c(2.5) })).toEqual([]);
  });

  it("leaves the recorded input untouched", () => {
    const before = JSON.stringify(UNIT);
    const applied = applyOverrides(UNIT, { "1.1": c(0) });
    expect((applied.scores as Record<string, unknown>)["1.1"]).toEqual({ self: 0 as Centi });
    expect(JSON.stringify(UNIT)).toBe(before);
  });

  it("ranks against the published figures only, ignoring a stale copy of the unit among them", () => {
    const r = simulate(FRAMEWORK, UNIT, { "2.2": c(20) }, [...OTHERS, { code: "U", achieved: c(0), max: c(100) }], STORED);
    expect(r.ok && [r.result.rankInGroup, r.result.groupSize]).toEqual([1, 6]);
  });
});
