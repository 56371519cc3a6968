import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { NationalChart } from "@/components/charts/national-chart";
import { DashboardTabs } from "@/components/dashboard/dashboard-tabs";
import { NationalImport } from "@/components/dashboard/national-import";
import { NationalProvincePicker } from "@/components/dashboard/national-province-picker";
import { NationalContextTable, NationalHeadline, NationalSeriesTable } from "@/components/dashboard/national-view";
import { Card, PageTitle } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { cleanProvince, defaultProvince, provinceKey } from "@/lib/io/national";
import { requirePage } from "@/lib/server/auth/session";
import { homeProvince, nationalProvinces, nationalSeries, nationalYears } from "@/lib/server/data/national";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("national"))("title") };
}

type Props = { searchParams: Promise<{ province?: string }> };

export default async function NationalPage({ searchParams }: Props) {
  const user = await requirePage("dashboard.read");
  const { province: asked } = await searchParams;
  const [t, locale, provinces, years] = [await getTranslations("national"), await getLocale(), await nationalProvinces(), await nationalYears()];
  const wanted = typeof asked === "string" ? cleanProvince(asked).slice(0, 120) : "";
  const province = wanted === "" ? defaultProvince(provinces, homeProvince())
    : (provinces.find((p) => p.key === provinceKey(wanted))?.province ?? wanted);
  const series = province ? await nationalSeries(province) : [];
  const slug = `chi-so-cchc-${provinceKey(province ?? "").replace(/ /g, "-")}`;

  return (
    <>
      <DashboardTabs current="national" />
      <PageTitle sub={t("intro")}>{t("title")}</PageTitle>
      {province && <NationalProvincePicker provinces={provinces.map((p) => p.province)} province={province} label={t("province")} submit={t("show")} />}
      {years.length === 0 && <p className="mb-4">{t("noData")}</p>}
      {province && series.length === 0 && years.length > 0 && <p className="mb-4">{t("noProvinceData", { province })}</p>}
      {series.length > 0 && (
        <>
          <NationalHeadline series={series} locale={locale} />
          <div className="mb-4 grid gap-4 2xl:grid-cols-2">
            <Card title={t("chartCard")} id="national-chart-card">
              <NationalChart locale={locale} filename={slug}
                labels={{ title: t("chartTitle", { province: series[series.length - 1]!.province }), index: t("seriesIndex"), sipas: t("seriesSipas"),
                  rank: t("seriesRank"), axisScore: t("axisScore"), axisRank: t("axisRank"), partial: t("partialBadge") }}
                data={series.map((p) => ({ year: p.year, index: p.indexHundredths / 100, rank: p.rank, of: p.of,
                  sipas: p.sipasHundredths === null ? null : p.sipasHundredths / 100, partial: p.partial }))} />
              {series.some((p) => p.partial) && <p className="mt-1 text-xs text-slate-700">* {t("partialBadge")}</p>}
            </Card>
            <Card title={t("tableTitle", { province: series[series.length - 1]!.province })} id="national-table-card">
              <NationalSeriesTable series={series} locale={locale} filename={slug} />
            </Card>
          </div>
        </>
      )}
      {years.length > 0 && (
        <Card title={t("contextTitle")} id="national-context-card" className="mb-4">
          <NationalContextTable years={years} locale={locale} />
        </Card>
      )}
      {can(user, "national.manage") && (
        <Card title={t("import.title")} id="national-import">
          <p className="mb-2 text-sm text-slate-700">{t("import.intro")}</p>
          <p className="mb-3 text-sm"><a href="/api/v1/national/template" className="text-brand-700 underline" download>{t("import.template")}</a></p>
          <NationalImport />
        </Card>
      )}
    </>
  );
}
