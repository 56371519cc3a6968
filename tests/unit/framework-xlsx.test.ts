import ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { flatten, type ClassificationBand, type CriterionDoc, type FrameworkDoc } from "@/lib/domain/framework";
import { ruleSchema, type Rule, type RuleInput } from "@/lib/domain/rules";
import {
  CRITERIA_SHEET,
  INFO_SHEET,
  formatRuleText,
  frameworkFromXlsx,
  frameworkToXlsx,
  parseRuleKind,
  parseRuleText,
  xlsxText,
  type RowError,
} from "@/lib/io/framework-xlsx";
import { frameworkDocSchema } from "@/lib/schemas/framework";
import { COMMUNE_FRAMEWORK } from "@/prisma/seed/framework-communes";
import { DEPARTMENT_FRAMEWORK } from "@/prisma/seed/framework-departments";
import type { SeedCriterion, SeedFramework } from "@/prisma/seed/types";

function seedCriterion({ demo: _demo, children, ...rest }: SeedCriterion): unknown {
  return children ? { ...rest, children: children.map(seedCriterion) } : rest;
}

/** The seed format (group, isDemo, no format/classification) as a FrameworkDoc. */
function seedDoc({ group, isDemo: _isDemo, tree, ...rest }: SeedFramework): FrameworkDoc {
  return frameworkDocSchema.parse({ format: "par-framework/v1", ...rest, unitGroup: group, tree: tree.map(seedCriterion) });
}

async function roundTrip(doc: FrameworkDoc) {
  return frameworkFromXlsx(await frameworkToXlsx(doc));
}

async function workbookOf(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  return wb;
}

async function bufferOf(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Excel row of a criterion code in the "Tiêu chí" sheet. */
function rowOf(ws: ExcelJS.Worksheet, code: string): number {
  let found = 0;
  ws.eachRow((row, n) => {
    if (row.getCell(1).value === code) found = n;
  });
  if (!found) throw new Error(`no row for ${code}`);
  return found;
}

const stripped = (errors: RowError[]) => errors.map(({ sheet, row, column, key }) => ({ sheet, row, column, key }));

describe("framework XLSX: seed frameworks", () => {
  it.each([
    ["departments", DEPARTMENT_FRAMEWORK],
    ["communes", COMMUNE_FRAMEWORK],
  ])("round-trips the %s framework losslessly", async (_name, seed) => {
    const doc = seedDoc(seed);
    const result = await roundTrip(doc);
    if (!result.ok) throw new Error(JSON.stringify(result.errors.slice(0, 5)));
    expect(result.value).toEqual(frameworkDocSchema.parse(doc));
    expect(result.rows).toBe(countNodes(doc.tree));
  });

  it("round-trips the downloadable template (the Cà Mau example)", async () => {
    const { TEMPLATE_FRAMEWORK } = await import("@/lib/io/framework-template");
    expect(await roundTrip(TEMPLATE_FRAMEWORK)).toMatchObject({ ok: true, value: TEMPLATE_FRAMEWORK });
  });

  it("writes the official layout: two sheets, bold frozen header, numbers as numbers, bold areas, indentation", async () => {
    const doc = seedDoc(DEPARTMENT_FRAMEWORK);
    const wb = await workbookOf(await frameworkToXlsx(doc));
    expect(wb.worksheets.map((w) => w.name)).toEqual([INFO_SHEET, CRITERIA_SHEET, "Hướng dẫn"]);
    const ws = wb.getWorksheet(CRITERIA_SHEET)!;
    const header = ws.getRow(3);
    expect(header.getCell(1).value).toBe("Mã");
    expect(header.getCell(2).value).toBe("Nội dung (tiếng Việt)");
    expect(header.getCell(10).value).toBe("Bắt buộc minh chứng");
    expect(header.getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 3 });
    expect(ws.getColumn(2).width).toBe(60);

    const area = ws.getRow(rowOf(ws, "1"));
    expect(area.getCell(2).font?.bold).toBe(true);
    expect(area.getCell(4).value).toBe(20);
    expect(area.getCell(4).numFmt).toBe("0.00");
    const leaf = ws.getRow(rowOf(ws, "1.1.1"));
    expect(leaf.getCell(2).alignment?.indent).toBe(2);
    expect(leaf.getCell(5).value).toBeNull(); // no source in the seed: absent, not "Tự chấm"
    expect(leaf.getCell(6).value).toBe("Chọn mức");
    expect(leaf.getCell(7).value).toBe("1=Kịp thời|On time; 0.5=Không kịp thời|Late; 0=Không ban hành|Not issued");
    expect(leaf.getCell(10).value).toBe("Có");
    const tiers = ws.getRow(rowOf(ws, "1.1.4"));
    expect(tiers.getCell(7).value).toBe(
      "Tỷ lệ nhiệm vụ trong kế hoạch CCHC đã hoàn thành|Share of PAR plan tasks completed; %; ≥90.01=2|Trên 90 %|Above 90 %; ≥70=1|Từ 70 % đến 90 %|70 % to 90 %; ≥0=0|Dưới 70 %|Below 70 %",
    );
    const survey = ws.getRow(rowOf(ws, "8.1.1"));
    expect(survey.getCell(5).value).toBe("Điều tra XHH");
    expect(survey.getCell(6).value).toBe("Từ điều tra");
    expect(survey.getCell(7).value).toMatch(/^(SOCIOLOGICAL|SIPAS)(:[1-5])?$/);
    // Every leaf's rule cell is the rule's text; inner rows have none.
    for (const f of flatten(doc.tree)) {
      const cell = ws.getRow(rowOf(ws, f.code)).getCell(7).value;
      expect(cell).toBe(f.node.rule ? formatRuleText(f.node.rule) || null : null);
    }

    // The examples of the guide sheet parse as written.
    let examples = 0;
    wb.getWorksheet("Hướng dẫn")!.eachRow((row) => {
      const kind = parseRuleKind(String(row.getCell(1).value));
      const example = String(row.getCell(3).value);
      if (kind) expect(parseRuleText(kind, example)).toMatchObject({ ok: true });
      if (kind || example.startsWith("1=")) examples++;
    });
    expect(examples).toBe(6);
    expect(parseRuleText("options", '1="Đạt; đủ hồ sơ"|"Met; complete"; 0=Không đạt|Not met')).toMatchObject({ ok: true, rule: { options: [{ labelVi: "Đạt; đủ hồ sơ" }, {}] } });

    const info = wb.getWorksheet(INFO_SHEET)!;
    const values: Record<string, unknown> = {};
    info.eachRow((row) => {
      values[String(row.getCell(1).value)] = row.getCell(2).value;
    });
    expect(values["Mã bộ tiêu chí / Framework code"]).toBe("SBN-2023");
    expect(values["Áp dụng từ năm / From year"]).toBe(2023);
    expect(values["Điểm thưởng tối đa / Bonus cap"]).toBe(5);
  });
});

