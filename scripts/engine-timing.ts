/*
 * Timing of the scoring engine on a synthetic year: a 120-leaf framework (8 areas × 3 criteria × 5
 * leaves, every rule kind, 100 points) and 150 units with deterministic pseudo-random scores, appraisal
 * rounds, surveys, bonus and penalty. Prints the median of several computeCycle runs.
 *
 *   node --import tsx scripts/engine-timing.ts [runs]
 */
import { performance } from "node:perf_hooks";
import { compileFramework, computeCycle, type CycleUnitInput, type LeafInput } from "../lib/domain/engine.ts";
import { DEFAULT_BANDS, type CriterionDoc, type FrameworkDoc } from "../lib/domain/framework.ts";
import type { Centi } from "../lib/domain/points.ts";
import { allowedScores, type Rule } from "../lib/domain/rules.ts";
import { prng } from "./prng.ts";


const label = { labelVi: "x", labelEn: "x" };
// 15 leaves per area, maxima 0.5–1.5 points (12.5 points per area); area 8 is survey-derived.
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

function framework(): FrameworkDoc {
  const tree: CriterionDoc[] = [];
  for (let a = 1; a <= 8; a++) {
    const criteria: CriterionDoc[] = [];
    for (let k = 1; k <= 3; k++) {
      const leaves: CriterionDoc[] = [];
      for (let j = 1; j <= 5; j++) {
        const max = LEAF_MAX[(k - 1) * 5 + j - 1]!;
        leaves.push({ code: `${a}.${k}.${j}`, titleVi: "x", titleEn: "x", maxPoints: max, rule: rule(k * 5 + j, max, a),
          ...(a === 8 ? { source: "SURVEY" as const } : {}) });
      }
      criteria.push({ code: `${a}.${k}`, titleVi: "x", titleEn: "x", maxPoints: leaves.reduce((s, l) => s + l.maxPoints, 0), children: leaves });
    }
    tree.push({ code: `${a}`, titleVi: "x", titleEn: "x", maxPoints: 12.5, children: criteria });
  }
  return { format: "par-framework/v1", code: "TIMING", nameVi: "x", nameEn: "x", legalBasis: "x", unitGroup: "SBN", fromYear: 2025,
    bonusCap: 5, penaltyCap: 5, classification: DEFAULT_BANDS, tree };
}

const doc = framework();
const compileStart = performance.now();
const compiled = compileFramework(doc);
const compileMs = performance.now() - compileStart;

const random = prng(2025);
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const inputs: CycleUnitInput[] = [];
for (let u = 0; u < 150; u++) {
  const scores: Record<string, LeafInput> = {};
  const sociological: Record<string, number> = {};
  for (const leaf of compiled.leaves) {
    if (leaf.survey) {
      if (leaf.survey.survey === "SOCIOLOGICAL") sociological[leaf.code] = Math.round(6000 + random() * 4000) / 100;
      continue;
    }
    if (random() < 0.03) continue; // a few missing scores
    const allowed = allowedScores(leaf.rule, leaf.max)!;
    const entry: LeafInput = leaf.rule.kind === "tiers" ? { declared: Math.round(random() * 1000) / 10 } : { self: pick(allowed) };
    if (random() < 0.2) entry.rounds = [{ round: 1, score: pick(allowed) }, ...(random() < 0.3 ? [{ round: 2, score: pick(allowed) }] : [])];
    scores[leaf.code] = entry;
  }
  inputs.push({
    code: `U${String(u).padStart(3, "0")}`,
    group: u % 3 === 0 ? "XA" : "SBN",
    region: `R${u % 6}`,
    scores,
    surveys: { sociological, sipas: { overall: 82.66, elements: [84.1, 80.25, 86, 83.5, 79.45] } },
    bonus: random() < 0.3 ? [{ points: 150 as Centi, unitNote: "Sáng kiến" }] : [],
    penalty: random() < 0.2 ? [{ points: 50 as Centi, appraiserNote: "Trễ hạn" }] : [],
  });
}

const runs = Number(process.argv[2] ?? 21);
for (let i = 0; i < 3; i++) computeCycle(compiled, inputs); // warm-up
const times: number[] = [];
let result = computeCycle(compiled, inputs);
for (let i = 0; i < runs; i++) {
  const t = performance.now();
  result = computeCycle(compiled, inputs);
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)]!;
console.log(`framework: ${compiled.leaves.length} leaves, ${compiled.nodes.length} nodes; units: ${inputs.length}; compile: ${compileMs.toFixed(2)} ms`);
console.log(`computeCycle over ${runs} runs: median ${median.toFixed(2)} ms, min ${times[0]!.toFixed(2)} ms, max ${times.at(-1)!.toFixed(2)} ms`);
console.log(`check: top unit ${result.units[0]!.code} ${(result.units[0]!.indexHundredths / 100).toFixed(2)} %, mean ${(result.overall.meanIndexHundredths! / 100).toFixed(2)} %, input errors ${result.errorCount}`);
