import { inflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import {
  CODE_PATTERN,
  DEFAULT_BANDS,
  flatten,
  type ClassificationBand,
  type CriterionDoc,
  type CriterionSource,
  type FrameworkDoc,
} from "@/lib/domain/framework";
import { isCentiValue } from "@/lib/domain/points";
import { ruleSchema, type Rule, type RuleInput, type RuleKind } from "@/lib/domain/rules";
import { frameworkDocSchema } from "@/lib/schemas/framework";
import {
  cellScalar, columnLetter, fileError, IMPORT_LIMITS, isBlank, labelCandidates, matchHeaders, matchLabel, normaliseLabel, parseDecimalText,
  scalarNumber, scalarText, sortErrors, tooLargeError, tooManyRowsError, type ImportResult, type RowError, type Scalar,
} from "./import-cells";

/**
 * The criterion set as an Excel workbook, in the layout a provincial secretariat works with:
 * sheet "Thông tin" (the framework's fields and classification bands) and sheet "Tiêu chí"
 * (one row per criterion, in tree order). Export and import are lossless for a valid document whose
 * siblings are in code order; the import reports row-level errors and never throws.
 *
 * The first part of this file holds what the importers in lib/io share (result types, limits,
 * cell and header reading, the XLSX container check).
 */

// ---- Shared by the importers ---------------------------------------------------------------------

export * from "./import-cells";

export function toBuffer(input: Uint8Array | ArrayBuffer): Buffer {
  if (Buffer.isBuffer(input)) return input;
  return input instanceof ArrayBuffer ? Buffer.from(input) : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
}

/**
 * Checks the ZIP container of an XLSX before ExcelJS sees it: a ZIP at all, and its real uncompressed
 * size (entries are inflated with an output limit, so a zip bomb that lies in its directory is caught too).
 */
export function checkXlsxContainer(bytes: Buffer): RowError | null {
  if (bytes.length < 22 || bytes.readUInt32LE(0) !== 0x04034b50) return fileError("import.file.notXlsx");
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return fileError("import.file.notXlsx");
  const entries = bytes.readUInt16LE(eocd + 10);
  let p = bytes.readUInt32LE(eocd + 16);
  let total = 0;
  const budget = IMPORT_LIMITS.maxUncompressedBytes;
  const tooLarge = fileError("import.file.uncompressedTooLarge", { maxMb: budget / 1024 / 1024 });
  for (let n = 0; n < entries; n++) {
    if (p + 46 > bytes.length || bytes.readUInt32LE(p) !== 0x02014b50) return fileError("import.file.notXlsx");
    const method = bytes.readUInt16LE(p + 10);
    const compressed = bytes.readUInt32LE(p + 20);
    const declared = bytes.readUInt32LE(p + 24);
    const local = bytes.readUInt32LE(p + 42);
    p += 46 + bytes.readUInt16LE(p + 28) + bytes.readUInt16LE(p + 30) + bytes.readUInt16LE(p + 32);
    if (declared === 0xffffffff || compressed === 0xffffffff) return tooLarge;
    if (total + declared > budget) return tooLarge;
    if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== 0x04034b50) return fileError("import.file.notXlsx");
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    if (start + compressed > bytes.length) return fileError("import.file.notXlsx");
    if (method === 0) {
      total += compressed;
    } else if (method === 8) {
      try {
        total += inflateRawSync(bytes.subarray(start, start + compressed), { maxOutputLength: budget - total + 1 }).length;
      } catch (error) {
        return (error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE" ? tooLarge : fileError("import.file.notXlsx");
      }
    } else {
      return fileError("import.file.notXlsx");
    }
    if (total > budget) return tooLarge;
  }
  return null;
}

/** Loads an XLSX after the size and container checks; reads cells only (no validations, merges, drawings). */
export async function loadWorkbook(input: Uint8Array | ArrayBuffer): Promise<{ ok: true; workbook: ExcelJS.Workbook } | { ok: false; error: RowError }> {
  const bytes = toBuffer(input);
  if (bytes.length > IMPORT_LIMITS.maxBytes) return { ok: false, error: tooLargeError() };
  const container = checkXlsxContainer(bytes);
  if (container) return { ok: false, error: container };
  const workbook = new ExcelJS.Workbook();
  try {
    const options = {
      ignoreNodes: ["dataValidations", "mergeCells", "conditionalFormatting", "extLst", "drawing", "picture",
        "tableParts", "hyperlinks", "rowBreaks", "headerFooter", "pageSetup", "printOptions", "autoFilter"],
      // ExcelJS throws past these counts: the row limit with room for title and header rows, and columns.
      maxRows: IMPORT_LIMITS.maxRows + 100,
      maxCols: 1000,
    };
    // ExcelJS types its input as its own ArrayBuffer-like `Buffer`; it takes a Node Buffer.
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer, options as Partial<ExcelJS.XlsxReadOptions>);
  } catch (error) {
    const message = error instanceof Error ? error.message : "";
    if (/Max row count/i.test(message)) return { ok: false, error: fileError("import.file.tooManyRows", { max: IMPORT_LIMITS.maxRows }) };
    return { ok: false, error: fileError("import.file.unreadable") };
  }
  return { ok: true, workbook };
}

/** Rows of a sheet as scalars (index 0 = column A), with their 1-based row numbers. */
export function sheetRows(sheet: ExcelJS.Worksheet): { row: number; cells: Scalar[]; numFmts: (string | undefined)[] }[] {
  const out: { row: number; cells: Scalar[]; numFmts: (string | undefined)[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Scalar[] = [];
    const numFmts: (string | undefined)[] = [];
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (col > 1000) return;
      cells[col - 1] = cellScalar(cell.value);
      numFmts[col - 1] = typeof cell.numFmt === "string" ? cell.numFmt : undefined;
    });
    for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
    if (cells.some((c) => !isBlank(c))) out.push({ row: rowNumber, cells, numFmts });
  });
  return out;
}

