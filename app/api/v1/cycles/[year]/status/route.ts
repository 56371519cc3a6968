import ExcelJS from "exceljs";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import Papa from "papaparse";
import { z } from "zod";
import { figureText, filterRows, GRID_PHASES, gridFilterFrom, lateText, shortDate, type GridWords } from "@/lib/domain/status-grid";
import { safeCell } from "@/lib/domain/table-export";
import { isLocale } from "@/lib/i18n/locales";
import { authorize } from "@/lib/server/auth/session";
import { UserError } from "@/lib/server/data/errors";
import { statusGrid } from "@/lib/server/data/status-grid";
import { handler } from "@/lib/server/http/handler";

export const dynamic = "force-dynamic";

const params = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
const query = z.object({ format: z.enum(["csv", "xlsx"]).default("csv"), locale: z.string().optional() });

/**
 * The status grid of a cycle as a file: `?format=csv` (UTF-8 with BOM, `;` separated, as Excel opens it
 * in Vietnam) or `xlsx`, with the page's filters (`status`, `group`, `late=1`, `q`). Headers and texts in
 * `?locale=` if given, else the user's language.
 */
export const GET = handler(async (request: Request, context: { params: Promise<{ year: string }> }) => {
  await authorize("status.read");
  const { year } = params.parse(await context.params);
  const url = new URL(request.url);
  const { format, locale: asked } = query.parse(Object.fromEntries(url.searchParams));
  const locale = isLocale(asked) ? asked : await getLocale();
  const now = new Date();
  const grid = await statusGrid(year, now);
  if (!grid) throw new UserError("statusGrid.errors.notFound", { year });
  const rows = filterRows(grid.rows, gridFilterFrom(url.searchParams));

  const [t, tStatus, tGroups, tPhases, fmt] = [await getTranslations({ locale, namespace: "statusGrid" }),
    await getTranslations({ locale, namespace: "status" }), await getTranslations({ locale, namespace: "groups" }),
    await getTranslations({ locale, namespace: "phases" }), await getFormatter({ locale })];
  const words: GridWords = { message: (key, values) => t(key, values), date: (d) => shortDate(d, locale) };
  const header = [t("columns.no"), t("columns.code"), t("columns.unit"), t("columns.group"), t("columns.status"), t("columns.submittedAt"),
    ...GRID_PHASES.map((p) => tPhases(p)), t("columns.late")];
  const body = rows.map((r, i) => [
    i + 1, r.code, locale === "en" ? r.nameEn : r.nameVi, r.group ? tGroups(r.group) : "", tStatus(r.status),
    r.submittedAt ? fmt.dateTime(r.submittedAt, { dateStyle: "short", timeStyle: "short" }) : "",
    ...r.cells.map((c) => {
      const figure = figureText(c.figure, words);
      return figure ? `${t(`states.${c.state}`)}: ${figure}` : t(`states.${c.state}`);
    }),
    r.late.map((m) => lateText(m, words)).join("; "),
  ]);

  const name = `tinh-hinh-danh-gia-${year}.${format}`;
  if (format === "csv") {
    const csv = Papa.unparse([header, ...body.map((row) => row.map(safeCell))], { delimiter: ";", newline: "\r\n" });
    return new Response(`\uFEFF${csv}\r\n`, { headers: { "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "no-store" } });
  }

  const wb = new ExcelJS.Workbook();
  wb.created = now;
  const ws = wb.addWorksheet(t("sheet", { year }), { views: [{ state: "frozen", ySplit: 1 }] });
  ws.addRow(header);
  for (const row of body) ws.addRow(row.map(safeCell));
  const widths = [6, 12, 42, 18, 22, 16, ...GRID_PHASES.map(() => 26), 36];
  widths.forEach((w, i) => { ws.getColumn(i + 1).width = w; });
  const head = ws.getRow(1);
  head.font = { bold: true };
  head.alignment = { vertical: "middle", wrapText: true };
  head.eachCell((cell) => { cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDCE6F2" } }; });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
  const buffer = await wb.xlsx.writeBuffer();
  return new Response(new Uint8Array(buffer as ArrayBuffer), { headers: {
    "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "Content-Disposition": `attachment; filename="${name}"`, "Cache-Control": "no-store" } });
});
