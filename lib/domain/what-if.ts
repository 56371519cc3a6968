import type { ClassificationBand } from "./framework";
import { rankUnits, scoreUnit, type CompiledFramework, type LeafInput, type LeafResult, type NodeResult, type Rankable, type UnitInput } from "./engine";
import type { Centi } from "./points";
import { allowedScores } from "./rules";

/*
 * The what-if simulator: a published result with some leaf scores changed, through the same engine
 * (scoreUnit, rankUnits). Pure and cheap enough to run in the browser on every change; nothing is
 * stored. The other units of the group keep their published figures; only this unit is rescored.
 *
 * How an override is applied: it REPLACES the leaf's recorded input (self score, declared value and
 * appraisal rounds) with a plain self score. The question asked is "what if this leaf's effective score
 * were x", and the effective score is the last valid appraisal round, else the self score. Adding x as
 * one more, final appraisal round would give the same effective score, but would keep the recorded self
 * score and declared value in play: under a tiers rule a declared value disagreeing with them is
 * reported, and the leaf's source would read "appraisal" for a score no appraiser gave. Replacing keeps
 * the simulated leaf exactly as chosen and every other leaf exactly as recorded.
 */

/** A leaf code → the simulated effective score. */
export type Overrides = Readonly<Record<string, Centi>>;

/** The stored (published) figures the simulation is compared with. */
export type WhatIfBaseline = { achieved: Centi; max: Centi; indexHundredths: number; rankInGroup: number | null };

/** Message keys under `whatIf.errors` in the catalogues. */
export type WhatIfIssueKey = "unknownCriterion" | "notLeaf" | "surveyLeaf" | "notAllowed";
export type WhatIfIssue = { code: string; key: WhatIfIssueKey; values: Record<string, string | number> };

export type AreaFigure = { code: string; before: NodeResult; after: NodeResult };

export type WhatIfResult = {
  achieved: Centi;
  max: Centi;
  indexHundredths: number;
  band: ClassificationBand | null;
  /** Rank within the group: the other units' published figures and this unit's simulated one. */
  rankInGroup: number;
  groupSize: number;
  /** Per area (depth-1 criterion), the component index recomputed without and with the overrides. */
  areas: AreaFigure[];
  /** Every node's simulated figures, and every leaf's simulated effective score. */
  nodes: Record<string, NodeResult>;
  leaves: Record<string, LeafResult>;
  /** Leaves whose simulated effective score differs from the recorded one, in framework order. */
  changed: string[];
  delta: {
    achieved: number;
    /** In hundredths of a percentage point (displayed index minus displayed baseline index). */
    indexHundredths: number;
    /** Baseline rank minus simulated rank: positive = moved up; null without a baseline rank. */
    rank: number | null;
  };
};

/** Problems with the overrides (empty when every one is a score the leaf's rule allows). */
export function checkOverrides(compiled: CompiledFramework, overrides: Overrides): WhatIfIssue[] {
  const issues: WhatIfIssue[] = [];
  for (const [code, score] of Object.entries(overrides)) {
    const i = compiled.leafIndex.get(code);
    if (i === undefined) {
      issues.push({ code, key: compiled.nodeIndex.has(code) ? "notLeaf" : "unknownCriterion", values: { code } });
      continue;
    }
    const leaf = compiled.leaves[i]!;
    const allowed = allowedScores(leaf.rule, leaf.max);
    if (allowed === null) {
      issues.push({ code, key: "surveyLeaf", values: { code } });
    } else if (typeof score !== "number" || !allowed.includes(score)) {
      issues.push({ code, key: "notAllowed", values: { code, score: typeof score === "number" ? score / 100 : String(score),
        allowed: leaf.rule.kind === "free" ? `0–${leaf.max / 100} (${leaf.rule.step})` : allowed.map((c) => c / 100).join("; ") } });
    }
  }
  return issues;
}

/** The unit's input with the overrides applied (see the note at the top of this file). */
export function applyOverrides(input: UnitInput, overrides: Overrides): UnitInput {
  const scores: Record<string, LeafInput> = input.scores instanceof Map ? Object.fromEntries(input.scores) : { ...input.scores };
  for (const [code, score] of Object.entries(overrides)) scores[code] = { self: score };
  return { ...input, scores };
}

/**
 * The unit's result with `overrides`, ranked among `others` (the other units of its group, published
 * figures), and its change against `baseline`. Invalid overrides are refused as a whole: nothing is
 * simulated on a score the rule does not allow.
 */
export function simulate(compiled: CompiledFramework, input: UnitInput, overrides: Overrides, others: readonly Rankable[],
  baseline: WhatIfBaseline): { ok: true; result: WhatIfResult } | { ok: false; issues: WhatIfIssue[] } {
  const issues = checkOverrides(compiled, overrides);
  if (issues.length > 0) return { ok: false, issues };
  const before = scoreUnit(compiled, input);
  const after = Object.keys(overrides).length === 0 ? before : scoreUnit(compiled, applyOverrides(input, overrides));
  const field = [...others.filter((o) => o.code !== input.code), { code: input.code, achieved: after.achieved, max: after.max }];
  const mine = rankUnits(field).find((r) => r.code === input.code)!;
  return {
    ok: true,
    result: {
      achieved: after.achieved,
      max: after.max,
      indexHundredths: after.indexHundredths,
      band: after.band,
      rankInGroup: mine.rank!,
      groupSize: mine.of,
      areas: compiled.areas.map((code) => ({ code, before: before.nodes[code]!, after: after.nodes[code]! })),
      nodes: after.nodes,
      leaves: after.leaves,
      changed: compiled.leaves.filter((l) => after.leaves[l.code]!.effective !== before.leaves[l.code]!.effective).map((l) => l.code),
      delta: {
        achieved: after.achieved - baseline.achieved,
        indexHundredths: after.indexHundredths - baseline.indexHundredths,
        rank: baseline.rankInGroup === null ? null : baseline.rankInGroup - mine.rank!,
      },
    },
  };
}
