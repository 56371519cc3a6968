import Papa from "papaparse";
import {
  IMPORT_LIMITS,
  columnLetter,
  decodeCsvInput,
  fileError,
  isBlank,
  findHeader,
  normaliseLabel,
  parseDecimalText,
  scalarText,
  sortErrors,
  splitCsvRows,
  tooManyRowsError,
  type RowError,
} from "./import-cells";

/**
 * The national PAR INDEX (Bộ Nội vụ ranks every province each year): reading the results from CSV as
 * Vietnamese Excel writes it, checking them, completing the ranks of a complete year, and a
 * province's series for display. Pure: no I/O; the parser never throws and answers rows or issues.
 */

/** The first year of the national PAR INDEX. */
export const NATIONAL_FIRST_YEAR = 2012;
export const CSV_SHEET = "CSV";
const MAX_TEXT = 120;
const MAX_SOURCE = 1000;

/** Provinces ranked in a year: 63 until 2024; 34 after the 2025 mergers. */
export function provincesInYear(year: number): number {
  return year >= 2025 ? 34 : 63;
}

export type NationalRow = {
  year: number;
  province: string;
  region: string | null;
  /** 0–10000 (hundredths of a point). */
  indexHundredths: number;
  rank: number | null;
  regionRank: number | null;
  sipasHundredths: number | null;
  sipasRank: number | null;
};

/** One year in the file: how many rows, whether every province is there. */
export type NationalYearSummary = { year: number; rows: number; provinces: number; complete: boolean };

export type NationalParse =
  | { ok: true; rows: NationalRow[]; years: NationalYearSummary[]; dataRows: number }
  | { ok: false; issues: RowError[]; dataRows: number };

export type ParseOptions = { /** The latest year accepted (the caller passes the current year). */ maxYear?: number };

type Field = "province" | "year" | "index" | "rank" | "sipas" | "region" | "regionRank" | "sipasRank";

/** Column names in the template and in messages. */
export const NATIONAL_HEADERS: Record<Field, string> = {
  province: "Tỉnh/Province",
  year: "Năm/Year",
  index: "Chỉ số/Index",
  rank: "Xếp hạng/Rank",
  sipas: "SIPAS",
  region: "Vùng/Region",
  regionRank: "Xếp hạng vùng/Region rank",
  sipasRank: "Xếp hạng SIPAS/SIPAS rank",
};

/** Header texts, normalised (lower case, no diacritics): Vietnamese and English. */
const ALIASES: Record<Field, readonly string[]> = {
  province: ["tinh", "province", "tinh thanh pho", "tinh thanh", "tinh tp", "ten tinh", "ten tinh thanh pho", "dia phuong", "province city"],
  year: ["nam", "year", "nam danh gia", "ky danh gia"],
  index: ["chi so", "index", "chi so cchc", "par index", "chi so par index", "diem", "diem so", "score", "diem chi so", "ket qua"],
  rank: ["xep hang", "rank", "hang", "thu hang", "xep hang toan quoc", "national rank", "thu hang toan quoc"],
  sipas: ["sipas", "chi so sipas", "chi so hai long", "sipas index", "muc do hai long"],
  region: ["vung", "region", "vung kinh te", "vung kinh te xa hoi", "khu vuc"],
  regionRank: ["xep hang vung", "region rank", "xep hang trong vung", "hang trong vung", "regional rank", "thu hang trong vung", "xep hang khu vuc"],
  sipasRank: ["xep hang sipas", "sipas rank", "hang sipas", "thu hang sipas"],
};

const REQUIRED: readonly Field[] = ["province", "year", "index"];

// ---- Province names ---------------------------------------------------------------------------------

/** A province name as stored: NFC, single spaces, trimmed. */
export function cleanProvince(name: string): string {
  return name.normalize("NFC").replace(/\s+/g, " ").trim();
}

/** The key two spellings of one province share: "Tỉnh An Giang", "AN GIANG" → "an giang". */
export function provinceKey(name: string): string {
  return normaliseLabel(name).replace(/^(tinh|thanh pho|tp)\s+/, "");
}

// ---- Reading the CSV --------------------------------------------------------------------------------

/** Parses and checks a CSV of national results (bytes or text). Never throws. */
export function parseNationalCsv(input: string | Uint8Array, options: ParseOptions = {}): NationalParse {
  try {
    const text = decodeCsvInput(input);
    if (typeof text !== "string") return { ok: false, issues: [text], dataRows: 0 };
    return readTable(splitCsvRows(text), options);
  } catch {
    return { ok: false, issues: [fileError("import.file.unreadable")], dataRows: 0 };
  }
}

