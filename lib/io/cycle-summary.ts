import { meanIndexHundredths } from "@/lib/domain/engine";
import type { Centi } from "@/lib/domain/points";
import { A4Report, dateTime, fill, pdfBytes, pdfText, shortDate, type Align, type Para, type Style } from "@/lib/io/pdf-fonts";
import { areaAverages } from "@/lib/domain/analytics";

/**
 * The printable summary of a published cycle (A4 portrait): title, province and publication date; key
 * figures per unit group (units ranked, average, highest, lowest, units per band); per group the ranking
 * (rank, unit, points, index, band, change against the previous published year) and the average component
 * index of each area. Pure: the stored published figures and the translated labels in, bytes out.
 */

/** A unit's published figures (a `RankingRow` of lib/server/data/dashboards fits). Points in hundredths. */
export type SummaryUnit = {
  code: string;
  nameVi: string;
  nameEn: string;
  group: string | null;
  achieved: Centi;
  max: Centi;
  indexHundredths: number;
  band: string | null;
  rank: number;
  nodes: Record<string, { achieved: Centi; max: Centi; indexHundredths: number | null }>;
  change: { basis: "same" | "lineage" | "merged" | "none"; indexDeltaHundredths: number | null } | null;
};

export type SummaryArea = { code: string; titleVi: string; titleEn: string };

/** A published cycle's ranking (a `CycleRanking` fits). */
export type SummaryData = {
  year: number;
  publishedAt: Date;
  previousYear: number | null;
  groups: { code: string; areas: SummaryArea[] }[];
  /** By group, then rank. */
  rows: SummaryUnit[];
};

export type GroupSummary = {
  code: string;
  units: SummaryUnit[];
  averageHundredths: number | null;
  /** The units ranked first (more than one on a tie), and those ranked last. */
  highest: SummaryUnit[];
  lowest: SummaryUnit[];
  /** Units per band, by band code; units without a band last (code ""). */
  bands: { code: string; count: number }[];
  areas: (SummaryArea & { averageHundredths: number | null; minHundredths: number | null; maxHundredths: number | null })[];
};

/** The key figures of each unit group; averages are exact means of the units' fractions (each unit once). */
export function groupSummaries(data: SummaryData): GroupSummary[] {
  return data.groups.map(({ code, areas }) => {
    const units = data.rows.filter((r) => r.group === code).sort((a, b) => a.rank - b.rank || a.code.localeCompare(b.code));
    const ranks = units.map((u) => u.rank);
    const averages = areaAverages(units.map((u) => u.nodes), areas.map((a) => a.code));
    const bands = new Map<string, number>();
    for (const u of units) bands.set(u.band ?? "", (bands.get(u.band ?? "") ?? 0) + 1);
    return {
      code,
      units,
      averageHundredths: meanIndexHundredths(units.filter((u) => u.max > 0)),
      highest: units.filter((u) => u.rank === Math.min(...ranks)),
      lowest: units.length > 1 ? units.filter((u) => u.rank === Math.max(...ranks)) : [],
      bands: [...bands].map(([band, count]) => ({ code: band, count }))
        .sort((a, b) => (a.code === "") !== (b.code === "") ? (a.code === "" ? 1 : -1) : a.code.localeCompare(b.code)),
      areas: areas.map((area) => {
        const figures = units.map((u) => u.nodes[area.code]).filter((n) => n !== undefined && n.max > 0);
        const indices = figures.map((n) => n!.indexHundredths).filter((i): i is number => i !== null);
        return {
          ...area,
          averageHundredths: averages[area.code] ?? null,
          minHundredths: indices.length ? Math.min(...indices) : null,
          maxHundredths: indices.length ? Math.max(...indices) : null,
        };
      }),
    };
  });
}

/**
 * The labels a summary needs, with the placeholders each may use:
 * - title `{year}`, province `{province}`, published `{date}`, compared `{year}` (the previous published year),
 *   notCompared, generated `{time}`, page `{page} {pages}`;
 * - keyFigures, total `{count}`, colGroup, colUnits, colAverage, colHighest, colLowest, colBands, band `{code}`, noBand;
 * - ranking `{group}`, colRank, colUnit, colPoints, colIndex, colBand, colChange `{year}`, colChangeNone,
 *   lineageNote (what `*` means);
 * - areas `{group}`, colAreaCode, colArea, colAreaAverage, colAreaMin, colAreaMax.
 */
