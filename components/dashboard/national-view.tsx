import { getTranslations } from "next-intl/server";
import { TableExport } from "@/components/dashboard/export-buttons";
import type { NationalPoint } from "@/lib/io/national";
import type { NationalYearListItem } from "@/lib/server/data/national";
import { formatHundredths } from "@/lib/domain/scoring";

const decimal = (locale: string, h: number) => formatHundredths(h, locale);

/** The marker of a year that holds only some provinces' figures. */
export async function PartialBadge() {
  const t = await getTranslations("national");
  return (
    <span className="inline-block whitespace-nowrap rounded border border-amber-500 bg-amber-50 px-1.5 py-0.5 text-xs font-medium text-amber-900" data-testid="partial-badge">
      {t("partialBadge")}
    </span>
  );
}

/** "72,89 điểm · 36/63 toàn quốc · 5/13 trong vùng" for the latest year, with the change since the year before it. */
export async function NationalHeadline({ series, locale }: { series: NationalPoint[]; locale: string }) {
  const t = await getTranslations("national");
  const latest = series[series.length - 1]!;
  const previous = series[series.length - 2];
  const parts = [t("headlineIndex", { index: decimal(locale, latest.indexHundredths) })];
  if (latest.rank !== null) parts.push(t("headlineRank", { rank: latest.rank, of: latest.of }));
  if (latest.regionRank !== null) {
    parts.push(latest.regionSize === null ? t("headlineRegionRank", { rank: latest.regionRank }) : t("headlineRegion", { rank: latest.regionRank, size: latest.regionSize }));
  }
  let change: string | null = null;
  if (previous) {
    const delta = latest.indexHundredths - previous.indexHundredths;
    const points = `${delta > 0 ? "+" : delta < 0 ? "−" : "±"}${decimal(locale, Math.abs(delta))}`;
    change = t("change", { year: previous.year, points });
    if (latest.rank !== null && previous.rank !== null) {
      const places = previous.rank - latest.rank;
      change += ` · ${places > 0 ? `▲ ${t("changeRankUp", { places })}` : places < 0 ? `▼ ${t("changeRankDown", { places: -places })}` : t("changeRankSame")}`;
    }
  }
  return (
    <section className="card mb-4 px-4 py-3" aria-labelledby="national-headline-label">
      <h2 id="national-headline-label" className="text-xs uppercase tracking-wide text-slate-600">
        {t("headlineLabel", { province: latest.province, year: latest.year })}
      </h2>
      <p className="mt-1 flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className="text-2xl font-semibold tabular-nums text-brand-800" data-testid="national-headline">{parts.join(" · ")}</span>
        {latest.partial && <PartialBadge />}
      </p>
      <p className="mt-1 text-sm text-slate-700">
        {[latest.region ? t("region", { region: latest.region }) : null, change].filter(Boolean).join(" · ")}
      </p>
      {latest.partial && <p className="mt-1 text-xs text-slate-700">{t("partialNote", { year: latest.year })}{latest.source ? ` ${t("sourceLabel", { source: latest.source })}` : ""}</p>}
    </section>
  );
}

/** The province's figures by year: the chart's table alternative (numbers as data-value for the XLSX). */
export async function NationalSeriesTable({ series, locale, filename }: { series: NationalPoint[]; locale: string; filename: string }) {
  const t = await getTranslations("national");
  const province = series[series.length - 1]!.province;
  const num = (h: number | null) => (h === null ? <td className="num" /> : <td className="num" data-value={h / 100}>{decimal(locale, h)}</td>);
  const place = (rank: number | null, of: number | null) => (rank === null ? <td className="num" />
    : <td className="num" data-value={rank}>{of === null ? rank : `${rank}/${of}`}</td>);
  return (
    <div>
      <div className="mb-2 flex justify-end"><TableExport tableId="national-table" filename={filename} sheetName={province.slice(0, 31)} /></div>
      <div className="overflow-x-auto">
        <table className="table-dense" id="national-table" aria-label={t("tableTitle", { province })}>
          <thead><tr>
            <th scope="col">{t("col.year")}</th><th scope="col" className="num">{t("col.index")}</th><th scope="col" className="num">{t("col.rank")}</th>
            <th scope="col" className="num">{t("col.regionRank")}</th><th scope="col" className="num">{t("col.sipas")}</th>
            <th scope="col" className="num">{t("col.sipasRank")}</th><th scope="col" className="num">{t("col.average")}</th><th scope="col">{t("col.data")}</th>
          </tr></thead>
          <tbody>{[...series].reverse().map((p) => (
            <tr key={p.year} data-year={p.year}>
              <th scope="row" className="font-medium tabular-nums">{p.year}</th>
              <td className="num font-semibold" data-value={p.indexHundredths / 100}>{decimal(locale, p.indexHundredths)}</td>
              {place(p.rank, p.of)}
              {place(p.regionRank, p.regionSize)}
              {num(p.sipasHundredths)}
              {place(p.sipasRank, p.of)}
              {num(p.averageHundredths)}
              <td>{p.partial ? <PartialBadge /> : <span className="text-xs text-slate-700">{t("completeBadge")}</span>}</td>
            </tr>
          ))}</tbody>
        </table>
      </div>
    </div>
  );
}

/**
 * Every imported year: provinces ranked, how many have figures, the national average, partial or not,
 * and its source as a numbered note under the table (the XLSX gets the full text).
 */
export async function NationalContextTable({ years, locale }: { years: NationalYearListItem[]; locale: string }) {
  const t = await getTranslations("national");
  const sources = [...new Set(years.map((y) => y.source).filter((s): s is string => s !== null))];
  const note = (source: string | null) => (source === null ? "" : `[${sources.indexOf(source) + 1}]`);
  return (
    <div>
      <div className="mb-2 flex justify-end"><TableExport tableId="national-context" filename="chi-so-cchc-toan-quoc-theo-nam" /></div>
      <div className="overflow-x-auto">
        <table className="table-dense" id="national-context" aria-label={t("contextTitle")}>
          <thead><tr>
            <th scope="col">{t("col.year")}</th><th scope="col" className="num">{t("col.provinces")}</th><th scope="col" className="num">{t("col.results")}</th>
            <th scope="col" className="num">{t("col.average")}</th><th scope="col">{t("col.data")}</th><th scope="col">{t("col.source")}</th>
          </tr></thead>
          <tbody>{years.map((y) => (
            <tr key={y.year}>
              <th scope="row" className="font-medium tabular-nums">{y.year}</th>
              <td className="num" data-value={y.provinces}>{y.provinces}</td>
              <td className="num" data-value={y.results}>{y.results}</td>
              {y.averageHundredths === null ? <td className="num" /> : <td className="num" data-value={y.averageHundredths / 100}>{decimal(locale, y.averageHundredths)}</td>}
              <td>{y.partial ? <PartialBadge /> : <span className="text-xs text-slate-700">{t("completeBadge")}</span>}</td>
              <td className="tabular-nums" data-export-text={y.source ?? ""}>{note(y.source)}</td>
            </tr>
          ))}</tbody>
        </table>
      </div>
      {sources.length > 0 && (
        <ol className="mt-2 space-y-0.5 text-xs text-slate-700" aria-label={t("col.source")}>
          {sources.map((s, i) => <li key={s}>[{i + 1}] {s}</li>)}
        </ol>
      )}
    </div>
  );
}
