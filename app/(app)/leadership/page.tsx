import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { IndexBarChart } from "@/components/charts/index-bar-chart";
import { Card, PageTitle, Stat } from "@/components/ui/card";
import { requirePage } from "@/lib/server/auth/session";
import { publishedCycles } from "@/lib/server/data/cycles";
import { cycleResults } from "@/lib/server/data/results";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("leadership"))("title") };
}

const GROUP = "SBN";

export default async function LeadershipHome() {
  await requirePage("dashboard.read");
  const [t, tc, locale, cycles] = [await getTranslations("leadership"), await getTranslations("common"), await getLocale(), await publishedCycles()];
  const latest = cycles[0];
  if (!latest) return <><PageTitle>{t("title")}</PageTitle><p>{t("noPublished")}</p></>;
  const results = (await cycleResults(latest.id))
    .filter((r) => r.groupCode === GROUP)
    .sort((a, b) => a.rank - b.rank || a.unitCode.localeCompare(b.unitCode));
  const name = (r: (typeof results)[number]) => (locale === "en" ? r.unitNameEn : r.unitNameVi);
  const pct = (h: number) => new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(h / 100);
  const indices = results.map((r) => r.indexHundredths);
  const average = indices.length ? Math.round(indices.reduce((a, b) => a + b, 0) / indices.length) : 0;
  const top = results[0];
  const bottom = results[results.length - 1];
  return (
    <>
      <PageTitle sub={t("latest", { year: latest.year })}>{t("title")}</PageTitle>
      <p className="-mt-2 mb-3 text-sm"><Link href="/secretariat/status" className="text-brand-700 underline">{(await getTranslations("statusGrid"))("link")}</Link></p>
      <div className="mb-4 grid grid-cols-2 gap-3 md:grid-cols-4">
        <Stat label={t("unitsRanked")} value={results.length} />
        <Stat label={t("average")} value={pct(average)} />
        {top && <Stat label={t("highest")} value={pct(top.indexHundredths)} hint={name(top)} />}
        {bottom && <Stat label={t("lowest")} value={pct(bottom.indexHundredths)} hint={name(bottom)} />}
      </div>
      <div className="grid gap-4 xl:grid-cols-5">
        <Card title={t("chart", { year: latest.year })} id="chart" className="xl:col-span-3">
          <IndexBarChart locale={locale} title={t("chart", { year: latest.year })} seriesLabel={tc("index")}
            data={results.map((r) => ({ code: r.unitCode, label: name(r), index: r.indexHundredths / 100 }))} />
        </Card>
        <Card title={tc("chartTable")} id="ranking" className="xl:col-span-2">
          <table className="table-dense" data-testid="ranking-table">
            <thead><tr><th scope="col" className="num">{tc("rank")}</th><th scope="col">{tc("unit")}</th><th scope="col" className="num">{tc("index")}</th></tr></thead>
            <tbody>{results.map((r) => (
              <tr key={r.unitCode}><td className="num">{r.rank}</td><td>{name(r)}</td><td className="num font-medium">{pct(r.indexHundredths)}</td></tr>
            ))}</tbody>
          </table>
        </Card>
      </div>
    </>
  );
}
