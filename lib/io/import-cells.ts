import Papa from "papaparse";

/**
 * What the importers in lib/io share and what needs neither ExcelJS nor Node: result types, limits,
 * cell and header reading, error ordering. Pure, so pure parsers (e.g. the national results CSV) and
 * client components can use it without pulling in a workbook library.
 */

export type RowError = {
  /** Sheet name ("" for an error about the file itself, "CSV" for a CSV file). */
  sheet: string;
  /** 1-based row as Excel shows it; 0 when the error is about the file, not a row. */
  row: number;
  /** Column letter ("D"), when the error is about one cell. */
  column?: string;
  /** Message key in the catalogues. */
  key: string;
  values?: Record<string, string | number>;
};

export type ImportResult<T> = { ok: true; value: T; rows: number } | { ok: false; errors: RowError[]; rows: number };

export const IMPORT_LIMITS = {
  /** Largest uploaded file. */
  maxBytes: 10 * 1024 * 1024,
  /** Largest total uncompressed content of an XLSX (a zip bomb guard). */
  maxUncompressedBytes: 100 * 1024 * 1024,
  /** Most data rows in one sheet or CSV file. */
  maxRows: 5000,
} as const;

export type Scalar = string | number | boolean | null;

export function fileError(key: string, values?: Record<string, string | number>): RowError {
  return values ? { sheet: "", row: 0, key, values } : { sheet: "", row: 0, key };
}

export const tooLargeError = (): RowError => fileError("import.file.tooLarge", { maxMb: IMPORT_LIMITS.maxBytes / 1024 / 1024 });
export const tooManyRowsError = (sheet: string): RowError => ({ sheet, row: 0, key: "import.file.tooManyRows", values: { max: IMPORT_LIMITS.maxRows } });

/** Lower case, no diacritics (đ → d), "%" → "percent", punctuation as single spaces. */
export function normaliseLabel(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .replace(/%/g, " percent ")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** The forms under which a header or label may be recognised, most specific first. */
export function labelCandidates(text: string): string[] {
  const stripParens = (s: string) => s.replace(/\([^)]*\)/g, " ");
  const out = [normaliseLabel(text), normaliseLabel(stripParens(text))];
  for (const part of text.split("/")) out.push(normaliseLabel(part), normaliseLabel(stripParens(part)));
  return out.filter((s) => s.length > 0);
}

/** The field a header or label names, from alias lists of normalised texts. */
export function matchLabel<F extends string>(text: string, aliases: Record<F, readonly string[]>): F | null {
  for (const candidate of labelCandidates(text)) {
    for (const field of Object.keys(aliases) as F[]) {
      if (aliases[field].includes(candidate)) return field;
    }
  }
  return null;
}

/** Maps a header row to fields: the first column naming a field wins. */
export function matchHeaders<F extends string>(cells: readonly Scalar[], aliases: Record<F, readonly string[]>): Map<F, number> {
  const found = new Map<F, number>();
  cells.forEach((cell, index) => {
    if (typeof cell !== "string" && typeof cell !== "number") return;
    const field = matchLabel(String(cell), aliases);
    if (field !== null && !found.has(field)) found.set(field, index);
  });
  return found;
}

/** A cell's value reduced to a scalar: formulas give their result, rich text its text. */
export function cellScalar(value: unknown): Scalar {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (typeof value !== "object") return null;
  const v = value as Record<string, unknown>;
  if (Array.isArray(v.richText)) {
    return v.richText.map((r: unknown) => (r && typeof (r as { text?: unknown }).text === "string" ? (r as { text: string }).text : "")).join("");
  }
  if ("formula" in v || "sharedFormula" in v) return cellScalar(v.result);
  if (typeof v.error === "string") return v.error;
  if ("text" in v) return cellScalar(v.text);
  return null;
}

export function scalarText(s: Scalar): string {
  if (s === null) return "";
  if (typeof s === "boolean") return s ? "TRUE" : "FALSE";
  return String(s);
}

export function isBlank(s: Scalar): boolean {
  return s === null || (typeof s === "string" && s.trim() === "");
}

const DECIMAL_TEXT = /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:e[+-]?\d+)?$/i;

/** "0,5", "0.5", "-1", "1e-7" → number; anything else (incl. thousands separators) → null. */
export function parseDecimalText(text: string): number | null {
  const t = text.trim().replace(/\u2212/g, "-");
  if (!DECIMAL_TEXT.test(t)) return null;
  const n = Number(t.replace(",", "."));
  return Number.isFinite(n) ? n : null;
}

