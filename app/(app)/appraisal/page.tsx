import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { AssessmentTable } from "@/components/assessment/assessment-table";
import { Card, PageTitle } from "@/components/ui/card";
import { PhaseBanner } from "@/components/ui/phase-banner";
import { isAssigned } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/server/auth/session";
import { assessmentsOfCycle } from "@/lib/server/data/assessments";
import { currentCycle, cycleAreas } from "@/lib/server/data/cycles";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("appraisal"))("title") };
}

export default async function AppraisalHome() {
  const user = await requirePage("appraisal.score");
  const [t, tc, locale, cycle] = [await getTranslations("appraisal"), await getTranslations("common"), await getLocale(), await currentCycle()];
  if (!cycle) return <PageTitle>{t("title")}</PageTitle>;
  const areas = await cycleAreas(cycle.id);
  const mine = user.role === "APPRAISER" ? areas.filter((a) => isAssigned(user.assignedCriteria, a.code)) : areas;
  const queue = await assessmentsOfCycle(cycle.id, { status: ["SUBMITTED", "APPRAISED_R1", "EXPLANATION", "APPRAISED_R2"] });
  return (
    <>
      <PageTitle sub={`${tc("year")} ${cycle.year}`}>{t("title")}</PageTitle>
      <div className="mb-4"><PhaseBanner deadlines={cycle.deadlines} /></div>
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title={t("areas")} id="areas">
          {mine.length === 0 ? <p className="text-sm">{t("noAreas")}</p> : (
            <ul className="space-y-1 text-sm">
              {mine.map((a) => <li key={a.code}><span className="mr-2 font-mono text-xs text-slate-600">{a.code}</span>{locale === "en" ? a.titleEn : a.titleVi}</li>)}
            </ul>
          )}
        </Card>
        <Card title={t("queue")} id="queue" className="lg:col-span-2">
          {queue.length === 0 ? <p className="text-sm text-slate-700">{t("queueEmpty")}</p> : (
            <AssessmentTable rows={queue} last="submittedAt" link="appraisal" />
          )}
        </Card>
      </div>
    </>
  );
}