/** Text as stored in a cell: ExcelJS drops XML-invalid characters and CR, so escape them as Excel does (_xHHHH_). */
export function xlsxText(text: string): string {
  return text.replace(
    /_x[0-9A-Fa-f]{4}(?=_)|[\u0000-\u0008\u000B\u000C\u000D\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    (m) => (m.length > 1 && m.startsWith("_x") ? `_x005F_${m.slice(1)}` : `_x${m.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`),
  );
}

// ---- The workbook layout ------------------------------------------------------------------------

export const INFO_SHEET = "Thông tin";
export const CRITERIA_SHEET = "Tiêu chí";
export const GUIDE_SHEET = "Hướng dẫn";
const FORMAT = "par-framework/v1";

const SHEET_ALIASES = {
  info: ["thong tin", "information", "info", "thong tin chung"],
  criteria: ["tieu chi", "criteria", "bo tieu chi"],
} as const;

type InfoField =
  | "format" | "code" | "nameVi" | "nameEn" | "legalBasis" | "unitGroup" | "fromYear" | "toYear" | "bonusCap" | "penaltyCap" | "classification";

const INFO_LABELS: Record<InfoField, string> = {
  format: "Định dạng tệp / File format",
  code: "Mã bộ tiêu chí / Framework code",
  nameVi: "Tên bộ tiêu chí (tiếng Việt) / Name (Vietnamese)",
  nameEn: "Tên bộ tiêu chí (tiếng Anh) / Name (English)",
  legalBasis: "Căn cứ pháp lý / Legal basis",
  unitGroup: "Nhóm đơn vị áp dụng / Unit group",
  fromYear: "Áp dụng từ năm / From year",
  toYear: "Đến năm / To year",
  bonusCap: "Điểm thưởng tối đa / Bonus cap",
  penaltyCap: "Điểm trừ tối đa / Penalty cap",
  classification: "Xếp loại / Classification",
};

const INFO_ALIASES: Record<InfoField, readonly string[]> = {
  format: ["dinh dang tep", "dinh dang", "file format", "format"],
  code: ["ma bo tieu chi", "framework code", "ma", "code"],
  nameVi: ["ten bo tieu chi tieng viet", "name vietnamese", "ten tieng viet", "name vi", "ten bo tieu chi"],
  nameEn: ["ten bo tieu chi tieng anh", "name english", "ten tieng anh", "name en"],
  legalBasis: ["can cu phap ly", "legal basis", "can cu", "van ban ban hanh"],
  unitGroup: ["nhom don vi ap dung", "nhom don vi", "unit group", "nhom"],
  fromYear: ["ap dung tu nam", "tu nam", "from year", "nam ap dung"],
  toYear: ["den nam", "ap dung den nam", "to year"],
  bonusCap: ["diem thuong toi da", "diem thuong", "bonus cap", "bonus"],
  penaltyCap: ["diem tru toi da", "diem tru", "penalty cap", "penalty"],
  classification: ["xep loai", "classification", "phan loai", "muc xep loai", "ma xep loai", "band code"],
};

const BAND_HEADERS = ["Mã xếp loại / Band code", "Tên (tiếng Việt) / Label (Vietnamese)", "Tên (tiếng Anh) / Label (English)", "Chỉ số từ (%) / Minimum index (%)"];
const BAND_HEADER_ALIASES = ["ma xep loai", "band code", "ma", "code"];

type Column = "code" | "titleVi" | "titleEn" | "maxPoints" | "source" | "ruleKind" | "rule" | "evidenceVi" | "evidenceEn" | "evidenceMandatory";

const COLUMNS: { field: Column; header: string; width: number }[] = [
  { field: "code", header: "Mã", width: 10 },
  { field: "titleVi", header: "Nội dung (tiếng Việt)", width: 60 },
  { field: "titleEn", header: "Content (English)", width: 50 },
  { field: "maxPoints", header: "Điểm tối đa", width: 11 },
  { field: "source", header: "Nguồn điểm", width: 14 },
  { field: "ruleKind", header: "Loại quy tắc", width: 20 },
  { field: "rule", header: "Quy tắc", width: 60 },
  { field: "evidenceVi", header: "Tài liệu kiểm chứng (vi)", width: 45 },
  { field: "evidenceEn", header: "Evidence (en)", width: 40 },
  { field: "evidenceMandatory", header: "Bắt buộc minh chứng", width: 12 },
];

const COLUMN_ALIASES: Record<Column, readonly string[]> = {
  code: ["ma", "code", "ma tieu chi", "criterion code", "stt", "tt", "so tt", "so thu tu"],
  titleVi: ["noi dung tieng viet", "noi dung", "noi dung tieu chi", "tieu chi", "ten tieu chi", "title vietnamese", "title vi", "content vietnamese", "content vi"],
  titleEn: ["content english", "content", "content en", "noi dung tieng anh", "title english", "title en", "title"],
  maxPoints: ["diem toi da", "max points", "maximum points", "diem chuan", "max", "diem"],
  source: ["nguon diem", "nguon", "source", "points source"],
  ruleKind: ["loai quy tac", "rule kind", "rule type", "kind", "loai"],
  rule: ["quy tac", "quy tac cham diem", "cach cham diem", "rule", "scoring rule"],
  evidenceVi: ["tai lieu kiem chung vi", "tai lieu kiem chung", "tai lieu kiem chung tieng viet", "minh chung", "evidence vietnamese", "evidence vi"],
  evidenceEn: ["evidence en", "evidence", "evidence english", "tai lieu kiem chung tieng anh", "tai lieu kiem chung en"],
  evidenceMandatory: ["bat buoc minh chung", "bat buoc", "evidence mandatory", "mandatory evidence", "mandatory", "evidence required"],
};

const REQUIRED_COLUMNS: readonly Column[] = ["code", "titleVi", "titleEn", "maxPoints", "ruleKind", "rule"];

/** Vietnamese names of the rule kinds in the sheet (as in the catalogue, `frameworks.rules`). */
export const RULE_KIND_LABELS: Record<RuleKind, string> = {
  options: "Chọn mức",
  tiers: "Theo tỷ lệ kê khai",
  yesNo: "Có/Không",
  free: "Chấm tự do",
  survey: "Từ điều tra",
};

const RULE_KIND_ALIASES: Record<RuleKind, readonly string[]> = {
  options: ["chon muc", "chon muc diem", "muc diem", "theo muc", "options", "option"],
  tiers: ["theo ty le ke khai", "theo ty le", "ty le", "theo nguong", "nguong", "theo nguong gia tri", "tiers", "tier"],
  yesNo: ["co khong", "dat khong dat", "yesno", "yes no", "yes"],
  free: ["cham tu do", "tu do", "cham theo buoc", "buoc diem", "free"],
  survey: ["tu dieu tra", "dieu tra", "dieu tra xhh", "xhh", "sipas", "survey"],
};

const SOURCE_LABELS: Record<CriterionSource, string> = { SELF: "Tự chấm", SURVEY: "Điều tra XHH" };
const SOURCE_ALIASES: Record<CriterionSource, readonly string[]> = {
  SELF: ["tu cham", "tu danh gia", "tu cham diem", "self"],
  SURVEY: ["dieu tra xhh", "dieu tra", "xhh", "dieu tra xa hoi hoc", "survey"],
};

const YES = "Có";
const NO = "Không";
const BOOLEAN_ALIASES = { yes: ["co", "x", "yes", "true", "1", "bat buoc"], no: ["khong", "no", "false", "0", "khong bat buoc"] } as const;

export function parseRuleKind(text: string): RuleKind | null {
  return matchLabel(text, RULE_KIND_ALIASES);
}

// ---- Rule text -------------------------------------------------------------------------------------

/**
 * The rule of a leaf as one line of text, readable and parseable:
 *   options  1=Kịp thời|On time; 0.5=Không kịp thời|Late; 0=Không ban hành|Not issued
 *   tiers    Tỷ lệ hoàn thành|Completion rate; %; ≥90.01=2|Trên 90 %|Above 90 %; ≥70=1|Từ 70 %|From 70 %
 *   yesNo    "" (the criterion's maximum) or yes=1
 *   free     step=0.25
 *   survey   SOCIOLOGICAL, SIPAS or SIPAS:3 (element 1–5)
 * A label that is empty, has surrounding spaces, starts with "≥"/">=" or contains ; | = " \ is written
 * as a JSON string ("…"). The parser also takes decimal commas (0,5), ">=" for "≥", "có=1", "bước=0,5", "XHH".
 */
export function formatRuleText(rule: RuleInput): string {
  switch (rule.kind) {
    case "options":
      return rule.options.map((o) => `${num(o.points)}=${label(o.labelVi)}|${label(o.labelEn)}`).join("; ");
    case "tiers":
      return [
        `${label(rule.valueLabelVi)}|${label(rule.valueLabelEn)}`,
        label(rule.valueUnit ?? "%"),
        ...rule.tiers.map((t) => `≥${num(t.min)}=${num(t.points)}|${label(t.labelVi)}|${label(t.labelEn)}`),
      ].join("; ");
    case "yesNo":
      return rule.yesPoints === undefined ? "" : `yes=${num(rule.yesPoints)}`;
    case "free":
      return `step=${num(rule.step)}`;
    case "survey":
      return `${rule.survey ?? "SOCIOLOGICAL"}${rule.element === undefined ? "" : `:${rule.element}`}`;
  }
}

function num(n: number): string {
  return Object.is(n, -0) ? "-0" : String(n);
}

function label(s: string): string {
  const needsQuotes = s === "" || s !== s.trim() || /[;|="\\]/.test(s) || s.startsWith("≥") || s.startsWith(">=");
  return needsQuotes ? JSON.stringify(s) : s;
}

export type RuleParse = { ok: true; rule: Rule } | { ok: false; key: string; values?: Record<string, string | number> };

type Token = { kind: "text"; value: string; quoted: boolean; start: number; end: number } | { kind: "sep"; value: ";" | "|" | "="; start: number; end: number };

class RuleSyntaxError extends Error {
  constructor(readonly key: string, readonly values?: Record<string, string | number>) {
    super(key);
  }
}

function lex(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === ";" || ch === "|" || ch === "=") {
      tokens.push({ kind: "sep", value: ch, start: i, end: i + 1 });
      i++;
    } else if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      if (j >= text.length) throw new RuleSyntaxError("import.rule.syntax", { part: text.slice(i) });
      let value: unknown;
      try {
        value = JSON.parse(text.slice(i, j + 1));
      } catch {
        throw new RuleSyntaxError("import.rule.syntax", { part: text.slice(i, j + 1) });
      }
      tokens.push({ kind: "text", value: value as string, quoted: true, start: i, end: j + 1 });
      i = j + 1;
    } else {
      // ">=" opening a token is the tier sign, not a separator.
      let j = text.startsWith(">=", i) ? i + 2 : i;
      while (j < text.length && !";|=".includes(text[j]!)) j++;
      const raw = text.slice(i, j);
      tokens.push({ kind: "text", value: raw.trim(), quoted: false, start: i, end: i + raw.trimEnd().length });
      i = j;
    }
  }
  return tokens;
}

