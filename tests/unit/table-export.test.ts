import ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cellText, cellValue, exportFilename, safeCell, sheetLayout, spanGrid, worksheetName } from "@/lib/domain/table-export";
import { tableWorkbook } from "@/lib/io/table-xlsx";

describe("safeCell", () => {
  it("prefixes text a spreadsheet would read as a formula", () => {
    for (const text of ["=SUM(A1:A2)", "+1+1", "-2+3", "@cmd", "\tx", "\rx", "=HYPERLINK(\"http://x\")", "-", "+"]) {
      expect(safeCell(text)).toBe(`'${text}`);
    }
  });

  it("keeps plain text, numbers and plain signed numbers as they are", () => {
    for (const v of ["Sở Tài chính", "87,14", "", " =x", "a=b", 12, -3.5, 0]) expect(safeCell(v)).toBe(v);
    for (const text of ["-1,25", "+0.5", "-12 %", "-1 234,50", "+3"]) expect(safeCell(text)).toBe(text);
  });

  it("never leaves a text starting with a formula character unprefixed, unless it is a signed number", () => {
    fc.assert(fc.property(fc.string(), (s) => {
      const out = safeCell(s) as string;
      if (/^[=+\-@\t\r]/.test(s) && !/^[+-]\d[\d.,\u00a0 ]*%?$/.test(s)) expect(out).toBe(`'${s}`);
      else expect(out).toBe(s);
    }));
  });
});

describe("cell text and value", () => {
  it("collapses whitespace, drops control characters and trims", () => {
    expect(cellText("  Sở\n  Tài\u00a0chính \t ")).toBe("Sở Tài chính");
    expect(cellText("a\u0001b\u007f")).toBe("ab");
  });

  it("takes data-value as a number when it is one, else the text", () => {
    expect(cellValue("87.14", "87,14 %")).toBe(87.14);
    expect(cellValue("-125", "−1,25")).toBe(-125);
    expect(cellValue(" 3 ", "3")).toBe(3);
    expect(cellValue(null, " 87,14 ")).toBe("87,14");
    expect(cellValue("", "—")).toBe("—");
    expect(cellValue("abc", "x")).toBe("x");
    expect(cellValue("Infinity", "∞")).toBe("∞");
  });
});

describe("spanGrid", () => {
  it("lays out column and row spans on one grid", () => {
    expect(spanGrid([
      [{ value: "Hạng", rowSpan: 2 }, { value: "Đơn vị", rowSpan: 2 }, { value: "Chỉ số", colSpan: 2 }],
      [{ value: "2024" }, { value: "2025" }],
    ])).toEqual([
      ["Hạng", "Đơn vị", "Chỉ số", ""],
      ["", "", "2024", "2025"],
    ]);
  });

  it("ignores nonsense spans and a row span past the last row", () => {
    expect(spanGrid([[{ value: 1, colSpan: 0 }, { value: 2, rowSpan: 5 }], [{ value: 3 }]])).toEqual([[1, 2], [3, ""]]);
  });
});

describe("sheetLayout", () => {
  it("pads rows, sanitises texts, keeps numbers and chooses number formats per column", () => {
    const layout = sheetLayout({
      header: [["Hạng", "Đơn vị", "Chỉ số (%)"]],
      rows: [[1, "=cmd|' /C calc'!A0", 87.14], [2, "  Sở   Nội vụ "], [3, "Sở Y tế", Number.NaN]],
    });
    expect(layout.columns).toBe(3);
    expect(layout.rows).toEqual([[1, "'=cmd|' /C calc'!A0", 87.14], [2, "Sở Nội vụ", ""], [3, "Sở Y tế", ""]]);
    expect(layout.numberFormats).toEqual(["#,##0", "#,##0", "#,##0.00"]);
    expect(layout.widths.every((w) => w >= 6 && w <= 60)).toBe(true);
    expect(layout.widths[1]).toBeGreaterThan(layout.widths[0]!);
  });

  it("handles an empty table", () => {
    expect(sheetLayout({ header: [], rows: [] })).toMatchObject({ columns: 0, header: [], rows: [], widths: [] });
  });
});

describe("names", () => {
  it("makes file names safe and adds the extension once", () => {
    expect(exportFilename("xep-hang-2025", "xlsx")).toBe("xep-hang-2025.xlsx");
    expect(exportFilename("xep-hang-2025.xlsx", "xlsx")).toBe("xep-hang-2025.xlsx");
    expect(exportFilename("Xếp hạng / năm 2025", ".png")).toBe("Xếp-hạng-năm-2025.png");
    expect(exportFilename("../../etc/passwd", "svg")).toBe("etc-passwd.svg");
    expect(exportFilename("  ", "xlsx")).toBe("export.xlsx");
    expect(exportFilename("CON", "xlsx")).toBe("CON-export.xlsx");
    expect(exportFilename("a\u0000b:c*d?e\"f<g>h|i", "xlsx")).toBe("a-b-c-d-e-f-g-h-i.xlsx");
    expect([...exportFilename("x".repeat(300), "xlsx")].length).toBe(105);
  });

  it("file names never hold a path or a reserved character", () => {
    fc.assert(fc.property(fc.string(), (s) => {
      const name = exportFilename(s, "xlsx");
      expect(name).toMatch(/\.xlsx$/);
      expect(name).not.toMatch(/[\u0000-\u001f<>:"/\\|?*]/);
      expect(name.startsWith(".")).toBe(false);
    }));
  });

  it("makes worksheet names Excel accepts", () => {
    expect(worksheetName("Xếp hạng [2025]: SBN/XA")).toBe("Xếp hạng 2025 SBN XA");
    expect(worksheetName("'quoted'")).toBe("quoted");
    expect(worksheetName("*?")).toBe("Sheet1");
    expect([...worksheetName("Bảng xếp hạng các sở, ban, ngành năm 2025")].length).toBeLessThanOrEqual(31);
  });
});

describe("tableWorkbook", () => {
  it("writes a sheet with a bold frozen header, an autofilter, widths and numbers as numbers", async () => {
    const bytes = await tableWorkbook({
      header: [["Hạng", "Cơ quan, đơn vị", "Chỉ số (%)"]],
      rows: [[1, "Sở Tài chính", 91.25], [2, "@SUM(1)", 88.5], [3, "_x0041_", 80]],
    }, { sheetName: "Xếp hạng: 2025" });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe("Xếp hạng 2025");
    expect(ws.getRow(1).values).toEqual([undefined, "Hạng", "Cơ quan, đơn vị", "Chỉ số (%)"]);
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    expect(ws.getCell("C2").value).toBe(91.25);
    expect(ws.getCell("C2").numFmt).toBe("#,##0.00");
    expect(ws.getCell("A4").value).toBe(3);
    expect(ws.getCell("B3").value).toBe("'@SUM(1)");
    expect(ws.getCell("B4").value).toBe("_x0041_");
    expect(ws.getColumn(2).width).toBeGreaterThan(ws.getColumn(1).width!);
  });
});
