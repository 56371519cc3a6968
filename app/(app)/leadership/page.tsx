import type { Metadata } from "next";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { LazyIndexBarChart } from "@/components/charts/lazy-index-bar-chart";
import { DashboardTabs } from "@/components/dashboard/dashboard-tabs";
import { ChartExport, TableExport } from "@/components/dashboard/export-buttons";
import { RankingFilters } from "@/components/dashboard/ranking-filters";
import { RankingLegend } from "@/components/dashboard/ranking-legend";
import { RankingTable } from "@/components/dashboard/ranking-table";
import { PageTitle, Stat } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { comparedWith, filterRows, rankingQuery, rankingSummary, regionsOf, sortRows, type RankingSort } from "@/lib/domain/rankings";
import { parseRankingQuery } from "@/lib/schemas/rankings";
import { requirePage } from "@/lib/server/auth/session";
import { cycleRanking, publishedYears } from "@/lib/server/data/dashboards";
import { unitNames } from "@/lib/server/data/rankings";
import { formatHundredths } from "@/lib/domain/scoring";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("leadership"))("title") };
}

const DEFAULT_GROUP = "SBN";
const REGION_ORDER = ["DOTHI", "DONGBANG", "MIENNUI"];

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * Rankings of a published cycle, read from the stored snapshots: one unit group (and region) at a time,
 * sortable by any column, with the change against the previous year and the per-area heat-map. A year
 * that is not published falls back to the newest published one, with a notice.
 */
