import { classify, flatten, validateFramework, type ClassificationBand, type FrameworkDoc, type FrameworkIssue } from "./framework";
import { toCenti, type Centi } from "./points";
import { rank } from "./ranking";
import { allowedScores, type Rule } from "./rules";
import { indexHundredths, type Fraction } from "./scoring";

/*
 * The scoring engine: pure functions from a framework and a unit's scores to its points, index,
 * component indices, band and ranks. No I/O, no clock. All arithmetic is on integers (hundredths of a
 * point, `Centi`); there are exactly two roundings, both half up to hundredths:
 *
 *  1. survey points: leaf maximum × percent ÷ 100 (percent with at most 4 decimals), because a point
 *     value has 2 decimals (e.g. 3 points × 87.59 % = 2.6277 → 2.63);
 *  2. the index for display: `indexHundredths` (87.145 % → 87.15).
 *
 * Comparisons (ranking) use the exact fraction achieved ÷ max, never the rounded index. Classification
 * uses the displayed index, as in published tables (89.995 % shows and classifies as 90.00 → A).
 *
 * Totals. The unit's total is
 *     achieved = leaf points + bonus applied − penalty applied, kept within [0, max],
 * where bonus applied = min(Σ accepted bonus, bonusCap) and penalty applied = min(Σ accepted penalty,
 * penaltyCap) (a cap of 0 means the framework has no bonus or penalty). The common provincial rule is
 * that the total may not exceed the maximum ("tổng điểm không vượt quá điểm tối đa"), so the index is at
 * most 100 %; nor can it fall below 0. Bonus and penalty are unit-level: node totals (areas, criteria)
 * contain leaf points only.
 */

// ---- Compiled framework ---------------------------------------------------------------------------

export type SurveySource = { survey: "SOCIOLOGICAL" } | { survey: "SIPAS"; element: number | null };

type ScoreCheck = { kind: "set"; allowed: ReadonlySet<number>; text: string } | { kind: "step"; step: Centi };

export type CompiledNode = {
  code: string;
  /** Index of the parent in `nodes`, −1 for an area. */
  parent: number;
  depth: number;
  max: Centi;
  isLeaf: boolean;
  /** Code of the area (depth-1 ancestor, or the node itself at depth 1). */
  area: string;
};

export type CompiledLeaf = {
  code: string;
  /** Index of the leaf's own node in `nodes`. */
  node: number;
  /** The leaf's node and every ancestor, as indexes in `nodes` (leaf first). */
  chain: readonly number[];
  max: Centi;
  rule: Rule;
  area: string;
  /** Set for survey-derived leaves (not self-scored). */
  survey: SurveySource | null;
  check: ScoreCheck | null;
  /** Tiers rules: the tiers with points in hundredths, in the rule's order. */
  tiers: readonly { min: number; points: Centi }[] | null;
};

export type CompiledFramework = {
  code: string;
  max: Centi;
  bonusCap: Centi;
  penaltyCap: Centi;
  bands: readonly ClassificationBand[];
  /** Depth first, parents before children. */
  nodes: readonly CompiledNode[];
  leaves: readonly CompiledLeaf[];
  nodeIndex: ReadonlyMap<string, number>;
  leafIndex: ReadonlyMap<string, number>;
  /** Codes of the areas (depth 1), in order. */
  areas: readonly string[];
  /** Indexes in `leaves` of the survey-derived leaves. */
  surveyLeaves: readonly number[];
};

export class InvalidFrameworkError extends Error {
  constructor(readonly issues: FrameworkIssue[]) {
    super(`Invalid framework: ${issues.map((i) => `${i.code || "(framework)"} ${i.key}`).join(", ")}`);
    this.name = "InvalidFrameworkError";
  }
}

/**
 * Precomputes what scoring needs (leaves with their ancestor chains, maxima in hundredths, the scores
 * each rule allows) so that scoring many units is a few array passes. Throws InvalidFrameworkError
 * when validateFramework reports issues, RangeError on a negative cap. `bands` overrides the
 * framework's classification.
 */
