import { A4Report, dateTime, fill, pdfBytes, pdfText, shortDate, type Align, type Para, type Style } from "@/lib/io/pdf-fonts";

/**
 * The printable report of an inspection (báo cáo kết quả kiểm tra công tác CCHC), A4 portrait: the
 * decision, the team, the inspected unit and dates, the findings table (area, limitation, severity,
 * recommendation, remediation deadline, status) and the conclusion. Pure: the inspection's facts and
 * the translated words in, bytes out.
 */

export type ReportFinding = {
  areaCode: string;
  /** The area's title in the reader's language, when known. */
  areaTitle: string | null;
  limitation: string;
  /** Severity and status in words. */
  severity: string;
  recommendation: string;
  dueAt: Date;
  status: string;
  overdue: boolean;
  closingNote: string | null;
};

export type ReportInspection = {
  year: number;
  decisionNumber: string;
  decisionDate: Date;
  unitName: string;
  members: string[];
  startsAt: Date;
  endsAt: Date;
  /** The inspection's status in words. */
  status: string;
  conclusion: string | null;
  findings: ReportFinding[];
  closed: number;
};

/**
 * The labels, with their placeholders:
 * - title, subtitle `{unit}`, province `{province}`, generated `{time}`, page `{page} {pages}`;
 * - decisionHeading, decision `{number} {date} {year}`, teamHeading, noTeam, periodHeading, period `{start} {end}`, statusLine `{status}`;
 * - findingsHeading `{count} {closed}`, noFindings, colNo, colArea, colLimitation, colSeverity, colRecommendation, colDue, colStatus,
 *   overdue, note `{note}`;
 * - conclusionHeading, noConclusion.
 */
export const INSPECTION_REPORT_LABEL_KEYS = [
  "title", "subtitle", "province", "generated", "page",
  "decisionHeading", "decision", "teamHeading", "noTeam", "periodHeading", "period", "statusLine",
  "findingsHeading", "noFindings", "colNo", "colArea", "colLimitation", "colSeverity", "colRecommendation", "colDue", "colStatus", "overdue", "note",
  "conclusionHeading", "noConclusion",
] as const;
export type InspectionReportLabelKey = (typeof INSPECTION_REPORT_LABEL_KEYS)[number];

export type InspectionReportInput = {
  locale: "vi" | "en";
  provinceName: string;
  generatedAt: Date;
  inspection: ReportInspection;
  labels: Record<InspectionReportLabelKey, string>;
};

