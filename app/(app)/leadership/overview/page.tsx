import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { AreaCompareChart } from "@/components/charts/area-compare-chart";
import { DistributionChart } from "@/components/charts/distribution-chart";
import { DashboardTabs } from "@/components/dashboard/dashboard-tabs";
import { ChartExport, TableExport } from "@/components/dashboard/export-buttons";
import { OverviewFilters } from "@/components/dashboard/overview-filters";
import { Card, PageTitle, Stat } from "@/components/ui/card";
import { requirePage } from "@/lib/server/auth/session";
import { publishedYears } from "@/lib/server/data/dashboards";
import { overview } from "@/lib/server/data/overview";
import { formatHundredths } from "@/lib/domain/scoring";

type Props = { searchParams: Promise<{ year?: string; group?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("overview"))("title") };
}

/** The province at a glance for a published year and unit group: distribution, bands, areas, costly criteria. */
export default async function OverviewPage({ searchParams }: Props) {
  await requirePage("dashboard.read");
  const query = await searchParams;
  const years = await publishedYears();
  const asked = Number(query.year);
  const year = years.includes(asked) ? asked : years[0];
  const [t, tc, tGroups, locale, format] = [await getTranslations("overview"), await getTranslations("common"), await getTranslations("groups"),
    await getLocale(), await getFormatter()];
  if (year === undefined) return <><PageTitle>{t("title")}</PageTitle><DashboardTabs current="overview" /><p>{t("noPublished")}</p></>;
  const o = await overview(year, query.group ?? null);
  if (!o) return <><PageTitle>{t("title")}</PageTitle><DashboardTabs current="overview" year={year} /><p>{t("noPublished")}</p></>;
  const group = tGroups(o.group);
  const pct = (h: number) => formatHundredths(h, locale);
  const pts = (c: number) => format.number(c / 100, { maximumFractionDigits: 2 });
  const whole = (h: number) => format.number(h / 100, { maximumFractionDigits: 2 });
  const binLabel = (b: (typeof o.distribution)[number]) => (b.from === null ? t("below", { to: whole(b.to) }) : t("range", { from: whole(b.from), to: whole(b.to) }));
  const slug = `${o.group}-${year}`;
  const title = (x: { titleVi: string; titleEn: string }) => (locale === "en" ? x.titleEn : x.titleVi);
  return (
    <>
      <PageTitle sub={t("sub", { year, group })}>{t("title")}</PageTitle>
      <DashboardTabs current="overview" year={year} />
      <OverviewFilters years={years} year={year} group={o.group} groups={o.groups.map((g) => ({ code: g, label: tGroups(g) }))}
        labels={{ year: t("year"), group: t("group"), submit: t("show") }} />

      <div className="mb-4 grid grid-cols-2 gap-3 md:grid-cols-5" data-testid="overview-stats">
        <Stat label={t("units")} value={o.units} hint={group} />
        <Stat label={t("mean")} value={o.meanIndexHundredths === null ? "—" : pct(o.meanIndexHundredths)} />
        <h2 className="sr-only">{t("bandsTitle")}</h2>
        {o.bands.map((b) => (
          <Stat key={b.band || "none"} label={b.band ? (locale === "en" ? b.labelEn : b.labelVi) : t("noBand")} value={<span data-testid={`band-${b.band || "none"}`}>{b.count}</span>}
            hint={b.from === null ? undefined : b.to === null ? t("bandTop", { min: b.from }) : b.from === 0 ? t("bandLow", { max: b.to }) : t("bandMid", { min: b.from, max: b.to })} />
        ))}
      </div>

      <div className="grid items-start gap-4 xl:grid-cols-2">
        <Card title={t("distributionTitle")} id="distribution">
          <div className="mb-2 flex justify-end"><ChartExport targetId="distribution-chart" filename={`phan-bo-chi-so-${slug}`} /></div>
          <DistributionChart id="distribution-chart" title={t("distributionChart", { group, year })} seriesLabel={t("unitCount")} xLabel={t("bin")}
            data={o.distribution.map((b) => ({ label: binLabel(b), count: b.count }))} />
          <div className="mt-3 flex justify-end"><TableExport tableId="distribution-table" filename={`phan-bo-chi-so-${slug}`} /></div>
          <table className="table-dense mt-1" id="distribution-table" aria-label={t("distributionTitle")}>
            <thead><tr><th scope="col">{t("bin")}</th><th scope="col" className="num">{t("unitCount")}</th></tr></thead>
            <tbody>{o.distribution.map((b) => (
              <tr key={b.to}><td>{binLabel(b)}</td><td className="num" data-value={b.count}>{b.count}</td></tr>
            ))}</tbody>
          </table>
        </Card>

        <Card title={t("areasTitle")} id="areas">
          <div className="mb-2 flex justify-end"><ChartExport targetId="areas-chart" filename={`chi-so-thanh-phan-binh-quan-${slug}`} /></div>
          <AreaCompareChart id="areas-chart" title={t("areasChart", { group, year })} locale={locale}
            series={[{ key: "average", name: t("average"), tone: "primary" }]}
            data={o.areas.map((a) => ({ code: a.code, label: `${a.code}. ${title(a)}`, values: { average: a.average === null ? null : a.average / 100 } }))} />
          <div className="mt-3 flex justify-end"><TableExport tableId="areas-table" filename={`chi-so-thanh-phan-binh-quan-${slug}`} /></div>
          <table className="table-dense mt-1" id="areas-table" aria-label={t("areasTitle")}>
            <thead><tr><th scope="col">{t("area")}</th><th scope="col" className="num">{tc("maxPoints")}</th><th scope="col" className="num">{t("average")}</th></tr></thead>
            <tbody>{o.areas.map((a) => (
              <tr key={a.code}><td>{a.code}. {title(a)}</td><td className="num" data-value={a.max / 100}>{pts(a.max)}</td>
                <td className="num font-medium" data-value={a.average === null ? undefined : a.average / 100}>{a.average === null ? "—" : pct(a.average)}</td></tr>
            ))}</tbody>
          </table>
        </Card>
      </div>

      <Card title={t("costlyTitle")} id="costly" className="mt-4">
        <div className="mb-2 flex flex-wrap items-start justify-between gap-2">
          <p className="max-w-4xl text-sm text-slate-700">{t("costlyNote")}</p>
          <TableExport tableId="costly-table" filename={`tieu-chi-mat-diem-${slug}`} />
        </div>
        <table className="table-dense" id="costly-table" data-testid="costly-table" aria-label={t("costlyTitle")}>
          <thead><tr><th scope="col">{tc("code")}</th><th scope="col">{t("criterion")}</th><th scope="col" className="num">{t("lostTotal")}</th>
            <th scope="col" className="num">{t("maxTotal")}</th><th scope="col" className="num">{t("unitsLost")}</th><th scope="col">{t("lead")}</th></tr></thead>
          <tbody>{o.costly.map((c) => (
            <tr key={c.code} data-testid={`costly-${c.code}`}>
              <td className="whitespace-nowrap">{c.code}</td>
              <td>{title(c)}</td>
              <td className="num font-semibold text-red-800" data-value={c.lost / 100}>{pts(c.lost)}</td>
              <td className="num" data-value={c.max / 100}>{pts(c.max)}</td>
              <td className="num" data-value={c.units}>{tc("of", { rank: c.units, total: o.units })}</td>
              <td>{c.leads.length === 0 ? <span className="text-slate-600">{t("noLead")}</span>
                : c.leads.map((d, i) => <span key={d.code}>{i > 0 && ", "}<Link href={`/leadership/units/${d.code}?year=${year}`} className="text-brand-700 underline">{locale === "en" ? d.nameEn : d.nameVi}</Link></span>)}</td>
            </tr>
          ))}</tbody>
        </table>
      </Card>
    </>
  );
}