export default async function LeadershipRankings({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePage("dashboard.read");
  const query = parseRankingQuery(await searchParams);
  const [t, tl, tGroups, tRegions, locale, format, years] = [await getTranslations("rankings"), await getTranslations("leadership"),
    await getTranslations("groups"), await getTranslations("regions"), await getLocale(), await getFormatter(), await publishedYears()];
  const year = query.year !== undefined && years.includes(query.year) ? query.year : years[0];
  const ranking = year === undefined ? null : await cycleRanking(year);
  if (!ranking || year === undefined) {
    return <><DashboardTabs current="rankings" /><PageTitle>{tl("title")}</PageTitle><p className="text-sm">{t("noPublished")}</p></>;
  }

  const groupCodes = ranking.groups.map((g) => g.code);
  const group = query.group && groupCodes.includes(query.group) ? query.group
    : groupCodes.includes(DEFAULT_GROUP) ? DEFAULT_GROUP : (groupCodes[0] ?? DEFAULT_GROUP);
  const regions = regionsOf(ranking.rows, group, REGION_ORDER);
  const region = query.region && regions.includes(query.region) ? query.region : null;
  const areas = ranking.groups.find((g) => g.code === group)?.areas ?? [];
  const shown = filterRows(ranking.rows, { group, region });
  const rows = sortRows(shown, query.sort, locale);
  const summary = rankingSummary(shown);
  const names = await unitNames(shown.flatMap((r) => comparedWith(r.change) ?? []));

  const base = { year, group, region: region ?? undefined };
  const href = (sort: RankingSort) => `/leadership?${rankingQuery({ ...base, sort: sort.key, dir: sort.dir })}#ranking`;
  const keep: Record<string, string> = Object.fromEntries(new URLSearchParams(rankingQuery({ sort: query.sort.key, dir: query.sort.dir })));
  const pct = (h: number) => formatHundredths(h, locale);
  const name = (r: { nameVi: string; nameEn: string }) => (locale === "en" ? r.nameEn : r.nameVi);
  const caption = region ? t("captionRegion", { group: tGroups(group), region: tRegions(region), year }) : t("caption", { group: tGroups(group), year });
  const file = `${t("file")}-${year}-${group}${region ? `-${region}` : ""}`;
  const previous = ranking.previousYear;

  return (
    <>
      <DashboardTabs current="rankings" year={year} />
      <PageTitle sub={t("sub", { year, date: format.dateTime(ranking.publishedAt, { dateStyle: "long" }) })}>{tl("title")}</PageTitle>
      {query.year !== undefined && query.year !== year && (
        <p role="status" className="mb-3 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="year-fallback">
          {t("yearFallback", { asked: query.year, year })}
        </p>
      )}

      <RankingFilters action="/leadership" years={years} year={year} groups={groupCodes} group={group} regions={regions} region={region} keep={keep}>
        <a href={`/api/v1/cycles/${year}/summary`} className="btn border border-slate-400 bg-white py-1 text-brand-700 hover:bg-brand-50">
          <svg aria-hidden="true" viewBox="0 0 16 16" width="14" height="14" className="mr-1.5" fill="none" stroke="currentColor" strokeWidth="1.5">
            <path d="M4 1.5h5.5L13 5v9.5H4z M9.5 1.5V5H13" strokeLinejoin="round" /><path d="M6 8.5h5M6 11h5" strokeLinecap="round" />
          </svg>{t("pdf")}
        </a>
      </RankingFilters>

      <section aria-label={t("stats.label")} className="mb-4 grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6" data-testid="ranking-stats">
        <Stat label={t("stats.units")} value={summary.units} hint={caption} />
        <Stat label={t("stats.average")} value={summary.averageHundredths === null ? "—" : pct(summary.averageHundredths)} />
        <Stat label={t("stats.highest")} value={summary.highest ? pct(summary.highest.indexHundredths) : "—"} hint={summary.highest ? name(summary.highest) : undefined} />
        <Stat label={t("stats.lowest")} value={summary.lowest ? pct(summary.lowest.indexHundredths) : "—"} hint={summary.lowest ? name(summary.lowest) : undefined} />
        {previous && summary.units > summary.notCompared ? (
          <>
            <Stat label={t("stats.improved", { year: previous })} value={<span className="text-emerald-700"><span aria-hidden="true">▲ </span>{summary.improved}</span>} />
            <Stat label={t("stats.declined", { year: previous })} value={<span className="text-orange-700"><span aria-hidden="true">▼ </span>{summary.declined}</span>}
              hint={t("stats.unchangedHint", { unchanged: summary.unchanged, none: summary.notCompared })} />
          </>
        ) : <Stat label={previous ? t("columns.change", { year: previous }) : t("columns.changeNone")} value="—"
          hint={previous ? t("stats.notCompared", { count: summary.notCompared }) : t("stats.noPrevious")} />}
      </section>

      {rows.length > 0 && (
        <section className="card mb-4" aria-labelledby="ranking-chart-title">
          <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 px-4 py-2">
            <h2 id="ranking-chart-title" className="text-sm font-semibold uppercase tracking-wide text-brand-800">{t("chart", { caption })}</h2>
            <ChartExport targetId="ranking-chart" filename={file} />
          </div>
          <figure id="ranking-chart" aria-labelledby="ranking-chart-title" className="bg-white p-3">
            <LazyIndexBarChart locale={locale} title={t("chart", { caption })} seriesLabel={t("columns.index")}
              data={sortRows(shown, { key: "index", dir: "desc" }).map((r) => ({ code: r.code, label: name(r), index: r.indexHundredths / 100 }))} />
            <figcaption className="mt-2 text-xs text-slate-600"><a href="#ranking-table" className="text-brand-700 underline">{t("chartTable")}</a></figcaption>
          </figure>
        </section>
      )}

      <section id="ranking" className="card mb-4" aria-labelledby="ranking-title">
        <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 px-4 py-2">
          <h2 id="ranking-title" className="text-sm font-semibold uppercase tracking-wide text-brand-800">
            {caption} <span className="ml-1 font-normal normal-case tracking-normal text-slate-600">{t("count", { count: rows.length })}</span>
          </h2>
          <TableExport tableId="ranking-table" filename={file} sheetName={t("sheet")} />
        </div>
        <div className="overflow-x-auto p-3">
          <RankingTable id="ranking-table" testId="ranking-table" caption={caption} rows={rows} areas={areas} previousYear={previous}
            unitHref={(code) => `/leadership/units/${encodeURIComponent(code)}?year=${year}`} sort={{ current: query.sort, href }}
            whatIfHref={(r) => (can(user, "whatif.read", { unitId: r.unitId }) ? `/leadership/what-if?unit=${encodeURIComponent(r.code)}&year=${year}` : null)}
            predecessorNames={names} showRegion={regions.length > 0 && !region} />
          <RankingLegend areas={areas} lineage={rows.some((r) => comparedWith(r.change))} />
        </div>
      </section>

    </>
  );
}