function readTable({ rows, issues: csvIssues }: ReturnType<typeof splitCsvRows>, options: ParseOptions): NationalParse {
  if (csvIssues.length > 0) return { ok: false, issues: csvIssues, dataRows: Math.max(0, rows.length - 1) };
  if (rows.length === 0) return { ok: false, issues: [fileError("import.file.empty")], dataRows: 0 };
  if (rows.length - 1 > IMPORT_LIMITS.maxRows) return { ok: false, issues: [tooManyRowsError(CSV_SHEET)], dataRows: rows.length - 1 };

  // The header names a province and an index (a title line may come first).
  const { index: headerIndex, header, columns, missing } = findHeader(rows, ALIASES, ["province", "index"], REQUIRED);
  if (missing.length > 0) {
    return { ok: false, dataRows: 0, issues: missing.map((f) => ({ sheet: CSV_SHEET, row: header.row, key: "import.sheet.missingColumn", values: { column: NATIONAL_HEADERS[f] } })) };
  }

  const maxYear = options.maxYear ?? 2100;
  const issues: RowError[] = [];
  const candidates: (NationalRow & { line: number })[] = [];
  const data = rows.slice(headerIndex + 1).filter(({ cells }) => [...columns.values()].some((i) => !isBlank(cells[i] ?? null)));
  if (data.length === 0) return { ok: false, issues: [fileError("import.file.empty")], dataRows: 0 };

  for (const { row, cells } of data) {
    const before = issues.length;
    const cell = (f: Field): string => (columns.has(f) ? scalarText(cells[columns.get(f)!] ?? null).trim() : "");
    const columnName = (f: Field) => scalarText(header.cells[columns.get(f)!] ?? null).trim() || NATIONAL_HEADERS[f];
    const fail = (f: Field, key: string, values: Record<string, string | number> = {}) =>
      issues.push({ sheet: CSV_SHEET, row, column: columnLetter(columns.get(f)! + 1), key, values: { column: columnName(f), ...values } });

    const province = cleanProvince(cell("province"));
    if (province === "") fail("province", "import.cell.required");
    else if (province.length > MAX_TEXT) fail("province", "national.issues.tooLong", { max: MAX_TEXT });

    const yearText = cell("year");
    let year: number | null = null;
    if (yearText === "") fail("year", "import.cell.required");
    else if (!/^\d{4}$/.test(yearText)) fail("year", "national.issues.year", { value: yearText, min: NATIONAL_FIRST_YEAR, max: maxYear });
    else if (Number(yearText) < NATIONAL_FIRST_YEAR || Number(yearText) > maxYear) {
      fail("year", "national.issues.year", { value: yearText, min: NATIONAL_FIRST_YEAR, max: maxYear });
    } else year = Number(yearText);
    const provinces = year === null ? null : provincesInYear(year);

    const readScore = (f: "index" | "sipas", required: boolean): number | null => {
      const text = cell(f);
      if (text === "") {
        if (required) fail(f, "import.cell.required");
        return null;
      }
      const r = hundredths(text);
      if (typeof r === "string") {
        fail(f, r, { value: text });
        return null;
      }
      return r;
    };
    const readRank = (f: "rank" | "regionRank" | "sipasRank"): number | null => {
      const text = cell(f);
      if (text === "") return null;
      const n = /^\d{1,6}$/.test(text) ? Number(text) : null;
      if (n === null) {
        fail(f, "import.cell.integer", { value: text });
        return null;
      }
      if (n < 1 || (provinces !== null && n > provinces)) {
        fail(f, "national.issues.rankRange", { value: text, max: provinces ?? 63 });
        return null;
      }
      return n;
    };

    const indexHundredths = readScore("index", true);
    const sipasHundredths = readScore("sipas", false);
    const rank = readRank("rank");
    const regionRank = readRank("regionRank");
    const sipasRank = readRank("sipasRank");
    const regionText = cleanProvince(cell("region"));
    const region = regionText === "" ? null : regionText;
    if (region !== null && region.length > MAX_TEXT) fail("region", "national.issues.tooLong", { max: MAX_TEXT });
    if (regionRank !== null && region === null) fail("regionRank", "national.issues.regionRankWithoutRegion");
    if (sipasRank !== null && sipasHundredths === null && cell("sipas") === "") fail("sipasRank", "national.issues.sipasRankWithoutSipas");

    if (issues.length > before || year === null || indexHundredths === null) continue;
    candidates.push({ line: row, year, province, region, indexHundredths, rank, regionRank, sipasHundredths, sipasRank });
  }

  const at = (line: number, f: Field) => ({ sheet: CSV_SHEET, row: line, column: columnLetter(columns.get(f)! + 1) });
  for (const c of rowIssues(candidates)) {
    const field: Field = c.field;
    issues.push({ ...at(c.line, columns.has(field) ? field : "province"), key: c.key, values: c.values });
  }
  const rowsOut = candidates.map(({ line: _line, ...r }) => r);
  if (issues.length > 0) return { ok: false, issues: sortErrors(issues, [CSV_SHEET, ""]), dataRows: data.length };
  return { ok: true, rows: rowsOut, years: summariseYears(rowsOut), dataRows: data.length };
}

