/**
 * The printable cycle summary built from the demo data's published 2025 results: the key figures model
 * and the PDF (its text captured as pdfkit draws it, so no PDF reader is needed).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import PDFDocument from "pdfkit";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Centi } from "@/lib/domain/points";
import { cycleSummaryPdf, formatDelta, formatIndex, formatPoints, groupSummaries, SUMMARY_LABEL_KEYS, type SummaryLabelKey, type SummaryUnit } from "@/lib/io/cycle-summary";
import { cycleRanking, type CycleRanking } from "@/lib/server/data/dashboards";
import vi_ from "@/lib/i18n/messages/vi.json";
import seed from "../../scripts/db/seed";
import { createTestDatabase, type TestDatabase } from "../helpers/database";

const labels = Object.fromEntries(SUMMARY_LABEL_KEYS.map((k) => [k, (vi_.exports.summary as Record<string, string>)[k]!])) as Record<SummaryLabelKey, string>;

describe("summary figures", () => {
  const unit = (code: string, rank: number, achieved: number, band: string | null, area: number): SummaryUnit => ({
    code, nameVi: code, nameEn: code, group: "G", achieved: achieved as Centi, max: 10000 as Centi, indexHundredths: achieved, band, rank,
    nodes: { "1": { achieved: area as Centi, max: 2000 as Centi, indexHundredths: Math.round((area / 2000) * 10000) } }, change: null,
  });

  it("formats indices, points and changes in the user's language", () => {
    expect(formatIndex(8714, "vi")).toBe("87,14");
    expect(formatIndex(8714, "en")).toBe("87.14");
    expect(formatIndex(10000, "vi")).toBe("100,00");
    expect(formatPoints(8750, "vi")).toBe("87,50");
    expect(formatPoints(10000, "vi", true)).toBe("100");
    expect(formatPoints(9950, "en", true)).toBe("99.50");
    expect(formatDelta(125, "vi")).toBe("+1,25");
    expect(formatDelta(-50, "vi")).toBe("\u22120,50");
    expect(formatDelta(0, "en")).toBe("0.00");
  });

  it("counts ties at the top and bottom, bands in order with unclassified last, and exact averages", () => {
    const [g] = groupSummaries({
      year: 2025, publishedAt: new Date(), previousYear: null, groups: [{ code: "G", areas: [{ code: "1", titleVi: "Một", titleEn: "One" }] }],
      rows: [unit("C", 3, 7000, null, 1000), unit("A", 1, 9000, "B", 2000), unit("B", 1, 9000, "B", 1500), unit("D", 4, 6001, "C", 0)],
    });
    expect(g!.highest.map((u) => u.code)).toEqual(["A", "B"]);
    expect(g!.lowest.map((u) => u.code)).toEqual(["D"]);
    expect(g!.bands).toEqual([{ code: "B", count: 2 }, { code: "C", count: 1 }, { code: "", count: 1 }]);
    expect(g!.averageHundredths).toBe(7750); // (90 + 90 + 70 + 60.01) / 4 = 77.5025
    expect(g!.areas[0]).toMatchObject({ averageHundredths: 5625, minHundredths: 0, maxHundredths: 10000 });
  });
});

describe("cycle summary of the demo 2025 results", () => {
  let database: TestDatabase;
  let ranking: CycleRanking;

  beforeAll(async () => {
    database = await createTestDatabase("pglite");
    database.install();
    await seed(database.prisma, () => {});
    ranking = (await cycleRanking(2025))!;
  });
  afterAll(async () => {
    await database?.close();
  });

  it("has no summary for a year without published results", async () => {
    expect(await cycleRanking(2026)).toBeNull();
    expect(await cycleRanking(2031)).toBeNull();
  });

  it("sums up each unit group from the stored results", () => {
    const groups = groupSummaries(ranking);
    expect(groups.map((g) => g.code)).toEqual(["SBN", "XA"]);
    for (const g of groups) {
      const rows = ranking.rows.filter((r) => r.group === g.code);
      expect(g.units).toHaveLength(rows.length);
      expect(g.bands.reduce((s, b) => s + b.count, 0)).toBe(rows.length);
      const indices = rows.map((r) => r.indexHundredths);
      expect(g.highest[0]!.indexHundredths).toBe(Math.max(...indices));
      expect(g.lowest[0]!.indexHundredths).toBe(Math.min(...indices));
      expect(g.averageHundredths).toBeGreaterThanOrEqual(Math.min(...indices));
      expect(g.averageHundredths).toBeLessThanOrEqual(Math.max(...indices));
      expect(g.areas.length).toBeGreaterThan(0);
      for (const a of g.areas) {
        expect(a.averageHundredths).not.toBeNull();
        expect(a.minHundredths!).toBeLessThanOrEqual(a.averageHundredths!);
        expect(a.maxHundredths!).toBeGreaterThanOrEqual(a.averageHundredths!);
      }
    }
    expect(groups.find((g) => g.code === "SBN")!.units.map((u) => u.code)).toContain("STC");
  });

  it("prints the summary as a PDF with the title, every unit, the changes and page numbers", async () => {
    const drawn: string[] = [];
    const original = PDFDocument.prototype.text;
    const capture = vi.spyOn(PDFDocument.prototype, "text").mockImplementation(function (this: PDFKit.PDFDocument, ...args: unknown[]) {
      drawn.push(String(args[0]));
      return original.apply(this, args as Parameters<typeof original>);
    });
    let pdf: Buffer;
    try {
      pdf = await cycleSummaryPdf({
        locale: "vi", provinceName: "Phú An", generatedAt: new Date("2026-03-02T03:04:00Z"), data: ranking,
        groupNames: { SBN: "Sở, ban, ngành", XA: "UBND cấp xã" }, labels,
      });
    } finally {
      capture.mockRestore();
    }
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = drawn.join("\n");
    expect(text).toContain("Chỉ số cải cách hành chính năm 2025 — Báo cáo tóm tắt");
    expect(text).toContain("TỈNH PHÚ AN");
    expect(text).toContain("So sánh với kết quả năm 2024");
    expect(text).toContain("Xuất lúc 02/03/2026 10:04");
    // A long name wraps over lines drawn one after the other.
    const flowing = drawn.join(" ");
    for (const row of ranking.rows) expect(flowing).toContain(row.nameVi);
    expect(text).toMatch(/[+\u2212]\d+,\d\d\*/); // a change through lineage (the merged departments)
    const pages = (pdf.toString("latin1").match(/\/Type \/Page\b/g) ?? []).length;
    expect(pages).toBeGreaterThan(1);
    expect(drawn).toContain(`Trang ${pages}/${pages}`);

    // With poppler installed, the text also reads back from the file (fonts embedded with their Unicode map).
    let extracted: string | null = null;
    try {
      const dir = mkdtempSync(path.join(tmpdir(), "summary-"));
      writeFileSync(path.join(dir, "s.pdf"), pdf);
      execFileSync("pdftotext", ["-layout", path.join(dir, "s.pdf"), path.join(dir, "s.txt")], { stdio: "ignore" });
      extracted = readFileSync(path.join(dir, "s.txt"), "utf8");
    } catch {
      // pdftotext is not installed: the drawn text above is the check.
    }
    if (extracted !== null) {
      expect(extracted).toContain("Báo cáo tóm tắt");
      expect(extracted).toContain("Sở Nông nghiệp và Môi trường");
      expect(extracted).toContain("Xã Tân Lộc");
    }
  });
});