// ---- Generated frameworks ------------------------------------------------------------------------

/** Text with the characters that need care: separators, quotes, Excel escapes, control characters, lone surrogates. */
const fragment = fc.constantFrom("a", "Đ", "ệ", "ư", "Tiêu chí", " ", ";", "|", "=", '"', "\\", "≥", ">=", "_x0041_", "_x", "\n", "\r", "\t", "\u0001", "%", "0,5", "\ud800", "\udc00", "x");
const text = fc.array(fragment, { maxLength: 6 }).map((a) => a.join(""));
const nonBlank = text.filter((s) => s.trim().length > 0);
const ruleLabel = text.filter((s) => s.length > 0);
const centi = (min: number, max: number) => fc.integer({ min, max });
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

type Gen = { node: Omit<CriterionDoc, "code" | "children" | "maxPoints">; max: number; gap: number; children?: Gen[] };

function defined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

const leafRule: fc.Arbitrary<{ rule: RuleInput; max: number; survey: boolean }> = fc.oneof(
  fc.record({ points: fc.array(centi(0, 2000), { minLength: 2, maxLength: 4 }), labels: fc.array(fc.tuple(ruleLabel, ruleLabel), { minLength: 4, maxLength: 4 }) })
    .filter(({ points }) => Math.max(...points) > 0)
    .map(({ points, labels }) => ({
      rule: { kind: "options" as const, options: points.map((p, i) => ({ points: p / 100, labelVi: labels[i]![0], labelEn: labels[i]![1] })) },
      max: Math.max(...points),
      survey: false,
    })),
  fc.record({
    vi: ruleLabel, en: ruleLabel, unit: optional(text.filter((s) => s.length <= 16)),
    tiers: fc.array(fc.record({ min: fc.double({ noNaN: true, noDefaultInfinity: true }), points: centi(0, 2000), vi: ruleLabel, en: ruleLabel }), { minLength: 1, maxLength: 3 }),
  })
    .filter(({ tiers }) => Math.max(...tiers.map((t) => t.points)) > 0)
    .map(({ vi, en, unit, tiers }) => ({
      rule: defined({ kind: "tiers" as const, valueLabelVi: vi, valueLabelEn: en, valueUnit: unit,
        tiers: tiers.map((t) => ({ min: t.min, points: t.points / 100, labelVi: t.vi, labelEn: t.en })) }),
      max: Math.max(...tiers.map((t) => t.points)),
      survey: false,
    })),
  fc.record({ max: centi(1, 2000), explicit: fc.boolean() })
    .map(({ max, explicit }) => ({ rule: explicit ? { kind: "yesNo" as const, yesPoints: max / 100 } : { kind: "yesNo" as const }, max, survey: false })),
  fc.record({ step: centi(1, 200), k: fc.integer({ min: 1, max: 10 }) })
    .map(({ step, k }) => ({ rule: { kind: "free" as const, step: step / 100 }, max: step * k, survey: false })),
  fc.record({ max: centi(1, 2000), survey: optional(fc.constantFrom("SOCIOLOGICAL" as const, "SIPAS" as const)), element: optional(fc.integer({ min: 1, max: 5 })) })
    .map(({ max, survey, element }) => ({ rule: defined({ kind: "survey" as const, survey, element }), max, survey: true })),
);