export const SUMMARY_LABEL_KEYS = [
  "title", "province", "published", "compared", "notCompared", "generated", "page",
  "keyFigures", "total", "colGroup", "colUnits", "colAverage", "colHighest", "colLowest", "colBands", "band", "noBand",
  "ranking", "colRank", "colUnit", "colPoints", "colIndex", "colBand", "colChange", "colChangeNone", "lineageNote",
  "areas", "colAreaCode", "colArea", "colAreaAverage", "colAreaMin", "colAreaMax",
] as const;

export type SummaryLabelKey = (typeof SUMMARY_LABEL_KEYS)[number];

export type CycleSummaryInput = {
  locale: "vi" | "en";
  provinceName: string;
  generatedAt: Date;
  data: SummaryData;
  /** Unit group names by code. */
  groupNames: Record<string, string>;
  labels: Record<SummaryLabelKey, string>;
};

// ---- Numbers -------------------------------------------------------------------------------------

function numberFormat(locale: CycleSummaryInput["locale"], options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return new Intl.NumberFormat(locale === "vi" ? "vi-VN" : "en-GB", options);
}

/** An index in hundredths as a percentage with two decimals: "87,14" (vi), "87.14" (en). */
export function formatIndex(hundredths: number, locale: CycleSummaryInput["locale"]): string {
  return numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2, useGrouping: false }).format(hundredths / 100);
}

/** Points in hundredths with two decimals ("87,50" in Vietnamese), or none when `whole` and it is whole ("100"). */
export function formatPoints(centi: number, locale: CycleSummaryInput["locale"], whole = false): string {
  const decimals = whole && centi % 100 === 0 ? 0 : 2;
  return numberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals, useGrouping: false }).format(centi / 100);
}

/** A change of index in hundredths of a percentage point, signed: "+1,25", "−0,50" (a real minus), "0,00". */
export function formatDelta(hundredths: number, locale: CycleSummaryInput["locale"]): string {
  const text = formatIndex(Math.abs(hundredths), locale);
  return hundredths > 0 ? `+${text}` : hundredths < 0 ? `\u2212${text}` : text;
}

// ---- PDF -----------------------------------------------------------------------------------------

