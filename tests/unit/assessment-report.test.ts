import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { flatten, type CriterionDoc } from "@/lib/domain/framework";
import { centiToNumber, toCenti, type Centi } from "@/lib/domain/points";
import {
  REPORT_LABEL_KEYS,
  assessmentReportPdf,
  assessmentReportXlsx,
  formatReportPoints,
  type AssessmentReport,
  type ReportLabelKey,
  type ReportRow,
} from "@/lib/io/assessment-report";
import { DEPARTMENT_FRAMEWORK } from "@/prisma/seed/framework-departments";
import type { SeedCriterion } from "@/prisma/seed/types";

const VI: Record<ReportLabelKey, string> = {
  authority: "UBND TỈNH {province}",
  nation: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
  motto: "Độc lập - Tự do - Hạnh phúc",
  placeDate: "{province}, ngày {day} tháng {month} năm {year}",
  title: "BÁO CÁO KẾT QUẢ TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM {year}",
  unitLine: "Đơn vị: {unit} (mã {code})",
  frameworkLine: "Bộ tiêu chí: {framework}",
  legalBasisLine: "Căn cứ: {legalBasis}",
  statusLine: "Trạng thái: {status}",
  submittedLine: "ngày nộp: {date}",
  colCode: "STT/Mã",
  colTitle: "Nội dung tiêu chí",
  colMax: "Điểm tối đa",
  colSelf: "Điểm tự đánh giá",
  colEvidence: "Tài liệu kiểm chứng / giải trình",
  survey: "Điều tra XHH",
  notScored: "Chưa chấm",
  declared: "Số liệu kê khai: {value}",
  explanation: "Giải trình: {text}",
  total: "TỔNG CỘNG",
  totalsNote: "Điểm tự đánh giá: {self}/{maxSelf}; {survey} điểm do điều tra xã hội học",
  signer: "THỦ TRƯỞNG ĐƠN VỊ",
  signerNote: "(Ký, ghi rõ họ tên và đóng dấu)",
  generated: "Xuất lúc {time}",
  page: "Trang {page}/{pages}",
  sheetName: "Báo cáo tự đánh giá",
};

const EN: Record<ReportLabelKey, string> = {
  authority: "{province} Provincial People's Committee",
  nation: "SOCIALIST REPUBLIC OF VIET NAM",
  motto: "Independence - Freedom - Happiness",
  placeDate: "{province}, {day}/{month}/{year}",
  title: "SELF-ASSESSMENT REPORT ON THE PUBLIC ADMINISTRATION REFORM INDEX {year}",
  unitLine: "Unit: {unit} (code {code})",
  frameworkLine: "Criterion set: {framework}",
  legalBasisLine: "Legal basis: {legalBasis}",
  statusLine: "Status: {status}",
  submittedLine: "submitted {date}",
  colCode: "No./Code",
  colTitle: "Criterion",
  colMax: "Maximum points",
  colSelf: "Self-assessed points",
  colEvidence: "Evidence / explanation",
  survey: "Survey",
  notScored: "Not scored",
  declared: "Declared value: {value}",
  explanation: "Explanation: {text}",
  total: "TOTAL",
  totalsNote: "Self-assessed: {self} of {maxSelf}; {survey} points from the sociological survey",
  signer: "HEAD OF UNIT",
  signerNote: "(Signature, full name and seal)",
  generated: "Generated {time}",
  page: "Page {page} of {pages}",
  sheetName: "Self-assessment",
};

const LONG_EXPLANATION =
  "Đơn vị đã ban hành kế hoạch cải cách hành chính năm đúng thời hạn, tuy nhiên một số nhiệm vụ về số hóa hồ sơ, " +
  "kết quả giải quyết thủ tục hành chính chưa hoàn thành do hệ thống phần mềm của tỉnh nâng cấp trong quý IV; " +
  "đơn vị đã có văn bản báo cáo Sở Nội vụ và đề xuất gia hạn. ";