export function compileFramework(doc: FrameworkDoc, options: { bands?: readonly ClassificationBand[] } = {}): CompiledFramework {
  const issues = validateFramework(doc);
  if (issues.length > 0) throw new InvalidFrameworkError(issues);
  const bonusCap = toCenti(doc.bonusCap);
  const penaltyCap = toCenti(doc.penaltyCap);
  if (bonusCap < 0 || penaltyCap < 0) throw new RangeError("Bonus and penalty caps must not be negative");

  const nodes: CompiledNode[] = [];
  const leaves: CompiledLeaf[] = [];
  const nodeIndex = new Map<string, number>();
  const leafIndex = new Map<string, number>();
  const surveyLeaves: number[] = [];
  for (const f of flatten(doc.tree)) {
    const parent = f.parentCode === null ? -1 : nodeIndex.get(f.parentCode)!;
    const area = parent === -1 ? f.code : nodes[parent]!.area;
    const max = toCenti(f.node.maxPoints);
    nodeIndex.set(f.code, nodes.length);
    nodes.push({ code: f.code, parent, depth: f.depth, max, isLeaf: f.isLeaf, area });
    if (!f.isLeaf) continue;
    const rule = f.node.rule!;
    const chain: number[] = [];
    for (let i = nodes.length - 1; i !== -1; i = nodes[i]!.parent) chain.push(i);
    const survey: SurveySource | null = rule.kind !== "survey" ? null
      : (rule.survey ?? "SOCIOLOGICAL") === "SIPAS" ? { survey: "SIPAS", element: rule.element ?? null } : { survey: "SOCIOLOGICAL" };
    if (survey) surveyLeaves.push(leaves.length);
    leafIndex.set(f.code, leaves.length);
    const tiers = rule.kind === "tiers" ? rule.tiers.map((t) => ({ min: t.min, points: toCenti(t.points) })) : null;
    leaves.push({ code: f.code, node: nodes.length - 1, chain, max, rule, area, survey, check: scoreCheck(rule, max), tiers });
  }
  return {
    code: doc.code,
    max: nodes.reduce((s, n) => (n.parent === -1 ? s + n.max : s), 0) as Centi,
    bonusCap,
    penaltyCap,
    bands: options.bands ?? doc.classification,
    nodes,
    leaves,
    nodeIndex,
    leafIndex,
    areas: nodes.filter((n) => n.parent === -1).map((n) => n.code),
    surveyLeaves,
  };
}

function scoreCheck(rule: Rule, max: Centi): ScoreCheck | null {
  // A free rule allows every multiple of the step up to the maximum: test divisibility, not a list.
  if (rule.kind === "free") return { kind: "step", step: toCenti(rule.step) };
  const allowed = allowedScores(rule, max);
  return allowed === null ? null : { kind: "set", allowed: new Set(allowed), text: allowed.map((c) => c / 100).join("; ") };
}

// ---- Inputs and results -------------------------------------------------------------------------

export type AppraisalInput = { round: number; score: Centi; reason?: string };

/** A self-scored leaf: self score, declared value (tiers rules) and appraisal rounds. */
export type LeafInput = { self?: Centi | null; declared?: number | null; rounds?: readonly AppraisalInput[] };

/** A bonus (điểm thưởng) or penalty (điểm trừ) item; only accepted items count (default: accepted). */
export type AdjustmentInput = { code?: string; points: Centi; unitNote?: string; appraiserNote?: string; accepted?: boolean };

/** Survey results in percent (0–100, at most 4 decimals). */
export type SurveyInput = {
  /** Sociological survey (điều tra XHH) result per survey leaf code. */
  sociological?: Readonly<Record<string, number>>;
  /** SIPAS: overall satisfaction and the five elements' (in the order of the methodology). */
  sipas?: { overall: number; elements?: readonly number[] };
};

export type UnitInput = {
  code: string;
  scores: ReadonlyMap<string, LeafInput> | Readonly<Record<string, LeafInput>>;
  surveys?: SurveyInput;
  bonus?: readonly AdjustmentInput[];
  penalty?: readonly AdjustmentInput[];
};

export type ScoreIssueKey =
  | "unknownCriterion" // the code is not in the framework
  | "notLeaf" // the code is an area or criterion with children, which are not scored
  | "notNumeric" // NaN, ±∞, or not a whole number of hundredths
  | "negative"
  | "overMax"
  | "notAllowed" // not one of the scores the rule allows
  | "declaredMismatch" // tiers: the self score differs from the points of the declared value
  | "surveyLeafScored" // a survey-derived leaf received a self score or appraisal
  | "notSurveyLeaf" // a survey result for a leaf that is not fed by that survey
  | "roundNumber" // an appraisal round that is not a whole number ≥ 1
  | "roundDuplicate" // two appraisals with the same round number (both ignored)
  | "percentRange" // a survey percentage outside 0–100
  | "percentDecimals" // more than 4 decimals
  | "sipasElements" // SIPAS elements given, but not 5 of them
  | "adjustmentPoints"; // a bonus/penalty item whose points are not > 0