// A4 portrait, in points.
const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = { left: 48, right: 40, top: 44, bottom: 52 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const BODY_BOTTOM = PAGE.height - MARGIN.bottom;
const TABLE_SIZE = 9;
const PAD = { x: 4, y: 3 };
const HEADER_FILL = "#e7e6e6";
const STRIPE_FILL = "#f6f6f6";
const RULE = "#6b6b6b";
/** Okabe–Ito blue (up) and vermillion (down): colour-blind safe; the sign says it too. */
const UP = "#0072B2";
const DOWN = "#D55E00";

type Column = { title: string; width: number; align: Align };
type TableCell = { paras: Para[]; mark?: "up" | "down" };
type Prepared = { cells: { lines: Para[]; mark?: "up" | "down" }[]; lines: number };

class SummaryWriter extends A4Report {
  y = MARGIN.top;

  constructor(input: CycleSummaryInput, title: string) {
    super({ locale: input.locale, title, author: input.provinceName, createdAt: input.generatedAt });
  }


  /** Wrapped text at the current y; moves y below it. */
  block(paras: readonly Para[], size: number, align: Align = "left", x = MARGIN.left, width = CONTENT_WIDTH, color = "black") {
    const lh = this.lineHeight(size);
    for (const line of this.wrap(paras, width, size)) {
      this.drawLine(line.text, line.style, size, x, this.y, width, align, color);
      this.y += lh;
    }
  }

  addPage() {
    this.doc.addPage({ size: "A4", margins: { top: 0, bottom: 0, left: 0, right: 0 } });
    this.y = MARGIN.top;
  }

  /** A new page unless `height` still fits on this one. */
  ensure(height: number) {
    if (this.y + height > BODY_BOTTOM && this.y > MARGIN.top) this.addPage();
  }

  triangle(kind: "up" | "down", x: number, y: number, size: number) {
    const h = size * 0.5;
    const w = size * 0.55;
    const top = y + size * 0.5;
    const path = kind === "up"
      ? this.doc.moveTo(x, top + h).lineTo(x + w / 2, top).lineTo(x + w, top + h)
      : this.doc.moveTo(x, top).lineTo(x + w / 2, top + h).lineTo(x + w, top);
    path.closePath().fill(kind === "up" ? UP : DOWN);
  }
}

function columnsWidth(widths: readonly number[]): Column["width"][] {
  const fixed = widths.slice(0, -1);
  return [...fixed, CONTENT_WIDTH - fixed.reduce((s, w) => s + w, 0)];
}

function prepare(w: SummaryWriter, columns: readonly Column[], cells: readonly TableCell[]): Prepared {
  const out = cells.map((cell, i) => {
    const room = columns[i]!.width - 2 * PAD.x - (cell.mark ? TABLE_SIZE : 0);
    return { lines: cell.paras.every((p) => p.text === "") ? [] : w.wrap(cell.paras, room, TABLE_SIZE), mark: cell.mark };
  });
  return { cells: out, lines: Math.max(1, ...out.map((c) => c.lines.length)) };
}

function rowHeight(w: SummaryWriter, lines: number): number {
  return lines * w.lineHeight(TABLE_SIZE) + 2 * PAD.y;
}

function drawRow(w: SummaryWriter, columns: readonly Column[], row: Prepared, fillColor: string | null, style?: Style) {
  const { doc } = w;
  const lh = w.lineHeight(TABLE_SIZE);
  const height = rowHeight(w, row.lines);
  if (fillColor) doc.rect(MARGIN.left, w.y, CONTENT_WIDTH, height).fill(fillColor);
  let x = MARGIN.left;
  row.cells.forEach((cell, i) => {
    const col = columns[i]!;
    const inner = col.width - 2 * PAD.x;
    const top = style === "bold" ? w.y + (height - cell.lines.length * lh) / 2 : w.y + PAD.y;
    cell.lines.forEach((line, k) => {
      w.drawLine(line.text, style ?? line.style, TABLE_SIZE, x + PAD.x, top + k * lh, inner, col.align);
      if (k === 0 && cell.mark) {
        const textWidth = w.width(line.text, style ?? line.style, TABLE_SIZE);
        const start = col.align === "right" ? x + PAD.x + inner - textWidth : col.align === "center" ? x + PAD.x + (inner - textWidth) / 2 : x + PAD.x;
        w.triangle(cell.mark, start - TABLE_SIZE * 0.85, top, TABLE_SIZE);
      }
    });
    doc.rect(x, w.y, col.width, height).lineWidth(0.5).strokeColor(RULE).stroke();
    x += col.width;
  });
  w.y += height;
}

/**
 * A table under a heading: its header row repeats on every page it runs onto, and the heading never stays
 * alone at the bottom of a page (it goes with the header and the first rows).
 */
function table(w: SummaryWriter, heading: string, columns: readonly Column[], rows: readonly TableCell[][]) {
  const header = prepare(w, columns, columns.map((c) => ({ paras: [{ text: c.title, style: "bold" }] })));
  const body = rows.map((cells) => prepare(w, columns, cells));
  const headingHeight = w.lineHeight(11) * w.wrap([{ text: heading, style: "bold" }], CONTENT_WIDTH, 11).length + 6;
  const first = body.slice(0, 3).reduce((s, r) => s + rowHeight(w, r.lines), 0);
  w.ensure(headingHeight + rowHeight(w, header.lines) + first);
  w.block([{ text: heading, style: "bold" }], 11);
  w.y += 6;
  drawRow(w, columns, header, HEADER_FILL, "bold");
  body.forEach((row, i) => {
    if (w.y + rowHeight(w, row.lines) > BODY_BOTTOM) {
      w.addPage();
      drawRow(w, columns, header, HEADER_FILL, "bold");
    }
    drawRow(w, columns, row, i % 2 === 1 ? STRIPE_FILL : null);
  });
  w.y += 14;
}

/** The summary as a PDF: A4 portrait, Noto Serif embedded, table headers repeated, page numbers. */
export async function cycleSummaryPdf(input: CycleSummaryInput): Promise<Buffer> {
  const { locale, data } = input;
  const label = (key: SummaryLabelKey, values: Record<string, string | number> = {}) => pdfText(fill(input.labels[key] ?? key, values));
  const title = label("title", { year: data.year });
  const w = new SummaryWriter(input, title);
  const groups = groupSummaries(data);
  const name = (u: SummaryUnit) => pdfText(locale === "en" ? u.nameEn : u.nameVi);
  const groupName = (code: string) => pdfText(input.groupNames[code] ?? code);
  const bandName = (code: string | null) => (code ? label("band", { code }) : label("noBand"));
  const pct = (h: number | null) => (h === null ? "—" : formatIndex(h, locale));
  const text = (t: string, style: Style = "regular"): Para[] => [{ text: t, style }];

  return pdfBytes(w.doc, () => {
    // Heading.
    w.block(text(label("province", { province: input.provinceName }).toLocaleUpperCase(locale === "vi" ? "vi-VN" : "en-GB"), "bold"), 10, "center");
    w.y += 10;
    w.block(text(title, "bold"), 15, "center", MARGIN.left + 20, CONTENT_WIDTH - 40);
    w.y += 4;
    const sub = [label("published", { date: shortDate(data.publishedAt) }),
      data.previousYear !== null ? label("compared", { year: data.previousYear }) : label("notCompared")];
    w.block(text(sub.join(" · "), "italic"), 10, "center");
    w.y += 16;

    // Key figures.
    const keyColumns = columnsWidth([108, 50, 62, 106, 106, 0]).map((width, i) => ({
      width,
      title: label((["colGroup", "colUnits", "colAverage", "colHighest", "colLowest", "colBands"] as const)[i]!),
      align: (i === 1 || i === 2 ? "right" : "left") as Align,
    }));
    const who = (units: SummaryUnit[]) => (units.length === 0 ? text("—") : [
      { text: pct(units[0]!.indexHundredths), style: "bold" as const },
      ...units.map((u) => ({ text: name(u), style: "regular" as const })),
    ]);
    const total = label("total", { count: groups.reduce((s, g) => s + g.units.length, 0) });
    table(w, `${label("keyFigures")} — ${total}`, keyColumns, groups.map((g) => [
      { paras: text(groupName(g.code), "bold") },
      { paras: text(String(g.units.length)) },
      { paras: text(pct(g.averageHundredths)) },
      { paras: who(g.highest) },
      { paras: who(g.lowest) },
      { paras: g.bands.map((b) => ({ text: `${bandName(b.code || null)}: ${b.count}`, style: "regular" as const })) },
    ]));

    // Per group: the ranking and the areas.
    for (const g of groups) {
      let lineage = false;
      const rankColumns: Column[] = columnsWidth([36, 205, 70, 58, 62, 0]).map((width, i) => ({
        width,
        title: i === 5
          ? (data.previousYear !== null ? label("colChange", { year: data.previousYear }) : label("colChangeNone"))
          : label((["colRank", "colUnit", "colPoints", "colIndex", "colBand"] as const)[i]!),
        align: i === 1 ? "left" : i === 4 ? "center" : "right",
      }));
      table(w, label("ranking", { group: groupName(g.code) }), rankColumns, g.units.map((u) => {
        const delta = u.change && u.change.basis !== "none" ? u.change.indexDeltaHundredths : null;
        const starred = delta !== null && (u.change!.basis === "lineage" || u.change!.basis === "merged");
        if (starred) lineage = true;
        return [
          { paras: text(String(u.rank)) },
          { paras: text(name(u)) },
          { paras: text(`${formatPoints(u.achieved, locale)}/${formatPoints(u.max, locale, true)}`) },
          { paras: text(formatIndex(u.indexHundredths, locale), "bold") },
          { paras: text(bandName(u.band)) },
          {
            paras: text(delta === null ? "—" : `${formatDelta(delta, locale)}${starred ? "*" : ""}`),
            mark: delta === null || delta === 0 ? undefined : delta > 0 ? "up" : "down",
          },
        ];
      }));

      if (lineage) {
        w.y -= 10;
        w.ensure(w.lineHeight(8.5) * 2);
        w.block(text(`* ${label("lineageNote")}`, "italic"), 8.5);
        w.y += 12;
      }

      if (g.areas.length > 0) {
        const areaColumns: Column[] = columnsWidth([40, 233, 78, 78, 0]).map((width, i) => ({
          width,
          title: label((["colAreaCode", "colArea", "colAreaAverage", "colAreaMin", "colAreaMax"] as const)[i]!),
          align: i === 1 ? "left" : i === 0 ? "center" : "right",
        }));
        table(w, label("areas", { group: groupName(g.code) }), areaColumns, g.areas.map((a) => [
          { paras: text(pdfText(a.code)) },
          { paras: text(pdfText(locale === "en" ? a.titleEn : a.titleVi)) },
          { paras: text(pct(a.averageHundredths), "bold") },
          { paras: text(pct(a.minHundredths)) },
          { paras: text(pct(a.maxHundredths)) },
        ]));
      }
    }
    // Footers.
    const range = w.doc.bufferedPageRange();
    const y = PAGE.height - MARGIN.bottom + 16;
    const generated = label("generated", { time: dateTime(input.generatedAt) });
    for (let i = 0; i < range.count; i++) {
      w.doc.switchToPage(range.start + i);
      w.doc.moveTo(MARGIN.left, y - 4).lineTo(PAGE.width - MARGIN.right, y - 4).lineWidth(0.4).strokeColor("#808080").stroke();
      w.drawLine(generated, "italic", 8, MARGIN.left, y, CONTENT_WIDTH * 0.7, "left");
      w.drawLine(label("page", { page: i + 1, pages: range.count }), "regular", 8, MARGIN.left + CONTENT_WIDTH * 0.7, y, CONTENT_WIDTH * 0.3, "right");
    }
  });
}
