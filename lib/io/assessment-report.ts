import ExcelJS from "exceljs";
import { toBuffer, xlsxText } from "@/lib/io/framework-xlsx";
import { dateParts, dateTime, fill, fontDocument, pdfText, TextMeasure, type Align, type Line, type Para, type Style } from "@/lib/io/pdf-fonts";

/**
 * A unit's self-assessment report in the official table layout (code, content, maximum points,
 * self score, evidence / explanation), as a printable PDF (A4 landscape) and as an XLSX workbook.
 * Pure: data in, bytes out. Every word on the page comes from `labels` (translated by the caller),
 * except the data itself; numbers follow the locale ("0,5" in Vietnamese).
 */

export type ReportRow = {
  code: string;
  /** 1 for an area (lĩnh vực), 2 for a criterion, … */
  depth: number;
  title: string;
  maxPoints: number;
  isLeaf: boolean;
  source: "SELF" | "SURVEY";
  /** A leaf's self score; for an inner row its subtotal, or null to leave the cell empty. */
  selfScore: number | null;
  declaredValue: number | null;
  declaredUnit?: string;
  explanation: string | null;
  /** Evidence file names. */
  evidence: string[];
};

export type AssessmentReport = {
  locale: "vi" | "en";
  provinceName: string;
  unitName: string;
  unitCode: string;
  year: number;
  frameworkName: string;
  legalBasis: string;
  /** Already translated. */
  status: string;
  submittedAt: Date | null;
  generatedAt: Date;
  /** Tree order, areas and criteria included. */
  rows: ReportRow[];
  totals: { selfPoints: number; maxSelfPoints: number; maxPoints: number };
  /** Every key of REPORT_LABEL_KEYS, translated; `{name}` placeholders are filled in here. */
  labels: Record<string, string>;
};

/**
 * The labels a report needs, with the placeholders each may use:
 * - authority `{province}` (upper-cased on the page), nation, motto, placeDate `{province} {day} {month} {year}`
 *   (the date of submission, else of generation), title `{year}`;
 * - unitLine `{unit} {code}`, frameworkLine `{framework}`, legalBasisLine `{legalBasis}` (skipped when the legal
 *   basis is empty), statusLine `{status}`, submittedLine `{date}` (only when submitted);
 * - the columns colCode, colTitle, colMax, colSelf, colEvidence;
 * - in the self-score column: survey (survey-scored rows), notScored (a self-scored leaf without a score);
 * - in the evidence column: declared `{value}` (the declared figure with its unit), explanation `{text}`;
 * - total (the totals row), totalsNote `{self} {maxSelf} {survey}` (survey = maximum − maximum self points);
 * - signer, signerNote (the signature block); generated `{time}`, page `{page} {pages}` (footer);
 * - sheetName (the worksheet's name; at most 31 characters are kept).
 */
export const REPORT_LABEL_KEYS = [
  "authority",
  "nation",
  "motto",
  "placeDate",
  "title",
  "unitLine",
  "frameworkLine",
  "legalBasisLine",
  "statusLine",
  "submittedLine",
  "colCode",
  "colTitle",
  "colMax",
  "colSelf",
  "colEvidence",
  "survey",
  "notScored",
  "declared",
  "explanation",
  "total",
  "totalsNote",
  "signer",
  "signerNote",
  "generated",
  "page",
  "sheetName",
] as const;

export type ReportLabelKey = (typeof REPORT_LABEL_KEYS)[number];

// ---- Shared: texts of the page -------------------------------------------------------------------

type Texts = {
  authority: string;
  unit: string;
  nation: string;
  motto: string;
  placeDate: string;
  title: string;
  info: string[];
  columns: [string, string, string, string, string];
  total: string;
  totalsNote: string;
  signer: string;
  signerNote: string;
  generated: string;
  /** The page label with `{page}` and `{pages}` left in. */
  page: string;
  sheetName: string;
};

type Cells = { code: string; title: string; max: string; self: Para; evidence: Para[] };

function label(r: AssessmentReport, key: ReportLabelKey, values: Record<string, string | number> = {}): string {
  return fill(r.labels[key] ?? key, values);
}

function localeTag(r: AssessmentReport): string {
  return r.locale === "vi" ? "vi-VN" : "en-GB";
}