/**
 * A problem with one input value; the value is ignored (treated as missing). `code` is the criterion's
 * code, or "" for unit-level values (bonus, penalty, SIPAS). `key` is a message key under
 * `scores.issues` in the catalogues; `values` fill its placeholders.
 */
export type ScoreIssue = { code: string; key: ScoreIssueKey; values: Record<string, string | number> };

export type LeafSource = "self" | "appraisal" | "survey" | "missing";
export type LeafResult = { effective: Centi; source: LeafSource; round?: number };
export type NodeResult = { achieved: Centi; max: Centi; indexHundredths: number };
export type AdjustmentResult = {
  kind: "bonus" | "penalty";
  code: string | null;
  points: Centi;
  accepted: boolean;
  unitNote: string | null;
  appraiserNote: string | null;
};

export type UnitResult = {
  code: string;
  framework: string;
  /** leaf points + bonus applied − penalty applied, kept within [0, max]. */
  achieved: Centi;
  max: Centi;
  /** Index in hundredths of a percent (rounded half up); 0–10 000. */
  indexHundredths: number;
  band: ClassificationBand | null;
  /** Σ effective leaf points = selfPoints + surveyPoints. */
  leafPoints: Centi;
  /** Self-scored leaves (after appraisal). */
  selfPoints: Centi;
  surveyPoints: Centi;
  /** Σ accepted items before the cap. */
  bonusAccepted: Centi;
  penaltyAccepted: Centi;
  bonusApplied: Centi;
  penaltyApplied: Centi;
  adjustments: AdjustmentResult[];
  /** Every node (areas, criteria, leaves): the component index of an area is nodes[areaCode]. */
  nodes: Record<string, NodeResult>;
  leaves: Record<string, LeafResult>;
  /** Leaves without a usable score (they count 0), in framework order. */
  missing: string[];
  errors: ScoreIssue[];
};

// ---- Scoring one unit -----------------------------------------------------------------------------

const PERCENT = /^(\d+)(?:\.(\d{1,4}))?$/;

/** A percentage (0–100, at most 4 decimals) in ten-thousandths of a percent; null when not one. */
export function percentTenThousandths(value: number): number | null {
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > 100) return null;
  // Fast path: the value is the double nearest to a decimal with at most 4 places.
  const scaled = Math.round(value * 10_000);
  if (scaled / 10_000 === value) return scaled;
  // Else undo binary noise (0.1 + 0.2) the way toCenti does, through 12 significant digits.
  const m = PERCENT.exec(Number(value.toPrecision(12)).toString());
  if (!m) return null;
  return Number(m[1]) * 10_000 + Number((m[2] ?? "").padEnd(4, "0"));
}

export function isPercentValue(value: unknown): boolean {
  return typeof value === "number" && percentTenThousandths(value) !== null;
}

/**
 * Points of a survey leaf: max × percent ÷ 100, rounded half up to hundredths of a point. Exact:
 * with the percent in ten-thousandths p, points in hundredths = max × p ÷ 1 000 000.
 */
export function surveyPoints(max: Centi, percent: number): Centi {
  const p = percentTenThousandths(percent);
  if (p === null) throw new RangeError(`Not a percentage 0–100 with at most 4 decimals: ${percent}`);
  return surveyPointsOf(max, p);
}

function surveyPointsOf(max: Centi, p: number): Centi {
  const scaled = max * p;
  const q = Math.floor(scaled / 1_000_000);
  return ((scaled - q * 1_000_000) * 2 >= 1_000_000 ? q + 1 : q) as Centi;
}

function forEachScore(scores: UnitInput["scores"], fn: (code: string, value: LeafInput) => void): void {
  if (scores instanceof Map) {
    for (const [code, value] of scores) fn(code, value);
  } else {
    const record = scores as Readonly<Record<string, LeafInput>>;
    for (const code of Object.keys(record)) fn(code, record[code]!);
  }
}

const points = (c: number): string | number => (Number.isSafeInteger(c) ? c / 100 : String(c));

/** Why a score is not acceptable for a leaf, or null when it is. */
function scoreProblem(leaf: CompiledLeaf, score: number): { key: ScoreIssueKey; values: Record<string, string | number> } | null {
  if (typeof score !== "number" || !Number.isSafeInteger(score)) return { key: "notNumeric", values: { score: String(score) } };
  if (score < 0) return { key: "negative", values: { score: score / 100 } };
  if (score > leaf.max) return { key: "overMax", values: { score: score / 100, max: leaf.max / 100 } };
  const check = leaf.check!;
  if (check.kind === "step" ? score % check.step !== 0 : !check.allowed.has(score)) {
    return { key: "notAllowed", values: check.kind === "step"
      ? { score: score / 100, step: check.step / 100, max: leaf.max / 100 }
      : { score: score / 100, allowed: check.text } };
  }
  return null;
}

