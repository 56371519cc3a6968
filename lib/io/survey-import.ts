import ExcelJS from "exceljs";
import Papa from "papaparse";
import { CODE_PATTERN } from "@/lib/domain/framework";
import {
  IMPORT_LIMITS,
  fileError,
  isBlank,
  loadWorkbook,
  decodeCsvInput,
  findHeader,
  normaliseLabel,
  scalarNumber,
  scalarText,
  sheetRows,
  sortErrors,
  splitCsvRows,
  toBuffer,
  tooManyRowsError,
  columnLetter,
  type ImportResult,
  type RowError,
  type Scalar,
} from "./framework-xlsx";

/**
 * Results of the sociological survey (điều tra XHH) and SIPAS per unit, from CSV (UTF-8 with or without
 * BOM, comma, semicolon or tab separated, decimal comma accepted) or XLSX (first sheet). One row per
 * unit × kind × criterion (XHH) or × element (SIPAS). Errors are row-level; the parsers never throw.
 */

export type SurveyKind = "SOCIOLOGICAL" | "SIPAS";

export type SurveyRow = {
  unitCode: string;
  kind: SurveyKind;
  /** The criterion the result scores (XHH); optional for SIPAS. */
  criterionCode: string | null;
  /** SIPAS element 1–5; null for the overall SIPAS figure and for XHH rows. */
  element: number | null;
  /** 0–100, at most 4 decimals. */
  percent: number;
  respondents: number | null;
};

export type SurveyRows = SurveyRow[];

export const CSV_SHEET = "CSV";
export const SURVEY_SHEET = "Kết quả điều tra";

type Field = "unitCode" | "kind" | "criterionCode" | "percent" | "element" | "respondents";

const HEADERS: Record<Field, string> = {
  unitCode: "Mã đơn vị / Unit code",
  kind: "Loại điều tra (XHH, SIPAS) / Kind",
  criterionCode: "Mã tiêu chí / Criterion code",
  percent: "Tỷ lệ (%) / Percent",
  element: "Yếu tố SIPAS (1–5) / SIPAS element",
  respondents: "Số người trả lời / Respondents",
};

const ALIASES: Record<Field, readonly string[]> = {
  unitCode: ["ma don vi", "unit code", "unit", "ma dv", "don vi", "unitcode", "ma co quan", "ma co quan don vi"],
  kind: ["loai dieu tra", "loai", "kind", "survey", "survey kind", "loai khao sat", "khao sat", "type"],
  criterionCode: ["ma tieu chi", "criterion code", "criterion", "tieu chi", "ma tc", "criterioncode"],
  percent: ["ty le", "ty le percent", "percent", "percentage", "ty le hai long", "ty le phan tram", "phan tram", "ket qua", "satisfaction"],
  element: ["yeu to sipas", "yeu to", "sipas element", "element", "thanh phan", "thanh phan sipas"],
  respondents: ["so nguoi tra loi", "respondents", "so phieu", "so phieu khao sat", "so mau", "sample size", "number of respondents"],
};

const REQUIRED: readonly Field[] = ["unitCode", "kind", "percent"];

const KIND_ALIASES: Record<SurveyKind, readonly string[]> = {
  SOCIOLOGICAL: ["xhh", "dieu tra xhh", "dieu tra xa hoi hoc", "xa hoi hoc", "sociological", "survey"],
  SIPAS: ["sipas", "chi so hai long", "hai long"],
};

/** Respondents fit the database's integer column. */
const MAX_RESPONDENTS = 2_147_483_647;

type TableRow = { row: number; cells: Scalar[]; numFmts?: (string | undefined)[] };

// ---- CSV -------------------------------------------------------------------------------------------

/** Parses a CSV export (text, or bytes in UTF-8 / UTF-16 with BOM). Never throws. */
export function surveyFromCsv(input: string | Uint8Array | ArrayBuffer): ImportResult<SurveyRows> {
  try {
    const text = decodeCsvInput(input instanceof ArrayBuffer ? new Uint8Array(input) : input);
    if (typeof text !== "string") return { ok: false, errors: [text], rows: 0 };
    return parseCsvText(text);
  } catch {
    return { ok: false, errors: [fileError("import.file.unreadable")], rows: 0 };
  }
}

function parseCsvText(text: string): ImportResult<SurveyRows> {
  const { rows, issues } = splitCsvRows(text);
  if (issues.length > 0) return { ok: false, errors: issues, rows: Math.max(0, rows.length - 1) };
  return readTable(CSV_SHEET, rows);
}

// ---- XLSX ------------------------------------------------------------------------------------------

