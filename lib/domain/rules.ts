import { z } from "zod";
import { isCentiValue, toCenti, type Centi } from "./points";

/**
 * Scoring rules of a leaf criterion. The shapes seen in provincial criterion sets:
 * fixed options (1 / 0.5 / 0), tiers on a declared figure (≥ 90 % → 2 …), yes/no,
 * a free score from 0 to the maximum in steps, and survey-derived points (not self-scored).
 * Point values are JSON numbers with at most two decimals.
 */
const pointsValue = z
  .number()
  .nonnegative()
  .refine(isCentiValue, { message: "at most 2 decimals" });

const label = { labelVi: z.string().min(1), labelEn: z.string().min(1) };

export const optionsRuleSchema = z.object({
  kind: z.literal("options"),
  options: z.array(z.object({ points: pointsValue, ...label })).min(2),
});

export const tiersRuleSchema = z.object({
  kind: z.literal("tiers"),
  /** What the unit declares, e.g. "Tỷ lệ hoàn thành kế hoạch". */
  valueLabelVi: z.string().min(1),
  valueLabelEn: z.string().min(1),
  /** Unit of the declared value, e.g. "%". */
  valueUnit: z.string().max(16).default("%"),
  /** A declared value ≥ `min` earns `points`; the highest matching tier wins; below every tier: 0. */
  tiers: z.array(z.object({ min: z.number().finite(), points: pointsValue, ...label })).min(1),
});

export const yesNoRuleSchema = z.object({
  kind: z.literal("yesNo"),
  /** Points for "yes"; defaults to the criterion's maximum. */
  yesPoints: pointsValue.optional(),
});

export const freeRuleSchema = z.object({
  kind: z.literal("free"),
  step: pointsValue.refine((v) => v > 0, { message: "must be positive" }),
});

/**
 * Points from a survey result: the leaf's maximum × the satisfaction percentage ÷ 100, rounded half up
 * to hundredths. `survey` says which survey feeds the leaf; for SIPAS, `element` picks one of its five
 * elements (1–5) instead of the overall satisfaction.
 */
export const surveyRuleSchema = z.object({
  kind: z.literal("survey"),
  survey: z.enum(["SOCIOLOGICAL", "SIPAS"]).default("SOCIOLOGICAL"),
  element: z.number().int().min(1).max(5).optional(),
});

export const ruleSchema = z.discriminatedUnion("kind", [
  optionsRuleSchema,
  tiersRuleSchema,
  yesNoRuleSchema,
  freeRuleSchema,
  surveyRuleSchema,
]);

export type Rule = z.infer<typeof ruleSchema>;
export type RuleInput = z.input<typeof ruleSchema>;
export type RuleKind = Rule["kind"];

/** The scores a rule allows for a leaf with maximum `max` (null for survey rules: not self-scored). */
export function allowedScores(rule: Rule, max: Centi): Centi[] | null {
  switch (rule.kind) {
    case "options":
      return [...new Set(rule.options.map((o) => toCenti(o.points)))].sort((a, b) => b - a) as Centi[];
    case "tiers":
      return [...new Set([0, ...rule.tiers.map((t) => toCenti(t.points))])].sort((a, b) => b - a) as Centi[];
    case "yesNo":
      return [rule.yesPoints === undefined ? max : toCenti(rule.yesPoints), 0 as Centi];
    case "free": {
      const step = toCenti(rule.step);
      const out: Centi[] = [];
      for (let v = 0; v <= max; v += step) out.push(v as Centi);
      return out.reverse();
    }
    case "survey":
      return null;
  }
}

/** Points a declared value earns under a tiers rule. */
export function pointsForDeclaredValue(rule: z.infer<typeof tiersRuleSchema>, value: number): Centi {
  let best: Centi | null = null;
  let bestMin = -Infinity;
  for (const t of rule.tiers) {
    if (value >= t.min && t.min >= bestMin) {
      best = toCenti(t.points);
      bestMin = t.min;
    }
  }
  return best ?? (0 as Centi);
}

/** The largest score a rule can give; must not exceed the criterion's maximum. */
export function ruleMaximum(rule: Rule, max: Centi): Centi {
  const allowed = allowedScores(rule, max);
  return allowed === null ? max : (Math.max(0, ...allowed) as Centi);
}
