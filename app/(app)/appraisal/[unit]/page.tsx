import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ReviewScreen, type RArea, type RLeaf } from "@/components/appraisal/review-screen";
import { PageTitle } from "@/components/ui/card";
import { ProgressBar, StatusBadge } from "@/components/ui/status-badge";
import { can } from "@/lib/auth/permissions";
import { leaves as leavesOf } from "@/lib/domain/framework";
import { describeRule } from "@/lib/i18n/rule-text";
import { requirePage } from "@/lib/server/auth/session";
import { reviewOf } from "@/lib/server/data/appraisal";
import { findUnitByCode } from "@/lib/server/data/assessments";

type Props = { params: Promise<{ unit: string }>; searchParams: Promise<{ leaf?: string; year?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("review"))("title") };
}

/** The appraisers' review of one unit's assessment (the newest cycle unless ?year=). */
export default async function ReviewPage({ params, searchParams }: Props) {
  const code = decodeURIComponent((await params).unit).toUpperCase();
  const { leaf, year } = await searchParams;
  const unit = await findUnitByCode(code);
  const user = await requirePage("appraisal.score");
  await requirePage("assessment.read", { unitId: unit?.id ?? "(unknown)" });
  if (!unit) notFound();
  const review = await reviewOf(unit.code, year && /^\d{4}$/.test(year) ? Number(year) : undefined);
  if (!review) notFound();
  const [t, tRules, locale] = [await getTranslations("review"), await getTranslations("frameworks.rules"), await getLocale()];
  const title = (n: { titleVi: string; titleEn: string }) => (locale === "en" ? n.titleEn : n.titleVi);
  const open = review.cycle.stage === "open" && review.progress !== null;
  const all = leavesOf(review.framework.tree);
  const leaves: Record<string, RLeaf> = {};
  for (const l of all) {
    leaves[l.code] = { ...review.leaves[l.code]!, title: title(l.node), ruleText: describeRule(l.node.rule!, l.node.maxPoints, (k, v) => tRules(k, v), locale),
      evidenceText: (locale === "en" ? l.node.evidenceEn : l.node.evidenceVi) ?? null,
      canAct: can(user, "appraisal.score", { unitId: unit.id, areaCode: l.code }) };
  }
  const areas: RArea[] = review.framework.tree.map((a) => {
    const codes = all.filter((l) => l.code.startsWith(`${a.code}.`)).map((l) => l.code);
    const undecided = codes.filter((c) => leaves[c]!.canAct && leaves[c]!.selfScored && !leaves[c]!.r1 && leaves[c]!.self !== null).length;
    return { code: a.code, title: title(a), max: a.maxPoints, codes, canBulk: undecided > 0, undecided };
  });
  const p = review.progress;
  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <PageTitle sub={`${locale === "en" ? review.assessment.unitNameEn : review.assessment.unitNameVi} · ${t("year", { year: review.cycle.year })}`}>{t("title")}</PageTitle>
        <div className="flex items-center gap-3 text-sm">
          <StatusBadge status={review.assessment.status} />
          <Link href={`/worksheet/${unit.code}`} className="text-brand-700 underline">{t("worksheet")}</Link>
          <Link href="/appraisal" className="text-brand-700 underline">{t("queue")}</Link>
        </div>
      </div>
      {p ? (
        <div className="mb-3 flex flex-wrap items-center gap-x-6 gap-y-1 text-sm" data-testid="review-progress">
          <span className="flex items-center gap-2">{t("progressR1", { done: p.r1Done, total: p.r1Total })}<ProgressBar value={p.r1Done} total={p.r1Total} label={t("progressLabel")} /></span>
          <span>{t("progressRequests", { open: p.requestsOpen, answered: p.requestsAnswered, expired: p.requestsExpired })}</span>
          {p.r2Pending > 0 && <span className="font-medium text-orange-900">{t("progressR2", { count: p.r2Pending })}</span>}
        </div>
      ) : <p role="status" className="mb-3 rounded border border-slate-300 bg-slate-50 px-3 py-2 text-sm">{t("notSubmitted")}</p>}
      <ReviewScreen assessmentId={review.assessment.id} open={open} areas={areas} leaves={leaves} initial={leaf ?? null} defaultDue={review.defaultDue} />
    </>
  );
}