/** Parses the first sheet of an XLSX. Never throws. */
export async function surveyFromXlsx(input: Uint8Array | ArrayBuffer): Promise<ImportResult<SurveyRows>> {
  try {
    const loaded = await loadWorkbook(input);
    if (!loaded.ok) return { ok: false, errors: [loaded.error], rows: 0 };
    const sheet = loaded.workbook.worksheets[0];
    if (!sheet) return { ok: false, errors: [fileError("import.file.empty")], rows: 0 };
    return readTable(sheet.name, sheetRows(sheet));
  } catch {
    return { ok: false, errors: [fileError("import.file.unreadable")], rows: 0 };
  }
}

/** XLSX when the bytes are a ZIP, CSV otherwise (the file name is not trusted). Never throws. */
export async function surveyFromFile(input: Uint8Array | ArrayBuffer): Promise<ImportResult<SurveyRows>> {
  const bytes = toBuffer(input);
  const zip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  return zip ? surveyFromXlsx(bytes) : surveyFromCsv(bytes);
}

// ---- The table ---------------------------------------------------------------------------------------

function readTable(sheet: string, rows: TableRow[]): ImportResult<SurveyRows> {
  if (rows.length === 0) return { ok: false, errors: [fileError("import.file.empty")], rows: 0 };
  if (rows.length - 1 > IMPORT_LIMITS.maxRows) return { ok: false, errors: [tooManyRowsError(sheet)], rows: rows.length - 1 };

  // The header names a unit code and a percentage (a title line may come first).
  const { index: headerIndex, header, columns, missing } = findHeader(rows, ALIASES, ["unitCode", "percent"], REQUIRED);
  if (missing.length > 0) {
    return { ok: false, rows: 0, errors: missing.map((f) => ({ sheet, row: header.row, key: "import.sheet.missingColumn", values: { column: HEADERS[f] } })) };
  }

  const errors: RowError[] = [];
  const out: SurveyRows = [];
  const seen = new Map<string, number>();
  const data = rows.slice(headerIndex + 1);
  for (const { row, cells, numFmts } of data) {
    const at = (f: Field) => ({ sheet, row, column: columnLetter(columns.get(f)! + 1) });
    const cell = (f: Field): Scalar => (columns.has(f) ? (cells[columns.get(f)!] ?? null) : null);
    const columnName = (f: Field) => scalarText(header.cells[columns.get(f)!] ?? null) || HEADERS[f];
    if ([...columns.values()].every((i) => isBlank(cells[i] ?? null))) continue;
    const before = errors.length;
    const fail = (f: Field, key: string, values?: Record<string, string | number>) =>
      errors.push(values ? { ...at(f), key, values } : { ...at(f), key });

    const unitCode = scalarText(cell("unitCode")).trim();
    if (unitCode === "") fail("unitCode", "import.cell.required", { column: columnName("unitCode") });

    const kindText = scalarText(cell("kind")).trim();
    let kind: SurveyKind | null = null;
    if (kindText === "") fail("kind", "import.cell.required", { column: columnName("kind") });
    else {
      const k = normaliseLabel(kindText);
      kind = (Object.keys(KIND_ALIASES) as SurveyKind[]).find((x) => KIND_ALIASES[x].includes(k)) ?? null;
      if (kind === null) fail("kind", "import.survey.kind", { value: kindText });
    }

    const criterionText = scalarText(cell("criterionCode")).trim();
    const criterionCode = criterionText === "" ? null : criterionText;
    if (criterionCode !== null && !CODE_PATTERN.test(criterionCode)) fail("criterionCode", "import.survey.criterionCode", { value: criterionCode });
    if (kind === "SOCIOLOGICAL" && criterionCode === null) {
      errors.push(columns.has("criterionCode") ? { ...at("criterionCode"), key: "import.survey.criterionRequired" } : { sheet, row, key: "import.survey.criterionRequired" });
    }

    const percent = readPercent(cell("percent"), numFmts?.[columns.get("percent")!]);
    if (percent.error) fail("percent", percent.error, { column: columnName("percent"), value: scalarText(cell("percent")) });

    let element: number | null = null;
    const elementCell = cell("element");
    if (!isBlank(elementCell)) {
      const n = scalarNumber(elementCell);
      if (n === null || !Number.isInteger(n) || n < 1 || n > 5) fail("element", "import.survey.element", { value: scalarText(elementCell) });
      else if (kind === "SOCIOLOGICAL") fail("element", "import.survey.elementSipasOnly", { value: scalarText(elementCell) });
      else element = n;
    }

    let respondents: number | null = null;
    const respondentsCell = cell("respondents");
    if (!isBlank(respondentsCell)) {
      const n = readCount(respondentsCell);
      if (n === null) fail("respondents", "import.cell.integer", { column: columnName("respondents"), value: scalarText(respondentsCell) });
      else respondents = n;
    }

    if (errors.length > before || kind === null || percent.value === null) continue;
    const key = [unitCode, kind, criterionCode ?? "", element ?? ""].join("\u0000");
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ sheet, row, key: "import.survey.duplicate", values: { firstRow: first, unit: unitCode } });
      continue;
    }
    seen.set(key, row);
    out.push({ unitCode, kind, criterionCode, element, percent: percent.value, respondents });
  }
  const count = data.filter(({ cells }) => [...columns.values()].some((i) => !isBlank(cells[i] ?? null))).length;
  if (errors.length > 0) return { ok: false, errors: sortErrors(errors, [sheet]), rows: count };
  return { ok: true, value: out, rows: count };
}

