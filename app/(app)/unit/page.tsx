import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, PageTitle, Stat } from "@/components/ui/card";
import { DeadlineTable, PhaseBanner } from "@/components/ui/phase-banner";
import { ProgressBar, StatusBadge } from "@/components/ui/status-badge";
import { formatIndex } from "@/lib/domain/scoring";
import { centiToNumber } from "@/lib/domain/points";
import { requirePage } from "@/lib/server/auth/session";
import { assessmentOfUnit } from "@/lib/server/data/assessments";
import { currentCycle } from "@/lib/server/data/cycles";
import { unitHistory } from "@/lib/server/data/results";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("unit"))("title") };
}

export default async function UnitHome() {
  const user = await requirePage("assessment.edit");
  const [t, tc, tWs, locale] = [await getTranslations("unit"), await getTranslations("common"), await getTranslations("worksheet"), await getLocale()];
  const unitName = locale === "en" ? user.unitNameEn : user.unitNameVi;
  if (!user.unitId) return <><PageTitle>{t("title")}</PageTitle><p>{t("noUnit")}</p></>;
  const cycle = await currentCycle();
  const [assessment, history] = [cycle ? await assessmentOfUnit(user.unitId, cycle.id) : null, await unitHistory(user.unitId)];
  const number = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return (
    <>
      <PageTitle sub={unitName}>{t("title")}</PageTitle>
      {cycle && <div className="mb-4"><PhaseBanner deadlines={cycle.deadlines} /></div>}
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          {cycle && (
            <Card title={t("current", { year: cycle.year })} id="current">
              {!assessment ? <p className="text-sm">{t("notAssigned")}</p> : (
                <div className="flex flex-wrap items-center gap-6">
                  <StatusBadge status={assessment.status} />
                  <ProgressBar value={assessment.scored} total={assessment.selfLeaves} label={tc("progress")} />
                  <p className="text-sm" data-testid="scored">{t("scored", { scored: assessment.scored, total: assessment.selfLeaves })}</p>
                  <Link href={`/worksheet/${encodeURIComponent(assessment.unitCode)}`} className="btn-primary ml-auto">{tWs("open")}</Link>
                </div>
              )}
            </Card>
          )}
          <Card title={t("history")} id="history">
            {history.length === 0 ? <p className="text-sm">{tc("none")}</p> : (
              <>
                <div className="mb-3 grid grid-cols-3 gap-3">
                  {history.slice(0, 3).map((h) => (
                    <Stat key={h.year} label={`${tc("year")} ${h.year}`} value={formatIndex({ achieved: h.achieved, max: h.max }, locale)}
                      hint={`${t("rankInGroup")}: ${tc("of", { rank: h.rank, total: h.groupSize })}`} />
                  ))}
                </div>
                <table className="table-dense">
                  <thead><tr><th scope="col">{tc("year")}</th><th scope="col" className="num">{tc("points")}</th>
                    <th scope="col" className="num">{tc("maxPoints")}</th><th scope="col" className="num">{tc("index")}</th>
                    <th scope="col" className="num">{t("rankInGroup")}</th></tr></thead>
                  <tbody>{history.map((h) => (
                    <tr key={h.year}>
                      <td>{h.year}</td>
                      <td className="num">{number.format(centiToNumber(h.achieved))}</td>
                      <td className="num">{number.format(centiToNumber(h.max))}</td>
                      <td className="num font-medium">{formatIndex({ achieved: h.achieved, max: h.max }, locale)}</td>
                      <td className="num">{tc("of", { rank: h.rank, total: h.groupSize })}</td>
                    </tr>
                  ))}</tbody>
                </table>
              </>
            )}
          </Card>
        </div>
        {cycle && <Card title={tc("phase")} id="deadlines"><DeadlineTable deadlines={cycle.deadlines} /></Card>}
      </div>
    </>
  );
}
