import { compareCodes } from "./framework-diff";
import { meanIndexHundredths, yearOverYear, type LineageLink, type YearFigure } from "./engine";
import type { Centi } from "./points";
import { indexHundredths } from "./scoring";

/*
 * Analytics over published results for the unit profile and the province overview. Pure: the inputs
 * are the stored figures (points in hundredths, `Centi`; indices in hundredths of a percent), nothing
 * is rescored. Means of indices are exact (engine.meanIndexHundredths), rounded once for display.
 */

/** A criterion node's stored figures (ResultSnapshot.nodes). */
export type NodeFigures = Readonly<Record<string, { achieved: Centi; max: Centi }>>;

/** The leaves among `codes`: codes that are no other code's ancestor ("2.1" is not a leaf when "2.1.1" exists). */
export function leafCodes(codes: Iterable<string>): string[] {
  const all = [...codes];
  const parents = new Set<string>();
  for (const c of all) {
    const parts = c.split(".");
    for (let i = 1; i < parts.length; i++) parents.add(parts.slice(0, i).join("."));
  }
  return all.filter((c) => !parents.has(c)).sort(compareCodes);
}

// ---- Trend over the years ---------------------------------------------------------------------

export type TrendPoint = {
  year: number;
  achieved: Centi;
  max: Centi;
  indexHundredths: number;
  /** own: the unit's own result; lineage: its predecessors' combined (Σ achieved ÷ Σ max), before it existed. */
  basis: "own" | "lineage";
  /** Codes whose figures make the point (the unit's own code, or its predecessors). */
  codes: string[];
  /** Rank in the group; null for a combined figure. */
  rank: number | null;
};

/**
 * A unit's index over the years, following lineage: in a year where the unit has a result, its own;
 * in a year before it existed, the combined figure of its predecessors (as year-over-year compares a
 * merged unit, engine.yearOverYear); years with neither are left out. Ascending by year.
 */
export function unitTrend(code: string, years: readonly { year: number; figures: readonly YearFigure[] }[],
  lineage: readonly LineageLink[]): TrendPoint[] {
  const latest = Math.max(...years.map((y) => y.year));
  const out: TrendPoint[] = [];
  for (const { year, figures } of [...years].sort((a, b) => a.year - b.year)) {
    const own = figures.find((f) => f.code === code);
    if (own) {
      out.push({ year, achieved: own.achieved, max: own.max, indexHundredths: indexHundredths(own) ?? 0, basis: "own", codes: [code], rank: own.rank });
      continue;
    }
    // The unit as if it existed now, compared with that year: its predecessors there, combined.
    const probe: YearFigure = { code, achieved: 0 as Centi, max: 1 as Centi, rank: null };
    const [row] = yearOverYear([probe], figures.filter((f) => f.code !== code), lineage, latest);
    if (!row?.previous) continue;
    out.push({ year, achieved: row.previous.achieved, max: row.previous.max, indexHundredths: row.previous.indexHundredths,
      basis: "lineage", codes: row.previousCodes, rank: row.previous.rank });
  }
  return out;
}

// ---- Lost points ------------------------------------------------------------------------------

export type LostPoints = { code: string; max: Centi; achieved: Centi; lost: Centi };

/**
 * Points lost per leaf (max − achieved), largest first, then in framework order; leaves without a
 * loss are left out. `leaves`: the framework's leaf codes (default: the leaves among the node codes).
 */
export function lostPoints(nodes: NodeFigures, leaves: readonly string[] = leafCodes(Object.keys(nodes))): LostPoints[] {
  const out: LostPoints[] = [];
  for (const code of leaves) {
    const n = nodes[code];
    if (!n || n.max - n.achieved <= 0) continue;
    out.push({ code, max: n.max, achieved: n.achieved, lost: (n.max - n.achieved) as Centi });
  }
  return out.sort((a, b) => b.lost - a.lost || compareCodes(a.code, b.code));
}

export type CostlyCriterion = {
  code: string;
  /** Σ over units of max − achieved. */
  lost: Centi;
  /** Σ over units of the leaf maximum. */
  max: Centi;
  /** Units that lost points on it. */
  units: number;
};