/** The seed criterion set for departments (8 areas, 100 points) as report rows with plausible scores. */
function reportRows(): ReportRow[] {
  const strip = ({ demo: _demo, children, ...rest }: SeedCriterion): CriterionDoc =>
    (children ? { ...rest, children: children.map(strip) } : rest) as CriterionDoc;
  const flat = flatten(DEPARTMENT_FRAMEWORK.tree.map(strip));
  const rows: ReportRow[] = flat.map((f, i) => {
    const source = f.node.source ?? "SELF";
    const max = toCenti(f.node.maxPoints);
    // Most self-scored leaves reach their maximum; every fifth gets half, one is left unscored.
    const score = !f.isLeaf || source === "SURVEY" ? null : f.code === "2.3.2" ? null : i % 5 === 0 ? Math.floor(max / 50) * 25 : max;
    const tiers = f.node.rule?.kind === "tiers";
    return {
      code: f.code,
      depth: f.depth,
      title: f.node.titleVi,
      maxPoints: f.node.maxPoints,
      isLeaf: f.isLeaf,
      source,
      selfScore: score === null ? null : centiToNumber(score as Centi),
      declaredValue: tiers ? 92.5 : null,
      ...(tiers ? { declaredUnit: "%" } : {}),
      explanation: f.code === "1.1.4" ? LONG_EXPLANATION.repeat(2) : score !== null && i % 5 === 0 ? "Chưa đầy đủ hồ sơ minh chứng, đơn vị tự trừ điểm." : null,
      evidence: f.isLeaf && source === "SELF" ? [`QD-${100 + i}-UBND_ke-hoach-CCHC-2026.pdf`, ...(i % 3 === 0 ? [`Bao_cao_ket_qua_tieu_chi_${f.code}.docx`] : [])] : [],
    };
  });
  // Subtotals of the inner rows (their self-scored leaves); an area scored wholly by survey is marked as such.
  for (const row of rows) {
    if (row.isLeaf) continue;
    const below = rows.filter((r) => r.isLeaf && r.code.startsWith(`${row.code}.`));
    if (below.every((r) => r.source === "SURVEY")) row.source = "SURVEY";
    else row.selfScore = centiToNumber(below.reduce((s, r) => s + (r.selfScore === null ? 0 : toCenti(r.selfScore)), 0) as Centi);
  }
  return rows;
}

function report(locale: "vi" | "en", rows = reportRows()): AssessmentReport {
  const leaves = rows.filter((r) => r.isLeaf);
  const sum = (xs: ReportRow[], f: (r: ReportRow) => number | null) => centiToNumber(xs.reduce((s, r) => s + toCenti(f(r) ?? 0), 0) as Centi);
  const self = leaves.filter((r) => r.source === "SELF");
  return {
    locale,
    provinceName: "An Giang",
    unitName: locale === "vi" ? "Sở Nông nghiệp và Môi trường" : "Department of Agriculture and Environment",
    unitCode: "SNNMT",
    year: 2026,
    frameworkName: DEPARTMENT_FRAMEWORK.nameVi,
    legalBasis: DEPARTMENT_FRAMEWORK.legalBasis,
    status: locale === "vi" ? "Đã nộp" : "Submitted",
    submittedAt: new Date("2027-01-10T03:15:00Z"),
    generatedAt: new Date("2027-01-12T08:05:00Z"),
    rows,
    totals: { selfPoints: sum(self, (r) => r.selfScore), maxSelfPoints: sum(self, (r) => r.maxPoints), maxPoints: sum(rows.filter((r) => r.depth === 1), (r) => r.maxPoints) },
    labels: locale === "vi" ? VI : EN,
  };
}

async function sheetOf(buffer: Buffer): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error("no worksheet");
  return ws;
}

function text(ws: ExcelJS.Worksheet, row: number, col: number): string {
  const v = ws.getCell(row, col).value;
  return v === null || v === undefined ? "" : String(v);
}

/** Every data row of the sheet by criterion code, with the header row's number. */
function tableOf(ws: ExcelJS.Worksheet, codeHeader: string) {
  let header = 0;
  ws.eachRow((row, n) => {
    if (!header && row.getCell(1).value === codeHeader) header = n;
  });
  expect(header).toBeGreaterThan(0);
  const byCode = new Map<string, number>();
  for (let n = header + 1; n <= ws.rowCount; n++) {
    const code = text(ws, n, 1);
    if (/^\d+(\.\d+)*$/.test(code)) byCode.set(code, n);
  }
  return { header, byCode };
}