/** Points with at most 2 decimals and no grouping: "0,5" (vi), "0.5" (en), "20". */
export function formatReportPoints(value: number, locale: AssessmentReport["locale"]): string {
  const text = new Intl.NumberFormat(locale === "vi" ? "vi-VN" : "en-GB", { maximumFractionDigits: 2, useGrouping: false }).format(value);
  return text === "-0" ? "0" : text;
}

function formatDeclared(r: AssessmentReport, value: number, unit: string | undefined): string {
  const text = new Intl.NumberFormat(localeTag(r), { maximumFractionDigits: 4 }).format(value);
  const u = unit?.trim() ?? "";
  if (u === "") return text;
  return u === "%" ? `${text}%` : `${text} ${u}`;
}

function upper(r: AssessmentReport, s: string): string {
  return s.toLocaleUpperCase(localeTag(r));
}

function texts(r: AssessmentReport): Texts {
  const dated = dateParts(r.submittedAt ?? r.generatedAt);
  const fmt = (n: number) => formatReportPoints(n, r.locale);
  const info = [
    label(r, "unitLine", { unit: r.unitName, code: r.unitCode }),
    label(r, "frameworkLine", { framework: r.frameworkName }),
  ];
  if (r.legalBasis.trim() !== "") info.push(label(r, "legalBasisLine", { legalBasis: r.legalBasis }));
  const status = label(r, "statusLine", { status: r.status });
  info.push(r.submittedAt ? `${status}; ${label(r, "submittedLine", { date: dateTime(r.submittedAt) })}` : status);
  return {
    authority: upper(r, label(r, "authority", { province: r.provinceName })),
    unit: upper(r, r.unitName),
    nation: label(r, "nation"),
    motto: label(r, "motto"),
    placeDate: label(r, "placeDate", { province: r.provinceName, day: dated.day, month: dated.month, year: dated.year }),
    title: label(r, "title", { year: r.year }),
    info,
    columns: [label(r, "colCode"), label(r, "colTitle"), label(r, "colMax"), label(r, "colSelf"), label(r, "colEvidence")],
    total: label(r, "total"),
    totalsNote: label(r, "totalsNote", {
      self: fmt(r.totals.selfPoints),
      maxSelf: fmt(r.totals.maxSelfPoints),
      survey: fmt(Math.round((r.totals.maxPoints - r.totals.maxSelfPoints) * 100) / 100),
    }),
    signer: label(r, "signer"),
    signerNote: label(r, "signerNote"),
    generated: label(r, "generated", { time: dateTime(r.generatedAt) }),
    page: r.labels.page ?? "{page}/{pages}",
    sheetName: label(r, "sheetName"),
  };
}

/** What the self-score column shows: a number, the survey mark, "not scored", or nothing. */
function selfCell(r: AssessmentReport, row: ReportRow): { value: number | null; text: string; style: Style } {
  if (row.source === "SURVEY") return { value: null, text: label(r, "survey"), style: "italic" };
  if (row.selfScore !== null) return { value: row.selfScore, text: formatReportPoints(row.selfScore, r.locale), style: row.isLeaf ? "regular" : "bold" };
  return row.isLeaf ? { value: null, text: label(r, "notScored"), style: "italic" } : { value: null, text: "", style: "regular" };
}

/** The evidence column: declared value, file names (one a line), explanation. */
function evidenceParas(r: AssessmentReport, row: ReportRow): Para[] {
  const out: Para[] = [];
  if (row.declaredValue !== null) out.push({ text: label(r, "declared", { value: formatDeclared(r, row.declaredValue, row.declaredUnit) }), style: "regular" });
  for (const file of row.evidence) if (file.trim() !== "") out.push({ text: `• ${file.trim()}`, style: "regular" });
  if (row.explanation !== null && row.explanation.trim() !== "") out.push({ text: label(r, "explanation", { text: row.explanation.trim() }), style: "italic" });
  return out;
}

function cells(r: AssessmentReport, row: ReportRow): Cells {
  const self = selfCell(r, row);
  return {
    code: row.code,
    title: row.title,
    max: formatReportPoints(row.maxPoints, r.locale),
    self: { text: self.text, style: self.style },
    evidence: evidenceParas(r, row),
  };
}

// ---- XLSX ----------------------------------------------------------------------------------------