/**
 * Scores one unit. Never throws on bad input values: each is reported in `errors` and ignored.
 *
 * Effective score of a self-scored leaf: the valid appraisal round with the highest round number
 * (order of the list does not matter; invalid rounds and duplicated round numbers are ignored), else
 * the valid self score, else missing (0). Tiers rules: a declared value determines the self score —
 * when the self score is absent it is derived from the declared value; when both are given and differ,
 * the self score is reported ("declaredMismatch") and ignored. A declared value on other rules is
 * ignored. Survey leaves: points from the survey result (see surveyPoints); without a result they are
 * missing (0).
 */
export function scoreUnit(compiled: CompiledFramework, input: UnitInput): UnitResult {
  const { leaves, nodes } = compiled;
  const errors: ScoreIssue[] = [];
  const leafInputs: (LeafInput | undefined)[] = new Array(leaves.length);
  forEachScore(input.scores, (code, value) => {
    const i = compiled.leafIndex.get(code);
    if (i === undefined) errors.push({ code, key: compiled.nodeIndex.has(code) ? "notLeaf" : "unknownCriterion", values: {} });
    else leafInputs[i] = value;
  });
  const percents = surveyPercents(compiled, input.surveys, errors);

  const effective = new Array<number>(leaves.length);
  const leafResults: Record<string, LeafResult> = {};
  const missing: string[] = [];
  let selfPoints = 0;
  let surveyTotal = 0;
  for (let i = 0; i < leaves.length; i++) {
    const leaf = leaves[i]!;
    const li = leafInputs[i];
    let result: LeafResult;
    if (leaf.survey) {
      if (li && ((li.self !== undefined && li.self !== null) || (li.rounds?.length ?? 0) > 0)) {
        errors.push({ code: leaf.code, key: "surveyLeafScored", values: {} });
      }
      const p = percents[i];
      result = p === undefined ? { effective: 0 as Centi, source: "missing" } : { effective: surveyPointsOf(leaf.max, p), source: "survey" };
      surveyTotal += result.effective;
    } else {
      result = li ? selfScoredLeaf(leaf, li, errors) : { effective: 0 as Centi, source: "missing" };
      selfPoints += result.effective;
    }
    if (result.source === "missing") missing.push(leaf.code);
    effective[i] = result.effective;
    leafResults[leaf.code] = result;
  }

  const nodeAchieved = new Array<number>(nodes.length).fill(0);
  for (let i = 0; i < leaves.length; i++) {
    const e = effective[i]!;
    if (e !== 0) for (const n of leaves[i]!.chain) nodeAchieved[n]! += e;
  }
  const nodeResults: Record<string, NodeResult> = {};
  for (let n = 0; n < nodes.length; n++) {
    const node = nodes[n]!;
    const achieved = nodeAchieved[n]! as Centi;
    nodeResults[node.code] = { achieved, max: node.max, indexHundredths: indexHundredths({ achieved, max: node.max }) ?? 0 };
  }

  const adjustments: AdjustmentResult[] = [];
  const bonusAccepted = adjustmentTotal("bonus", input.bonus, adjustments, errors);
  const penaltyAccepted = adjustmentTotal("penalty", input.penalty, adjustments, errors);
  const bonusApplied = Math.min(bonusAccepted, compiled.bonusCap) as Centi;
  const penaltyApplied = Math.min(penaltyAccepted, compiled.penaltyCap) as Centi;
  const leafPoints = (selfPoints + surveyTotal) as Centi;
  const achieved = Math.max(0, Math.min(compiled.max, leafPoints + bonusApplied - penaltyApplied)) as Centi;
  const index = indexHundredths({ achieved, max: compiled.max }) ?? 0;
  return {
    code: input.code,
    framework: compiled.code,
    achieved,
    max: compiled.max,
    indexHundredths: index,
    band: classify(index, compiled.bands),
    leafPoints,
    selfPoints: selfPoints as Centi,
    surveyPoints: surveyTotal as Centi,
    bonusAccepted,
    penaltyAccepted,
    bonusApplied,
    penaltyApplied,
    adjustments,
    nodes: nodeResults,
    leaves: leafResults,
    missing,
    errors,
  };
}

