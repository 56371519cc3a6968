import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { centiToDecimalString, centiToNumber, sumCenti, toCenti } from "@/lib/domain/points";

describe("points in hundredths", () => {
  it("parses decimal text and numbers exactly", () => {
    expect(toCenti("12")).toBe(1200);
    expect(toCenti("0.5")).toBe(50);
    expect(toCenti("1.25")).toBe(125);
    expect(toCenti("-0.75")).toBe(-75);
    expect(toCenti("3.10")).toBe(310);
    expect(toCenti("2.500")).toBe(250); // trailing zeros beyond 2 decimals are harmless
    expect(toCenti(0.1 + 0.2)).toBe(30); // binary noise of a JS number is removed
    expect(toCenti({ toString: () => "87.14" })).toBe(8714); // Prisma Decimal
  });

  it("refuses more than two significant decimals and non-numbers", () => {
    expect(() => toCenti("1.255")).toThrow(/at most 2 decimals/);
    expect(() => toCenti("abc")).toThrow();
    expect(() => toCenti(Number.NaN)).toThrow();
    expect(() => toCenti("")).toThrow();
  });

  it("formats back to the canonical decimal", () => {
    expect(centiToDecimalString(toCenti("5"))).toBe("5.00");
    expect(centiToDecimalString(toCenti("-0.05"))).toBe("-0.05");
    expect(centiToNumber(toCenti("87.14"))).toBe(87.14);
  });

  it("round-trips any value with two decimals, and sums exactly", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1_000_000, max: 1_000_000 }), { maxLength: 200 }), (hundredths) => {
        const values = hundredths.map((h) => toCenti(centiToDecimalString(h as never)));
        expect(values).toEqual(hundredths);
        expect(sumCenti(values as never)).toBe(hundredths.reduce((a, b) => a + b, 0));
      }),
      { numRuns: 1000 },
    );
  });
});
