import { describe, expect, it } from "vitest";
import { toCenti } from "@/lib/domain/points";
import { allowedScores, pointsForDeclaredValue, ruleMaximum, ruleSchema, tiersRuleSchema } from "@/lib/domain/rules";

const c = (v: number) => toCenti(v);

describe("scoring rules", () => {
  it("lists the scores each kind of rule allows, best first", () => {
    const options = ruleSchema.parse({ kind: "options", options: [
      { points: 1, labelVi: "Kịp thời", labelEn: "On time" },
      { points: 0.5, labelVi: "Không kịp thời", labelEn: "Late" },
      { points: 0, labelVi: "Không ban hành", labelEn: "Not issued" },
    ] });
    expect(allowedScores(options, c(1))).toEqual([100, 50, 0]);
    expect(allowedScores(ruleSchema.parse({ kind: "yesNo" }), c(2))).toEqual([200, 0]);
    expect(allowedScores(ruleSchema.parse({ kind: "yesNo", yesPoints: 1.5 }), c(2))).toEqual([150, 0]);
    expect(allowedScores(ruleSchema.parse({ kind: "free", step: 0.25 }), c(1))).toEqual([100, 75, 50, 25, 0]);
    expect(allowedScores(ruleSchema.parse({ kind: "survey" }), c(3))).toBeNull();
  });

  it("gives tier points on a declared value, boundaries inclusive (Cà Mau 1.1.4)", () => {
    const rule = tiersRuleSchema.parse({ kind: "tiers", valueLabelVi: "Tỷ lệ hoàn thành kế hoạch", valueLabelEn: "Plan completion",
      tiers: [{ min: 90.01, points: 2, labelVi: "> 90%", labelEn: "> 90%" }, { min: 70, points: 1, labelVi: "70–90%", labelEn: "70–90%" }] });
    expect(pointsForDeclaredValue(rule, 100)).toBe(200);
    expect(pointsForDeclaredValue(rule, 90.01)).toBe(200);
    expect(pointsForDeclaredValue(rule, 90)).toBe(100);
    expect(pointsForDeclaredValue(rule, 70)).toBe(100);
    expect(pointsForDeclaredValue(rule, 69.99)).toBe(0);
    expect(ruleMaximum(rule, c(2))).toBe(200);
    expect(allowedScores(rule, c(2))).toEqual([200, 100, 0]);
  });

  it("rejects malformed rules with a reason", () => {
    expect(ruleSchema.safeParse({ kind: "options", options: [{ points: 1, labelVi: "a", labelEn: "a" }] }).success).toBe(false);
    expect(ruleSchema.safeParse({ kind: "free", step: 0 }).success).toBe(false);
    expect(ruleSchema.safeParse({ kind: "free", step: 0.125 }).success).toBe(false);
    expect(ruleSchema.safeParse({ kind: "yesNo", yesPoints: -1 }).success).toBe(false);
    expect(ruleSchema.safeParse({ kind: "lottery" }).success).toBe(false);
  });
});