/** A percentage 0–100 with at most 4 decimals: "85,5", "85.5", "85,5 %", or an Excel number (a cell formatted as % holds 0.855). */
function readPercent(value: Scalar, numFmt: string | undefined): { value: number | null; error?: string } {
  if (isBlank(value)) return { value: null, error: "import.cell.required" };
  let n: number | null;
  if (typeof value === "number") {
    n = numFmt?.includes("%") ? Number((value * 100).toPrecision(12)) : value;
  } else {
    n = scalarNumber(typeof value === "string" ? value.trim().replace(/\s*%$/, "") : value);
  }
  if (n === null || !Number.isFinite(n)) return { value: null, error: "import.cell.number" };
  if (n < 0 || n > 100) return { value: null, error: "import.survey.percentRange" };
  const scaled = n * 10_000;
  if (Math.abs(scaled - Math.round(scaled)) > 1e-6) return { value: null, error: "import.survey.percentDecimals" };
  return { value: Math.round(scaled) / 10_000 };
}

/** A non-negative integer; "1 234", "1.234" and "1,234" are read as thousands. */
function readCount(value: Scalar): number | null {
  let n: number | null = null;
  if (typeof value === "number") n = value;
  else if (typeof value === "string") {
    const t = value.trim();
    if (/^\d+$/.test(t)) n = Number(t);
    else if (/^\d{1,3}(?:([., \u00a0])\d{3})(?:\1\d{3})*$/.test(t)) n = Number(t.replace(/[., \u00a0]/g, ""));
  }
  return n !== null && Number.isSafeInteger(n) && n >= 0 && n <= MAX_RESPONDENTS ? n : null;
}

// ---- Templates --------------------------------------------------------------------------------------

const FIELD_ORDER: readonly Field[] = ["unitCode", "kind", "criterionCode", "percent", "element", "respondents"];

const EXAMPLES: SurveyRows = [
  { unitCode: "STP", kind: "SOCIOLOGICAL", criterionCode: "8.2.1", element: null, percent: 85.5, respondents: 120 },
  { unitCode: "STP", kind: "SIPAS", criterionCode: null, element: null, percent: 87.25, respondents: 300 },
];

const KIND_CODES: Record<SurveyKind, string> = { SOCIOLOGICAL: "XHH", SIPAS: "SIPAS" };

/** A CSV template for Excel with Vietnamese settings: UTF-8 BOM, ";" separator, decimal comma. */
export function surveyTemplateCsv(): string {
  const rows = EXAMPLES.map((r) => [
    r.unitCode,
    KIND_CODES[r.kind],
    r.criterionCode ?? "",
    String(r.percent).replace(".", ","),
    r.element === null ? "" : String(r.element),
    r.respondents === null ? "" : String(r.respondents),
  ]);
  return `\uFEFF${Papa.unparse([FIELD_ORDER.map((f) => HEADERS[f]), ...rows], { delimiter: ";", newline: "\r\n" })}\r\n`;
}

export async function surveyTemplateXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "PAR INDEX";
  const ws = workbook.addWorksheet(SURVEY_SHEET);
  ws.columns = [{ width: 18 }, { width: 26 }, { width: 24 }, { width: 16 }, { width: 26 }, { width: 24 }];
  const header = ws.getRow(1);
  header.values = FIELD_ORDER.map((f) => HEADERS[f]);
  header.font = { bold: true };
  header.alignment = { vertical: "middle", wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } };
  });
  ws.views = [{ state: "frozen", ySplit: 1 }];
  ws.getColumn(1).numFmt = "@";
  ws.getColumn(3).numFmt = "@";
  ws.getColumn(4).numFmt = "0.00##";
  EXAMPLES.forEach((r, i) => {
    ws.getRow(i + 2).values = [r.unitCode, KIND_CODES[r.kind], r.criterionCode, r.percent, r.element, r.respondents];
  });
  for (let row = 2; row <= 500; row++) {
    ws.getCell(row, 2).dataValidation = { type: "list", allowBlank: true, formulae: ['"XHH,SIPAS"'] };
  }
  return toBuffer(new Uint8Array(await workbook.xlsx.writeBuffer()));
}