/** The leaves that cost a set of units (a group) the most points, summed over the units; largest first. */
export function costlyCriteria(units: readonly NodeFigures[], leaves?: readonly string[]): CostlyCriterion[] {
  const totals = new Map<string, CostlyCriterion>();
  for (const nodes of units) {
    const codes = leaves ?? leafCodes(Object.keys(nodes));
    for (const code of codes) {
      const n = nodes[code];
      if (!n) continue;
      const t = totals.get(code) ?? { code, lost: 0 as Centi, max: 0 as Centi, units: 0 };
      const lost = n.max - n.achieved;
      totals.set(code, { code, lost: (t.lost + Math.max(0, lost)) as Centi, max: (t.max + n.max) as Centi, units: t.units + (lost > 0 ? 1 : 0) });
    }
  }
  return [...totals.values()].filter((t) => t.lost > 0).sort((a, b) => b.lost - a.lost || compareCodes(a.code, b.code));
}

// ---- Areas against the average ----------------------------------------------------------------

/**
 * The mean component index of each area over the units (each unit counts once), exact and rounded
 * once; null for an area no unit has.
 */
export function areaAverages(units: readonly NodeFigures[], areas: readonly string[]): Record<string, number | null> {
  return Object.fromEntries(areas.map((a) => {
    const fractions = units.map((u) => u[a]).filter((f): f is { achieved: Centi; max: Centi } => f !== undefined && f.max > 0);
    return [a, meanIndexHundredths(fractions)];
  }));
}

export type AreaComparison = { code: string; unit: number | null; average: number | null; gap: number | null };

/** A unit's component index per area against the average, gap = unit − average (displayed values). */
export function compareAreas(unit: NodeFigures, averages: Readonly<Record<string, number | null>>, areas: readonly string[]): AreaComparison[] {
  return areas.map((code) => {
    const f = unit[code];
    const own = f ? indexHundredths(f) : null;
    const average = averages[code] ?? null;
    return { code, unit: own, average, gap: own === null || average === null ? null : own - average };
  });
}

// ---- Distribution -----------------------------------------------------------------------------

/** A histogram bin [from, to) in hundredths of a percent; from null = below the first edge; the last bin includes 100. */
export type Bin = { from: number | null; to: number; count: number };

/**
 * Indices (hundredths) per bin of `width` points from `floor` up to 100: <70, 70–75, …, 95–100 by
 * default. An index on an edge goes to the upper bin (75.00 is in 75–80); 100.00 is in the last.
 */
export function indexDistribution(indices: readonly number[], { floor = 7000, width = 500 } = {}): Bin[] {
  const bins: Bin[] = [{ from: null, to: floor, count: 0 }];
  for (let from = floor; from < 10_000; from += width) bins.push({ from, to: Math.min(10_000, from + width), count: 0 });
  for (const x of indices) {
    const i = x < floor ? 0 : Math.min(bins.length - 1, 1 + Math.floor((x - floor) / width));
    bins[i]!.count++;
  }
  return bins;
}

/** Units per classification band, in the order of `bands` (highest first), then "" for units without a band. */
export function bandCounts(bands: readonly string[], units: readonly { band: string | null }[]): { band: string; count: number }[] {
  const counts = new Map<string, number>(bands.map((b) => [b, 0]));
  for (const u of units) counts.set(u.band ?? "", (counts.get(u.band ?? "") ?? 0) + 1);
  return [...counts].map(([band, count]) => ({ band, count }));
}

// ---- Lead department ---------------------------------------------------------------------------

/**
 * The departments assigned to appraise `code` or, failing that, its nearest assigned ancestor
 * ("2.1.3" → "2.1" → "2"), taken as the lead department of that criterion. Empty when none is assigned.
 */
export function leadDepartments(code: string, assignments: readonly { criterionCode: string; unit: string }[]): string[] {
  const parts = code.split(".");
  for (let n = parts.length; n > 0; n--) {
    const prefix = parts.slice(0, n).join(".");
    const units = [...new Set(assignments.filter((a) => a.criterionCode === prefix).map((a) => a.unit))].sort();
    if (units.length > 0) return units;
  }
  return [];
}

// ---- Evidence completeness ---------------------------------------------------------------------

export type EvidenceLeaf = { evidenceCount: number; explanation: string | null };

/**
 * Share of self-scored leaves backed by at least one evidence file or a written explanation:
 * { covered, total }; the page shows covered ÷ total.
 */
export function evidenceCompleteness(leaves: readonly EvidenceLeaf[]): { covered: number; total: number } {
  const covered = leaves.filter((l) => l.evidenceCount > 0 || (l.explanation ?? "").trim() !== "").length;
  return { covered, total: leaves.length };
}
