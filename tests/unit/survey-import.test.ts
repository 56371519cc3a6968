import ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RowError } from "@/lib/io/framework-xlsx";
import {
  CSV_SHEET,
  SURVEY_SHEET,
  surveyFromCsv,
  surveyFromFile,
  surveyFromXlsx,
  surveyTemplateCsv,
  surveyTemplateXlsx,
  type SurveyRows,
} from "@/lib/io/survey-import";

const EXAMPLES: SurveyRows = [
  { unitCode: "STP", kind: "SOCIOLOGICAL", criterionCode: "8.2.1", element: null, percent: 85.5, respondents: 120 },
  { unitCode: "STP", kind: "SIPAS", criterionCode: null, element: null, percent: 87.25, respondents: 300 },
];

const keys = (errors: RowError[]) => errors.map(({ sheet, row, column, key }) => ({ sheet, row, column, key }));

function errorsOf(result: ReturnType<typeof surveyFromCsv>): RowError[] {
  if (result.ok) throw new Error(`expected errors, got ${JSON.stringify(result.value)}`);
  return result.errors;
}

async function xlsxOf(rows: unknown[][], format?: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Data");
  rows.forEach((r, i) => (ws.getRow(i + 1).values = r as ExcelJS.CellValue[]));
  format?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("survey import: CSV", () => {
  it("reads UTF-8 with BOM, semicolons and decimal commas, Vietnamese headers", () => {
    const csv = "\uFEFFMã đơn vị;Loại điều tra;Mã tiêu chí;Tỷ lệ (%);Yếu tố SIPAS;Số người trả lời\r\n" +
      "SNV;XHH;8.2.1;85,5;;120\r\n" +
      "SNV;SIPAS;;87,2534;3;1.234\r\n" +
      "STP;Điều tra XHH;8.2.2;90;;\r\n" +
      ";;;;;\r\n";
    const result = surveyFromCsv(Buffer.from(csv, "utf8"));
    expect(result).toEqual({ ok: true, rows: 3, value: [
      { unitCode: "SNV", kind: "SOCIOLOGICAL", criterionCode: "8.2.1", element: null, percent: 85.5, respondents: 120 },
      { unitCode: "SNV", kind: "SIPAS", criterionCode: null, element: 3, percent: 87.2534, respondents: 1234 },
      { unitCode: "STP", kind: "SOCIOLOGICAL", criterionCode: "8.2.2", element: null, percent: 90, respondents: null },
    ] });
  });

  it("reads comma-separated text without BOM, English headers in any case, quoted decimal commas and a % sign", () => {
    const csv = "UNIT CODE,Kind,criterion,PERCENT,Element,respondents\nSNV,sipas,,\"84,45 %\",,\nSNV,sociological,1.2,100,,7\n";
    expect(surveyFromCsv(csv)).toEqual({ ok: true, rows: 2, value: [
      { unitCode: "SNV", kind: "SIPAS", criterionCode: null, element: null, percent: 84.45, respondents: null },
      { unitCode: "SNV", kind: "SOCIOLOGICAL", criterionCode: "1.2", element: null, percent: 100, respondents: 7 },
    ] });
  });

  it("matches headers without diacritics, tab separators and Excel's sep= line", () => {
    expect(surveyFromCsv("ma don vi\tloai\tma tieu chi\tty le\nA\tXHH\t3.1\t50\n")).toMatchObject({ ok: true, value: [{ unitCode: "A", percent: 50 }] });
    expect(surveyFromCsv("sep=;\nunit;kind;criterion code;percent\nA;XHH;3.1;50,5\n")).toMatchObject({ ok: true, value: [{ percent: 50.5 }] });
    expect(surveyFromCsv("Kết quả điều tra XHH năm 2025\nunit;kind;criterion code;percent\nA;XHH;3.1;50,5\n")).toMatchObject({ ok: true, value: [{ percent: 50.5 }] });
  });

  it("reads its own CSV template", () => {
    const template = surveyTemplateCsv();
    expect(template.startsWith("\uFEFF")).toBe(true);
    expect(template).toContain("85,5");
    expect(surveyFromCsv(template)).toEqual({ ok: true, rows: 2, value: EXAMPLES });
  });

  it("reports missing columns on the header row", () => {
    const errors = errorsOf(surveyFromCsv("Mã đơn vị;Ghi chú\nSNV;x\n"));
    expect(keys(errors)).toEqual([
      { sheet: CSV_SHEET, row: 1, column: undefined, key: "import.sheet.missingColumn" },
      { sheet: CSV_SHEET, row: 1, column: undefined, key: "import.sheet.missingColumn" },
    ]);
    expect(errors.map((e) => e.values?.column)).toEqual(["Loại điều tra (XHH, SIPAS) / Kind", "Tỷ lệ (%) / Percent"]);
  });

  it("reports every kind of row error with its row and column", () => {
    const csv = [
      "unit;kind;criterion;percent;element;respondents", // 1
      "A;XHH;1.1;50;;", //                                  2 ok
      "A;KHAC;1.1;50;;", //                                 3 unknown kind
      "A;XHH;1.2;năm mươi;;", //                            4 not a number
      "A;XHH;1.3;100,01;;", //                              5 outside 0–100
      "A;XHH;1.4;-1;;", //                                  6 outside 0–100
      "A;XHH;1.5;50,12345;;", //                            7 more than 4 decimals
      "A;XHH;1.1;60;;", //                                  8 duplicate of row 2
      "A;SIPAS;;70;6;", //                                  9 element outside 1–5
      "A;SIPAS;;70;0;", //                                 10 element outside 1–5
      "A;XHH;;70;;", //                                    11 XHH without criterion
      "A;XHH;1.6;70;2;", //                                12 element on an XHH row
      ";XHH;1.7;70;;", //                                  13 unit code missing
      "A;XHH;1.8;;;", //                                   14 percent missing
      "A;XHH;1.9;70;;12,5", //                             15 respondents not an integer
      "A;XHH;1.x;70;;", //                                 16 criterion code malformed
      "A;SIPAS;;70;2;", //                                 17 ok
      "A;SIPAS;;71;2;", //                                 18 duplicate of row 17
      "A;SIPAS;;72;;", //                                  19 ok: overall SIPAS
    ].join("\n");
    const errors = errorsOf(surveyFromCsv(csv));
    expect(keys(errors)).toEqual([
      { sheet: CSV_SHEET, row: 3, column: "B", key: "import.survey.kind" },
      { sheet: CSV_SHEET, row: 4, column: "D", key: "import.cell.number" },
      { sheet: CSV_SHEET, row: 5, column: "D", key: "import.survey.percentRange" },
      { sheet: CSV_SHEET, row: 6, column: "D", key: "import.survey.percentRange" },
      { sheet: CSV_SHEET, row: 7, column: "D", key: "import.survey.percentDecimals" },
      { sheet: CSV_SHEET, row: 8, column: undefined, key: "import.survey.duplicate" },
      { sheet: CSV_SHEET, row: 9, column: "E", key: "import.survey.element" },
      { sheet: CSV_SHEET, row: 10, column: "E", key: "import.survey.element" },
      { sheet: CSV_SHEET, row: 11, column: "C", key: "import.survey.criterionRequired" },
      { sheet: CSV_SHEET, row: 12, column: "E", key: "import.survey.elementSipasOnly" },
      { sheet: CSV_SHEET, row: 13, column: "A", key: "import.cell.required" },
      { sheet: CSV_SHEET, row: 14, column: "D", key: "import.cell.required" },
      { sheet: CSV_SHEET, row: 15, column: "F", key: "import.cell.integer" },
      { sheet: CSV_SHEET, row: 16, column: "C", key: "import.survey.criterionCode" },
      { sheet: CSV_SHEET, row: 18, column: undefined, key: "import.survey.duplicate" },
    ]);
    expect(errors.find((e) => e.row === 8)?.values).toMatchObject({ firstRow: 2 });
    expect(errors.find((e) => e.row === 18)?.values).toMatchObject({ firstRow: 17 });
    expect(errors.find((e) => e.row === 3)?.values).toEqual({ value: "KHAC" });
  });

  it("reports file-level problems: empty, not UTF-8, broken quotes, too large, too many rows", () => {
    expect(keys(errorsOf(surveyFromCsv("")))).toEqual([{ sheet: "", row: 0, column: undefined, key: "import.file.empty" }]);
    expect(errorsOf(surveyFromCsv(Buffer.from([0x4d, 0xe3, 0x20, 0xff, 0x0a])))[0]?.key).toBe("import.file.encoding");
    expect(errorsOf(surveyFromCsv('unit;kind;percent\nA;"XHH;50\n'))[0]?.key).toBe("import.csv.quotes");
    expect(errorsOf(surveyFromCsv(Buffer.alloc(10 * 1024 * 1024 + 1, 0x41)))[0]?.key).toBe("import.file.tooLarge");
    const many = `unit;kind;criterion;percent\n${Array.from({ length: 5001 }, (_, i) => `U${i};XHH;1.1;50`).join("\n")}`;
    expect(errorsOf(surveyFromCsv(many))[0]).toMatchObject({ key: "import.file.tooManyRows", values: { max: 5000 } });
    const fine = `unit;kind;criterion;percent\n${Array.from({ length: 5000 }, (_, i) => `U${i};XHH;1.1;50`).join("\n")}`;
    expect(surveyFromCsv(fine)).toMatchObject({ ok: true, rows: 5000 });
  });

  it("never throws on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), (s) => {
        const result = surveyFromCsv(s);
        expect(typeof result.ok).toBe("boolean");
      }),
      { numRuns: 1000 },
    );
  });

  it("never throws on CSV-shaped text with arbitrary cells", () => {
    const cell = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom("XHH", "SIPAS", "1.1", "50,5", "100", "-0", "1e3", '"', ";", "\n", "\uFEFF", "%", ""));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 7 }), { maxLength: 12 }), fc.constantFrom(";", ",", "\t"), (rows, sep) => {
        const text = ["Mã đơn vị;Loại;Mã tiêu chí;Tỷ lệ;Yếu tố;Số người trả lời".replaceAll(";", sep), ...rows.map((r) => r.join(sep))].join("\n");
        const result = surveyFromCsv(text);
        if (result.ok) for (const r of result.value) expect(r.percent).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 1000 },
    );
  });

  it("never throws on arbitrary bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
        expect(typeof surveyFromCsv(bytes).ok).toBe("boolean");
      }),
      { numRuns: 1000 },
    );
  });
});