/** "72,89", "72.89", "72,89 %" → 7289; a message key when it is not a number 0–100 with at most 2 decimals. */
export function hundredths(text: string): number | string {
  const n = parseDecimalText(text.trim().replace(/\s*%$/, ""));
  if (n === null) return "import.cell.number";
  if (n < 0 || n > 100) return "national.issues.scoreRange";
  const scaled = n * 100;
  if (Math.abs(scaled - Math.round(scaled)) > 1e-6) return "national.issues.scoreDecimals";
  return Math.round(scaled);
}

// ---- Checks across rows (shared by the parser and the server's re-check on confirm) ----------------

type CrossIssue = { line: number; field: Field; key: string; values: Record<string, string | number> };

/**
 * Problems between rows: a province twice in a year, more rows than provinces in a year, and ranks
 * that contradict the indices (a higher index ranked below a lower one; ties may share a rank).
 */
function rowIssues(rows: readonly (NationalRow & { line: number })[]): CrossIssue[] {
  const out: CrossIssue[] = [];
  const seen = new Map<string, number>();
  const byYear = new Map<number, (NationalRow & { line: number })[]>();
  for (const r of rows) {
    const key = `${r.year}\u0000${provinceKey(r.province)}`;
    const first = seen.get(key);
    if (first !== undefined) {
      out.push({ line: r.line, field: "province", key: "national.issues.duplicate", values: { province: r.province, year: r.year, firstRow: first } });
      continue;
    }
    seen.set(key, r.line);
    byYear.set(r.year, [...(byYear.get(r.year) ?? []), r]);
  }
  for (const [year, list] of byYear) {
    const max = provincesInYear(year);
    if (list.length > max) {
      out.push({ line: list[max]!.line, field: "year", key: "national.issues.tooManyProvinces", values: { year, count: list.length, max } });
      continue;
    }
    const inversions = (field: Field, score: (r: NationalRow) => number | null, place: (r: NationalRow) => number | null, group: (r: NationalRow) => string) => {
      const ranked = list.filter((r) => score(r) !== null && place(r) !== null);
      for (const a of ranked) {
        const b = ranked.find((o) => o !== a && group(o) === group(a) && score(o)! < score(a)! && place(o)! < place(a)!);
        if (b) out.push({ line: a.line, field, key: "national.issues.rankOrder", values: { rank: place(a)!, other: b.province, otherRank: place(b)! } });
      }
    };
    inversions("rank", (r) => r.indexHundredths, (r) => r.rank, () => "");
    inversions("sipasRank", (r) => r.sipasHundredths, (r) => r.sipasRank, () => "");
    inversions("regionRank", (r) => r.indexHundredths, (r) => r.regionRank, (r) => (r.region === null ? "" : provinceKey(r.region)));
  }
  return out;
}

