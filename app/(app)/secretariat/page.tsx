import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { RecomputeButton } from "@/components/imports/recompute-button";
import { AssessmentTable } from "@/components/assessment/assessment-table";
import { Card, PageTitle, Stat } from "@/components/ui/card";
import { DeadlineTable, PhaseBanner } from "@/components/ui/phase-banner";
import { StatusBadge } from "@/components/ui/status-badge";
import { requirePage } from "@/lib/server/auth/session";
import { assessmentsOfCycle, statusCounts } from "@/lib/server/data/assessments";
import { currentCycle } from "@/lib/server/data/cycles";
import { snapshotStatus } from "@/lib/server/data/snapshots";

const STATUSES = ["NOT_STARTED", "IN_PROGRESS", "SUBMITTED", "APPRAISED_R1", "EXPLANATION", "APPRAISED_R2", "APPROVED", "PUBLISHED"] as const;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("secretariat"))("title") };
}

export default async function SecretariatHome() {
  await requirePage("cycle.manage");
  const [t, tc, tStatus, cycle] = [await getTranslations("secretariat"), await getTranslations("common"),
    await getTranslations("status"), await currentCycle()];
  if (!cycle) return <PageTitle>{t("title")}</PageTitle>;
  const [counts, rows, snapshot] = [await statusCounts(cycle.id), await assessmentsOfCycle(cycle.id), await snapshotStatus(cycle.id)];
  const [tResults, tSurveys, tCycles, format] = [await getTranslations("results"), await getTranslations("surveys"), await getTranslations("cycles"), await getFormatter()];
  const count = (s: string) => counts.find((c) => c.status === s)?.count ?? 0;
  const open = rows.filter((r) => r.status === "NOT_STARTED" || r.status === "IN_PROGRESS");
  return (
    <>
      <PageTitle sub={t("cycle", { year: cycle.year })}>{t("title")}</PageTitle>
      <div className="mb-4"><PhaseBanner deadlines={cycle.deadlines} /></div>
      <div className="mb-4 grid grid-cols-2 gap-3 md:grid-cols-4">
        {(["NOT_STARTED", "IN_PROGRESS", "SUBMITTED", "PUBLISHED"] as const).map((s) => (
          <Stat key={s} label={tStatus(s)} value={count(s)} hint={`${tc("total")}: ${rows.length}`} />
        ))}
      </div>
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title={t("notSubmitted")} id="open" className="lg:col-span-2">
          {open.length === 0 ? <p className="text-sm">{t("allSubmitted")}</p> : (
            <AssessmentTable rows={open} last="progress" />
          )}
        </Card>
        <div className="space-y-4">
          <Card title={tResults("title")} id="draft-results">
            <p className="mb-2 text-xs text-slate-700">{tResults("intro")}</p>
            <p className="mb-3 text-sm">{snapshot.computedAt
              ? tResults("lastComputed", { at: format.dateTime(snapshot.computedAt, { dateStyle: "short", timeStyle: "short" }), units: snapshot.units })
              : tResults("never")}</p>
            <RecomputeButton year={cycle.year} />
            <p className="mt-3 border-t border-slate-200 pt-3 text-sm">
              <Link href="/surveys/import" className="text-brand-700 underline">{tSurveys("link")}</Link>
            </p>
          </Card>
          <Card title={t("deadlines")} id="deadlines">
            <DeadlineTable deadlines={cycle.deadlines} />
            <p className="mt-2 text-sm"><Link href={`/cycles/${cycle.year}`} className="text-brand-700 underline">{tCycles("edit")}</Link></p>
          </Card>
          <Card title={t("units")} id="by-status">
            <table className="table-dense"><tbody>
              {STATUSES.map((s) => (
                <tr key={s}><th scope="row"><StatusBadge status={s} /></th><td className="num">{count(s)}</td></tr>
              ))}
            </tbody></table>
            <p className="mt-2 text-sm"><Link href={`/secretariat/status?year=${cycle.year}`} className="text-brand-700 underline">{(await getTranslations("statusGrid"))("link")}</Link></p>
          </Card>
        </div>
      </div>
    </>
  );
}
