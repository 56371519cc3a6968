/**
 * The pure part of exporting a table to a spreadsheet: cells read from a page (or built by a route) in,
 * the cells to write out: header rows and data rows on one column grid, text made safe, column widths,
 * number formats, a file name and a worksheet name. No DOM, no I/O.
 */

export type CellValue = string | number;

/** A spreadsheet's content: header rows (texts) and data rows (texts and numbers). */
export type TableModel = { header: string[][]; rows: CellValue[][] };

/** One cell as read from an HTML table, before its spans are laid out. */
export type SpanCell = { value: CellValue; colSpan?: number; rowSpan?: number };

/** What a workbook writer needs: every row as long as the widest, cells sanitised. */
export type SheetLayout = {
  header: string[][];
  rows: CellValue[][];
  columns: number;
  /** Column widths in characters. */
  widths: number[];
  /** Excel number format per column: decimals when some number of the column has a fraction, else integers. */
  numberFormats: string[];
};

const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain signed number ("-1,25", "+0.5", "-12 %") cannot be a formula; it stays as it is. */
const SIGNED_NUMBER = /^[+-]\d[\d.,\u00a0 ]*%?$/;

/**
 * Keeps a spreadsheet from reading a text cell as a formula: text starting with = + - @ (or a tab or
 * carriage return) gets a leading apostrophe, unless it is a plain signed number. Numbers are kept.
 */
export function safeCell(value: CellValue): CellValue {
  return typeof value === "string" && FORMULA_START.test(value) && !SIGNED_NUMBER.test(value) ? `'${value}` : value;
}

/**
 * A cell's text as shown: whitespace (line breaks, non-breaking spaces) collapsed to single spaces, other
 * control characters dropped, trimmed.
 */
export function cellText(raw: string): string {
  return raw.replace(/[\u0000-\u0008\u000e-\u001f\u007f]/g, "").replace(/[\s\u00a0]+/g, " ").trim();
}

/** A `data-value` attribute as a number, or the cell's text when the attribute is absent, empty or not a number. */
export function cellValue(dataValue: string | null | undefined, text: string): CellValue {
  if (dataValue !== null && dataValue !== undefined && dataValue.trim() !== "") {
    const n = Number(dataValue.trim());
    if (Number.isFinite(n)) return n;
  }
  return cellText(text);
}

/**
 * Rows of cells with column and row spans laid out on a grid, as a table is drawn: a spanning cell's
 * value goes to its first column of its first row, the other places it covers stay empty ("").
 */
export function spanGrid(rows: readonly (readonly SpanCell[])[]): CellValue[][] {
  const grid: (CellValue | undefined)[][] = rows.map(() => []);
  rows.forEach((cells, r) => {
    let c = 0;
    for (const cell of cells) {
      while (grid[r]![c] !== undefined) c++;
      const colSpan = clampSpan(cell.colSpan);
      const rowSpan = Math.min(clampSpan(cell.rowSpan), rows.length - r);
      for (let dr = 0; dr < rowSpan; dr++) {
        for (let dc = 0; dc < colSpan; dc++) grid[r + dr]![c + dc] = dr === 0 && dc === 0 ? cell.value : "";
      }
      c += colSpan;
    }
  });
  return grid.map((row) => Array.from(row, (v) => v ?? ""));
}

function clampSpan(span: number | undefined): number {
  return span !== undefined && Number.isInteger(span) && span > 1 ? Math.min(span, 1000) : 1;
}

const MIN_WIDTH = 6;
const MAX_WIDTH = 60;

/** The sheet to write: sanitised cells, rows padded to the same length, widths fitted to the longest text. */
export function sheetLayout(model: TableModel): SheetLayout {
  const columns = Math.max(0, ...model.header.map((r) => r.length), ...model.rows.map((r) => r.length));
  const pad = <T extends CellValue>(row: readonly T[], empty: T) => Array.from({ length: columns }, (_, i) => row[i] ?? empty);
  const header = model.header.map((row) => pad(row.map((v) => String(safeCell(cellText(v)))), ""));
  const rows = model.rows.map((row) => pad(row.map((v) => safeCell(typeof v === "number" ? (Number.isFinite(v) ? v : "") : cellText(v))), "" as CellValue));
  const widths = Array.from({ length: columns }, (_, c) => {
    const longest = Math.max(0, ...header.map((r) => longestLine(r[c]!)), ...rows.map((r) => displayLength(r[c]!)));
    return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longest + 2));
  });
  const numberFormats = Array.from({ length: columns }, (_, c) =>
    rows.some((r) => typeof r[c] === "number" && !Number.isInteger(r[c])) ? "#,##0.00" : "#,##0");
  return { header, rows, columns, widths, numberFormats };
}

function displayLength(v: CellValue): number {
  return typeof v === "number" ? new Intl.NumberFormat("en", { maximumFractionDigits: 2 }).format(v).length : [...v].length;
}

/** Headers wrap, so a long header counts as its longest word but at least a third of its length. */
function longestLine(text: string): number {
  const words = text.split(" ").map((w) => [...w].length);
  return Math.max(0, ...words, Math.ceil([...text].length / 3));
}

/**
 * A file name safe on every system: no path separators, reserved or control characters, spaces as "-",
 * at most 100 characters, the extension given (a trailing copy of it in the name is dropped). Letters
 * with diacritics are kept. An empty name becomes "export".
 */
export function exportFilename(name: string, extension: string): string {
  const ext = extension.replace(/^\.+/, "").toLowerCase();
  let base = name.normalize("NFC").replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, " ");
  if (ext !== "" && base.toLowerCase().endsWith(`.${ext}`)) base = base.slice(0, -(ext.length + 1));
  base = [...base.replace(/\s+/g, "-").replace(/-{2,}/g, "-").replace(/^[-.]+|[-.]+$/g, "")].slice(0, 100).join("").replace(/[-.]+$/, "");
  if (base === "" || /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(base)) base = base === "" ? "export" : `${base}-export`;
  return ext === "" ? base : `${base}.${ext}`;
}

/** A worksheet name Excel accepts: no []:*?/\, no apostrophe at either end, 1–31 characters. */
export function worksheetName(name: string, fallback = "Sheet1"): string {
  const clean = [...cellText(name.replace(/[[\]:*?/\\\u0000-\u001f]/g, " ")).replace(/^'+|'+$/g, "")].slice(0, 31).join("").trim();
  return clean === "" ? fallback : clean;
}