const leafGen: fc.Arbitrary<Gen> = fc
  .record({
    titleVi: nonBlank, titleEn: nonBlank, rule: leafRule, self: fc.boolean(), gap: fc.integer({ min: 1, max: 9 }),
    evidenceVi: optional(text), evidenceEn: optional(text), evidenceMandatory: optional(fc.boolean()),
  })
  .map(({ titleVi, titleEn, rule, self, gap, evidenceVi, evidenceEn, evidenceMandatory }) => ({
    node: defined({ titleVi, titleEn, rule: rule.rule as Rule, evidenceVi, evidenceEn, evidenceMandatory,
      source: rule.survey ? ("SURVEY" as const) : self ? ("SELF" as const) : undefined }),
    max: rule.max,
    gap,
  }));

function nodeGen(depth: number): fc.Arbitrary<Gen> {
  if (depth >= 4) return leafGen;
  const inner = fc
    .record({ titleVi: nonBlank, titleEn: nonBlank, source: optional(fc.constantFrom("SELF" as const, "SURVEY" as const)), gap: fc.integer({ min: 1, max: 9 }),
      evidenceVi: optional(text), evidenceMandatory: optional(fc.boolean()),
      children: fc.array(nodeGen(depth + 1), { minLength: 1, maxLength: 3 }) })
    .map(({ titleVi, titleEn, source, gap, evidenceVi, evidenceMandatory, children }) => ({
      node: defined({ titleVi, titleEn, source, evidenceVi, evidenceMandatory }),
      max: children.reduce((s, c) => s + c.max, 0),
      gap,
      children,
    }));
  return fc.oneof({ weight: 2, arbitrary: leafGen }, { weight: 1, arbitrary: inner });
}

function assignCodes(gens: Gen[], prefix: string | null): CriterionDoc[] {
  let n = 0;
  return gens.map((g) => {
    n += g.gap;
    const code = prefix === null ? String(n) : `${prefix}.${n}`;
    const doc: CriterionDoc = { code, ...g.node, maxPoints: g.max / 100 };
    if (g.children) doc.children = assignCodes(g.children, code);
    return doc;
  });
}

const bandsGen: fc.Arbitrary<ClassificationBand[]> = fc
  .uniqueArray(fc.double({ min: 0, max: 100, noNaN: true }).map((v) => v + 0), { minLength: 1, maxLength: 4 })
  .chain((mins) =>
    fc.tuple(...mins.map(() => fc.tuple(nonBlank.filter((s) => s.trim().length <= 8), nonBlank, nonBlank))).map((labels) =>
      [...mins].sort((a, b) => b - a).map((minIndex, i) => ({ code: labels[i]![0], labelVi: labels[i]![1], labelEn: labels[i]![2], minIndex })),
    ),
  );

const frameworkGen: fc.Arbitrary<FrameworkDoc> = fc
  .record({
    code: fc.stringMatching(/^[A-Z0-9][A-Z0-9._-]{1,31}$/),
    nameVi: nonBlank, nameEn: nonBlank, legalBasis: nonBlank,
    unitGroup: fc.array(fragment, { minLength: 1, maxLength: 4 }).map((a) => a.join("")).filter((s) => s.trim().length > 0),
    fromYear: fc.integer({ min: 2000, max: 2100 }),
    toYearOffset: optional(fc.integer({ min: 0, max: 10 })),
    bonusCap: centi(0, 1000), penaltyCap: centi(0, 1000),
    classification: bandsGen,
    tree: fc.array(nodeGen(1), { minLength: 1, maxLength: 3 }),
  })
  .map(({ toYearOffset, bonusCap, penaltyCap, tree, ...rest }) =>
    defined({
      format: "par-framework/v1" as const,
      ...rest,
      toYear: toYearOffset === undefined ? undefined : Math.min(2100, rest.fromYear + toYearOffset),
      bonusCap: bonusCap / 100,
      penaltyCap: penaltyCap / 100,
      tree: assignCodes(tree, null),
    }),
  );