function selfScoredLeaf(leaf: CompiledLeaf, li: LeafInput, errors: ScoreIssue[]): LeafResult {
  // Appraisal rounds: the highest valid round number wins.
  const rounds = li.rounds ?? [];
  if (rounds.length > 0) {
    const seen = new Map<number, number>();
    for (const r of rounds) seen.set(r.round, (seen.get(r.round) ?? 0) + 1);
    let last: AppraisalInput | null = null;
    for (const r of rounds) {
      if (!Number.isSafeInteger(r.round) || r.round < 1) {
        errors.push({ code: leaf.code, key: "roundNumber", values: { round: String(r.round) } });
        continue;
      }
      if (seen.get(r.round)! > 1) {
        if (r === rounds.find((x) => x.round === r.round)) errors.push({ code: leaf.code, key: "roundDuplicate", values: { round: r.round } });
        continue;
      }
      const problem = scoreProblem(leaf, r.score);
      if (problem) {
        errors.push({ code: leaf.code, key: problem.key, values: { field: "round", round: r.round, ...problem.values } });
        continue;
      }
      if (!last || r.round > last.round) last = r;
    }
    if (last) {
      // The self score is still checked so that its problems are reported.
      selfScore(leaf, li, errors);
      return { effective: last.score, source: "appraisal", round: last.round };
    }
  }
  const self = selfScore(leaf, li, errors);
  return self === null ? { effective: 0 as Centi, source: "missing" } : { effective: self, source: "self" };
}

/** The valid self score of a leaf (derived from the declared value under a tiers rule), or null. */
function selfScore(leaf: CompiledLeaf, li: LeafInput, errors: ScoreIssue[]): Centi | null {
  let derived: Centi | null = null;
  if (leaf.rule.kind === "tiers" && li.declared !== undefined && li.declared !== null) {
    if (typeof li.declared === "number" && Number.isFinite(li.declared)) derived = tierPoints(leaf.tiers!, li.declared);
    else errors.push({ code: leaf.code, key: "notNumeric", values: { field: "declared", declared: String(li.declared) } });
  }
  const self = li.self;
  if (self === undefined || self === null) return derived;
  const problem = scoreProblem(leaf, self);
  if (problem) {
    errors.push({ code: leaf.code, key: problem.key, values: { field: "self", ...problem.values } });
    return null;
  }
  if (derived !== null && derived !== self) {
    errors.push({ code: leaf.code, key: "declaredMismatch", values: { score: self / 100, expected: derived / 100, declared: li.declared! } });
    return null;
  }
  return self;
}

/** pointsForDeclaredValue (rules.ts) on precomputed tiers: the matching tier with the highest minimum, else 0. */
function tierPoints(tiers: readonly { min: number; points: Centi }[], value: number): Centi {
  let best = 0 as Centi;
  let bestMin = -Infinity;
  for (const t of tiers) {
    if (value >= t.min && t.min >= bestMin) {
      best = t.points;
      bestMin = t.min;
    }
  }
  return best;
}

/** Survey percent in ten-thousandths per leaf index, from the unit's survey results. */
function surveyPercents(compiled: CompiledFramework, surveys: SurveyInput | undefined, errors: ScoreIssue[]): (number | undefined)[] {
  const out: (number | undefined)[] = new Array(compiled.leaves.length);
  if (!surveys) return out;
  const check = (code: string, value: number, values: Record<string, string | number>): number | undefined => {
    const p = percentTenThousandths(value);
    if (p !== null) return p;
    if (typeof value !== "number" || !Number.isFinite(value)) {
      errors.push({ code, key: "notNumeric", values: { ...values, percent: String(value) } });
    } else if (value < 0 || value > 100) {
      errors.push({ code, key: "percentRange", values: { ...values, percent: value } });
    } else {
      errors.push({ code, key: "percentDecimals", values: { ...values, percent: value } });
    }
    return undefined;
  };
  for (const [code, value] of Object.entries(surveys.sociological ?? {})) {
    const i = compiled.leafIndex.get(code);
    if (i === undefined) {
      errors.push({ code, key: compiled.nodeIndex.has(code) ? "notLeaf" : "unknownCriterion", values: { survey: "SOCIOLOGICAL" } });
      continue;
    }
    if (compiled.leaves[i]!.survey?.survey !== "SOCIOLOGICAL") {
      errors.push({ code, key: "notSurveyLeaf", values: { survey: "SOCIOLOGICAL" } });
      continue;
    }
    out[i] = check(code, value, { survey: "SOCIOLOGICAL" });
  }
  if (surveys.sipas) {
    const overall = check("", surveys.sipas.overall, { survey: "SIPAS", element: "overall" });
    let elements: (number | undefined)[] = [];
    if (surveys.sipas.elements !== undefined) {
      if (surveys.sipas.elements.length !== 5) {
        errors.push({ code: "", key: "sipasElements", values: { survey: "SIPAS", count: surveys.sipas.elements.length } });
      } else {
        elements = surveys.sipas.elements.map((v, k) => check("", v, { survey: "SIPAS", element: k + 1 }));
      }
    }
    for (const i of compiled.surveyLeaves) {
      const s = compiled.leaves[i]!.survey!;
      if (s.survey === "SIPAS") out[i] = s.element === null ? overall : elements[s.element - 1];
    }
  }
  return out;
}