describe("survey import: XLSX", () => {
  it("reads its own XLSX template (numbers as numbers)", async () => {
    const buffer = await surveyTemplateXlsx();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet(SURVEY_SHEET)!;
    expect(ws.getCell("D2").value).toBe(85.5);
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(await surveyFromXlsx(buffer)).toEqual({ ok: true, rows: 2, value: EXAMPLES });
    expect(await surveyFromFile(buffer)).toEqual({ ok: true, rows: 2, value: EXAMPLES });
    expect(await surveyFromFile(Buffer.from(surveyTemplateCsv(), "utf8"))).toEqual({ ok: true, rows: 2, value: EXAMPLES });
  });

  it("reads the first sheet with a title row, percent-formatted cells and text numbers", async () => {
    const buffer = await xlsxOf(
      [
        ["Kết quả điều tra XHH năm 2025"],
        ["Mã đơn vị", "Loại", "Mã tiêu chí", "Tỷ lệ", "Yếu tố SIPAS", "Số người trả lời"],
        ["SNV", "XHH", "8.2.1", 0.855, null, 40],
        ["SNV", "SIPAS", null, "91,5", 2, "1 200"],
      ],
      (ws) => (ws.getCell("D3").numFmt = "0.0%"),
    );
    expect(await surveyFromXlsx(buffer)).toEqual({ ok: true, rows: 2, value: [
      { unitCode: "SNV", kind: "SOCIOLOGICAL", criterionCode: "8.2.1", element: null, percent: 85.5, respondents: 40 },
      { unitCode: "SNV", kind: "SIPAS", criterionCode: null, element: 2, percent: 91.5, respondents: 1200 },
    ] });
  });

  it("reports row errors with the sheet name and Excel row", async () => {
    const buffer = await xlsxOf([
      ["unit code", "kind", "criterion code", "percent"],
      ["A", "XHH", "1.1", 150],
      ["A", "XHH", "1.1", 0.123456],
    ]);
    const result = await surveyFromXlsx(buffer);
    expect(result.ok ? [] : keys(result.errors)).toEqual([
      { sheet: "Data", row: 2, column: "D", key: "import.survey.percentRange" },
      { sheet: "Data", row: 3, column: "D", key: "import.survey.percentDecimals" },
    ]);
  });

  it("answers an error, not an exception, for bytes that are not an XLSX", async () => {
    expect(await surveyFromXlsx(Buffer.from("Mã đơn vị;Loại\n"))).toMatchObject({ ok: false, errors: [{ key: "import.file.notXlsx" }] });
    const template = await surveyTemplateXlsx();
    expect(await surveyFromXlsx(template.subarray(0, template.length / 2))).toMatchObject({ ok: false, errors: [{ key: "import.file.notXlsx" }] });
  });

  it("never throws on arbitrary or damaged XLSX bytes", async () => {
    // Damage the stored (uncompressed) variant too, so that ExcelJS itself meets broken XML.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await surveyTemplateXlsx()) as unknown as ExcelJS.Buffer);
    const stored = Buffer.from(await wb.xlsx.writeBuffer({ zip: { compression: "STORE" } }));
    const template = await surveyTemplateXlsx();
    const damage = (source: Buffer) => fc
      .array(fc.tuple(fc.nat({ max: source.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 })
      .map((edits) => {
        const copy = Buffer.from(source);
        for (const [at, byte] of edits) copy[at] = byte;
        return copy;
      });
    const damaged = fc.oneof(damage(template), damage(stored));
    const bytes = fc.oneof(fc.uint8Array({ maxLength: 1024 }), fc.uint8Array({ maxLength: 256 }).map((b) => Buffer.concat([Buffer.from("PK\x03\x04"), b])), damaged);
    await fc.assert(
      fc.asyncProperty(bytes, async (b) => {
        const result = await surveyFromXlsx(b);
        expect(typeof result.ok).toBe("boolean");
      }),
      { numRuns: 200 },
    );
  }, 60_000);
});
