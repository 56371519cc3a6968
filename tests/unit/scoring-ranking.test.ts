import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toCenti, type Centi } from "@/lib/domain/points";
import { rank } from "@/lib/domain/ranking";
import { compareFractions, formatIndex, indexHundredths } from "@/lib/domain/scoring";

const f = (achieved: number, max = 100) => ({ achieved: toCenti(achieved), max: toCenti(max) });

describe("index", () => {
  it("is achieved ÷ max × 100, rounded half up to 2 decimals only for display", () => {
    expect(indexHundredths(f(87.14))).toBe(8714);
    expect(indexHundredths(f(1, 3))).toBe(3333); // 33.333…
    expect(indexHundredths(f(2, 3))).toBe(6667); // 66.666…
    expect(indexHundredths({ achieved: 87145 as Centi, max: 100000 as Centi })).toBe(8715); // 87.145 → 87.15
    expect(indexHundredths(f(0, 0))).toBeNull();
    expect(formatIndex(f(87.14), "vi")).toBe("87,14");
    expect(formatIndex(f(87.14), "en")).toBe("87.14");
  });

  it("compares exactly, without rounding", () => {
    // 1/3 and 33.33/100 round to the same 33.33 but are not equal.
    expect(compareFractions(f(1, 3), f(33.33))).toBeGreaterThan(0);
    expect(compareFractions(f(1, 2), f(50))).toBe(0);
  });
});

describe("standard competition ranking", () => {
  it("ranks 1, 2, 2, 4 with exact ties only", () => {
    const r = rank([
      { key: "A", score: f(90) },
      { key: "B", score: f(85) },
      { key: "C", score: f(42.5, 50) }, // 85 % exactly: tied with B
      { key: "D", score: f(1, 3) },
    ]);
    expect(r.map((x) => [x.key, x.rank])).toEqual([["A", 1], ["B", 2], ["C", 2], ["D", 4]]);
  });

  it("never gives a better rank to a lower index; ties share a rank", () => {
    const item = fc.record({ achieved: fc.integer({ min: 0, max: 10_000 }), max: fc.integer({ min: 1, max: 10_000 }) });
    fc.assert(
      fc.property(fc.array(item, { minLength: 1, maxLength: 60 }), (raw) => {
        const items = raw.map((s, i) => ({ key: `U${i}`, score: { achieved: Math.min(s.achieved, s.max) as Centi, max: s.max as Centi } }));
        const ranked = rank(items);
        expect(ranked[0]!.rank).toBe(1);
        for (let i = 1; i < ranked.length; i++) {
          const cmp = compareFractions(ranked[i - 1]!.score, ranked[i]!.score);
          expect(cmp).toBeGreaterThanOrEqual(0);
          expect(ranked[i]!.rank).toBe(cmp === 0 ? ranked[i - 1]!.rank : i + 1);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