/** Items separated by ";", each as parts separated by "|", each part as its tokens (text and "="). */
function structure(text: string): { source: string; parts: Token[][] }[] {
  const items: { source: string; parts: Token[][] }[] = [];
  let parts: Token[][] = [[]];
  let first: number | null = null;
  let last = 0;
  const flush = () => {
    if (first !== null) items.push({ source: text.slice(first, last), parts });
    parts = [[]];
    first = null;
  };
  for (const t of lex(text)) {
    if (t.kind === "sep" && t.value === ";") {
      flush();
      continue;
    }
    first ??= t.start;
    last = t.end;
    if (t.kind === "sep" && t.value === "|") parts.push([]);
    else parts[parts.length - 1]!.push(t);
  }
  flush();
  return items;
}

/** A part that is exactly one text token. */
function single(part: Token[] | undefined, source: string): Extract<Token, { kind: "text" }> {
  if (!part || part.length !== 1 || part[0]!.kind !== "text") throw new RuleSyntaxError("import.rule.syntax", { part: source });
  return part[0]!;
}

/** A part "left = right". */
function pair(part: Token[] | undefined, source: string): [Extract<Token, { kind: "text" }>, Extract<Token, { kind: "text" }>] {
  if (!part || part.length !== 3 || part[0]!.kind !== "text" || part[1]!.kind !== "sep" || part[2]!.kind !== "text") {
    throw new RuleSyntaxError("import.rule.syntax", { part: source });
  }
  return [part[0]!, part[2]!];
}

function labels(parts: Token[][], from: number, source: string): [string, string] {
  if (parts.length < from + 2) throw new RuleSyntaxError("import.rule.label", { part: source });
  if (parts.length > from + 2) throw new RuleSyntaxError("import.rule.syntax", { part: source });
  const vi = single(parts[from], source);
  const en = single(parts[from + 1], source);
  if (vi.value === "" || en.value === "") throw new RuleSyntaxError("import.rule.label", { part: source });
  return [vi.value, en.value];
}

function ruleNumber(text: string): number {
  const n = parseDecimalText(text);
  if (n === null) throw new RuleSyntaxError("import.rule.number", { value: text });
  return n;
}

function rulePoints(text: string): number {
  const n = ruleNumber(text);
  if (n < 0 || !isCentiValue(n)) throw new RuleSyntaxError("import.rule.points", { value: text });
  return n;
}

const TIER_PREFIX = /^(?:≥|>=)\s*/;

/** Parses the rule text of a leaf of the given kind. */
export function parseRuleText(kind: RuleKind, text: string): RuleParse {
  try {
    const rule = parseRuleTextUnchecked(kind, text.trim());
    const parsed = ruleSchema.safeParse(rule);
    if (!parsed.success) return { ok: false, key: "import.rule.invalid", values: { detail: parsed.error.issues[0]?.message ?? "" } };
    return { ok: true, rule: parsed.data };
  } catch (error) {
    if (error instanceof RuleSyntaxError) return error.values ? { ok: false, key: error.key, values: error.values } : { ok: false, key: error.key };
    return { ok: false, key: "import.rule.syntax", values: { part: text } };
  }
}

