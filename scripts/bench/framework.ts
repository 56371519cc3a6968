/*
 * The benchmark's criterion set: 120 leaves (8 areas × 3 criteria × 5 leaves, every rule kind, 100
 * points), the same shape as scripts/engine-timing.ts. Area 8 is scored by the surveys.
 */
import { DEFAULT_BANDS, type CriterionDoc, type FrameworkDoc } from "../../lib/domain/framework.ts";
import type { Rule } from "../../lib/domain/rules.ts";

const label = { labelVi: "Mức", labelEn: "Level" };
/** 15 leaves per area, maxima 0.5–1.5 points (12.5 points per area). */
const LEAF_MAX = [0.5, 1, 1.5, 0.5, 1, 1, 0.5, 1, 1.5, 0.5, 0.5, 1, 0.5, 0.5, 1];

function rule(kind: number, max: number, area: number): Rule {
  if (area === 8) return kind % 2 === 0 ? { kind: "survey", survey: "SOCIOLOGICAL" } : { kind: "survey", survey: "SIPAS", element: (kind % 5) + 1 };
  switch (kind % 4) {
    case 0: return { kind: "yesNo" };
    case 1: return { kind: "free", step: 0.25 };
    case 2: return { kind: "options", options: [{ points: max, ...label }, { points: max / 2, ...label }, { points: 0, ...label }] };
    default: return { kind: "tiers", valueLabelVi: "Tỷ lệ", valueLabelEn: "Rate", valueUnit: "%",
      tiers: [{ min: 90, points: max, ...label }, { min: 70, points: max / 2, ...label }] };
  }
}

/** A 120-leaf criterion set for `group`, valid for import (createFramework) and for the engine. */
export function benchFramework(code: string, group: string, fromYear: number): FrameworkDoc {
  const tree: CriterionDoc[] = [];
  for (let a = 1; a <= 8; a++) {
    const criteria: CriterionDoc[] = [];
    for (let k = 1; k <= 3; k++) {
      const leaves: CriterionDoc[] = [];
      for (let j = 1; j <= 5; j++) {
        const max = LEAF_MAX[(k - 1) * 5 + j - 1]!;
        leaves.push({ code: `${a}.${k}.${j}`, titleVi: `Tiêu chí thành phần ${a}.${k}.${j}`, titleEn: `Sub-criterion ${a}.${k}.${j}`,
          maxPoints: max, rule: rule(k * 5 + j, max, a), ...(a === 8 ? { source: "SURVEY" as const } : {}) });
      }
      criteria.push({ code: `${a}.${k}`, titleVi: `Tiêu chí ${a}.${k}`, titleEn: `Criterion ${a}.${k}`,
        maxPoints: leaves.reduce((s, l) => s + l.maxPoints, 0), children: leaves });
    }
    tree.push({ code: `${a}`, titleVi: `Lĩnh vực ${a}`, titleEn: `Area ${a}`, maxPoints: 12.5, children: criteria });
  }
  return { format: "par-framework/v1", code, nameVi: `Bộ tiêu chí đo hiệu năng ${group}`, nameEn: `Benchmark criterion set ${group}`,
    legalBasis: "Dữ liệu đo hiệu năng", unitGroup: group, fromYear, bonusCap: 5, penaltyCap: 5, classification: DEFAULT_BANDS, tree };
}