// A4 portrait, in points.
const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { left: 48, right: 40, top: 44, bottom: 52 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const BODY_BOTTOM = PAGE.height - MARGIN.bottom;
const BODY_SIZE = 10.5;
const TABLE_SIZE = 8.5;
const PAD = { x: 3.5, y: 3 };
const HEADER_FILL = "#e7e6e6";
const STRIPE_FILL = "#f6f6f6";
const RULE = "#6b6b6b";
/** Okabe–Ito vermillion for an overdue deadline (the word says it too). */
const LATE = "#D55E00";

type Column = { title: string; width: number; align: Align };
type Cell = { paras: Para[]; color?: string };
type Prepared = { cells: { lines: Para[]; color?: string }[]; lines: number };

class ReportWriter extends A4Report {
  y = MARGIN.top;

  constructor(input: InspectionReportInput, title: string) {
    super({ locale: input.locale, title, author: input.provinceName, createdAt: input.generatedAt });
  }


  /** Wrapped text at the current y, onto a new page when the page is full; moves y below it. */
  block(paras: readonly Para[], size = BODY_SIZE, align: Align = "left", x = MARGIN.left, width = CONTENT_WIDTH) {
    const lh = this.lineHeight(size);
    for (const line of this.wrap(paras, width, size)) {
      this.ensure(lh);
      this.drawLine(line.text, line.style, size, x, this.y, width, align);
      this.y += lh;
    }
  }

  heading(text: string) {
    this.ensure(this.lineHeight(11) * 3);
    this.y += 6;
    this.block([{ text, style: "bold" }], 11);
    this.y += 3;
  }

  addPage() {
    this.doc.addPage({ size: "A4", margins: { top: 0, bottom: 0, left: 0, right: 0 } });
    this.y = MARGIN.top;
  }

  ensure(height: number) {
    if (this.y + height > BODY_BOTTOM && this.y > MARGIN.top) this.addPage();
  }
}

function prepare(w: ReportWriter, columns: readonly Column[], cells: readonly Cell[]): Prepared {
  const out = cells.map((cell, i) => ({ lines: w.wrap(cell.paras, columns[i]!.width - 2 * PAD.x, TABLE_SIZE), color: cell.color }));
  return { cells: out, lines: Math.max(1, ...out.map((c) => c.lines.length)) };
}

const rowHeight = (w: ReportWriter, lines: number) => lines * w.lineHeight(TABLE_SIZE) + 2 * PAD.y;

function drawRow(w: ReportWriter, columns: readonly Column[], row: Prepared, fillColor: string | null, header = false) {
  const lh = w.lineHeight(TABLE_SIZE);
  const height = rowHeight(w, row.lines);
  if (fillColor) w.doc.rect(MARGIN.left, w.y, CONTENT_WIDTH, height).fill(fillColor);
  let x = MARGIN.left;
  row.cells.forEach((cell, i) => {
    const col = columns[i]!;
    const top = header ? w.y + (height - cell.lines.length * lh) / 2 : w.y + PAD.y;
    cell.lines.forEach((line, k) => w.drawLine(line.text, header ? "bold" : line.style, TABLE_SIZE, x + PAD.x, top + k * lh, col.width - 2 * PAD.x,
      header ? "center" : col.align, cell.color));
    w.doc.rect(x, w.y, col.width, height).lineWidth(0.5).strokeColor(RULE).stroke();
    x += col.width;
  });
  w.y += height;
}

/** A table whose header row repeats on every page it runs onto. */
function table(w: ReportWriter, columns: readonly Column[], rows: readonly Cell[][]) {
  const header = prepare(w, columns, columns.map((c) => ({ paras: [{ text: c.title, style: "bold" }] })));
  const body = rows.map((cells) => prepare(w, columns, cells));
  w.ensure(rowHeight(w, header.lines) + (body[0] ? rowHeight(w, body[0].lines) : 0));
  drawRow(w, columns, header, HEADER_FILL, true);
  body.forEach((row, i) => {
    if (w.y + rowHeight(w, row.lines) > BODY_BOTTOM) {
      w.addPage();
      drawRow(w, columns, header, HEADER_FILL, true);
    }
    drawRow(w, columns, row, i % 2 === 1 ? STRIPE_FILL : null);
  });
  w.y += 10;
}

/** The inspection report as a PDF: A4 portrait, Noto Serif embedded, the findings header repeated, page numbers. */
export async function inspectionReportPdf(input: InspectionReportInput): Promise<Buffer> {
  const { inspection: i } = input;
  const label = (key: InspectionReportLabelKey, values: Record<string, string | number> = {}) => pdfText(fill(input.labels[key] ?? key, values));
  const title = label("title");
  const w = new ReportWriter(input, title);
  const text = (t: string, style: Style = "regular"): Para[] => [{ text: pdfText(t), style }];
  const upper = (s: string) => s.toLocaleUpperCase(input.locale === "vi" ? "vi-VN" : "en-GB");

  return pdfBytes(w.doc, () => {
    w.block(text(upper(label("province", { province: input.provinceName })), "bold"), 10, "center");
    w.y += 10;
    w.block(text(upper(title), "bold"), 14, "center", MARGIN.left + 20, CONTENT_WIDTH - 40);
    w.y += 2;
    w.block(text(label("subtitle", { unit: i.unitName }), "bold"), 11.5, "center", MARGIN.left + 20, CONTENT_WIDTH - 40);
    w.y += 12;

    w.heading(label("decisionHeading"));
    w.block(text(label("decision", { number: i.decisionNumber, date: shortDate(i.decisionDate), year: i.year })));

    w.heading(label("teamHeading"));
    if (i.members.length === 0) w.block(text(label("noTeam"), "italic"));
    i.members.forEach((m, k) => w.block(text(`${k + 1}. ${m}`), BODY_SIZE, "left", MARGIN.left + 12, CONTENT_WIDTH - 12));

    w.heading(label("periodHeading"));
    w.block(text(label("period", { start: shortDate(i.startsAt), end: shortDate(i.endsAt) })));
    w.block(text(label("statusLine", { status: i.status })));

    w.heading(label("findingsHeading", { count: i.findings.length, closed: i.closed }));
    if (i.findings.length === 0) w.block(text(label("noFindings"), "italic"));
    else {
      const widths = [22, 72, 128, 48, 118, 54];
      const columns: Column[] = [...widths, CONTENT_WIDTH - widths.reduce((s, x) => s + x, 0)].map((width, k) => ({
        width,
        title: label((["colNo", "colArea", "colLimitation", "colSeverity", "colRecommendation", "colDue", "colStatus"] as const)[k]!),
        align: k === 0 || k === 3 || k === 5 ? "center" : "left",
      }));
      table(w, columns, i.findings.map((f, k) => [
        { paras: text(String(k + 1)) },
        { paras: [{ text: pdfText(f.areaCode), style: "bold" }, ...(f.areaTitle ? text(f.areaTitle) : [])] },
        { paras: text(f.limitation) },
        { paras: text(f.severity) },
        { paras: text(f.recommendation) },
        { paras: [...text(shortDate(f.dueAt)), ...(f.overdue ? text(label("overdue"), "bold") : [])], color: f.overdue ? LATE : undefined },
        { paras: [...text(f.status), ...(f.closingNote ? text(label("note", { note: f.closingNote }), "italic") : [])] },
      ]));
    }

    w.heading(label("conclusionHeading"));
    w.block(i.conclusion ? text(i.conclusion) : text(label("noConclusion"), "italic"));

    const range = w.doc.bufferedPageRange();
    const y = PAGE.height - MARGIN.bottom + 16;
    const generated = label("generated", { time: dateTime(input.generatedAt) });
    for (let p = 0; p < range.count; p++) {
      w.doc.switchToPage(range.start + p);
      w.doc.moveTo(MARGIN.left, y - 4).lineTo(PAGE.width - MARGIN.right, y - 4).lineWidth(0.4).strokeColor("#808080").stroke();
      w.drawLine(generated, "italic", 8, MARGIN.left, y, CONTENT_WIDTH * 0.7, "left");
      w.drawLine(label("page", { page: p + 1, pages: range.count }), "regular", 8, MARGIN.left + CONTENT_WIDTH * 0.7, y, CONTENT_WIDTH * 0.3, "right");
    }
  });
}