const BLACK_THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin", color: { argb: "FF000000" } },
  left: { style: "thin", color: { argb: "FF000000" } },
  bottom: { style: "thin", color: { argb: "FF000000" } },
  right: { style: "thin", color: { argb: "FF000000" } },
};
const XLSX_HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE7E6E6" } };
const XLSX_AREA_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };
const XLSX_FONT = "Times New Roman";
/** Column widths in characters: code, content, max, self, evidence. */
const XLSX_WIDTHS = [10, 58, 11, 13, 58] as const;
/**
 * Spreadsheet programs do not reliably fit row heights to wrapped text, so heights are set from the text
 * measured with Noto Serif, scaled to Times New Roman (about 0.86 as wide; 0.9 keeps a margin).
 */
const XLSX_WIDTH_SCALE = 0.9;

/** A column width in points (Excel: characters of the default font, 7 px each plus 5 px, at 96 dpi). */
function xlsxColumnPoints(from: number, to: number): number {
  return XLSX_WIDTHS.slice(from - 1, to).reduce((s, w) => s + Math.trunc(w * 7 + 5) * 0.75, 0);
}

function xlsxLineHeight(size: number): number {
  return size * 1.3;
}

/** The report as a workbook with one sheet laid out like the printed table. */
export async function assessmentReportXlsx(r: AssessmentReport): Promise<Buffer> {
  const t = texts(r);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "PAR INDEX";
  workbook.title = xlsxText(t.title);
  workbook.subject = xlsxText(r.unitName);
  workbook.created = r.generatedAt;
  workbook.modified = r.generatedAt;
  const ws = workbook.addWorksheet(sheetName(t.sheetName), {
    pageSetup: {
      paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true,
      margins: { left: 0.5, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
  });
  const measure = new TextMeasure(fontDocument({ autoFirstPage: false }), XLSX_WIDTH_SCALE);
  /** Sets a row's height to fit `lines` lines (never lowering a height set before). */
  const fitRow = (n: number, lines: number, size: number) => {
    const height = Math.max(15, Math.ceil((lines * xlsxLineHeight(size) + 3) * 4) / 4);
    if (height > (ws.getRow(n).height ?? 0)) ws.getRow(n).height = height;
  };
  const linesOf = (paras: readonly Para[], from: number, to: number, size: number, indent = 0) =>
    paras.length === 0 ? 1 : measure.wrap(paras, xlsxColumnPoints(from, to) - 6 - indent * 9, size).length;
  ws.columns = XLSX_WIDTHS.map((width) => ({ width }));
  const font = (extra: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> => ({ name: XLSX_FONT, size: 12, ...extra });
  const merged = (row: number, from: number, to: number, value: string, f: Partial<ExcelJS.Font>) => {
    ws.mergeCells(row, from, row, to);
    const cell = ws.getCell(row, from);
    cell.value = xlsxText(value);
    cell.font = f;
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    const style: Style = f.bold ? "bold" : f.italic ? "italic" : "regular";
    fitRow(row, linesOf([{ text: value, style }], from, to, f.size ?? 12), f.size ?? 12);
  };

  // The official heading: issuing body on the left, national motto on the right.
  merged(1, 1, 2, t.authority, font());
  merged(1, 3, 5, t.nation, font({ bold: true }));
  merged(2, 1, 2, t.unit, font({ bold: true }));
  merged(2, 3, 5, t.motto, font({ bold: true, size: 13, underline: true }));
  merged(3, 3, 5, t.placeDate, font({ italic: true }));
  let row = 5;
  merged(row++, 1, 5, t.title, font({ bold: true, size: 14 }));
  for (const line of t.info) merged(row++, 1, 5, line, font({ size: 12 }));
  row++;

  const headerRow = row++;
  const header = ws.getRow(headerRow);
  header.values = t.columns.map(xlsxText);
  fitRow(headerRow, Math.max(2, ...t.columns.map((text, i) => linesOf([{ text, style: "bold" }], i + 1, i + 1, 11))), 11);
  for (let c = 1; c <= 5; c++) {
    const cell = header.getCell(c);
    cell.font = font({ bold: true, size: 11 });
    cell.fill = XLSX_HEADER_FILL;
    cell.border = BLACK_THIN;
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
  }

  for (const reportRow of r.rows) {
    const c = cells(r, reportRow);
    const self = selfCell(r, reportRow);
    const line = ws.getRow(row++);
    line.values = [
      xlsxText(c.code),
      xlsxText(c.title),
      reportRow.maxPoints,
      self.value ?? (self.text === "" ? null : xlsxText(self.text)),
      c.evidence.length === 0 ? null : xlsxText(c.evidence.map((p) => p.text).join("\n")),
    ];
    const inner = !reportRow.isLeaf;
    for (let col = 1; col <= 5; col++) {
      const cell = line.getCell(col);
      cell.border = BLACK_THIN;
      cell.font = font({ size: 11, bold: inner });
      if (reportRow.depth === 1) cell.fill = XLSX_AREA_FILL;
      cell.alignment = {
        vertical: "top",
        wrapText: col === 2 || col === 5,
        horizontal: col === 1 || col === 3 || col === 4 ? "center" : "left",
        ...(col === 2 ? { indent: Math.max(0, reportRow.depth - 1) } : {}),
      };
    }
    line.getCell(1).numFmt = "@";
    if (self.style === "italic") line.getCell(4).font = font({ size: 11, italic: true });
    const main: Style = inner ? "bold" : "regular";
    fitRow(line.number, Math.max(
      linesOf([{ text: c.title, style: main }], 2, 2, 11, Math.max(0, reportRow.depth - 1)),
      linesOf(c.evidence, 5, 5, 11),
    ), 11);
  }

  const totalRow = ws.getRow(row);
  ws.mergeCells(row, 1, row, 2);
  totalRow.getCell(1).value = xlsxText(t.total);
  totalRow.getCell(3).value = r.totals.maxPoints;
  totalRow.getCell(4).value = r.totals.selfPoints;
  totalRow.getCell(5).value = xlsxText(t.totalsNote);
  for (let col = 1; col <= 5; col++) {
    const cell = totalRow.getCell(col);
    cell.border = BLACK_THIN;
    cell.font = font({ size: 11, bold: true });
    cell.fill = XLSX_HEADER_FILL;
    cell.alignment = { vertical: "top", wrapText: col === 5, horizontal: col === 5 ? "left" : "center" };
  }
  fitRow(row, linesOf([{ text: t.totalsNote, style: "bold" }], 5, 5, 11), 11);
  row += 2;
  merged(row++, 4, 5, t.signer, font({ bold: true }));
  merged(row++, 4, 5, t.signerNote, font({ italic: true }));

  ws.pageSetup.printTitlesRow = `${headerRow}:${headerRow}`;
  const footerText = (s: string) => xlsxText(s).replace(/&/g, "&&");
  const pageText = footerText(t.page).replace("{page}", "&P").replace("{pages}", "&N");
  ws.headerFooter = { oddFooter: `&L&"${XLSX_FONT},Italic"&9${footerText(t.generated)}&R&"${XLSX_FONT},Regular"&9${pageText}` };
  return toBuffer(new Uint8Array(await workbook.xlsx.writeBuffer()));
}

/** A worksheet name Excel accepts: no []:*?/\, at most 31 characters, not empty. */
function sheetName(name: string): string {
  const clean = [...xlsxText(name).replace(/[[\]:*?/\\]/g, " ").replace(/^'+|'+$/g, "").trim()].slice(0, 31).join("").trim();
  return clean === "" ? "Report" : clean;
}

// ---- PDF -----------------------------------------------------------------------------------------

// A4 landscape, in points.
const PAGE = { width: 841.89, height: 595.28 };
const MARGIN = { left: 40, right: 32, top: 34, bottom: 42 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const BODY_BOTTOM = PAGE.height - MARGIN.bottom;
/** Column widths: code, content, max, self, evidence (the rest). */
const COL_WIDTHS = [50, 282, 62, 88] as const;
const COLS = [...COL_WIDTHS, CONTENT_WIDTH - COL_WIDTHS.reduce((s, w) => s + w, 0)];
const TABLE_SIZE = 9;
const PAD = { x: 4, y: 3 };
const HEADER_FILL = "#e7e6e6";
const AREA_FILL = "#f2f2f2";

/** A cell from column `col` over `span` columns. */
type Cell = { lines: Line[]; align: Align; indent: number; col: number; span: number };

class PdfWriter extends TextMeasure {
  y = MARGIN.top;

  constructor(r: AssessmentReport, title: string) {
    super(
      fontDocument({
        size: "A4",
        layout: "landscape",
        // The layout is computed here; pdfkit's own margins would add pages behind our back.
        margins: { top: 0, bottom: 0, left: 0, right: 0 },
        bufferPages: true,
        autoFirstPage: true,
        lang: r.locale === "vi" ? "vi-VN" : "en-GB",
        displayTitle: true,
        info: { Title: title, Author: r.unitName, Subject: r.frameworkName, Creator: "PAR INDEX", Producer: "PAR INDEX", CreationDate: r.generatedAt },
      }),
    );
  }

  drawLine(text: string, style: Style, size: number, x: number, y: number, width: number, align: Align) {
    if (text === "") return;
    const w = this.width(text, style, size);
    const dx = align === "center" ? (width - w) / 2 : align === "right" ? width - w : 0;
    this.doc.font(style).fontSize(size).fillColor("black").text(text, x + Math.max(0, dx), y, { lineBreak: false });
  }

  /** A block of centred (or aligned) wrapped text at the current y within [x, x + width]; returns its height. */
  block(paras: readonly Para[], size: number, x: number, width: number, align: Align, y = this.y): number {
    const lh = this.lineHeight(size);
    const lines = this.wrap(paras, width, size);
    lines.forEach((l, i) => this.drawLine(l.text, l.style, size, x, y + i * lh, width, align));
    return lines.length * lh;
  }

  underline(centerX: number, y: number, length: number) {
    this.doc.moveTo(centerX - length / 2, y).lineTo(centerX + length / 2, y).lineWidth(0.6).strokeColor("black").stroke();
  }

  addPage() {
    this.doc.addPage({ size: "A4", layout: "landscape", margins: { top: 0, bottom: 0, left: 0, right: 0 } });
    this.y = MARGIN.top;
  }
}

/** The report as a PDF: A4 landscape, Noto Serif embedded, table header on every page, page numbers. */
export async function assessmentReportPdf(r: AssessmentReport): Promise<Buffer> {
  const t = nfcTexts(texts(r));
  const w = new PdfWriter(r, t.title);
  const { doc } = w;
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on("end", () => resolve());
    doc.on("error", reject);
  });

  heading(w, t);
  table(w, r, t);
  signature(w, t);
  footers(w, t);

  doc.end();
  await done;
  return Buffer.concat(chunks);
}

function heading(w: PdfWriter, t: Texts) {
  const leftWidth = 300;
  const rightWidth = 400;
  const leftX = MARGIN.left;
  const rightX = PAGE.width - MARGIN.right - rightWidth;
  const top = w.y;

  let yl = top;
  yl += w.block([{ text: t.authority, style: "regular" }], 11, leftX, leftWidth, "center", yl);
  yl += w.block([{ text: t.unit, style: "bold" }], 11, leftX, leftWidth, "center", yl);
  w.underline(leftX + leftWidth / 2, yl + 2, 80);
  yl += 8;

  let yr = top;
  yr += w.block([{ text: t.nation, style: "bold" }], 11, rightX, rightWidth, "center", yr);
  const mottoWidth = Math.min(rightWidth, w.width(t.motto, "bold", 12));
  yr += w.block([{ text: t.motto, style: "bold" }], 12, rightX, rightWidth, "center", yr);
  w.underline(rightX + rightWidth / 2, yr + 1, mottoWidth);
  yr += 8;
  yr += w.block([{ text: t.placeDate, style: "italic" }], 11, rightX, rightWidth, "center", yr);

  w.y = Math.max(yl, yr) + 14;
  w.y += w.block([{ text: t.title, style: "bold" }], 13, MARGIN.left + 40, CONTENT_WIDTH - 80, "center");
  w.y += 4;
  w.y += w.block(t.info.map((text) => ({ text, style: "regular" as const })), 10, MARGIN.left + 40, CONTENT_WIDTH - 80, "center");
  w.y += 10;
}

function columnX(i: number): number {
  return MARGIN.left + COLS.slice(0, i).reduce((s, c) => s + c, 0);
}

function tableHeader(w: PdfWriter, t: Texts) {
  const size = TABLE_SIZE;
  const lh = w.lineHeight(size);
  const cellsLines = t.columns.map((text, i) => w.wrap([{ text, style: "bold" }], COLS[i]! - 2 * PAD.x, size));
  const height = Math.max(...cellsLines.map((l) => l.length)) * lh + 2 * PAD.y + 2;
  const { doc } = w;
  doc.rect(MARGIN.left, w.y, CONTENT_WIDTH, height).fill(HEADER_FILL);
  cellsLines.forEach((lines, i) => {
    const top = w.y + (height - lines.length * lh) / 2;
    lines.forEach((l, k) => w.drawLine(l.text, "bold", size, columnX(i) + PAD.x, top + k * lh, COLS[i]! - 2 * PAD.x, "center"));
    doc.rect(columnX(i), w.y, COLS[i]!, height).lineWidth(0.6).strokeColor("black").stroke();
  });
  w.y += height;
}

type PreparedRow = { cells: Cell[]; lines: number; fill: string | null };

function spanWidth(col: number, span: number): number {
  return COLS.slice(col, col + span).reduce((s, c) => s + c, 0);
}

function prepareCells(w: PdfWriter, specs: { paras: Para[]; align: Align; indent?: number; col: number; span?: number }[], fill: string | null): PreparedRow {
  const cellList = specs.map(({ paras, align, indent = 0, col, span = 1 }) => ({
    lines: paras.every((p) => p.text === "") ? [] : w.wrap(paras, spanWidth(col, span) - 2 * PAD.x - indent, TABLE_SIZE),
    align,
    indent,
    col,
    span,
  }));
  return { cells: cellList, lines: Math.max(1, ...cellList.map((x) => x.lines.length)), fill };
}

function prepareRow(w: PdfWriter, c: Cells, bold: boolean, indent: number, fill: string | null): PreparedRow {
  const main: Style = bold ? "bold" : "regular";
  return prepareCells(w, [
    { paras: [{ text: c.code, style: main }], align: "center", col: 0 },
    { paras: [{ text: c.title, style: main }], align: "left", indent, col: 1 },
    { paras: [{ text: c.max, style: main }], align: "center", col: 2 },
    { paras: [c.self], align: "center", col: 3 },
    { paras: c.evidence, align: "left", col: 4 },
  ], fill);
}

function rowHeight(w: PdfWriter, lines: number): number {
  return lines * w.lineHeight(TABLE_SIZE) + 2 * PAD.y;
}

/** Draws lines [from, from + count) of every cell of a row at the current y. */
function drawRowSlice(w: PdfWriter, row: PreparedRow, from: number, count: number) {
  const { doc } = w;
  const lh = w.lineHeight(TABLE_SIZE);
  const height = count * lh + 2 * PAD.y;
  if (row.fill) doc.rect(MARGIN.left, w.y, CONTENT_WIDTH, height).fill(row.fill);
  for (const cell of row.cells) {
    const x = columnX(cell.col);
    const width = spanWidth(cell.col, cell.span);
    // A row continued from the previous page repeats its code.
    const shown = from > 0 && cell.col === 0 && cell.lines.length <= from ? cell.lines.slice(0, 1) : cell.lines.slice(from, from + count);
    shown.forEach((l, k) => {
      w.drawLine(l.text, l.style, TABLE_SIZE, x + PAD.x + cell.indent, w.y + PAD.y + k * lh, width - 2 * PAD.x - cell.indent, cell.align);
    });
    doc.rect(x, w.y, width, height).lineWidth(0.6).strokeColor("black").stroke();
  }
  w.y += height;
}

/** Height kept free under the table for the signature block (title, note, room to sign). */
function signatureHeight(w: PdfWriter): number {
  return 16 + w.lineHeight(11) + w.lineHeight(10) + 64;
}

function table(w: PdfWriter, r: AssessmentReport, t: Texts) {
  const rows = r.rows.map((row) =>
    prepareRow(w, nfcCells(cells(r, row)), !row.isLeaf, Math.max(0, row.depth - 1) * 8, row.depth === 1 ? AREA_FILL : null),
  );
  // The totals row: its caption spans the code and content columns.
  const totals = prepareCells(w, [
    { paras: [{ text: t.total, style: "bold" }], align: "center", col: 0, span: 2 },
    { paras: [{ text: formatReportPoints(r.totals.maxPoints, r.locale), style: "bold" }], align: "center", col: 2 },
    { paras: [{ text: formatReportPoints(r.totals.selfPoints, r.locale), style: "bold" }], align: "center", col: 3 },
    { paras: [{ text: t.totalsNote, style: "regular" }], align: "left", col: 4 },
  ], HEADER_FILL);
  // An area or criterion row stays with the rows down to its first leaf; the last rows, the totals row and
  // the signature block stay together.
  const blocks = [
    ...rows.map((row, i) => ({ row, keepWithNext: !r.rows[i]!.isLeaf || i === rows.length - 1 })),
    { row: totals, keepWithNext: true },
  ];

  const lh = w.lineHeight(TABLE_SIZE);
  tableHeader(w, t);
  let headerBottom = w.y;
  const newPage = () => {
    w.addPage();
    tableHeader(w, t);
    headerBottom = w.y;
  };
  const bodyHeight = () => BODY_BOTTOM - headerBottom;

  blocks.forEach((block, index) => {
    const { row } = block;
    const height = rowHeight(w, row.lines);
    let group = height;
    for (let j = index; blocks[j]?.keepWithNext; j++) {
      const next = blocks[j + 1];
      group += next ? rowHeight(w, next.row.lines) : signatureHeight(w);
    }
    const onFreshPage = w.y <= headerBottom + 0.01;
    if (!onFreshPage && w.y + group > BODY_BOTTOM && group <= bodyHeight()) {
      newPage();
    } else if (!onFreshPage && w.y + height > BODY_BOTTOM && (height <= bodyHeight() || BODY_BOTTOM - w.y < 3 * lh + 2 * PAD.y)) {
      newPage();
    }
    // A row taller than a page continues on the next one, line by line.
    let from = 0;
    while (from < row.lines) {
      const fit = Math.max(1, Math.floor((BODY_BOTTOM - w.y - 2 * PAD.y) / lh));
      const count = Math.min(fit, row.lines - from);
      drawRowSlice(w, row, from, count);
      from += count;
      if (from < row.lines) newPage();
    }
  });
}

function signature(w: PdfWriter, t: Texts) {
  const width = 320;
  const x = PAGE.width - MARGIN.right - width;
  if (w.y + signatureHeight(w) > BODY_BOTTOM) w.addPage();
  w.y += 16;
  w.y += w.block([{ text: t.signer, style: "bold" }], 11, x, width, "center");
  w.y += w.block([{ text: t.signerNote, style: "italic" }], 10, x, width, "center");
}

function footers(w: PdfWriter, t: Texts) {
  const { doc } = w;
  const range = doc.bufferedPageRange();
  const y = PAGE.height - MARGIN.bottom + 14;
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    doc.moveTo(MARGIN.left, y - 4).lineTo(PAGE.width - MARGIN.right, y - 4).lineWidth(0.4).strokeColor("#808080").stroke();
    w.drawLine(t.generated, "italic", 8, MARGIN.left, y, CONTENT_WIDTH / 2, "left");
    const page = fill(t.page, { page: i + 1, pages: range.count });
    w.drawLine(page, "regular", 8, MARGIN.left + CONTENT_WIDTH / 2, y, CONTENT_WIDTH / 2, "right");
  }
}

function nfcTexts(t: Texts): Texts {
  return {
    ...t,
    authority: pdfText(t.authority), unit: pdfText(t.unit), nation: pdfText(t.nation), motto: pdfText(t.motto),
    placeDate: pdfText(t.placeDate), title: pdfText(t.title), info: t.info.map(pdfText),
    columns: t.columns.map(pdfText) as Texts["columns"], total: pdfText(t.total), totalsNote: pdfText(t.totalsNote),
    signer: pdfText(t.signer), signerNote: pdfText(t.signerNote), generated: pdfText(t.generated), page: pdfText(t.page),
  };
}

function nfcCells(c: Cells): Cells {
  return {
    code: pdfText(c.code),
    title: pdfText(c.title),
    max: c.max,
    self: { ...c.self, text: pdfText(c.self.text) },
    evidence: c.evidence.map((p) => ({ ...p, text: pdfText(p.text) })),
  };
}
