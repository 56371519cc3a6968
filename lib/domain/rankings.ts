import { meanIndexHundredths, type YearOverYear } from "./engine";
import type { Centi } from "./points";

/**
 * The rankings table of a published cycle: filtering by unit group and region, sorting by any column,
 * the summary figures above it and the heat-map scale of the per-area component indices. Pure: the
 * data layer reads the stored snapshots, the pages render what these functions return.
 */

/** What a ranking row needs here (a structural subset of the data layer's RankingRow). */
export type RankedUnit = {
  code: string;
  nameVi: string;
  nameEn: string;
  group: string | null;
  region: string | null;
  achieved: number;
  max: number;
  indexHundredths: number;
  band: string | null;
  /** Rank within the unit group. */
  rank: number;
  /** Component index of each area in hundredths, null when the area has no points. */
  areas: Record<string, number | null>;
  change: YearOverYear | null;
};

export const SORT_DIRECTIONS = ["asc", "desc"] as const;
export type SortDirection = (typeof SORT_DIRECTIONS)[number];

export const BASE_SORT_KEYS = ["rank", "name", "points", "index", "change", "band"] as const;
/** A column: one of the fixed ones, or `area-<code>` for an area's component index. */
export type SortKey = (typeof BASE_SORT_KEYS)[number] | `area-${string}`;
export const SORT_KEY_PATTERN = /^(rank|name|points|index|change|band|area-[1-9]\d*)$/;

export type RankingSort = { key: SortKey; dir: SortDirection };

export function areaSortKey(areaCode: string): SortKey {
  return `area-${areaCode}`;
}

/** The direction a column sorts in when first chosen: best first (rank 1, highest index, A before C), names A→Z. */
export function naturalDirection(key: SortKey): SortDirection {
  return key === "rank" || key === "name" || key === "band" ? "asc" : "desc";
}

/** The sort a column header's link asks for: the active column flips, another starts in its natural direction. */
export function nextSort(current: RankingSort, key: SortKey): RankingSort {
  if (current.key === key) return { key, dir: current.dir === "asc" ? "desc" : "asc" };
  return { key, dir: naturalDirection(key) };
}

export type RankingFilter = { group?: string | null; region?: string | null };

/** Rows of one unit group (all groups when none given), optionally of one region. */
export function filterRows<R extends RankedUnit>(rows: readonly R[], filter: RankingFilter): R[] {
  return rows.filter((r) => (!filter.group || r.group === filter.group) && (!filter.region || r.region === filter.region));
}

/** Regions present among a group's units, in the given preferred order, then any other alphabetically. */
export function regionsOf(rows: readonly RankedUnit[], group: string | null, order: readonly string[] = []): string[] {
  const present = new Set(rows.filter((r) => r.group === group && r.region).map((r) => r.region as string));
  const known = order.filter((r) => present.has(r));
  return [...known, ...[...present].filter((r) => !order.includes(r)).sort()];
}

/** The sortable value of a row in a column; null sorts last whatever the direction. */
function valueOf(row: RankedUnit, key: SortKey): number | string | null {
  switch (key) {
    case "rank": return row.rank;
    case "name": return row.nameVi;
    case "points": return row.achieved;
    case "index": return row.indexHundredths;
    case "change": return row.change?.indexDeltaHundredths ?? null;
    // Bands follow the index (their codes and order belong to the criterion set, not the alphabet).
    case "band": return row.band === null ? null : row.indexHundredths;
    default: return row.areas[key.slice("area-".length)] ?? null;
  }
}

/**
 * Rows sorted by a column (a new array). Units without a value (no previous year, an area without
 * points) come last in both directions; ties keep the published order (rank, then code). Names compare
 * in the given locale's collation (Vietnamese by default), in the same language as displayed.
 */
export function sortRows<R extends RankedUnit>(rows: readonly R[], sort: RankingSort, locale = "vi"): R[] {
  const collator = new Intl.Collator(locale, { sensitivity: "base", numeric: true });
  const sign = sort.dir === "asc" ? 1 : -1;
  const name = (r: RankedUnit) => (locale === "en" ? r.nameEn : r.nameVi);
  const published = (a: RankedUnit, b: RankedUnit) => a.rank - b.rank || a.code.localeCompare(b.code);
  return [...rows].sort((a, b) => {
    const [x, y] = sort.key === "name" ? [name(a), name(b)] : [valueOf(a, sort.key), valueOf(b, sort.key)];
    if (x === null || y === null) return x === y ? published(a, b) : x === null ? 1 : -1;
    const primary = typeof x === "string" || typeof y === "string" ? collator.compare(String(x), String(y)) : x - y;
    return sign * primary || published(a, b);
  });
}

