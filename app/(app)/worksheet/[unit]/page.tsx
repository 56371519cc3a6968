import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { PhaseBanner } from "@/components/ui/phase-banner";
import { StatusBadge } from "@/components/ui/status-badge";
import { SecretariatControls } from "@/components/worksheet/secretariat-controls";
import type { WsArea } from "@/components/worksheet/types";
import { Worksheet } from "@/components/worksheet/worksheet";
import { ExplanationAnswers, type UnitRequest } from "@/components/appraisal/explanation-answers";
import { requestsOf, reviewOf } from "@/lib/server/data/appraisal";
import { ACCEPTED_EXTENSIONS } from "@/lib/server/evidence/file-types";
import { can } from "@/lib/auth/permissions";
import { flatten } from "@/lib/domain/framework";
import { describeRule } from "@/lib/i18n/rule-text";
import { requirePage } from "@/lib/server/auth/session";
import { findUnitByCode } from "@/lib/server/data/assessments";
import { worksheetOf } from "@/lib/server/data/worksheet";

type Props = { params: Promise<{ unit: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("worksheet"))("title") };
}

export default async function WorksheetPage({ params }: Props) {
  const code = decodeURIComponent((await params).unit).toUpperCase();
  const unit = await findUnitByCode(code);
  const user = await requirePage("assessment.read", { unitId: unit?.id ?? "(unknown)" });
  if (!unit) notFound();
  const ws = await worksheetOf(unit.code);
  const [t, tRules, tReport, locale, format] = [await getTranslations("worksheet"), await getTranslations("frameworks.rules"), await getTranslations("report"), await getLocale(), await getFormatter()];
  if (!ws) return <><PageTitle>{t("title")}</PageTitle><p>{t("none")}</p></>;
  const title = (n: { titleVi: string; titleEn: string }) => (locale === "en" ? n.titleEn : n.titleVi);
  const flat = flatten(ws.framework.tree);
  const areas: WsArea[] = ws.framework.tree.map((area) => ({
    code: area.code, title: title(area), max: area.maxPoints,
    rows: flat.filter((f) => f.code.startsWith(`${area.code}.`)).map((f) => f.isLeaf
      ? { kind: "leaf" as const, code: f.code, title: title(f.node), max: f.node.maxPoints, rule: f.node.rule!,
          ruleText: describeRule(f.node.rule!, f.node.maxPoints, (k, v) => tRules(k, v), locale),
          evidenceText: (locale === "en" ? f.node.evidenceEn : f.node.evidenceVi) ?? null, evidenceMandatory: f.node.evidenceMandatory ?? false,
          survey: (f.node.source ?? "SELF") === "SURVEY" }
      : { kind: "node" as const, code: f.code, title: title(f.node), max: f.node.maxPoints, depth: f.depth }),
  }));
  const editable = ws.refusal === null && can(user, "assessment.edit", { unitId: unit.id });
  const leafTitles = new Map(flat.map((f) => [f.code, title(f.node)]));
  const requests: UnitRequest[] = (await requestsOf(ws.assessment.id)).map((r) => ({ ...r, title: leafTitles.get(r.code) ?? "",
    dueAt: r.dueAt.toISOString(), answeredAt: r.answeredAt?.toISOString() ?? null, files: r.files.map((f) => ({ id: f.id, fileName: f.fileName })) }));
  const tExplanations = await getTranslations("explanations");
  // Points the appraisal cut (or gave back), with the last round's reason: the unit's own, or anyone who may read it.
  const review = ws.assessment.status === "NOT_STARTED" || ws.assessment.status === "IN_PROGRESS" ? null : await reviewOf(unit.code, ws.cycle.year);
  const changed = review ? Object.values(review.leaves).filter((l) => l.self !== null && l.final !== null && l.final !== l.self) : [];
  const refusalDate = ws.refusal?.key === "worksheet.errors.notOpen" ? ws.window?.opensAt : ws.window?.closesAt;
  const refusal = ws.refusal ? t(`refusal.${ws.refusal.key.split(".").pop()}`, {
    date: refusalDate ? format.dateTime(refusalDate, { dateStyle: "medium", timeStyle: "short" }) : "" }) : null;
  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <PageTitle sub={`${locale === "en" ? unit.nameEn : unit.nameVi} · ${t("year", { year: ws.cycle.year })}`}>{t("title")}</PageTitle>
        <div className="flex items-center gap-3">
          <StatusBadge status={ws.assessment.status} />
          <a href={`/api/v1/assessments/${ws.assessment.id}/report`} target="_blank" rel="noopener" className="btn border border-slate-400 bg-white">{tReport("pdf")}</a>
          <a href={`/api/v1/assessments/${ws.assessment.id}/report?format=xlsx`} className="btn border border-slate-400 bg-white">{tReport("xlsx")}</a>
        </div>
      </div>
      <div className="mb-4 space-y-2">
        <PhaseBanner deadlines={ws.window ? ws.cycle.deadlines.map((d) => (d.phase === "SELF_ASSESSMENT" ? ws.window! : d)) : ws.cycle.deadlines} />
        {ws.extension && <p className="text-sm text-slate-700">{t("extended", { date: format.dateTime(ws.extension.closesAt, { dateStyle: "medium", timeStyle: "short" }), reason: ws.extension.reason })}</p>}
        {refusal && <p role="status" data-testid="read-only" className="rounded border border-slate-300 bg-slate-50 px-3 py-2 text-sm">{refusal}</p>}
      </div>
      {can(user, "assessment.reopen", { unitId: unit.id }) && (
        <Card title={t("secretariat.title")} className="mb-4"><SecretariatControls assessmentId={ws.assessment.id} submitted={ws.assessment.status === "SUBMITTED"} /></Card>
      )}
      {changed.length > 0 && (
        <Card title={tExplanations("changedTitle")} id="appraisal-changes" className="mb-4">
          <table className="table-dense" data-testid="appraisal-changes">
            <thead><tr><th scope="col">{tExplanations("code")}</th><th scope="col">{tExplanations("criterion")}</th><th scope="col" className="num">{tExplanations("self")}</th>
              <th scope="col" className="num">{tExplanations("appraised")}</th><th scope="col">{tExplanations("reason")}</th></tr></thead>
            <tbody>{changed.map((l) => (
              <tr key={l.code}>
                <td className="font-mono text-xs">{l.code}</td><td>{leafTitles.get(l.code)}</td>
                <td className="num">{format.number(l.self!)}</td><td className={`num font-semibold ${l.final! < l.self! ? "text-accent-600" : ""}`}>{format.number(l.final!)}</td>
                <td className="whitespace-pre-wrap">{(l.r2 ?? l.r1)?.reason ?? ""}</td>
              </tr>
            ))}</tbody>
          </table>
        </Card>
      )}
      {requests.length > 0 && (
        <Card title={tExplanations("title")} id="explanations" className="mb-4 border-orange-300">
          <p className="mb-2 text-sm text-slate-700">{tExplanations("intro")}</p>
          <ExplanationAnswers requests={requests} canAnswer={can(user, "assessment.explain", { unitId: unit.id })} accept={ACCEPTED_EXTENSIONS.join(",")} />
        </Card>
      )}
      <Worksheet assessmentId={ws.assessment.id} editable={editable} areas={areas} initialEntries={ws.entries} initialEvidence={ws.evidence} />
    </>
  );
}