function adjustmentTotal(kind: "bonus" | "penalty", items: readonly AdjustmentInput[] | undefined, out: AdjustmentResult[],
  errors: ScoreIssue[]): Centi {
  let total = 0;
  (items ?? []).forEach((item, index) => {
    if (typeof item.points !== "number" || !Number.isSafeInteger(item.points) || item.points <= 0) {
      errors.push({ code: "", key: "adjustmentPoints", values: { kind, index, item: item.code ?? "", points: points(item.points) } });
      return;
    }
    const accepted = item.accepted ?? true;
    if (accepted) total += item.points;
    out.push({ kind, code: item.code ?? null, points: item.points, accepted, unitNote: item.unitNote ?? null,
      appraiserNote: item.appraiserNote ?? null });
  });
  return total as Centi;
}

// ---- Ranking ------------------------------------------------------------------------------------

export type Rankable = { code: string; achieved: Centi; max: Centi };

/** A unit's rank within its ranking key (all units when ranking overall). */
export type UnitRank = { code: string; key: string | null; rank: number | null; of: number };

/**
 * Standard competition ranking ("1, 2, 2, 4") on the exact index achieved ÷ max: units whose indices
 * are exactly equal as fractions share a rank, and the next rank skips (rank = 1 + number of units
 * with a strictly higher index). Indices that only look equal once rounded (89.996 and 90.004 both
 * shown as 90.00) are not a tie. Within a tie, units are listed by code. With `by`, units are ranked
 * within each key (unit group, region…); units whose key is null are not ranked (rank null, of 0).
 * Output: by key (nulls last), then rank, then code.
 */
export function rankUnits<T extends Rankable>(results: readonly T[], options: { by?: (r: T) => string | null } = {}): UnitRank[] {
  const by = options.by ?? (() => "");
  const groups = new Map<string | null, T[]>();
  const seen = new Set<string>();
  for (const r of results) {
    if (seen.has(r.code)) throw new RangeError(`Duplicate unit code: ${r.code}`);
    seen.add(r.code);
    const key = by(r);
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  const keys = [...groups.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0));
  const out: UnitRank[] = [];
  for (const key of keys) {
    const members = groups.get(key)!;
    if (key === null) {
      for (const r of [...members].sort((a, b) => (a.code < b.code ? -1 : 1))) out.push({ code: r.code, key: null, rank: null, of: 0 });
      continue;
    }
    const key0 = options.by ? key : null;
    for (const r of rank(members.map((m) => ({ key: m.code, score: { achieved: m.achieved, max: m.max } })))) {
      out.push({ code: r.key, key: key0, rank: r.rank, of: members.length });
    }
  }
  return out;
}

/**
 * The exact mean of several indices (each unit counts once, whatever its maximum), as a fraction, e.g.
 * to rank regions by their average: Σ (aᵢ · L / mᵢ) ÷ (n · L) with L the least common multiple of the
 * maxima, reduced. Null for no fractions; RangeError when it does not fit exactly in a JS number (only
 * with many unrelated maxima; meanIndexHundredths has no such limit).
 */
export function meanFraction(fractions: readonly Fraction[]): Fraction | null {
  if (fractions.length === 0) return null;
  let lcm = 1;
  for (const f of fractions) {
    if (!(f.max > 0)) throw new RangeError("A maximum must be positive");
    lcm = (lcm / gcd(lcm, f.max)) * f.max;
  }
  let sum = 0;
  for (const f of fractions) sum += f.achieved * (lcm / f.max);
  const max = lcm * fractions.length;
  if (!Number.isSafeInteger(lcm) || !Number.isSafeInteger(sum) || !Number.isSafeInteger(max)) throw new RangeError("Mean out of exact range");
  const g = gcd(sum, max) || 1;
  return { achieved: (sum / g) as Centi, max: (max / g) as Centi };
}

/**
 * Mean index in hundredths of a percent, rounded half up once from the exact mean (each unit counts
 * once). Exact for any maxima: the sum of fractions is kept in BigInt.
 */
