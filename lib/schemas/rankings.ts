import { z } from "zod";
import { naturalDirection, SORT_DIRECTIONS, SORT_KEY_PATTERN, type RankingSort, type SortKey } from "@/lib/domain/rankings";

/** The first value of a query parameter given once or repeated. */
const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const code = z.string().trim().toUpperCase().regex(/^[A-Z][A-Z0-9_-]{0,19}$/);

/**
 * The rankings pages' address (`?year=2025&group=XA&region=MIENNUI&sort=index&dir=asc`). Anything not
 * understood falls back to the default (newest year, first group, all regions, published order): an
 * odd address shows the rankings, never an error page. Whether the year is published and the group or
 * region exists is for the page to check against the data.
 */
export const rankingQuerySchema = z.object({
  year: z.preprocess(first, z.coerce.number().int().min(1000).max(9999).optional()).catch(undefined),
  group: z.preprocess(first, code.optional()).catch(undefined),
  region: z.preprocess(first, code.optional()).catch(undefined),
  sort: z.preprocess(first, z.string().regex(SORT_KEY_PATTERN).optional()).catch(undefined),
  dir: z.preprocess(first, z.enum(SORT_DIRECTIONS).optional()).catch(undefined),
});

export type RankingQueryInput = z.infer<typeof rankingQuerySchema>;
export type ParsedRankingQuery = { year?: number; group?: string; region?: string; sort: RankingSort };

/** Parses a page's search parameters; never throws. "ALL" (or empty) as region means every region. */
export function parseRankingQuery(params: Record<string, string | string[] | undefined>): ParsedRankingQuery {
  const q = rankingQuerySchema.parse(params);
  const key = (q.sort ?? "rank") as SortKey;
  return {
    year: q.year,
    group: q.group,
    region: q.region === "ALL" ? undefined : q.region,
    sort: { key, dir: q.dir ?? naturalDirection(key) },
  };
}