describe("framework XLSX: generated frameworks", () => {
  it("round-trips any valid framework losslessly (siblings in code order)", async () => {
    await fc.assert(
      fc.asyncProperty(frameworkGen, async (doc) => {
        const expected = frameworkDocSchema.safeParse(doc);
        if (!expected.success) throw new Error(`generator made an invalid framework: ${JSON.stringify(expected.error.issues[0])}`);
        const result = await roundTrip(doc);
        if (!result.ok) throw new Error(JSON.stringify(result.errors.slice(0, 3)));
        expect(result.value).toEqual(expected.data);
      }),
      { numRuns: 120 },
    );
  }, 120_000);

  it("formats and parses every rule losslessly", () => {
    fc.assert(
      fc.property(leafRule, ({ rule }) => {
        const parsed = parseRuleText(rule.kind, formatRuleText(rule));
        expect(parsed).toEqual({ ok: true, rule: ruleSchema.parse(rule) });
      }),
      { numRuns: 500 },
    );
  });

  it("escapes text Excel cannot store and reads it back", async () => {
    const samples = ["a\u0001b", "x\ry", "_x0041_", "_x0041_x0042_", "_x004a_", "\ud800!", "ok"];
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("t");
    samples.forEach((s, i) => (ws.getCell(i + 1, 1).value = xlsxText(s)));
    const back = await workbookOf(await bufferOf(wb));
    expect(samples.map((_, i) => back.getWorksheet("t")!.getCell(i + 1, 1).value)).toEqual(samples);
  });
});

// ---- A small fixture: the Cà Mau fragment (1.1, 1.2) plus demo 1.3 and a SIPAS area ---------------

const timely = (max: number): Rule => ({ kind: "options", options: [
  { points: max, labelVi: "Kịp thời", labelEn: "On time" },
  { points: max / 2, labelVi: "Không kịp thời", labelEn: "Late" },
  { points: 0, labelVi: "Không ban hành", labelEn: "Not issued" },
] });
const yesNo: Rule = { kind: "yesNo" };
const leaf = (code: string, titleVi: string, maxPoints: number, rule: Rule, extra: Partial<CriterionDoc> = {}): CriterionDoc =>
  ({ code, titleVi, titleEn: `EN ${titleVi}`, maxPoints, rule, evidenceVi: "Kế hoạch CCHC", evidenceMandatory: true, ...extra });

const FIXTURE: FrameworkDoc = frameworkDocSchema.parse({
  format: "par-framework/v1", code: "CM-2013", nameVi: "Bộ chỉ số CCHC (trích)", nameEn: "PAR index (excerpt)",
  legalBasis: "Quyết định 1880/QĐ-UBND năm 2013", unitGroup: "SBN", fromYear: 2013, toYear: 2015, bonusCap: 2, penaltyCap: 2.5,
  classification: [
    { code: "TOT", labelVi: "Tốt", labelEn: "Good", minIndex: 90 },
    { code: "KHA", labelVi: "Khá", labelEn: "Fair", minIndex: 80 },
    { code: "TB", labelVi: "Trung bình", labelEn: "Average", minIndex: 65.5 },
  ],
  tree: [
    { code: "1", titleVi: "Công tác chỉ đạo, điều hành CCHC", titleEn: "Direction of PAR", maxPoints: 10, children: [
      { code: "1.1", titleVi: "Kế hoạch CCHC năm", titleEn: "Annual PAR plan", maxPoints: 5, children: [
        leaf("1.1.1", "Ban hành kế hoạch CCHC năm", 1, timely(1)),
        leaf("1.1.2", "Xác định đầy đủ nhiệm vụ và bố trí kinh phí", 1, yesNo),
        leaf("1.1.3", "Kết quả xác định rõ ràng", 1, yesNo, { evidenceMandatory: false }),
        leaf("1.1.4", "Mức độ thực hiện kế hoạch", 2, { kind: "tiers", valueLabelVi: "Tỷ lệ hoàn thành", valueLabelEn: "Completion rate", valueUnit: "%",
          tiers: [{ min: 90.01, points: 2, labelVi: "Trên 90 %", labelEn: "Above 90 %" }, { min: 70, points: 1, labelVi: "Từ 70 % đến 90 %", labelEn: "70 % to 90 %" }] }),
      ] },
      { code: "1.2", titleVi: "Báo cáo CCHC", titleEn: "PAR reports", maxPoints: 2, children: [
        leaf("1.2.1", "Đủ số lượng báo cáo và đúng hạn", 1, yesNo),
        leaf("1.2.2", "Đủ nội dung", 1, yesNo),
      ] },
      { code: "1.3", titleVi: "Kiểm tra công tác CCHC", titleEn: "PAR inspections", maxPoints: 3, children: [
        leaf("1.3.1", "Ban hành kế hoạch kiểm tra", 1, timely(1)),
        leaf("1.3.2", "Tỷ lệ đơn vị được kiểm tra", 1, { kind: "yesNo", yesPoints: 1 }),
        leaf("1.3.3", "Xử lý vấn đề phát hiện qua kiểm tra", 1, { kind: "free", step: 0.25 }),
      ] },
    ] },
    { code: "2", titleVi: "Sự hài lòng (SIPAS)", titleEn: "Satisfaction (SIPAS)", maxPoints: 5, source: "SURVEY", children: [
      { code: "2.1", titleVi: "Tiếp cận dịch vụ", titleEn: "Access to services", maxPoints: 5, source: "SURVEY", rule: { kind: "survey", survey: "SIPAS", element: 1 } },
    ] },
  ],
});