/** The years in a set of rows, each with its row count and whether every province is in. */
export function summariseYears(rows: readonly NationalRow[]): NationalYearSummary[] {
  const counts = new Map<number, number>();
  for (const r of rows) counts.set(r.year, (counts.get(r.year) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a - b).map(([year, n]) => ({ year, rows: n, provinces: provincesInYear(year), complete: n === provincesInYear(year) }));
}

/** The server's re-check of rows sent for saving: the same rules as the file, answered by row number (1-based). */
export function checkNationalRows(rows: readonly NationalRow[], options: ParseOptions = {}): RowError[] {
  const maxYear = options.maxYear ?? 2100;
  const issues: RowError[] = [];
  const push = (line: number, key: string, values: Record<string, string | number> = {}) => issues.push({ sheet: "", row: line, key, values });
  rows.forEach((r, i) => {
    const line = i + 1;
    const provinces = provincesInYear(r.year);
    if (cleanProvince(r.province) === "" || r.province.length > MAX_TEXT) push(line, "national.issues.province");
    if (!Number.isInteger(r.year) || r.year < NATIONAL_FIRST_YEAR || r.year > maxYear) {
      push(line, "national.issues.year", { value: r.year, min: NATIONAL_FIRST_YEAR, max: maxYear, column: NATIONAL_HEADERS.year });
    }
    for (const [value, header] of [[r.indexHundredths, NATIONAL_HEADERS.index], [r.sipasHundredths, NATIONAL_HEADERS.sipas]] as const) {
      if (value !== null && (!Number.isInteger(value) || value < 0 || value > 10_000)) push(line, "national.issues.scoreRange", { value: value / 100, column: header });
    }
    for (const [value, header] of [[r.rank, NATIONAL_HEADERS.rank], [r.regionRank, NATIONAL_HEADERS.regionRank], [r.sipasRank, NATIONAL_HEADERS.sipasRank]] as const) {
      if (value !== null && (!Number.isInteger(value) || value < 1 || value > provinces)) push(line, "national.issues.rankRange", { value, max: provinces, column: header });
    }
    if (r.regionRank !== null && r.region === null) push(line, "national.issues.regionRankWithoutRegion", { column: NATIONAL_HEADERS.regionRank });
    if (r.sipasRank !== null && r.sipasHundredths === null) push(line, "national.issues.sipasRankWithoutSipas", { column: NATIONAL_HEADERS.sipasRank });
  });
  for (const c of rowIssues(rows.map((r, i) => ({ ...r, line: i + 1 })))) push(c.line, c.key, { ...c.values, column: NATIONAL_HEADERS[c.field] });
  return issues.sort((a, b) => a.row - b.row);
}

/** Source text of a year: trimmed, at most 1000 characters. */
export function cleanSource(text: string | null | undefined): string | null {
  const t = (text ?? "").replace(/\s+/g, " ").trim();
  return t === "" ? null : t.slice(0, MAX_SOURCE);
}

// ---- Ranks of a complete year -------------------------------------------------------------------------

/** Standard competition ranking ("1, 2, 2, 4") of scores, highest first; equal hundredths share a rank. */
function competitionRanks(scores: readonly number[]): number[] {
  const order = scores.map((s, i) => ({ s, i })).sort((a, b) => b.s - a.s);
  const out: number[] = new Array<number>(scores.length);
  order.forEach(({ s, i }, position) => {
    const prev = order[position - 1];
    out[i] = prev !== undefined && prev.s === s ? out[prev.i]! : position + 1;
  });
  return out;
}

/**
 * The rank of each row within its region, by index (standard competition ranking), for one year's
 * rows; null for rows without a region. Only meaningful when the year is complete.
 */
export function regionRanks(rows: readonly NationalRow[]): (number | null)[] {
  const out: (number | null)[] = rows.map(() => null);
  const groups = new Map<string, number[]>();
  rows.forEach((r, i) => {
    if (r.region === null) return;
    const key = provinceKey(r.region);
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  for (const members of groups.values()) {
    const ranks = competitionRanks(members.map((i) => rows[i]!.indexHundredths));
    members.forEach((rowIndex, k) => { out[rowIndex] = ranks[k]!; });
  }
  return out;
}

/**
 * Fills the ranks a file leaves empty, for complete years only (every province present): the national
 * rank by index, the SIPAS rank when every row has SIPAS, and the regional rank when every row has a region.
 * Ranks the file gives are kept. Rows of incomplete years are returned as they are.
 */
export function completeRanks(rows: readonly NationalRow[]): NationalRow[] {
  const out = rows.map((r) => ({ ...r }));
  const byYear = new Map<number, number[]>();
  out.forEach((r, i) => byYear.set(r.year, [...(byYear.get(r.year) ?? []), i]));
  for (const [year, indices] of byYear) {
    if (indices.length !== provincesInYear(year)) continue;
    const yearRows = indices.map((i) => out[i]!);
    if (yearRows.every((r) => r.rank === null)) {
      competitionRanks(yearRows.map((r) => r.indexHundredths)).forEach((rank, k) => { yearRows[k]!.rank = rank; });
    }
    if (yearRows.every((r) => r.sipasRank === null) && yearRows.every((r) => r.sipasHundredths !== null)) {
      competitionRanks(yearRows.map((r) => r.sipasHundredths!)).forEach((rank, k) => { yearRows[k]!.sipasRank = rank; });
    }
    if (yearRows.every((r) => r.regionRank === null) && yearRows.every((r) => r.region !== null)) {
      regionRanks(yearRows).forEach((rank, k) => { yearRows[k]!.regionRank = rank; });
    }
  }
  return out;
}

/** The national average of a complete year (mean of the indices, rounded half up to hundredths); null otherwise. */
export function yearAverage(rows: readonly NationalRow[], year: number): number | null {
  const list = rows.filter((r) => r.year === year);
  if (list.length === 0 || list.length !== provincesInYear(year)) return null;
  return Math.round(list.reduce((sum, r) => sum + r.indexHundredths, 0) / list.length);
}

// ---- A province's series ---------------------------------------------------------------------------------

export type NationalYearInfo = { year: number; provinces: number; averageHundredths: number | null; partial: boolean; source: string | null };

export type NationalPoint = {
  year: number;
  province: string;
  indexHundredths: number;
  rank: number | null;
  /** Provinces ranked that year. */
  of: number;
  region: string | null;
  regionRank: number | null;
  /** Provinces of the region that year, when the year is complete (else unknown: null). */
  regionSize: number | null;
  sipasHundredths: number | null;
  sipasRank: number | null;
  averageHundredths: number | null;
  partial: boolean;
  source: string | null;
};

/**
 * A province's results over the years, oldest first, each with its year's context. `rows` holds the
 * rows of those years (all provinces), for the size of the region in complete years.
 */
export function provinceSeries(province: string, years: readonly NationalYearInfo[], rows: readonly NationalRow[]): NationalPoint[] {
  const key = provinceKey(province);
  const info = new Map(years.map((y) => [y.year, y]));
  return rows
    .filter((r) => provinceKey(r.province) === key && info.has(r.year))
    .sort((a, b) => a.year - b.year)
    .map((r) => {
      const y = info.get(r.year)!;
      const regionKey = r.region === null ? null : provinceKey(r.region);
      const regionSize = regionKey === null || y.partial ? null
        : rows.filter((o) => o.year === r.year && o.region !== null && provinceKey(o.region) === regionKey).length;
      return { year: r.year, province: r.province, indexHundredths: r.indexHundredths, rank: r.rank, of: y.provinces, region: r.region,
        regionRank: r.regionRank, regionSize, sipasHundredths: r.sipasHundredths, sipasRank: r.sipasRank,
        averageHundredths: y.averageHundredths, partial: y.partial, source: y.source };
    });
}

export type ProvinceEntry = { province: string; key: string; years: number };

/** Provinces with data, one entry per key (spelled as in its latest year), by name (Vietnamese order). */
export function provinceList(rows: readonly Pick<NationalRow, "province" | "year">[]): ProvinceEntry[] {
  const byKey = new Map<string, { province: string; latest: number; years: Set<number> }>();
  for (const r of rows) {
    const key = provinceKey(r.province);
    const e = byKey.get(key) ?? { province: r.province, latest: r.year, years: new Set<number>() };
    if (r.year >= e.latest) [e.province, e.latest] = [r.province, r.year];
    e.years.add(r.year);
    byKey.set(key, e);
  }
  return [...byKey].map(([key, e]) => ({ province: e.province, key, years: e.years.size }))
    .sort((a, b) => a.province.localeCompare(b.province, "vi"));
}

/**
 * The province shown first: the home province when set (even without data yet), else the one with the
 * most years of data (ties: by name). Null when there is no data and no home province.
 */
export function defaultProvince(list: readonly ProvinceEntry[], home?: string | null): string | null {
  const h = cleanProvince(home ?? "");
  if (h !== "") return list.find((p) => p.key === provinceKey(h))?.province ?? h;
  const best = [...list].sort((a, b) => b.years - a.years || a.province.localeCompare(b.province, "vi"))[0];
  return best?.province ?? null;
}

// ---- Template ------------------------------------------------------------------------------------------------

const TEMPLATE_ORDER: readonly Field[] = ["province", "year", "index", "rank", "region", "regionRank", "sipas", "sipasRank"];

/** A CSV template for Excel with Vietnamese settings: UTF-8 BOM, ";" separator, decimal comma (published figures as examples). */
export function nationalTemplateCsv(): string {
  const rows = [
    ["An Giang", "2019", "83,32", "11", "Đồng bằng sông Cửu Long", "", "89,81", "8"],
    ["An Giang", "2022", "84,22", "42", "Đồng bằng sông Cửu Long", "", "", ""],
  ];
  return `\uFEFF${Papa.unparse([TEMPLATE_ORDER.map((f) => NATIONAL_HEADERS[f]), ...rows], { delimiter: ";", newline: "\r\n" })}\r\n`;
}
