import "server-only";
import {
  checkNationalRows,
  cleanProvince,
  cleanSource,
  completeRanks,
  provinceKey,
  provinceList,
  provinceSeries,
  provincesInYear,
  summariseYears,
  yearAverage,
  type NationalPoint,
  type NationalRow,
  type NationalYearInfo,
  type ProvinceEntry,
} from "@/lib/io/national";
import type { RowError } from "@/lib/io/import-cells";
import type { NationalImportInput } from "@/lib/schemas/national";
import { db, type Tx } from "@/lib/server/db/client";
import { recordAudit } from "./audit";
import { UserError } from "./errors";

/*
 * The national PAR INDEX results (Bộ Nội vụ): the years imported, each province's series, and the
 * import itself (the years in the file replaced in one transaction, with one audit row).
 */

/** Rows sent for saving that fail the checks again (nothing was written). */
export class NationalRejectedError extends UserError {
  constructor(readonly issues: RowError[]) {
    super("national.errors.rejected", { count: issues.length });
    this.name = "NationalRejectedError";
  }
}

export type NationalYearListItem = NationalYearInfo & { results: number; importedAt: Date };

/** Every imported year, newest first, with its number of results. */
export async function nationalYears(): Promise<NationalYearListItem[]> {
  const prisma = await db();
  const years = await prisma.nationalYear.findMany({ orderBy: { year: "desc" }, include: { _count: { select: { results: true } } } });
  return years.map((y) => ({ year: y.year, provinces: y.provinces, averageHundredths: y.averageHundredths, partial: y.partial,
    source: y.source, importedAt: y.importedAt, results: y._count.results }));
}

/** Provinces with at least one result, by name. */
export async function nationalProvinces(): Promise<ProvinceEntry[]> {
  const prisma = await db();
  return provinceList(await prisma.nationalResult.findMany({ select: { province: true, year: true } }));
}

/** A province's results over the years, oldest first, each with its year's context (spellings of the name matched by key). */
export async function nationalSeries(province: string): Promise<NationalPoint[]> {
  const prisma = await db();
  const key = provinceKey(province);
  const all = await prisma.nationalResult.findMany({ select: { province: true, year: true } });
  const years = [...new Set(all.filter((r) => provinceKey(r.province) === key).map((r) => r.year))];
  if (years.length === 0) return [];
  const [infos, rows] = await Promise.all([
    prisma.nationalYear.findMany({ where: { year: { in: years } } }),
    prisma.nationalResult.findMany({ where: { year: { in: years } } }),
  ]);
  return provinceSeries(province, infos.map(({ year, provinces, averageHundredths, partial, source }) => ({ year, provinces, averageHundredths, partial, source })),
    rows.map(toRow));
}

/** What an import would replace: the results stored now for each year of the file. */
export async function nationalStoredCounts(years: readonly number[]): Promise<Map<number, number>> {
  const prisma = await db();
  const stored = await prisma.nationalYear.findMany({ where: { year: { in: [...years] } }, include: { _count: { select: { results: true } } } });
  return new Map(stored.map((y) => [y.year, y._count.results]));
}

/**
 * The import, confirmed: checked again, then the years of the file replaced (their old results
 * deleted) in one transaction with one audit row. Ranks missing from a complete year are filled in.
 */
export async function importNational(input: NationalImportInput, actorId: string | null, now = new Date()): Promise<{ years: number[]; results: number }> {
  const rows: NationalRow[] = input.rows.map((r) => ({ ...r, province: cleanProvince(r.province), region: r.region === null ? null : cleanProvince(r.region) }));
  const issues = checkNationalRows(rows, { maxYear: now.getFullYear() });
  const inFile = summariseYears(rows).map((y) => y.year);
  const declared = [...new Set(input.years)].sort((a, b) => a - b);
  if (declared.join(",") !== inFile.join(",")) issues.unshift({ sheet: "", row: 0, key: "national.errors.yearsMismatch", values: { years: inFile.join(", ") } });
  if (issues.length > 0) throw new NationalRejectedError(issues);

  const source = cleanSource(input.source);
  const completed = completeRanks(rows);
  const years: NationalYearInfo[] = summariseYears(completed).map((y) => ({
    year: y.year, provinces: provincesInYear(y.year), partial: input.partial || !y.complete, source,
    averageHundredths: yearAverage(completed, y.year),
  }));
  const prisma = await db();
  return prisma.$transaction((tx) => writeNationalYears(tx, years, completed, actorId));
}

/** Replaces the given years with these rows (already checked) and records the change. Used by the import and the demo seed. */
export async function writeNationalYears(tx: Tx, years: readonly NationalYearInfo[], rows: readonly NationalRow[], actorId: string | null): Promise<{ years: number[]; results: number }> {
  const list = years.map((y) => y.year);
  const before = await tx.nationalYear.findMany({ where: { year: { in: list } }, include: { _count: { select: { results: true } } } });
  await tx.nationalYear.deleteMany({ where: { year: { in: list } } });
  await tx.nationalYear.createMany({ data: years.map((y) => ({ year: y.year, provinces: y.provinces, averageHundredths: y.averageHundredths,
    partial: y.partial, source: y.source })) });
  await tx.nationalResult.createMany({ data: rows.map((r) => ({ year: r.year, province: r.province, region: r.region, indexHundredths: r.indexHundredths,
    rank: r.rank, regionRank: r.regionRank, sipasHundredths: r.sipasHundredths, sipasRank: r.sipasRank })) });
  await recordAudit(tx, { actorId, action: "national.import", entityType: "NationalYear", entityId: list.join(","),
    before: before.map((y) => ({ year: y.year, results: y._count.results, partial: y.partial })),
    after: years.map((y) => ({ year: y.year, results: rows.filter((r) => r.year === y.year).length, partial: y.partial, source: y.source })) });
  return { years: list, results: rows.length };
}

function toRow(r: { year: number; province: string; region: string | null; indexHundredths: number; rank: number | null; regionRank: number | null;
  sipasHundredths: number | null; sipasRank: number | null }): NationalRow {
  return { year: r.year, province: r.province, region: r.region, indexHundredths: r.indexHundredths, rank: r.rank, regionRank: r.regionRank,
    sipasHundredths: r.sipasHundredths, sipasRank: r.sipasRank };
}

/** The province the national view opens on when set (`PAR_HOME_PROVINCE`, e.g. "An Giang"). */
export function homeProvince(): string | null {
  return process.env.PAR_HOME_PROVINCE?.trim() || null;
}