/** Optionally writes the samples to look at: REPORT_SAMPLE_DIR=/tmp npx vitest run tests/unit/assessment-report.test.ts */
function sample(name: string, bytes: Buffer) {
  const dir = process.env.REPORT_SAMPLE_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, name), bytes);
}

describe("assessment report: labels and numbers", () => {
  it("lists each label key once, and the test catalogues cover them all", () => {
    expect(new Set(REPORT_LABEL_KEYS).size).toBe(REPORT_LABEL_KEYS.length);
    expect(Object.keys(VI).sort()).toEqual([...REPORT_LABEL_KEYS].sort());
    expect(Object.keys(EN).sort()).toEqual([...REPORT_LABEL_KEYS].sort());
  });

  it("writes points with a decimal comma in Vietnamese and a point in English", () => {
    expect(formatReportPoints(0.5, "vi")).toBe("0,5");
    expect(formatReportPoints(12.25, "vi")).toBe("12,25");
    expect(formatReportPoints(20, "vi")).toBe("20");
    expect(formatReportPoints(0.5, "en")).toBe("0.5");
    expect(formatReportPoints(0.1 + 0.2, "en")).toBe("0.3");
    expect(formatReportPoints(1234.5, "vi")).toBe("1234,5");
  });

  it("has a realistic fixture: 60+ rows, a survey area, an unscored leaf, totals that add up", () => {
    const r = report("vi");
    expect(r.rows.length).toBeGreaterThanOrEqual(60);
    expect(r.totals.maxPoints).toBe(100);
    expect(r.rows.some((x) => x.depth === 1 && x.source === "SURVEY")).toBe(true);
    expect(r.rows.find((x) => x.code === "2.3.2")?.selfScore).toBeNull();
  });
});

describe("assessment report: XLSX", () => {
  it("round-trips titles, points, survey marks, evidence and totals", async () => {
    const r = report("vi");
    const bytes = await assessmentReportXlsx(r);
    sample("report-sample.xlsx", bytes);
    const ws = await sheetOf(bytes);
    expect(ws.name).toBe("Báo cáo tự đánh giá");
    expect(text(ws, 1, 1)).toBe("UBND TỈNH AN GIANG");
    expect(text(ws, 2, 1)).toBe("SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG");
    expect(text(ws, 1, 3)).toBe(VI.nation);
    expect(text(ws, 2, 3)).toBe(VI.motto);
    // Submitted 10:15 in Vietnam (UTC+7).
    expect(text(ws, 3, 3)).toBe("An Giang, ngày 10 tháng 01 năm 2027");
    expect(text(ws, 5, 1)).toBe("BÁO CÁO KẾT QUẢ TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2026");

    const { header, byCode } = tableOf(ws, VI.colCode);
    expect([1, 2, 3, 4, 5].map((c) => text(ws, header, c))).toEqual([VI.colCode, VI.colTitle, VI.colMax, VI.colSelf, VI.colEvidence]);
    expect([...byCode.keys()]).toEqual(r.rows.map((x) => x.code));
    for (const row of r.rows) {
      const n = byCode.get(row.code)!;
      expect(text(ws, n, 2)).toBe(row.title);
      expect(ws.getCell(n, 3).value).toBe(row.maxPoints);
      if (row.source === "SURVEY") expect(ws.getCell(n, 4).value).toBe(VI.survey);
      else if (row.selfScore === null) expect(ws.getCell(n, 4).value).toBe(VI.notScored);
      else expect(ws.getCell(n, 4).value).toBe(row.selfScore);
      for (const file of row.evidence) expect(text(ws, n, 5)).toContain(file);
    }
    const planRow = byCode.get("1.1.4")!;
    expect(text(ws, planRow, 2)).toBe("Mức độ thực hiện kế hoạch CCHC");
    expect(text(ws, planRow, 5)).toContain("Số liệu kê khai: 92,5%");
    expect(text(ws, planRow, 5)).toContain("Giải trình: Đơn vị đã ban hành kế hoạch cải cách hành chính năm đúng thời hạn");
    expect(ws.getCell(byCode.get("1")!, 2).font?.bold).toBe(true);
    expect(ws.getCell(byCode.get("1.1.1")!, 2).font?.bold).toBeFalsy();

    const totalRow = Math.max(...byCode.values()) + 1;
    expect(text(ws, totalRow, 1)).toBe(VI.total);
    expect(ws.getCell(totalRow, 3).value).toBe(r.totals.maxPoints);
    expect(ws.getCell(totalRow, 4).value).toBe(r.totals.selfPoints);
    const surveyMax = formatReportPoints(r.totals.maxPoints - r.totals.maxSelfPoints, "vi");
    expect(text(ws, totalRow, 5)).toBe(
      `Điểm tự đánh giá: ${formatReportPoints(r.totals.selfPoints, "vi")}/${formatReportPoints(r.totals.maxSelfPoints, "vi")}; ${surveyMax} điểm do điều tra xã hội học`,
    );
    expect(ws.pageSetup.orientation).toBe("landscape");
    expect(ws.pageSetup.printTitlesRow).toBe(`${header}:${header}`);
  });

  it("uses the English labels and keeps characters Excel cannot store", async () => {
    const rows = reportRows();
    rows[1] = { ...rows[1]!, title: "Plan _x0041_ with a tab\there" };
    const ws = await sheetOf(await assessmentReportXlsx(report("en", rows)));
    expect(ws.name).toBe("Self-assessment");
    expect(text(ws, 1, 1)).toBe("AN GIANG PROVINCIAL PEOPLE'S COMMITTEE");
    expect(text(ws, 3, 3)).toBe("An Giang, 10/01/2027");
    const { byCode } = tableOf(ws, EN.colCode);
    expect(text(ws, byCode.get(rows[1]!.code)!, 2)).toBe("Plan _x0041_ with a tab\there");
  });
});