function parseRuleTextUnchecked(kind: RuleKind, text: string): RuleInput {
  switch (kind) {
    case "options": {
      const items = structure(text);
      if (items.length === 0) throw new RuleSyntaxError("import.rule.empty");
      const options = items.map(({ source, parts }) => {
        const [points, vi] = pair(parts[0], source);
        if (parts.length < 2) throw new RuleSyntaxError("import.rule.label", { part: source });
        if (parts.length > 2) throw new RuleSyntaxError("import.rule.syntax", { part: source });
        const en = single(parts[1], source).value;
        if (vi.value === "" || en === "") throw new RuleSyntaxError("import.rule.label", { part: source });
        return { points: rulePoints(points.value), labelVi: vi.value, labelEn: en };
      });
      if (options.length < 2) throw new RuleSyntaxError("import.rule.tooFew", { min: 2 });
      return { kind, options };
    }
    case "tiers": {
      const items = structure(text);
      if (items.length === 0) throw new RuleSyntaxError("import.rule.empty");
      const head = items[0]!;
      if (isTierItem(head.parts)) throw new RuleSyntaxError("import.rule.valueLabel", { part: head.source });
      const [valueLabelVi, valueLabelEn] = labels(head.parts, 0, head.source);
      let rest = items.slice(1);
      let valueUnit: string | undefined;
      if (rest[0] && !isTierItem(rest[0].parts)) {
        valueUnit = single(rest[0].parts[0], rest[0].source).value;
        if (rest[0].parts.length > 1) throw new RuleSyntaxError("import.rule.syntax", { part: rest[0].source });
        if (valueUnit.length > 16) throw new RuleSyntaxError("import.rule.unitTooLong", { max: 16 });
        rest = rest.slice(1);
      }
      const tiers = rest.map(({ source, parts }) => {
        const [min, points] = pair(parts[0], source);
        if (min.quoted || !TIER_PREFIX.test(min.value)) throw new RuleSyntaxError("import.rule.syntax", { part: source });
        const [labelVi, labelEn] = labels(parts, 1, source);
        return { min: ruleNumber(min.value.replace(TIER_PREFIX, "")), points: rulePoints(points.value), labelVi, labelEn };
      });
      if (tiers.length < 1) throw new RuleSyntaxError("import.rule.tooFew", { min: 1 });
      return valueUnit === undefined ? { kind, valueLabelVi, valueLabelEn, tiers } : { kind, valueLabelVi, valueLabelEn, valueUnit, tiers };
    }
    case "yesNo": {
      if (text === "") return { kind };
      return { kind, yesPoints: rulePoints(keyedNumber(text, ["yes", "co", "dat"])) };
    }
    case "free": {
      if (text === "") throw new RuleSyntaxError("import.rule.empty");
      const step = rulePoints(keyedNumber(text, ["step", "buoc", "buoc diem"]));
      if (step <= 0) throw new RuleSyntaxError("import.rule.step", { value: step });
      return { kind, step };
    }
    case "survey": {
      if (text === "") return { kind };
      const m = /^([^:\d]+?)\s*(?:[:\s]\s*(\d+))?$/.exec(text);
      const name = m ? normaliseLabel(m[1]!) : "";
      const survey = ["sociological", "xhh", "dieu tra xhh", "dieu tra xa hoi hoc"].includes(name) ? "SOCIOLOGICAL" : name === "sipas" ? "SIPAS" : null;
      if (!m || survey === null) throw new RuleSyntaxError("import.rule.survey", { value: text });
      if (m[2] === undefined) return { kind, survey };
      const element = Number(m[2]);
      if (element < 1 || element > 5) throw new RuleSyntaxError("import.rule.element", { value: m[2] });
      return { kind, survey, element };
    }
  }
}

function isTierItem(parts: Token[][]): boolean {
  const t = parts[0]?.[0];
  return t !== undefined && t.kind === "text" && !t.quoted && TIER_PREFIX.test(t.value);
}

/** "key=number" with one of the given keys, or a bare number. */
function keyedNumber(text: string, keys: readonly string[]): string {
  const items = structure(text);
  if (items.length !== 1 || items[0]!.parts.length !== 1) throw new RuleSyntaxError("import.rule.syntax", { part: text });
  const part = items[0]!.parts[0]!;
  if (part.length === 1 && part[0]!.kind === "text") return part[0]!.value;
  const [key, value] = pair(part, text);
  if (!keys.includes(normaliseLabel(key.value))) throw new RuleSyntaxError("import.rule.syntax", { part: text });
  return value.value;
}

// ---- Export --------------------------------------------------------------------------------------

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } };
const AREA_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFCE4D6" } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin", color: { argb: "FFBFBFBF" } },
  left: { style: "thin", color: { argb: "FFBFBFBF" } },
  bottom: { style: "thin", color: { argb: "FFBFBFBF" } },
  right: { style: "thin", color: { argb: "FFBFBFBF" } },
};
const POINTS_FORMAT = "0.00";
const CRITERIA_HEADER_ROW = 3;

/** The workbook of a criterion set (also the import template when given an example set). */
export async function frameworkToXlsx(doc: FrameworkDoc): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "PAR INDEX";
  workbook.title = xlsxText(doc.nameVi);
  workbook.subject = FORMAT;
  workbook.created = new Date();
  writeInfoSheet(workbook.addWorksheet(INFO_SHEET), doc);
  writeCriteriaSheet(workbook.addWorksheet(CRITERIA_SHEET), doc);
  writeGuideSheet(workbook.addWorksheet(GUIDE_SHEET));
  return toBuffer(new Uint8Array(await workbook.xlsx.writeBuffer()));
}

function writeInfoSheet(ws: ExcelJS.Worksheet, doc: FrameworkDoc) {
  ws.columns = [{ width: 46 }, { width: 60 }, { width: 30 }, { width: 22 }];
  ws.mergeCells("A1:D1");
  const title = ws.getCell("A1");
  title.value = "THÔNG TIN BỘ TIÊU CHÍ / FRAMEWORK INFORMATION";
  title.font = { bold: true, size: 13 };
  const header = ws.getRow(2);
  header.values = ["Thông tin / Field", "Giá trị / Value"];
  styleHeader(header, 2);

  const fields: [InfoField, ExcelJS.CellValue, string?][] = [
    ["format", FORMAT],
    ["code", xlsxText(doc.code)],
    ["nameVi", xlsxText(doc.nameVi)],
    ["nameEn", xlsxText(doc.nameEn)],
    ["legalBasis", xlsxText(doc.legalBasis)],
    ["unitGroup", xlsxText(doc.unitGroup)],
    ["fromYear", doc.fromYear, "0"],
    ["toYear", doc.toYear ?? null, "0"],
    ["bonusCap", doc.bonusCap ?? 0, POINTS_FORMAT],
    ["penaltyCap", doc.penaltyCap ?? 0, POINTS_FORMAT],
  ];
  let r = 3;
  for (const [field, value, numFmt] of fields) {
    const row = ws.getRow(r++);
    row.getCell(1).value = INFO_LABELS[field];
    row.getCell(1).font = { bold: true };
    const cell = row.getCell(2);
    cell.value = value;
    if (numFmt) cell.numFmt = numFmt;
    cell.alignment = { horizontal: "left", wrapText: true };
    if (field === "code" || field === "unitGroup") cell.numFmt = "@";
    for (let c = 1; c <= 2; c++) row.getCell(c).border = THIN;
  }
  r++;
  const section = ws.getCell(r++, 1);
  section.value = INFO_LABELS.classification;
  section.font = { bold: true, size: 12 };
  const bandHeader = ws.getRow(r++);
  bandHeader.values = BAND_HEADERS;
  styleHeader(bandHeader, 4);
  for (const band of doc.classification ?? DEFAULT_BANDS) {
    const row = ws.getRow(r++);
    row.values = [xlsxText(band.code), xlsxText(band.labelVi), xlsxText(band.labelEn), band.minIndex];
    row.getCell(1).numFmt = "@";
    row.getCell(4).numFmt = POINTS_FORMAT;
    for (let c = 1; c <= 4; c++) row.getCell(c).border = THIN;
  }
}