export type RankingSummary = {
  units: number;
  /** Exact mean of the units' indices in hundredths, rounded half up once; null without units. */
  averageHundredths: number | null;
  highest: RankedUnit | null;
  lowest: RankedUnit | null;
  /** Against the previous year (displayed indices): up, down, equal; units without a comparison are in none. */
  improved: number;
  declined: number;
  unchanged: number;
  notCompared: number;
};

/** The figures above the table, for the rows shown. Highest and lowest: by index, ties by rank then code. */
export function rankingSummary(rows: readonly RankedUnit[]): RankingSummary {
  const byIndex = sortRows(rows, { key: "index", dir: "desc" });
  const deltas = rows.map((r) => r.change?.indexDeltaHundredths ?? null);
  return {
    units: rows.length,
    // The exact mean of the units' fractions, as the overview, the PDF summary and the API give it.
    averageHundredths: meanIndexHundredths(rows.filter((r) => r.max > 0).map((r) => ({ achieved: r.achieved as Centi, max: r.max as Centi }))),
    highest: byIndex[0] ?? null,
    lowest: byIndex.at(-1) ?? null,
    improved: deltas.filter((d) => d !== null && d > 0).length,
    declined: deltas.filter((d) => d !== null && d < 0).length,
    unchanged: deltas.filter((d) => d === 0).length,
    notCompared: deltas.filter((d) => d === null).length,
  };
}

/**
 * Heat-map of component indices: six steps of a sequential blue scale (ColorBrewer "Blues", readable with
 * every common colour-vision deficiency), light = low, dark = high. Each step names the text colour that
 * keeps a contrast of at least 4.5:1 on its background (checked in the unit tests).
 */
export const HEAT_SCALE = [
  { min: 0, background: "#eff3ff", text: "#0f172a" },
  { min: 5000, background: "#c6dbef", text: "#0f172a" },
  { min: 6000, background: "#9ecae1", text: "#0f172a" },
  { min: 7000, background: "#6baed6", text: "#0f172a" },
  { min: 8000, background: "#3a87c4", text: "#0f172a" },
  { min: 9000, background: "#08519c", text: "#ffffff" },
] as const;

export type HeatStep = (typeof HEAT_SCALE)[number];

/** The step of an index in hundredths (below 50 %, 50–60 %, …, 90 % and above); null without an index. */
export function heatBucket(indexHundredths: number | null): number | null {
  if (indexHundredths === null || !Number.isFinite(indexHundredths)) return null;
  let bucket = 0;
  HEAT_SCALE.forEach((s, i) => { if (indexHundredths >= s.min) bucket = i; });
  return bucket;
}

/** The upper bound (exclusive) of a step in hundredths; null for the top step. */
export function heatStepEnd(bucket: number): number | null {
  return HEAT_SCALE[bucket + 1]?.min ?? null;
}

export type RankingQuery = {
  year?: number;
  group?: string;
  region?: string;
  sort?: SortKey;
  dir?: SortDirection;
};

/** The query string of a rankings address, leaving out what is not set and a sort that is the default. */
export function rankingQuery(q: RankingQuery): string {
  const params = new URLSearchParams();
  if (q.year !== undefined) params.set("year", String(q.year));
  if (q.group) params.set("group", q.group);
  if (q.region) params.set("region", q.region);
  if (q.sort && !(q.sort === "rank" && (q.dir ?? "asc") === "asc")) {
    params.set("sort", q.sort);
    if (q.dir && q.dir !== naturalDirection(q.sort)) params.set("dir", q.dir);
  }
  return params.toString();
}

/** Codes a unit was compared with, when that is not simply its own previous figure; null otherwise. */
export function comparedWith(change: YearOverYear | null): string[] | null {
  if (!change || (change.basis !== "lineage" && change.basis !== "merged")) return null;
  return change.previousCodes;
}