describe("assessment report: PDF", () => {
  it("is an A4 landscape PDF of several pages with an embedded Vietnamese font", async () => {
    const bytes = await assessmentReportPdf(report("vi"));
    sample("report-sample.pdf", bytes);
    const raw = bytes.toString("latin1");
    expect(raw.startsWith("%PDF-")).toBe(true);
    expect(raw.trimEnd().endsWith("%%EOF")).toBe(true);
    const pages = raw.match(/\/Type \/Page\b(?!s)/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(2);
    // A4 landscape media box on every page.
    const boxes = raw.match(/\/MediaBox \[0 0 841\.89 595\.28\]/g) ?? [];
    expect(boxes.length).toBe(pages.length);
    // Embedded TrueType subsets of Noto Serif (regular, bold, italic), with a text layer (ToUnicode).
    expect(raw).toMatch(/\/FontFile2 /);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSerif-Regular/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSerif-Bold/);
    expect(raw).toMatch(/\/ToUnicode /);
    expect(raw).not.toMatch(/\/BaseFont \/Helvetica/);
  });

  it("works in English, with an empty legal basis, no submission date and a row taller than a page", async () => {
    const rows = reportRows();
    const i = rows.findIndex((r) => r.code === "1.1.1");
    rows[i] = { ...rows[i]!, explanation: LONG_EXPLANATION.repeat(30), evidence: ["a".repeat(200) + ".pdf"] };
    const r = { ...report("en", rows), legalBasis: "", submittedAt: null };
    const bytes = await assessmentReportPdf(r);
    sample("report-sample-en.pdf", bytes);
    const raw = bytes.toString("latin1");
    expect(raw.startsWith("%PDF-")).toBe(true);
    expect((raw.match(/\/Type \/Page\b(?!s)/g) ?? []).length).toBeGreaterThanOrEqual(3);
  });

  it("handles an empty tree", async () => {
    const r = { ...report("vi", []), totals: { selfPoints: 0, maxSelfPoints: 0, maxPoints: 0 } };
    const raw = (await assessmentReportPdf(r)).toString("latin1");
    expect((raw.match(/\/Type \/Page\b(?!s)/g) ?? []).length).toBe(1);
    const ws = await sheetOf(await assessmentReportXlsx(r));
    expect(tableOf(ws, VI.colCode).byCode.size).toBe(0);
  });
});