export function meanIndexHundredths(fractions: readonly Fraction[]): number | null {
  if (fractions.length === 0) return null;
  let num = 0n;
  let den = 1n;
  for (const f of fractions) {
    if (!(f.max > 0)) throw new RangeError("A maximum must be positive");
    const m = BigInt(f.max);
    num = num * m + BigInt(f.achieved) * den;
    den *= m;
    const g = bigGcd(num < 0n ? -num : num, den);
    if (g > 1n) {
      num /= g;
      den /= g;
    }
  }
  const scaled = num * 10_000n;
  const total = den * BigInt(fractions.length);
  let q = scaled / total;
  if (scaled % total !== 0n && scaled < 0n) q -= 1n; // floor, as indexHundredths does
  return Number((scaled - q * total) * 2n >= total ? q + 1n : q);
}

function bigGcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

// ---- Year over year -----------------------------------------------------------------------------

export type YearFigure = { code: string; achieved: Centi; max: Centi; rank: number | null };
export type LineageLink = { predecessor: string; successor: string; effectiveYear: number };

export type YearOverYear = {
  code: string;
  /**
   * same: the unit's own previous figure; lineage: its predecessors' (renamed, split from, or merged
   * into a new unit); merged: its own plus the units it absorbed; none: nothing comparable.
   */
  basis: "same" | "lineage" | "merged" | "none";
  /** Codes whose previous figures were used (own code first, then predecessors by code). */
  previousCodes: string[];
  previous: { achieved: Centi; max: Centi; indexHundredths: number; rank: number | null } | null;
  /** Displayed index minus displayed previous index, in hundredths of a percentage point. */
  indexDeltaHundredths: number | null;
  /** Points minus previous points, only when both have the same maximum (else null). */
  pointsDelta: Centi | null;
  /** Previous rank minus current rank: positive = moved up. Null unless exactly one previous unit. */
  rankDelta: number | null;
};

/**
 * The comparable previous figure of each current unit, following unit lineage.
 *
 * - Same code in `previous`: its own figure, plus the figures of predecessors it absorbed (linked to
 *   it, scored last year, and no longer scored this year), e.g. Văn phòng UBND absorbing Sở Ngoại vụ.
 * - Otherwise its predecessors, walking lineage links (effectiveYear ≤ year) back until units scored
 *   in `previous` are found: a renamed unit compares with its old code, a unit split off with its
 *   parent, a new merged unit with the units merged into it.
 * - Several previous units are combined as one fraction Σ achieved ÷ Σ max (for equal maxima, the mean
 *   of their indices). A combined figure has no rank (rankDelta null: there is no single "previous
 *   rank" of a merger) and no points delta when its maximum differs from the current one.
 * - Index delta: the difference of the displayed (rounded) indices, so that it matches the table.
 */
export function yearOverYear(current: readonly YearFigure[], previous: readonly YearFigure[], lineage: readonly LineageLink[],
  year: number): YearOverYear[] {
  const prev = byCode(previous);
  const now = byCode(current);
  const predecessors = new Map<string, string[]>();
  for (const l of lineage) {
    if (l.effectiveYear > year || l.predecessor === l.successor) continue;
    predecessors.set(l.successor, [...(predecessors.get(l.successor) ?? []), l.predecessor]);
  }
  const found = (code: string): string[] => {
    const out = new Set<string>();
    const visited = new Set<string>([code]);
    const walk = (c: string) => {
      for (const p of predecessors.get(c) ?? []) {
        if (visited.has(p)) continue;
        visited.add(p);
        if (prev.has(p)) out.add(p);
        else walk(p);
      }
    };
    walk(code);
    return [...out].sort();
  };

  return current.map((cur) => {
    let basis: YearOverYear["basis"];
    let codes: string[];
    if (prev.has(cur.code)) {
      const absorbed = found(cur.code).filter((p) => !now.has(p));
      basis = absorbed.length > 0 ? "merged" : "same";
      codes = [cur.code, ...absorbed];
    } else {
      codes = found(cur.code);
      basis = codes.length > 0 ? "lineage" : "none";
    }
    if (codes.length === 0) {
      return { code: cur.code, basis, previousCodes: [], previous: null, indexDeltaHundredths: null, pointsDelta: null, rankDelta: null };
    }
    const figures = codes.map((c) => prev.get(c)!);
    const achieved = figures.reduce((s, f) => s + f.achieved, 0) as Centi;
    const max = figures.reduce((s, f) => s + f.max, 0) as Centi;
    const rankBefore = figures.length === 1 ? figures[0]!.rank : null;
    const before = indexHundredths({ achieved, max });
    const after = indexHundredths(cur);
    return {
      code: cur.code,
      basis,
      previousCodes: codes,
      previous: { achieved, max, indexHundredths: before ?? 0, rank: rankBefore },
      indexDeltaHundredths: before === null || after === null ? null : after - before,
      pointsDelta: max === cur.max ? ((cur.achieved - achieved) as Centi) : null,
      rankDelta: rankBefore === null || cur.rank === null ? null : rankBefore - cur.rank,
    };
  });
}