function writeCriteriaSheet(ws: ExcelJS.Worksheet, doc: FrameworkDoc) {
  ws.columns = COLUMNS.map((c) => ({ key: c.field, width: c.width }));
  ws.getColumn(1).numFmt = "@";
  ws.mergeCells(1, 1, 1, COLUMNS.length);
  ws.mergeCells(2, 1, 2, COLUMNS.length);
  const title = ws.getCell(1, 1);
  title.value = xlsxText(doc.nameVi);
  title.font = { bold: true, size: 13 };
  const basis = ws.getCell(2, 1);
  basis.value = xlsxText(doc.legalBasis);
  basis.font = { italic: true };

  const header = ws.getRow(CRITERIA_HEADER_ROW);
  header.values = COLUMNS.map((c) => c.header);
  header.height = 32;
  styleHeader(header, COLUMNS.length);
  ws.views = [{ state: "frozen", xSplit: 1, ySplit: CRITERIA_HEADER_ROW, topLeftCell: "B4", activeCell: "B4" }];
  ws.autoFilter = { from: { row: CRITERIA_HEADER_ROW, column: 1 }, to: { row: CRITERIA_HEADER_ROW, column: COLUMNS.length } };
  ws.pageSetup = { orientation: "landscape", paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${CRITERIA_HEADER_ROW}:${CRITERIA_HEADER_ROW}` };

  let r = CRITERIA_HEADER_ROW + 1;
  for (const f of flatten(doc.tree)) {
    const n = f.node;
    const row = ws.getRow(r++);
    row.values = {
      code: xlsxText(n.code),
      titleVi: xlsxText(n.titleVi),
      titleEn: xlsxText(n.titleEn),
      maxPoints: n.maxPoints,
      source: n.source ? SOURCE_LABELS[n.source] : null,
      ruleKind: n.rule ? RULE_KIND_LABELS[n.rule.kind] : null,
      rule: n.rule ? xlsxText(formatRuleText(n.rule)) || null : null,
      evidenceVi: n.evidenceVi === undefined ? null : xlsxText(n.evidenceVi),
      evidenceEn: n.evidenceEn === undefined ? null : xlsxText(n.evidenceEn),
      evidenceMandatory: n.evidenceMandatory === undefined ? null : n.evidenceMandatory ? YES : NO,
    };
    row.getCell(4).numFmt = POINTS_FORMAT;
    for (let col = 1; col <= COLUMNS.length; col++) {
      const cell = row.getCell(col);
      cell.border = THIN;
      const wrap = col === 2 || col === 3 || col >= 7;
      cell.alignment = { vertical: "top", wrapText: wrap, ...(col === 2 || col === 3 ? { indent: f.depth - 1 } : {}) };
      if (f.depth === 1) {
        cell.font = { bold: true };
        cell.fill = AREA_FILL;
      }
    }
  }
  // Drop-down lists for the coded columns, a little past the last row so new rows get them too.
  const last = r + 100;
  const list = (values: string[]) => ({ type: "list" as const, allowBlank: true, formulae: [`"${values.join(",")}"`] });
  const sourceList = list(Object.values(SOURCE_LABELS));
  const kindList = list(Object.values(RULE_KIND_LABELS));
  const yesNoList = list([YES, NO]);
  for (let row = CRITERIA_HEADER_ROW + 1; row <= last; row++) {
    ws.getCell(row, 5).dataValidation = sourceList;
    ws.getCell(row, 6).dataValidation = kindList;
    ws.getCell(row, 10).dataValidation = yesNoList;
  }
}

/** How to fill in the rule columns; the importer ignores this sheet. */
const GUIDE: [string, string, string][] = [
  ["Cột / Column", "Cách ghi / How to write it", "Ví dụ / Example"],
  ["Mã", "Mã tiêu chí theo cấp: 1, 1.2, 1.2.3 (tối đa 4 cấp); tiêu chí cha xác định theo mã, thứ tự dòng không quan trọng. / Criterion code by level; the parent comes from the code, row order does not matter.", "1.1.4"],
  ["Điểm tối đa", "Số, tối đa 2 chữ số thập phân; tổng điểm các tiêu chí con bằng điểm của tiêu chí cha. / A number with at most 2 decimals; children add up to their parent.", "0,5"],
  ["Nguồn điểm", `${SOURCE_LABELS.SELF} / ${SOURCE_LABELS.SURVEY} (để trống: tự chấm / empty: self-assessed)`, SOURCE_LABELS.SURVEY],
  [RULE_KIND_LABELS.options, "điểm=nhãn tiếng Việt|English label; … / points=Vietnamese label|English label; …", "1=Kịp thời|On time; 0,5=Không kịp thời|Late; 0=Không ban hành|Not issued"],
  [RULE_KIND_LABELS.tiers, "nội dung kê khai|declared value; đơn vị; ≥ngưỡng=điểm|nhãn|label; … (dưới mọi ngưỡng: 0 điểm / below every tier: 0)", "Tỷ lệ hoàn thành|Completion rate; %; ≥90,01=2|Trên 90 %|Above 90 %; ≥70=1|Từ 70 %|From 70 %"],
  [RULE_KIND_LABELS.yesNo, "Để trống (Có = điểm tối đa) hoặc yes=điểm / Empty (yes = the maximum) or yes=points", "yes=1"],
  [RULE_KIND_LABELS.free, "step=bước điểm (0 đến điểm tối đa) / step=points step (0 to the maximum)", "step=0,25"],
  [RULE_KIND_LABELS.survey, "SOCIOLOGICAL (điều tra XHH) hoặc SIPAS, SIPAS:1 … SIPAS:5 (yếu tố) / SOCIOLOGICAL or SIPAS, SIPAS:n for element n", "SIPAS:3"],
  ["\"…\"", "Nhãn chứa ; | = \" hoặc khoảng trắng đầu/cuối được đặt trong ngoặc kép. / Labels containing ; | = \" or edge spaces go in double quotes.", "1=\"Đạt; đủ hồ sơ\"|\"Met; complete\"; 0=Không đạt|Not met"],
];

function writeGuideSheet(ws: ExcelJS.Worksheet) {
  ws.columns = [{ width: 22 }, { width: 80 }, { width: 70 }];
  GUIDE.forEach((values, i) => {
    const row = ws.getRow(i + 1);
    row.values = values;
    row.alignment = { vertical: "top", wrapText: true };
  });
  styleHeader(ws.getRow(1), 3);
  ws.views = [{ state: "frozen", ySplit: 1 }];
}

function styleHeader(row: ExcelJS.Row, columns: number) {
  row.font = { bold: true };
  for (let c = 1; c <= columns; c++) {
    const cell = row.getCell(c);
    cell.fill = HEADER_FILL;
    cell.border = THIN;
    cell.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  }
}

// ---- Import --------------------------------------------------------------------------------------

type SheetRow = { row: number; cells: Scalar[] };

type CriterionRow = { row: number; node: CriterionDoc; badPoints: boolean };

type Located = { sheet: string; row: number; column?: string };

class Collector {
  readonly errors: RowError[] = [];
  private readonly rowsWithErrors = new Set<string>();

  add(at: Located, key: string, values?: Record<string, string | number>) {
    const error: RowError = { sheet: at.sheet, row: at.row, key };
    if (at.column) error.column = at.column;
    if (values) error.values = values;
    this.errors.push(error);
    this.rowsWithErrors.add(`${at.sheet}\u0000${at.row}`);
  }

  hasRow(sheet: string, row: number): boolean {
    return this.rowsWithErrors.has(`${sheet}\u0000${row}`);
  }

  hasSheet(sheet: string): boolean {
    return this.errors.some((e) => e.sheet === sheet);
  }
}

/** Reads a criterion set from an XLSX in the layout of frameworkToXlsx. Never throws. */
export async function frameworkFromXlsx(input: Uint8Array | ArrayBuffer): Promise<ImportResult<FrameworkDoc>> {
  try {
    const loaded = await loadWorkbook(input);
    if (!loaded.ok) return { ok: false, errors: [loaded.error], rows: 0 };
    return readWorkbook(loaded.workbook);
  } catch {
    return { ok: false, errors: [fileError("import.file.unreadable")], rows: 0 };
  }
}

function findSheet(workbook: ExcelJS.Workbook, aliases: readonly string[]): ExcelJS.Worksheet | undefined {
  return workbook.worksheets.find((ws) => aliases.includes(normaliseLabel(ws.name)));
}

function readWorkbook(workbook: ExcelJS.Workbook): ImportResult<FrameworkDoc> {
  const infoSheet = findSheet(workbook, SHEET_ALIASES.info);
  const criteriaSheet = findSheet(workbook, SHEET_ALIASES.criteria);
  const missing: RowError[] = [];
  if (!infoSheet) missing.push({ sheet: INFO_SHEET, row: 0, key: "import.sheet.missingSheet", values: { sheet: INFO_SHEET } });
  if (!criteriaSheet) missing.push({ sheet: CRITERIA_SHEET, row: 0, key: "import.sheet.missingSheet", values: { sheet: CRITERIA_SHEET } });
  if (!infoSheet || !criteriaSheet) return { ok: false, errors: missing, rows: 0 };

  const criteriaRows = sheetRows(criteriaSheet);
  const infoRows = sheetRows(infoSheet);
  if (criteriaRows.length > IMPORT_LIMITS.maxRows || infoRows.length > IMPORT_LIMITS.maxRows) {
    return { ok: false, errors: [tooManyRowsError(criteriaSheet.name)], rows: criteriaRows.length };
  }

  const out = new Collector();
  const info = readInfo(infoSheet.name, infoRows, out);
  const criteria = readCriteria(criteriaSheet.name, criteriaRows, out);
  if (!criteria) return { ok: false, errors: sortErrors(out.errors, [infoSheet.name, criteriaSheet.name]), rows: 0 };

  const doc = { format: FORMAT, ...info.fields, classification: info.bands.length > 0 ? info.bands.map((b) => b.band) : undefined, tree: criteria.tree };
  const parsed = frameworkDocSchema.safeParse(doc);
  if (parsed.success && out.errors.length === 0) return { ok: true, value: parsed.data as FrameworkDoc, rows: criteria.rows };

  if (!parsed.success) {
    const sheets = { info: infoSheet.name, criteria: criteriaSheet.name };
    for (const issue of parsed.error.issues) {
      const mapped = mapIssue(issue, doc.tree, sheets, info, criteria);
      if (!mapped) continue;
      if (out.hasRow(mapped.at.sheet, mapped.at.row)) continue;
      if (issue.message === "frameworks.issues.childrenSum" && criteria.suspectParents.has(String(issue.path[1]))) continue;
      if (issue.message === "frameworks.issues.emptyTree" && out.hasSheet(sheets.criteria)) continue;
      if (issue.message === "frameworks.issues.bandsOrder" && info.bandErrors) continue;
      mapped.push(out);
    }
  }
  if (out.errors.length === 0) out.add({ sheet: criteriaSheet.name, row: 0 }, "import.value.invalid");
  return { ok: false, errors: sortErrors(out.errors, [infoSheet.name, criteriaSheet.name]), rows: criteria.rows };
}

// ---- "Thông tin" ----

type InfoRead = {
  fields: Record<string, unknown>;
  fieldRows: Partial<Record<InfoField, number>>;
  bands: { row: number; band: ClassificationBand }[];
  bandErrors: boolean;
  sectionRow: number;
};

function readInfo(sheet: string, rows: SheetRow[], out: Collector): InfoRead {
  const fields: Record<string, unknown> = {};
  const fieldRows: Partial<Record<InfoField, number>> = {};
  const bands: { row: number; band: ClassificationBand }[] = [];
  let bandErrors = false;
  let state: "fields" | "bandHeader" | "bands" = "fields";
  let sectionRow = 0;
  const at = (row: number, column?: string): Located => (column ? { sheet, row, column } : { sheet, row });

  for (const { row, cells } of rows) {
    const first = scalarText(cells[0] ?? null);
    if (state === "fields") {
      const field = matchLabel(first, INFO_ALIASES);
      if (field === null || fieldRows[field] !== undefined) continue;
      fieldRows[field] = row;
      if (field === "classification") {
        state = "bandHeader";
        sectionRow = row;
        continue;
      }
      const value = cells[1] ?? null;
      readInfoField(field, value, at(row, "B"), fields, out);
      continue;
    }
    if (state === "bandHeader") {
      state = "bands";
      if (BAND_HEADER_ALIASES.some((a) => labelCandidates(first).includes(a))) continue;
    }
    const [code, labelVi, labelEn, minIndex] = [0, 1, 2, 3].map((i) => cells[i] ?? null) as [Scalar, Scalar, Scalar, Scalar];
    let ok = true;
    const requireText = (s: Scalar, column: string, name: string) => {
      if (isBlank(s)) {
        out.add(at(row, column), "import.cell.required", { column: name });
        ok = false;
      }
      return scalarText(s);
    };
    const band = {
      code: requireText(code, "A", BAND_HEADERS[0]!),
      labelVi: requireText(labelVi, "B", BAND_HEADERS[1]!),
      labelEn: requireText(labelEn, "C", BAND_HEADERS[2]!),
      minIndex: 0,
    };
    const min = scalarNumber(minIndex);
    if (isBlank(minIndex)) {
      out.add(at(row, "D"), "import.cell.required", { column: BAND_HEADERS[3]! });
      ok = false;
    } else if (min === null) {
      out.add(at(row, "D"), "import.cell.number", { column: BAND_HEADERS[3]!, value: scalarText(minIndex) });
      ok = false;
    } else {
      band.minIndex = min;
    }
    if (ok) bands.push({ row, band });
    else bandErrors = true;
  }

  const required: InfoField[] = ["code", "nameVi", "nameEn", "legalBasis", "unitGroup", "fromYear"];
  for (const field of required) {
    if (fieldRows[field] === undefined) out.add({ sheet, row: 0 }, "import.sheet.missingField", { field: INFO_LABELS[field] });
  }
  return { fields, fieldRows, bands, bandErrors, sectionRow };
}

function readInfoField(field: InfoField, value: Scalar, at: Located, fields: Record<string, unknown>, out: Collector) {
  const name = INFO_LABELS[field];
  switch (field) {
    case "format": {
      const text = scalarText(value).trim();
      if (text !== "" && text !== FORMAT) out.add(at, "import.sheet.formatVersion", { found: text, expected: FORMAT });
      return;
    }
    case "code":
    case "nameVi":
    case "nameEn":
    case "legalBasis":
    case "unitGroup":
      if (isBlank(value)) out.add(at, "import.cell.required", { column: name });
      fields[field] = scalarText(value);
      return;
    case "fromYear":
    case "toYear": {
      if (isBlank(value)) {
        if (field === "fromYear") {
          out.add(at, "import.cell.required", { column: name });
          fields[field] = 2000;
        }
        return;
      }
      const n = scalarNumber(value);
      if (n === null || !Number.isInteger(n)) {
        out.add(at, "import.cell.integer", { column: name, value: scalarText(value) });
        if (field === "fromYear") fields[field] = 2000;
        return;
      }
      fields[field] = n;
      return;
    }
    case "bonusCap":
    case "penaltyCap": {
      if (isBlank(value)) return;
      const n = scalarNumber(value);
      if (n === null) out.add(at, "import.cell.number", { column: name, value: scalarText(value) });
      else fields[field] = n;
      return;
    }
    case "classification":
      return;
  }
}

// ---- "Tiêu chí" ----

type CriteriaRead = {
  tree: CriterionDoc[];
  rows: number;
  /** Excel row of each criterion code, for mapping schema issues back. */
  codeRows: Map<string, number>;
  columns: Map<Column, number>;
  headerRow: number;
  /** Parents whose children's points are not all known (a bad cell, a duplicate): their sum is not checked. */
  suspectParents: Set<string>;
};

function parentOf(code: string): string | null {
  const i = code.lastIndexOf(".");
  return i < 0 ? null : code.slice(0, i);
}

/** Numeric order of code segments ("1.2" < "1.10"); codes match CODE_PATTERN (no leading zeros). */
export function compareCodes(a: string, b: string): number {
  const x = a.split(".");
  const y = b.split(".");
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i]!;
    const q = y[i]!;
    if (p.length !== q.length) return p.length - q.length;
    if (p !== q) return p < q ? -1 : 1;
  }
  return x.length - y.length;
}

function readCriteria(sheet: string, rows: SheetRow[], out: Collector): CriteriaRead | null {
  const headerIndex = rows.slice(0, 10).findIndex((r) => {
    const m = matchHeaders(r.cells, COLUMN_ALIASES);
    return m.has("code") && (m.has("titleVi") || m.has("maxPoints"));
  });
  if (headerIndex < 0) {
    out.add({ sheet, row: 0 }, "import.sheet.missingHeader", { sheet });
    return null;
  }
  const header = rows[headerIndex]!;
  const columns = matchHeaders(header.cells, COLUMN_ALIASES);
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.has(c));
  for (const c of missing) {
    out.add({ sheet, row: header.row }, "import.sheet.missingColumn", { column: COLUMNS.find((x) => x.field === c)!.header });
  }
  if (missing.length > 0) return null;

  const headerText = (c: Column) => scalarText(header.cells[columns.get(c)!] ?? null);
  const letter = (c: Column) => columnLetter(columns.get(c)! + 1);
  const cell = (cells: Scalar[], c: Column): Scalar => (columns.has(c) ? (cells[columns.get(c)!] ?? null) : null);
  /** Text of an optional text cell: null when the cell is empty, the text otherwise (even "" or spaces). */
  const optionalText = (cells: Scalar[], c: Column): string | undefined => {
    const v = cell(cells, c);
    return v === null ? undefined : scalarText(v);
  };

  const byCode = new Map<string, CriterionRow>();
  const suspectParents = new Set<string>();
  let count = 0;
  for (const { row, cells } of rows.slice(headerIndex + 1)) {
    if ([...columns.values()].every((i) => isBlank(cells[i] ?? null))) continue;
    count++;
    const at = (c: Column): Located => ({ sheet, row, column: letter(c) });

    const codeCell = cell(cells, "code");
    const code = scalarText(codeCell).trim();
    let codeOk = true;
    if (code === "") {
      out.add(at("code"), "import.cell.required", { column: headerText("code") });
      codeOk = false;
    } else if (!CODE_PATTERN.test(code)) {
      out.add(at("code"), "import.tree.codeFormat", { code });
      codeOk = false;
    } else if (byCode.has(code)) {
      out.add(at("code"), "import.tree.duplicateCode", { code, firstRow: byCode.get(code)!.row });
      const parent = parentOf(code);
      if (parent) suspectParents.add(parent);
      codeOk = false;
    }

    const text = (c: Column) => {
      const v = cell(cells, c);
      if (isBlank(v)) out.add(at(c), "import.cell.required", { column: headerText(c) });
      return scalarText(v);
    };
    const node: CriterionDoc = { code, titleVi: text("titleVi"), titleEn: text("titleEn"), maxPoints: 0 };

    let badPoints = false;
    const maxCell = cell(cells, "maxPoints");
    const max = scalarNumber(maxCell);
    if (isBlank(maxCell)) {
      out.add(at("maxPoints"), "import.cell.required", { column: headerText("maxPoints") });
      badPoints = true;
    } else if (max === null) {
      out.add(at("maxPoints"), "import.cell.number", { column: headerText("maxPoints"), value: scalarText(maxCell) });
      badPoints = true;
    } else {
      node.maxPoints = max;
    }
    if (badPoints && codeOk) {
      const parent = parentOf(code);
      if (parent) suspectParents.add(parent);
    }

    const sourceCell = cell(cells, "source");
    if (!isBlank(sourceCell)) {
      const source = matchLabel(scalarText(sourceCell), SOURCE_ALIASES);
      if (source === null) out.add(at("source"), "import.cell.source", { value: scalarText(sourceCell) });
      else node.source = source;
    }

    const kindCell = cell(cells, "ruleKind");
    const ruleCell = cell(cells, "rule");
    if (!isBlank(kindCell)) {
      const kind = parseRuleKind(scalarText(kindCell));
      if (kind === null) {
        out.add(at("ruleKind"), "import.cell.ruleKind", { value: scalarText(kindCell) });
      } else {
        const parsed = parseRuleText(kind, scalarText(ruleCell));
        if (parsed.ok) node.rule = parsed.rule;
        else out.add(at("rule"), parsed.key, parsed.values);
      }
    } else if (!isBlank(ruleCell)) {
      out.add(at("ruleKind"), "import.rule.kindMissing");
    }

    const evidenceVi = optionalText(cells, "evidenceVi");
    if (evidenceVi !== undefined) node.evidenceVi = evidenceVi;
    const evidenceEn = optionalText(cells, "evidenceEn");
    if (evidenceEn !== undefined) node.evidenceEn = evidenceEn;

    const mandatoryCell = cell(cells, "evidenceMandatory");
    if (typeof mandatoryCell === "boolean") {
      node.evidenceMandatory = mandatoryCell;
    } else if (!isBlank(mandatoryCell)) {
      const v = normaliseLabel(scalarText(mandatoryCell));
      if ((BOOLEAN_ALIASES.yes as readonly string[]).includes(v)) node.evidenceMandatory = true;
      else if ((BOOLEAN_ALIASES.no as readonly string[]).includes(v)) node.evidenceMandatory = false;
      else out.add(at("evidenceMandatory"), "import.cell.boolean", { column: headerText("evidenceMandatory"), value: scalarText(mandatoryCell) });
    }

    if (codeOk) byCode.set(code, { row, node, badPoints });
  }

  // The tree from the codes: parents sort before their children; siblings in numeric code order.
  const tree: CriterionDoc[] = [];
  const orphans = new Set<string>();
  const codeRows = new Map<string, number>();
  for (const code of [...byCode.keys()].sort(compareCodes)) {
    const entry = byCode.get(code)!;
    codeRows.set(code, entry.row);
    const parent = parentOf(code);
    if (parent === null) {
      tree.push(entry.node);
      continue;
    }
    const parentEntry = byCode.get(parent);
    if (!parentEntry || orphans.has(parent)) {
      if (!orphans.has(parent)) out.add({ sheet, row: entry.row, column: letter("code") }, "import.tree.parentMissing", { code, parent });
      orphans.add(code);
      continue;
    }
    (parentEntry.node.children ??= []).push(entry.node);
  }
  return { tree, rows: count, codeRows, columns, headerRow: header.row, suspectParents };
}

// ---- Schema issues back to rows ----

type Issue = { code: string; path: PropertyKey[]; message: string; params?: Record<string, unknown>; minimum?: unknown; maximum?: unknown; origin?: string };

const ISSUE_COLUMN: Record<string, Column> = {
  codeFormat: "code", codeDuplicate: "code", codePrefix: "code", depth: "code",
  childrenSum: "maxPoints", maxPositive: "maxPoints", decimals: "maxPoints",
  leafWithoutRule: "ruleKind", innerWithRule: "ruleKind", ruleMaximum: "rule",
  surveyRuleSource: "source", selfRuleSurvey: "source",
};

const INFO_FIELDS: readonly InfoField[] = ["code", "nameVi", "nameEn", "legalBasis", "unitGroup", "fromYear", "toYear", "bonusCap", "penaltyCap"];
const BAND_COLUMNS: Record<string, string> = { code: "A", labelVi: "B", labelEn: "C", minIndex: "D" };

function mapIssue(
  issue: Issue,
  tree: CriterionDoc[],
  sheets: { info: string; criteria: string },
  info: InfoRead,
  criteria: CriteriaRead,
): { at: Located; push: (out: Collector) => void } | null {
  const path = issue.path;
  const custom = issue.message.startsWith("frameworks.issues.");
  const issueKey = custom ? issue.message.slice("frameworks.issues.".length) : "";
  // Catalogue keys live under `frameworks.issues` (the schema says `framework.issues`).
  const key = custom ? `frameworks.issues.${issueKey}` : genericKey(issue);
  const values: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(issue.params ?? {})) {
    if (typeof v === "string" || (typeof v === "number" && Number.isFinite(v))) values[k] = v;
  }
  if (!custom) {
    values.detail = issue.message;
    if (typeof issue.maximum === "number" || typeof issue.maximum === "bigint") values.max = Number(issue.maximum);
    if (typeof issue.minimum === "number" || typeof issue.minimum === "bigint") values.min = Number(issue.minimum);
  }
  const letter = (c: Column) => (criteria.columns.has(c) ? columnLetter(criteria.columns.get(c)! + 1) : undefined);
  const make = (at: Located) => ({
    at,
    push: (out: Collector) => out.add(at, key, Object.keys(values).length > 0 ? values : undefined),
  });
  const withColumn = (sheet: string, row: number, column: string | undefined): Located => (column ? { sheet, row, column } : { sheet, row });

  if (path[0] === "tree") {
    if (typeof path[1] === "string") {
      const row = criteria.codeRows.get(path[1]);
      if (row === undefined) return null;
      const column = ISSUE_COLUMN[issueKey];
      return make(withColumn(sheets.criteria, row, column && (letter(column) ?? letter("ruleKind"))));
    }
    if (path.length === 1) return make({ sheet: sheets.criteria, row: criteria.headerRow });
    let nodes: CriterionDoc[] | undefined = tree;
    let node: CriterionDoc | undefined;
    let i = 1;
    while (nodes && typeof path[i] === "number") {
      node = nodes[path[i] as number];
      nodes = node?.children;
      if (path[i + 1] !== "children") break;
      i += 2;
    }
    if (!node) return null;
    const row = criteria.codeRows.get(node.code);
    if (row === undefined) return null;
    const field = path[i + 1];
    const column = field === "rule" ? "rule" : (COLUMNS.find((c) => c.field === field)?.field ?? null);
    return make(withColumn(sheets.criteria, row, column ? letter(column) : undefined));
  }
  if (path[0] === "classification") {
    const band = typeof path[1] === "number" ? info.bands[path[1]] : undefined;
    if (!band) return make({ sheet: sheets.info, row: info.sectionRow });
    return make(withColumn(sheets.info, band.row, BAND_COLUMNS[String(path[2])]));
  }
  if (path.length === 0) {
    if (issueKey === "emptyTree") return make({ sheet: sheets.criteria, row: criteria.headerRow });
    if (issueKey === "years") return make({ sheet: sheets.info, row: info.fieldRows.toYear ?? info.fieldRows.fromYear ?? 0, column: "B" });
    if (issueKey === "bandsOrder") return make({ sheet: sheets.info, row: info.bands[0]?.row ?? info.sectionRow, column: "D" });
    return make({ sheet: sheets.info, row: 0 });
  }
  const field = path[0];
  if (typeof field === "string" && (INFO_FIELDS as readonly string[]).includes(field)) {
    return make({ sheet: sheets.info, row: info.fieldRows[field as InfoField] ?? 0, column: "B" });
  }
  return make({ sheet: sheets.info, row: 0 });
}

function genericKey(issue: Issue): string {
  switch (issue.code) {
    case "too_big":
      return issue.origin === "string" ? "import.value.tooLong" : "import.value.tooBig";
    case "too_small":
      if (issue.origin === "string") return issue.minimum === 1 ? "import.cell.required" : "import.value.tooShort";
      return "import.value.tooSmall";
    case "invalid_format":
      return "import.value.format";
    default:
      return "import.value.invalid";
  }
}