/** Exports FIXTURE, lets `edit` change the "Tiêu chí" sheet (given the row of each code), imports the result. */
async function editAndImport(edit: (ws: ExcelJS.Worksheet, row: (code: string) => number, wb: ExcelJS.Workbook) => void) {
  const wb = await workbookOf(await frameworkToXlsx(FIXTURE));
  const ws = wb.getWorksheet(CRITERIA_SHEET)!;
  const rows = new Map<string, number>();
  ws.eachRow((r, n) => {
    if (n > 3) rows.set(String(r.getCell(1).value), n);
  });
  edit(ws, (code) => rows.get(code)!, wb);
  return frameworkFromXlsx(await bufferOf(wb));
}

describe("framework XLSX: import", () => {
  it("round-trips the fixture", async () => {
    expect(await roundTrip(FIXTURE)).toEqual({ ok: true, value: FIXTURE, rows: 15 });
  });

  it("reports row-level errors of a broken file: wrong number, sum mismatch, duplicate code, unparseable rule", async () => {
    let rows: Record<string, number> = {};
    const result = await editAndImport((ws, row) => {
      rows = { "1.1.1": row("1.1.1"), "1.2": row("1.2"), "1.3.1": row("1.3.1"), "1.3.2": row("1.3.2"), "1.3.3": row("1.3.3") };
      ws.getCell(row("1.1.1"), 4).value = "một";
      ws.getCell(row("1.2.2"), 4).value = 1.5;
      ws.getCell(row("1.3.3"), 1).value = "1.3.2";
      ws.getCell(row("1.3.1"), 7).value = "1=Kịp thời|On time; nửa điểm";
    });
    if (result.ok) throw new Error("expected errors");
    expect(stripped(result.errors)).toEqual([
      { sheet: CRITERIA_SHEET, row: rows["1.1.1"], column: "D", key: "import.cell.number" },
      { sheet: CRITERIA_SHEET, row: rows["1.2"], column: "D", key: "frameworks.issues.childrenSum" },
      { sheet: CRITERIA_SHEET, row: rows["1.3.1"], column: "G", key: "import.rule.syntax" },
      { sheet: CRITERIA_SHEET, row: rows["1.3.3"], column: "A", key: "import.tree.duplicateCode" },
    ]);
    const values = result.errors.map((e) => e.values);
    expect(values[0]).toEqual({ column: "Điểm tối đa", value: "một" });
    expect(values[1]).toEqual({ criterion: "1.2", sum: 2.5, max: 2 });
    expect(values[2]).toEqual({ part: "nửa điểm" });
    expect(values[3]).toEqual({ code: "1.3.2", firstRow: rows["1.3.2"] });
    expect(result.rows).toBe(15);
  });

  it("maps tree and framework issues to their rows and columns", async () => {
    const result = await editAndImport((ws, row, wb) => {
      ws.getCell(row("1.1.2"), 6).value = null; // leaf without rule
      ws.getCell(row("1.1.2"), 7).value = null;
      ws.getCell(row("1.2"), 6).value = "Có/Không"; // inner node with a rule
      ws.getCell(row("2.1"), 5).value = "Tự chấm"; // survey rule, self-scored source
      ws.getCell(row("1.3.2"), 7).value = "yes=0,5"; // rule maximum below the criterion's
      ws.getCell(row("1.1.3"), 3).value = "x".repeat(501); // too long
      ws.getCell(row("1.3.1"), 10).value = "Có lẽ"; // not a yes/no
      ws.getCell(row("1.3.3"), 1).value = "1.4.1"; // no parent 1.4
      const info = wb.getWorksheet(INFO_SHEET)!;
      info.eachRow((r) => {
        const label = String(r.getCell(1).value);
        if (label.startsWith("Mã bộ tiêu chí")) r.getCell(2).value = "cm 2013";
        if (label.startsWith("Đến năm")) r.getCell(2).value = 2010;
        if (r.getCell(1).value === "KHA") r.getCell(4).value = "tám mươi";
      });
    });
    if (result.ok) throw new Error("expected errors");
    const got = result.errors.map((e) => `${e.sheet}!${e.column ?? ""}${e.row} ${e.key}`);
    expect(got).toEqual([
      "Thông tin!B4 frameworks.issues.frameworkCode",
      "Thông tin!B10 frameworks.issues.years",
      "Thông tin!D17 import.cell.number",
      "Tiêu chí!C8 import.value.tooLong",
      "Tiêu chí!F7 frameworks.issues.leafWithoutRule",
      "Tiêu chí!F10 frameworks.issues.innerWithRule",
      "Tiêu chí!D13 frameworks.issues.childrenSum", // 1.3 lost 1.3.3 to the bad code: a real mismatch
      "Tiêu chí!G15 frameworks.issues.ruleMaximum",
      "Tiêu chí!J14 import.cell.boolean",
      "Tiêu chí!A16 import.tree.parentMissing",
      "Tiêu chí!E18 frameworks.issues.surveyRuleSource",
    ].sort(byPlace));
    expect(result.errors.find((e) => e.key === "import.value.tooLong")?.values).toMatchObject({ max: 500 });
  });

  it("reports each kind of cell problem in its cell", async () => {
    const result = await editAndImport((ws, row, wb) => {
      ws.getCell(row("1.1.2"), 1).value = "1.1.a"; // bad code
      ws.getCell(row("1.1.3"), 2).value = "  "; // required title
      ws.getCell(row("1.1.4"), 5).value = "Sở Nội vụ chấm"; // unknown source
      ws.getCell(row("1.2.1"), 6).value = "Bốc thăm"; // unknown rule kind
      ws.getCell(row("1.1.1"), 6).value = null; // a rule without its kind
      ws.getCell(row("1.3.2"), 4).value = null; // required points
      wb.getWorksheet(INFO_SHEET)!.eachRow((r) => {
        const label = String(r.getCell(1).value);
        if (label.startsWith("Định dạng")) r.getCell(2).value = "par-framework/v2";
        if (label.startsWith("Áp dụng từ năm")) r.getCell(2).value = "2013,5";
        if (label.startsWith("Tên bộ tiêu chí (tiếng Anh)")) r.getCell(2).value = null;
      });
    });
    if (result.ok) throw new Error("expected errors");
    expect(result.errors.map((e) => `${e.sheet}!${e.column ?? ""}${e.row} ${e.key}`)).toEqual([
      "Thông tin!B3 import.sheet.formatVersion",
      "Thông tin!B6 import.cell.required",
      "Thông tin!B9 import.cell.integer",
      "Tiêu chí!A7 import.tree.codeFormat",
      "Tiêu chí!B8 import.cell.required",
      "Tiêu chí!E9 import.cell.source",
      "Tiêu chí!D5 frameworks.issues.childrenSum", // 1.1 lost 1.1.2 to the bad code
      "Tiêu chí!F6 import.rule.kindMissing",
      "Tiêu chí!F11 import.cell.ruleKind",
      "Tiêu chí!D15 import.cell.required",
    ].sort(byPlace));
  });

  it("reads rows in any order and sorts siblings by the numbers in their codes", async () => {
    const result = await editAndImport((ws) => {
      const data: ExcelJS.CellValue[][] = [];
      ws.eachRow((r, n) => {
        if (n > 3) data.push((r.values as ExcelJS.CellValue[]).slice(1));
      });
      data.reverse().forEach((values, i) => {
        const r = ws.getRow(4 + i);
        for (let c = 0; c < 10; c++) r.getCell(c + 1).value = values[c] ?? null;
      });
    });
    expect(result).toEqual({ ok: true, value: FIXTURE, rows: 15 });

    const ten = frameworkDocSchema.parse({ ...FIXTURE, tree: [
      ...FIXTURE.tree,
      { code: "10", titleVi: "Mười", titleEn: "Ten", maxPoints: 1, rule: yesNo },
      { code: "9", titleVi: "Chín", titleEn: "Nine", maxPoints: 1, rule: yesNo },
    ] });
    const sorted = await roundTrip(ten);
    expect(sorted.ok && sorted.value.tree.map((n) => n.code)).toEqual(["1", "2", "9", "10"]);
  });

  it("accepts what people type: decimal commas, text numbers, English or unaccented names, >= for ≥", async () => {
    const result = await editAndImport((ws, row) => {
      ws.getCell(row("1.1"), 4).value = "5,00";
      ws.getCell(row("1.1.1"), 6).value = "OPTIONS";
      ws.getCell(row("1.1.1"), 7).value = "1 = Kịp thời | On time ; 0,5=Không kịp thời|Late;0=Không ban hành|Not issued;";
      ws.getCell(row("1.1.4"), 6).value = "theo ty le ke khai";
      ws.getCell(row("1.1.4"), 7).value = "Tỷ lệ hoàn thành|Completion rate; >=90,01=2|Trên 90 %|Above 90 %; ≥ 70=1|Từ 70 % đến 90 %|70 % to 90 %";
      ws.getCell(row("1.3.2"), 7).value = "Có=1";
      ws.getCell(row("1.3.3"), 7).value = "bước=0,25";
      ws.getCell(row("2.1"), 5).value = "dieu tra xhh";
      ws.getCell(row("2.1"), 7).value = "sipas 1";
      ws.getCell(row("1.1.1"), 10).value = "x";
      ws.getCell(row("1.1.3"), 10).value = false;
    });
    expect(result).toEqual({ ok: true, value: FIXTURE, rows: 15 });
  });

  it("finds sheets and columns by name, whatever their order and accents", async () => {
    const result = await editAndImport((ws, _row, wb) => {
      ws.name = "TIEU CHI";
      wb.getWorksheet(INFO_SHEET)!.name = "Information";
      const header = ws.getRow(3);
      header.getCell(2).value = "Content (English)";
      header.getCell(3).value = "noi dung";
      for (let r = 4; r <= 18; r++) {
        const row = ws.getRow(r);
        const [vi, en] = [row.getCell(2).value, row.getCell(3).value];
        row.getCell(2).value = en;
        row.getCell(3).value = vi;
      }
    });
    expect(result).toEqual({ ok: true, value: FIXTURE, rows: 15 });
  });

  it("reports missing sheets, headers, columns and fields", async () => {
    const noInfo = await editAndImport((_ws, _row, wb) => wb.removeWorksheet(wb.getWorksheet(INFO_SHEET)!.id));
    expect(noInfo).toMatchObject({ ok: false, errors: [{ sheet: INFO_SHEET, key: "import.sheet.missingSheet", values: { sheet: INFO_SHEET } }] });

    const noColumn = await editAndImport((ws) => (ws.getCell(3, 4).value = "Ghi chú"));
    expect(noColumn.ok ? [] : stripped(noColumn.errors)).toEqual([{ sheet: CRITERIA_SHEET, row: 3, column: undefined, key: "import.sheet.missingColumn" }]);
    expect(noColumn.ok || noColumn.errors[0]?.values).toEqual({ column: "Điểm tối đa" });

    const noHeader = await editAndImport((ws) => ws.getRow(3).eachCell((c) => (c.value = null)));
    expect(noHeader).toMatchObject({ ok: false, errors: [{ sheet: CRITERIA_SHEET, key: "import.sheet.missingHeader" }] });

    const noField = await editAndImport((_ws, _row, wb) => {
      wb.getWorksheet(INFO_SHEET)!.eachRow((r) => {
        if (String(r.getCell(1).value).startsWith("Căn cứ")) r.getCell(1).value = "Ghi chú";
      });
    });
    expect(noField).toMatchObject({ ok: false, errors: [{ sheet: INFO_SHEET, row: 0, key: "import.sheet.missingField", values: { field: "Căn cứ pháp lý / Legal basis" } }] });
  });

  it("answers an error, never an exception, for files that are not a usable XLSX", async () => {
    const key = async (bytes: Uint8Array) => {
      const r = await frameworkFromXlsx(bytes);
      return r.ok ? "ok" : r.errors[0]!.key;
    };
    const good = await frameworkToXlsx(FIXTURE);
    expect(await key(new Uint8Array())).toBe("import.file.notXlsx");
    expect(await key(Buffer.from("Mã;Nội dung\n1;Công tác chỉ đạo"))).toBe("import.file.notXlsx");
    expect(await key(Buffer.from('{"format":"par-framework/v1"}'))).toBe("import.file.notXlsx");
    expect(await key(good.subarray(0, good.length - 100))).toBe("import.file.notXlsx");
    expect(await key(Buffer.alloc(10 * 1024 * 1024 + 1))).toBe("import.file.tooLarge");
    const other = new ExcelJS.Workbook();
    other.addWorksheet("Sheet1").getCell("A1").value = "x";
    expect(await key(await bufferOf(other))).toBe("import.sheet.missingSheet");
  });

  it("refuses more than 5,000 criterion rows", async () => {
    const many = async (n: number) => {
      const wb = await workbookOf(await frameworkToXlsx(FIXTURE));
      const ws = wb.getWorksheet(CRITERIA_SHEET)!;
      for (let i = 0; i < n; i++) ws.getRow(19 + i).values = [`3.${i + 1}`, "x", "x", 1, null, "Có/Không"];
      const r = await frameworkFromXlsx(await bufferOf(wb));
      return r.ok ? "ok" : r.errors[0]!.key;
    };
    expect(await many(5000 - 15 + 1)).toBe("import.file.tooManyRows");
    expect(await many(5200)).toBe("import.file.tooManyRows");
  }, 60_000);

  it("never throws on arbitrary or damaged bytes", async () => {
    const wb = await workbookOf(await frameworkToXlsx(FIXTURE));
    const stored = Buffer.from(await wb.xlsx.writeBuffer({ zip: { compression: "STORE" } }));
    const deflated = await frameworkToXlsx(FIXTURE);
    const damage = (source: Buffer) =>
      fc.array(fc.tuple(fc.nat({ max: source.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }).map((edits) => {
        const copy = Buffer.from(source);
        for (const [at, byte] of edits) copy[at] = byte;
        return copy;
      });
    const bytes = fc.oneof(fc.uint8Array({ maxLength: 1024 }), damage(stored), damage(deflated));
    await fc.assert(
      fc.asyncProperty(bytes, async (b) => {
        const result = await frameworkFromXlsx(b);
        expect(typeof result.ok).toBe("boolean");
      }),
      { numRuns: 200 },
    );
  }, 120_000);

  it("never throws on arbitrary cell values in a valid workbook", async () => {
    const base = await frameworkToXlsx(FIXTURE);
    const value = fc.oneof(fc.string({ maxLength: 30 }), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom("1.1", "Chọn mức", "≥", "|", '"', "Có"));
    const edits = fc.array(fc.tuple(fc.constantFrom(INFO_SHEET, CRITERIA_SHEET), fc.integer({ min: 1, max: 22 }), fc.integer({ min: 1, max: 11 }), value), { minLength: 1, maxLength: 10 });
    await fc.assert(
      fc.asyncProperty(edits, async (list) => {
        const wb = await workbookOf(base);
        for (const [sheet, r, c, v] of list) wb.getWorksheet(sheet)!.getCell(r, c).value = v;
        const result = await frameworkFromXlsx(await bufferOf(wb));
        if (!result.ok) for (const e of result.errors) expect(e.key).toMatch(/^(import|frameworks)\./);
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});

describe("rule text", () => {
  it("parses the written forms and reports the part it cannot read", () => {
    expect(parseRuleText("survey", "XHH")).toEqual({ ok: true, rule: { kind: "survey", survey: "SOCIOLOGICAL" } });
    expect(parseRuleText("survey", "SIPAS:3")).toEqual({ ok: true, rule: { kind: "survey", survey: "SIPAS", element: 3 } });
    expect(parseRuleText("survey", "")).toEqual({ ok: true, rule: { kind: "survey", survey: "SOCIOLOGICAL" } });
    expect(parseRuleText("yesNo", "")).toEqual({ ok: true, rule: { kind: "yesNo" } });
    expect(parseRuleText("free", "0,5")).toEqual({ ok: true, rule: { kind: "free", step: 0.5 } });
    expect(parseRuleText("options", '1="a=b"|"; x"; 0=Không|No')).toEqual({ ok: true, rule: { kind: "options", options: [
      { points: 1, labelVi: "a=b", labelEn: "; x" }, { points: 0, labelVi: "Không", labelEn: "No" }] } });
    expect(parseRuleText("tiers", 'Tỷ lệ|Rate; ""; ≥-5=1|a|b')).toEqual({ ok: true, rule: { kind: "tiers", valueLabelVi: "Tỷ lệ", valueLabelEn: "Rate",
      valueUnit: "", tiers: [{ min: -5, points: 1, labelVi: "a", labelEn: "b" }] } });

    const fail = (kind: Parameters<typeof parseRuleText>[0], text: string) => {
      const r = parseRuleText(kind, text);
      return r.ok ? "ok" : `${r.key} ${JSON.stringify(r.values ?? {})}`;
    };
    expect(fail("options", "")).toBe("import.rule.empty {}");
    expect(fail("options", "1=Kịp thời|On time")).toBe('import.rule.tooFew {"min":2}');
    expect(fail("options", "1=Kịp thời; 0=Không|No")).toBe('import.rule.label {"part":"1=Kịp thời"}');
    expect(fail("options", "một=Kịp thời|On time; 0=Không|No")).toBe('import.rule.number {"value":"một"}');
    expect(fail("options", "0.125=a|b; 0=c|d")).toBe('import.rule.points {"value":"0.125"}');
    expect(fail("options", '1="a|b; 0=c|d')).toBe('import.rule.syntax {"part":"\\"a|b; 0=c|d"}');
    expect(fail("tiers", "≥90=2|a|b")).toBe('import.rule.valueLabel {"part":"≥90=2|a|b"}');
    expect(fail("tiers", "Tỷ lệ|Rate; %")).toBe('import.rule.tooFew {"min":1}');
    expect(fail("tiers", "Tỷ lệ|Rate; phần trăm hoàn thành; ≥1=1|a|b")).toBe('import.rule.unitTooLong {"max":16}');
    expect(fail("tiers", "Tỷ lệ|Rate; 90=2|a|b")).toBe('import.rule.syntax {"part":"90=2|a|b"}');
    expect(fail("free", "step=0")).toBe('import.rule.step {"value":0}');
    expect(fail("yesNo", "no=1")).toBe('import.rule.syntax {"part":"no=1"}');
    expect(fail("survey", "SIPAS:7")).toBe('import.rule.element {"value":"7"}');
    expect(fail("survey", "VNeID")).toBe('import.rule.survey {"value":"VNeID"}');
  });
});

const byPlace = (a: string, b: string) => {
  const parse = (s: string) => {
    const m = /^(.+)!([A-Z]*)(\d+) /.exec(s)!;
    return [m[1] === INFO_SHEET ? 0 : 1, Number(m[3]), m[2]!] as const;
  };
  const [x, y] = [parse(a), parse(b)];
  return x[0] - y[0] || x[1] - y[1] || x[2].localeCompare(y[2]);
};

function countNodes(tree: readonly CriterionDoc[]): number {
  return tree.reduce((n, c) => n + 1 + countNodes(c.children ?? []), 0);
}