function byCode(figures: readonly YearFigure[]): Map<string, YearFigure> {
  const map = new Map<string, YearFigure>();
  for (const f of figures) {
    if (map.has(f.code)) throw new RangeError(`Duplicate unit code: ${f.code}`);
    map.set(f.code, f);
  }
  return map;
}

// ---- A whole cycle ------------------------------------------------------------------------------

export type CycleUnitInput = UnitInput & { group?: string | null; region?: string | null };

export type CycleUnitResult = UnitResult & {
  group: string | null;
  region: string | null;
  rank: number;
  of: number;
  /** Null when the unit has no group (region). */
  rankInGroup: number | null;
  groupSize: number;
  rankInRegion: number | null;
  regionSize: number;
  yearOverYear?: YearOverYear;
};

export type CycleSummary = {
  units: number;
  /** Exact mean of the units' indices (each unit counts once), rounded for display. */
  meanIndexHundredths: number | null;
  /** Units per band code ("" for no band). */
  bands: Record<string, number>;
};

export type CycleResult = {
  /** By overall rank, then code. */
  units: CycleUnitResult[];
  overall: CycleSummary;
  byGroup: Record<string, CycleSummary>;
  byRegion: Record<string, CycleSummary>;
  errorCount: number;
};

export type CycleOptions = {
  /** Adds year-over-year figures: the previous year's results and the unit lineage. */
  yearOverYear?: { year: number; previous: readonly YearFigure[]; lineage: readonly LineageLink[] };
};

/**
 * Scores every unit of a cycle and ranks them overall, within their unit group and within their
 * region. `frameworks` is one compiled framework, or a function choosing one per unit (a framework
 * per unit group). Throws RangeError on duplicate unit codes.
 */
export function computeCycle(frameworks: CompiledFramework | ((input: CycleUnitInput) => CompiledFramework),
  inputs: readonly CycleUnitInput[], options: CycleOptions = {}): CycleResult {
  const pick = typeof frameworks === "function" ? frameworks : () => frameworks;
  const scored = inputs.map((input) => ({ ...scoreUnit(pick(input), input), group: input.group ?? null, region: input.region ?? null }));
  const overall = new Map(rankUnits(scored).map((r) => [r.code, r]));
  const inGroup = new Map(rankUnits(scored, { by: (r) => r.group }).map((r) => [r.code, r]));
  const inRegion = new Map(rankUnits(scored, { by: (r) => r.region }).map((r) => [r.code, r]));
  const units: CycleUnitResult[] = scored.map((s) => ({
    ...s,
    rank: overall.get(s.code)!.rank!,
    of: scored.length,
    rankInGroup: inGroup.get(s.code)!.rank,
    groupSize: inGroup.get(s.code)!.of,
    rankInRegion: inRegion.get(s.code)!.rank,
    regionSize: inRegion.get(s.code)!.of,
  }));
  units.sort((a, b) => a.rank - b.rank || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

  if (options.yearOverYear) {
    const { year, previous, lineage } = options.yearOverYear;
    const rows = yearOverYear(units, previous, lineage, year);
    units.forEach((u, i) => (u.yearOverYear = rows[i]));
  }
  const summaries = (key: (u: CycleUnitResult) => string | null): Record<string, CycleSummary> => {
    const groups = new Map<string, CycleUnitResult[]>();
    for (const u of units) {
      const k = key(u);
      if (k !== null) groups.set(k, [...(groups.get(k) ?? []), u]);
    }
    return Object.fromEntries([...groups].map(([k, list]) => [k, summary(list)]));
  };
  return {
    units,
    overall: summary(units),
    byGroup: summaries((u) => u.group),
    byRegion: summaries((u) => u.region),
    errorCount: units.reduce((s, u) => s + u.errors.length, 0),
  };
}

function summary(units: readonly CycleUnitResult[]): CycleSummary {
  const bands: Record<string, number> = {};
  for (const u of units) bands[u.band?.code ?? ""] = (bands[u.band?.code ?? ""] ?? 0) + 1;
  return { units: units.length, meanIndexHundredths: meanIndexHundredths(units), bands };
}