export function scalarNumber(s: Scalar): number | null {
  if (typeof s === "number") return Number.isFinite(s) ? s : null;
  if (typeof s === "string") return parseDecimalText(s);
  return null;
}

/** "A" for 1, "AA" for 27. */
export function columnLetter(index1: number): string {
  let n = index1;
  let out = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export function sortErrors(errors: RowError[], sheetOrder: readonly string[]): RowError[] {
  const sheetIndex = (s: string) => {
    const i = sheetOrder.indexOf(s);
    return i < 0 ? -1 : i;
  };
  const colIndex = (c?: string) => [...(c ?? "")].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return [...errors].sort((a, b) => sheetIndex(a.sheet) - sheetIndex(b.sheet) || a.row - b.row || colIndex(a.column) - colIndex(b.column));
}

/**
 * The header of a table: the first of its first ten rows that names every field of `identifying` (a title
 * line may come first; else the first row), the column of each field it names, and the required fields it
 * lacks. Rows are `{ row, cells }` with 1-based row numbers as shown to the user.
 */
export function findHeader<F extends string, R extends { row: number; cells: readonly Scalar[] }>(rows: readonly R[],
  aliases: Record<F, readonly string[]>, identifying: readonly F[], required: readonly F[]): { index: number; header: R; columns: Map<F, number>; missing: F[] } {
  const index = Math.max(0, rows.slice(0, 10).findIndex((r) => {
    const m = matchHeaders(r.cells, aliases);
    return identifying.every((f) => m.has(f));
  }));
  const header = rows[index]!;
  const columns = matchHeaders(header.cells, aliases);
  return { index, header, columns, missing: required.filter((f) => !columns.has(f)) };
}

/**
 * A CSV upload as text: UTF-8 (with or without BOM) or UTF-16 with BOM; too large or undecodable → an
 * error for the file. Text input only loses its BOM.
 */
export function decodeCsvInput(input: string | Uint8Array): string | RowError {
  if (typeof input === "string") {
    if (new TextEncoder().encode(input).length > IMPORT_LIMITS.maxBytes) return tooLargeError();
    return input.replace(/^\uFEFF/, "");
  }
  if (input.length > IMPORT_LIMITS.maxBytes) return tooLargeError();
  let encoding = "utf-8";
  let start = 0;
  if (input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf) start = 3;
  else if (input[0] === 0xff && input[1] === 0xfe) [encoding, start] = ["utf-16le", 2];
  else if (input[0] === 0xfe && input[1] === 0xff) [encoding, start] = ["utf-16be", 2];
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(input.subarray(start));
  } catch {
    return fileError("import.file.encoding");
  }
}

/**
 * CSV text as rows of cells (1-based row numbers as the user sees them, blank rows left out): Excel's
 * "sep=;" first line honoured, else the separator guessed; unbalanced quotes reported per row.
 */
export function splitCsvRows(text: string): { rows: { row: number; cells: Scalar[] }[]; issues: RowError[] } {
  let body = text;
  let delimiter: string | null = null;
  let firstRow = 1;
  // Excel's "sep=;" first line.
  const sep = /^sep=(.)\r?\n/i.exec(body);
  if (sep) {
    delimiter = sep[1]!;
    body = body.slice(sep[0].length);
    firstRow = 2;
  }
  delimiter ??= guessDelimiter(body);
  const parsed = Papa.parse<unknown>(body, { delimiter, header: false, skipEmptyLines: false, dynamicTyping: false });
  const issues: RowError[] = [];
  for (const e of parsed.errors) {
    if (e.type === "Quotes") issues.push({ sheet: "CSV", row: (e.row ?? 0) + firstRow, key: "import.csv.quotes" });
  }
  const rows: { row: number; cells: Scalar[] }[] = [];
  parsed.data.forEach((record, index) => {
    if (!Array.isArray(record)) return;
    const cells: Scalar[] = record.map((v: unknown) => (typeof v === "string" ? v : null));
    if (cells.some((c) => !isBlank(c))) rows.push({ row: index + firstRow, cells });
  });
  return { rows, issues };
}

/**
 * The separator: the most frequent of ";", "," and tab outside quotes in the first lines (ties: ","),
 * so unquoted decimal commas ("72,89" in a ";" file) rarely decide.
 */
function guessDelimiter(text: string): string {
  const counts: Record<string, number> = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  let lines = 0;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === "\n" && ++lines >= 10) break;
    else if (!quoted && ch in counts) counts[ch]!++;
  }
  return [";", "\t"].reduce((best, d) => (counts[d]! > counts[best]! ? d : best), ",");
}
