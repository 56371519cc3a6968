import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { AreaCompareChart } from "@/components/charts/area-compare-chart";
import { TrendChart } from "@/components/charts/trend-chart";
import { ChartExport, TableExport } from "@/components/dashboard/export-buttons";
import { Card, Stat } from "@/components/ui/card";
import type { UnitName, UnitProfile } from "@/lib/server/data/unit-profile";
import { formatHundredths } from "@/lib/domain/scoring";

/**
 * The body of a unit's profile, shared by the leadership page and the public unit page: header
 * figures, the trend (lineage years marked), areas against the group average and the lost points.
 * Reasons and evidence appear only when the profile carries them (the page decides who may see them).
 */
export async function ProfileSections({ profile, showReasons, reasonsHiddenNote = false, whatIfHref }: {
  profile: UnitProfile; showReasons: boolean; reasonsHiddenNote?: boolean; whatIfHref?: string;
}) {
  const [t, tc, tGroups, locale, format] = [await getTranslations("unitProfile"), await getTranslations("common"), await getTranslations("groups"),
    await getLocale(), await getFormatter()];
  const { unit, year, result, trend, areas, lost, lostTotal, evidence, previous, previousYear } = profile;
  const name = (u: { nameVi: string; nameEn: string }) => (locale === "en" ? u.nameEn : u.nameVi);
  const names = (list: UnitName[]) => list.map(name).join(" + ");
  const pct = (h: number) => formatHundredths(h, locale);
  const pts = (c: number) => format.number(c / 100, { maximumFractionDigits: 2 });
  const signed = (h: number) => `${h > 0 ? "▲ +" : h < 0 ? "▼ −" : "= "}${pct(Math.abs(h))}`;
  const group = unit.group ? tGroups(unit.group) : "—";
  const slug = `${unit.code}-${year}`;
  const change = result?.change ?? null;

  return (
    <>
      {result ? (
        <div className={`mb-4 grid grid-cols-2 gap-3 ${evidence && evidence.total > 0 ? "md:grid-cols-3 xl:grid-cols-5" : "md:grid-cols-4"}`} data-testid="profile-stats">
          <Stat label={t("index", { year })} value={pct(result.indexHundredths)} hint={t("points", { achieved: pts(result.achieved), max: pts(result.max) })} />
          <Stat label={t("rank")} value={tc("of", { rank: result.rank, total: result.groupSize })} hint={group} />
          <Stat label={t("band")} value={result.band ? t("bandLabel", { code: result.band }) : t("noBand")} />
          {change?.indexDeltaHundredths != null && previous ? (
            <Stat label={t("change", { year: previous.year })} value={<span data-testid="profile-change">{signed(change.indexDeltaHundredths)}</span>}
              hint={change.basis === "lineage" || change.basis === "merged" ? t("changeMerged", { units: names(previous.names), year: previous.year })
                : change.rankDelta === null ? undefined : change.rankDelta > 0 ? t("rankUp", { n: change.rankDelta }) : change.rankDelta < 0 ? t("rankDown", { n: -change.rankDelta }) : t("rankSame")} />
          ) : (
            <Stat label={previousYear === null ? t("changeNoYear") : t("change", { year: previousYear })} value="—" hint={t("changeNone")} />
          )}
          {evidence && evidence.total > 0 && (
            <Stat label={t("evidence")} value={<span data-testid="profile-evidence">{format.number(evidence.covered / evidence.total, { style: "percent", maximumFractionDigits: 0 })}</span>}
              hint={t("evidenceHint", evidence)} />
          )}
        </div>
      ) : (
        <p className="mb-4 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm" role="status">{t("noResult", { name: name(unit), year })}</p>
      )}
      {whatIfHref && result && <p className="-mt-1 mb-4 text-sm"><Link href={whatIfHref} className="text-brand-700 underline">{t("whatIf")}</Link></p>}

      <div className="grid items-start gap-4 xl:grid-cols-2">
        {trend.length > 0 && (
          <Card title={t("trendTitle")} id="trend">
            <div className="mb-2 flex justify-end"><ChartExport targetId="trend-chart" filename={`chi-so-qua-cac-nam-${slug}`} /></div>
            <TrendChart id="trend-chart" title={t("trendChart", { name: name(unit) })} locale={locale}
              labels={{ own: t("own"), lineage: t("lineage"), year: tc("year") }}
              data={trend.map((p) => ({ year: p.year, index: p.indexHundredths / 100, basis: p.basis }))} />
            {trend.some((p) => p.basis === "lineage") && <p className="mt-2 text-xs text-slate-700">{t("trendNote")}</p>}
            <div className="mt-3 flex items-center justify-between">
              <h3 className="text-sm font-semibold" id="trend-table-title">{t("trendTable")}</h3>
              <TableExport tableId="trend-table" filename={`chi-so-qua-cac-nam-${slug}`} />
            </div>
            <table className="table-dense mt-1" id="trend-table" aria-labelledby="trend-table-title">
              <thead><tr><th scope="col">{tc("year")}</th><th scope="col" className="num">{tc("index")}</th><th scope="col" className="num">{tc("points")}</th>
                <th scope="col" className="num">{tc("rank")}</th><th scope="col">{t("basis")}</th></tr></thead>
              <tbody>{trend.map((p) => (
                <tr key={p.year} data-testid={`trend-${p.year}`} data-basis={p.basis} className={p.basis === "lineage" ? "italic" : undefined}>
                  <td>{p.year}</td>
                  <td className="num font-medium" data-value={p.indexHundredths / 100}>{pct(p.indexHundredths)}</td>
                  <td className="num">{pts(p.achieved)}/{pts(p.max)}</td>
                  <td className="num">{p.rank !== null && p.groupSize !== null ? tc("of", { rank: p.rank, total: p.groupSize }) : "—"}</td>
                  <td>{p.basis === "own" ? t("basisOwn") : t("basisLineage", { units: names(p.names) })}</td>
                </tr>
              ))}</tbody>
            </table>
          </Card>
        )}

        {areas.length > 0 && (
          <Card title={t("areasTitle", { year })} id="areas">
            <div className="mb-2 flex justify-end"><ChartExport targetId="areas-chart" filename={`chi-so-thanh-phan-${slug}`} /></div>
            <AreaCompareChart id="areas-chart" title={t("areasChart", { name: name(unit), group, year })} locale={locale}
              series={[{ key: "unit", name: name(unit), tone: "primary" }, { key: "average", name: t("average"), tone: "reference" }]}
              data={areas.map((a) => ({ code: a.code, label: `${a.code}. ${locale === "en" ? a.titleEn : a.titleVi}`,
                values: { unit: a.unit === null ? null : a.unit / 100, average: a.average === null ? null : a.average / 100 } }))} />
            <div className="mt-3 flex justify-end"><TableExport tableId="areas-table" filename={`chi-so-thanh-phan-${slug}`} /></div>
            <table className="table-dense mt-1" id="areas-table" aria-label={t("areasTitle", { year })}>
              <thead><tr><th scope="col">{t("area")}</th><th scope="col" className="num">{t("unitValue")}</th><th scope="col" className="num">{t("average")}</th>
                <th scope="col" className="num">{t("gap")}</th></tr></thead>
              <tbody>{areas.map((a) => (
                <tr key={a.code} data-testid={`area-${a.code}`}>
                  <td>{a.code}. {locale === "en" ? a.titleEn : a.titleVi}</td>
                  <td className="num" data-value={a.unit === null ? undefined : a.unit / 100}>{a.unit === null ? "—" : pct(a.unit)}</td>
                  <td className="num" data-value={a.average === null ? undefined : a.average / 100}>{a.average === null ? "—" : pct(a.average)}</td>
                  <td className={`num ${a.gap !== null && a.gap < 0 ? "text-red-800" : ""}`} data-value={a.gap === null ? undefined : a.gap / 100}>
                    {a.gap === null ? "—" : `${a.gap > 0 ? "+" : a.gap < 0 ? "−" : ""}${pct(Math.abs(a.gap))}`}</td>
                </tr>
              ))}</tbody>
            </table>
          </Card>
        )}
      </div>

      {result && (
        <Card title={t("lostTitle", { year })} id="lost" className="mt-4">
          {lost.length === 0 ? <p className="text-sm">{t("noLost")}</p> : (
            <>
              <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
                <p className="text-sm text-slate-700">{t("lostSummary", { leaves: lostTotal.leaves, points: pts(lostTotal.points), shown: lost.length })}</p>
                <TableExport tableId="lost-table" filename={`diem-bi-mat-${slug}`} />
              </div>
              <table className="table-dense" id="lost-table" data-testid="lost-table" aria-label={t("lostTitle", { year })}>
                <thead><tr><th scope="col">{tc("code")}</th><th scope="col">{t("criterion")}</th><th scope="col" className="num">{t("max")}</th>
                  <th scope="col" className="num">{t("achieved")}</th><th scope="col" className="num">{t("lost")}</th>
                  {showReasons && <th scope="col">{t("reason")}</th>}</tr></thead>
                <tbody>{lost.map((l) => (
                  <tr key={l.code} data-testid={`lost-${l.code}`}>
                    <td className="whitespace-nowrap">{l.code}</td>
                    <td>{locale === "en" ? l.titleEn : l.titleVi}</td>
                    <td className="num" data-value={l.max / 100}>{pts(l.max)}</td>
                    <td className="num" data-value={l.achieved / 100}>{pts(l.achieved)}</td>
                    <td className="num font-semibold text-red-800" data-value={l.lost / 100}>{pts(l.lost)}</td>
                    {showReasons && <td className={l.reason ? "" : "text-slate-600"}>{l.reason ?? (l.survey ? t("surveyReason") : t("noReason"))}</td>}
                  </tr>
                ))}</tbody>
              </table>
              {reasonsHiddenNote && !showReasons && <p className="mt-2 text-xs text-slate-700" data-testid="reasons-hidden">{t("reasonsHidden")}</p>}
            </>
          )}
        </Card>
      )}
    </>
  );
}
