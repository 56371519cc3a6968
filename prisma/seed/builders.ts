import type { RuleInput } from "../../lib/domain/rules";
import type { SeedCriterion } from "./types";

/* Small pure helpers shared by the demo criterion sets (no I/O). */

export const YES_NO: RuleInput = { kind: "yesNo" };
export const SURVEY: RuleInput = { kind: "survey" };

export function options(...opts: [points: number, labelVi: string, labelEn: string][]): RuleInput {
  return { kind: "options", options: opts.map(([points, labelVi, labelEn]) => ({ points, labelVi, labelEn })) };
}

export function tiers(
  valueLabelVi: string,
  valueLabelEn: string,
  ...ts: [min: number, points: number, labelVi: string, labelEn: string][]
): RuleInput {
  return {
    kind: "tiers",
    valueLabelVi,
    valueLabelEn,
    valueUnit: "%",
    tiers: ts.map(([min, points, labelVi, labelEn]) => ({ min, points, labelVi, labelEn })),
  };
}

export function free(step: number): RuleInput {
  return { kind: "free", step };
}

/** Issued on time / late / not issued (full / half / 0). */
export function timely(max: number): RuleInput {
  return options(
    [max, "Kịp thời", "On time"],
    [max / 2, "Không kịp thời", "Late"],
    [0, "Không ban hành", "Not issued"],
  );
}

/** Full points at 100 % of the plan, half from 80 %. */
export function planCompletion(
  max: number,
  labelVi = "Tỷ lệ hoàn thành kế hoạch",
  labelEn = "Plan completion rate",
): RuleInput {
  return tiers(
    labelVi,
    labelEn,
    [100, max, "Hoàn thành 100 %", "100 % completed"],
    [80, max / 2, "Từ 80 % đến dưới 100 %", "80 % to under 100 %"],
  );
}

/** An inner node (area or criterion). `demo` defaults to true: the point value is invented. */
export function group(
  code: string,
  titleVi: string,
  titleEn: string,
  maxPoints: number,
  children: SeedCriterion[],
  opts: { demo?: boolean; source?: "SELF" | "SURVEY" } = {},
): SeedCriterion {
  const demo = opts.demo ?? true;
  return {
    code,
    titleVi,
    titleEn,
    maxPoints,
    ...(demo ? { demo } : {}),
    ...(opts.source ? { source: opts.source } : {}),
    children,
  };
}

/** A survey-derived leaf (điều tra XHH / SIPAS): not self-scored, no evidence. */
export function surveyLeaf(code: string, titleVi: string, titleEn: string, maxPoints: number): SeedCriterion {
  return { code, titleVi, titleEn, maxPoints, rule: SURVEY, source: "SURVEY", demo: true };
}

/** A leaf fed by one of SIPAS's five elements (1 access, 2 procedures, 3 civil servants, 4 results, 5 feedback). */
export function sipasLeaf(code: string, element: 1 | 2 | 3 | 4 | 5, titleVi: string, titleEn: string, maxPoints: number): SeedCriterion {
  return { code, titleVi, titleEn, maxPoints, rule: { kind: "survey", survey: "SIPAS", element }, source: "SURVEY", demo: true };
}
