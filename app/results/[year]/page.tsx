import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { TableExport } from "@/components/dashboard/export-buttons";
import { RankingLegend } from "@/components/dashboard/ranking-legend";
import { RankingTable } from "@/components/dashboard/ranking-table";
import { PublicShell } from "@/components/layout/public-shell";
import { comparedWith, filterRows, rankingQuery, sortRows, type RankingSort } from "@/lib/domain/rankings";
import { parseRankingQuery } from "@/lib/schemas/rankings";
import { cycleRanking, publishedYears } from "@/lib/server/data/dashboards";
import { unitNames } from "@/lib/server/data/rankings";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ year: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await getTranslations("publicResults"))("heading", { year: (await params).year }) };
}

/**
 * The published PAR INDEX of a year, for anyone (no sign-in): per unit group, the ranking with index,
 * classification, change against the previous year and the per-area heat-map, read from the stored
 * snapshots. Only published cycles (anything else is a 404); no appraisal notes.
 */
export default async function PublicResults({ params, searchParams }: Props) {
  const raw = (await params).year;
  const year = /^\d{4}$/.test(raw) ? Number(raw) : NaN;
  const years = await publishedYears();
  if (!years.includes(year)) notFound();
  const ranking = await cycleRanking(year);
  if (!ranking) notFound();
  const { sort } = parseRankingQuery(await searchParams);
  const [t, tr, tGroups, format, locale] = [await getTranslations("publicResults"), await getTranslations("rankings"), await getTranslations("groups"), await getFormatter(), await getLocale()];
  const names = await unitNames(ranking.rows.flatMap((r) => comparedWith(r.change) ?? []));
  const href = (group: string) => (s: RankingSort) => `/results/${year}?${rankingQuery({ sort: s.key, dir: s.dir })}#group-${group}`;

  return (
    <PublicShell>
      <h1 className="text-xl font-semibold text-brand-800">{t("heading", { year })}</h1>
      <p className="text-sm text-slate-700">{t("publishedAt", { date: format.dateTime(ranking.publishedAt, { dateStyle: "long" }) })}</p>
      <p className="mb-3 max-w-3xl text-sm text-slate-700">{t("intro")}</p>
      <nav aria-label={t("years")} className="mb-4 flex gap-2 text-sm">
        {years.map((y) => <Link key={y} href={`/results/${y}`} aria-current={y === year ? "page" : undefined}
          className={`rounded border px-2 py-0.5 ${y === year ? "border-brand-700 bg-brand-700 text-white" : "border-slate-400 bg-white"}`}>{y}</Link>)}
      </nav>
      {ranking.groups.map((g) => {
        const rows = sortRows(filterRows(ranking.rows, { group: g.code }), sort, locale);
        const caption = tr("caption", { group: tGroups(g.code), year });
        return (
          <section key={g.code} id={`group-${g.code}`} className="card mb-4" aria-labelledby={`group-${g.code}-title`}>
            <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 px-4 py-2">
              <h2 id={`group-${g.code}-title`} className="text-sm font-semibold uppercase tracking-wide text-brand-800">
                {tGroups(g.code)} <span className="ml-1 font-normal normal-case tracking-normal text-slate-600">{t("groupCount", { count: rows.length })}</span>
              </h2>
              <TableExport tableId={`ranking-${g.code}`} filename={`${tr("file")}-${year}-${g.code}`} sheetName={tr("sheet")} />
            </div>
            <div className="overflow-x-auto p-3">
              <RankingTable id={`ranking-${g.code}`} testId={`public-${g.code}`} caption={caption} rows={rows} areas={g.areas}
                previousYear={ranking.previousYear} unitHref={(code) => `/results/${year}/${encodeURIComponent(code)}`}
                sort={{ current: sort, href: href(g.code) }} predecessorNames={names} showRegion={rows.some((r) => r.region)} />
              <RankingLegend areas={g.areas} lineage={rows.some((r) => comparedWith(r.change))} />
            </div>
          </section>
        );
      })}
    </PublicShell>
  );
}
