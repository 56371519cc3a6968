import ExcelJS from "exceljs";
import { sheetLayout, worksheetName, type TableModel } from "@/lib/domain/table-export";

/**
 * A table as an XLSX workbook with one sheet: bold header rows on a light fill, frozen; an autofilter on
 * the last header row; column widths fitted to the content; numbers as numbers. Runs in the browser (the
 * export buttons load this module on click, keeping ExcelJS out of the page's first load) and in Node.
 */
export async function tableWorkbook(model: TableModel, options: { sheetName: string; created?: Date }): Promise<Uint8Array<ArrayBuffer>> {
  const layout = sheetLayout(model);
  const workbook = new ExcelJS.Workbook();
  workbook.created = options.created ?? new Date();
  workbook.creator = "PAR INDEX";
  const headerRows = layout.header.length;
  const ws = workbook.addWorksheet(worksheetName(options.sheetName), {
    views: headerRows > 0 ? [{ state: "frozen", ySplit: headerRows }] : [],
  });
  for (const row of layout.header) ws.addRow(row.map(escapeText));
  for (const row of layout.rows) ws.addRow(row.map((v) => (typeof v === "string" ? escapeText(v) : v)));

  layout.widths.forEach((width, i) => {
    const column = ws.getColumn(i + 1);
    column.width = width;
    column.numFmt = layout.numberFormats[i]!;
  });
  for (let r = 1; r <= headerRows; r++) {
    const row = ws.getRow(r);
    row.font = { bold: true };
    row.alignment = { vertical: "middle", wrapText: true };
    for (let c = 1; c <= layout.columns; c++) {
      const cell = row.getCell(c);
      cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDCE6F2" } };
      cell.border = { bottom: { style: "thin", color: { argb: "FF94A3B8" } } };
    }
  }
  if (headerRows > 0 && layout.columns > 0) {
    ws.autoFilter = { from: { row: headerRows, column: 1 }, to: { row: headerRows + layout.rows.length, column: layout.columns } };
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer() as ArrayBuffer);
}

/** XLSX reads "_xHHHH_" in a text as an escaped character: a literal one is escaped in turn. */
function escapeText(text: string): string {
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, "_x005F_x$1_");
}
