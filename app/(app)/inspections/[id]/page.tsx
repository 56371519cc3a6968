import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { FindingFlagBadges, FindingStatusBadge, InspectionStatusBadge, SeverityBadge } from "@/components/inspections/badges";
import { ConclusionForm } from "@/components/inspections/conclusion-form";
import { FindingDecision } from "@/components/inspections/finding-decision";
import { FindingForm } from "@/components/inspections/finding-form";
import { InspectionForm } from "@/components/inspections/inspection-form";
import { AttachMore, RemediationForm } from "@/components/inspections/remediation-form";
import { Card, PageTitle } from "@/components/ui/card";
import { ProgressBar } from "@/components/ui/status-badge";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/server/auth/session";
import { inspectableUnits, inspectionDetail, inspectionUnitId } from "@/lib/server/data/inspections";
import { ACCEPTED_EXTENSIONS } from "@/lib/server/evidence/file-types";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("inspections"))("title") };
}

/** "yyyy-mm-dd" of an instant in Vietnam (the value of a date field). */
const isoDay = (d: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric", month: "2-digit", day: "2-digit" }).format(d);

/**
 * One inspection: decision, team, unit and dates; its findings with severity, flags and the remediation
 * reports with their files. The secretariat records findings, closes or sends back reported ones and
 * concludes; the inspected unit's staff report remediation with files. Other units' staff are sent home.
 */
export default async function InspectionPage({ params }: Props) {
  await requirePage("inspection.read");
  const { id } = await params;
  const unitId = /^[A-Za-z0-9_-]{1,64}$/.test(id) ? await inspectionUnitId(id) : null;
  if (!unitId) notFound();
  const user = await requirePage("inspection.read", { unitId });
  const now = new Date();
  const detail = await inspectionDetail(id, user, now);
  if (!detail) notFound();
  const [t, tGroups, locale, format] = [await getTranslations("inspections"), await getTranslations("groups"), await getLocale(), await getFormatter()];
  const en = locale === "en";
  const name = (u: { nameVi: string; nameEn: string }) => (en ? u.nameEn : u.nameVi);
  const day = (d: Date) => format.dateTime(d, { day: "2-digit", month: "2-digit", year: "numeric" });
  const manage = can(user, "inspection.manage");
  const close = can(user, "inspection.close");
  const remediate = can(user, "inspection.remediate", { unitId });
  const accept = ACCEPTED_EXTENSIONS.join(",");
  const units = manage ? await inspectableUnits(detail.year) : [];
  const open = detail.status !== "CLOSED";
  const areaOptions = detail.areas?.map((a) => ({ value: a.code, label: `${a.code}. ${en ? a.titleEn : a.titleVi}` })) ?? null;
  const flagLabels = { overdue: t("flags.overdue"), awaiting: t("flags.awaiting"), sentBack: t("flags.sentBack") };

  return (
    <>
      <p className="mb-2 text-sm"><Link href={`/inspections?year=${detail.year}`} className="text-brand-700 underline">← {t("detail.back", { year: detail.year })}</Link></p>
      <PageTitle sub={t("detail.sub", { number: detail.decisionNumber, date: day(detail.decisionDate) })}>{t("detail.title", { unit: name(detail.targetUnit) })}</PageTitle>
      <p className="mb-4">
        <a href={`/api/v1/inspections/${encodeURIComponent(detail.id)}/report`} className="btn border border-slate-400 bg-white" data-testid="inspection-pdf"
          target="_blank" rel="noopener">{t("detail.pdf")}</a>
      </p>

      <Card title={t("detail.info")} id="inspection-info" className="mb-4">
        <dl className="grid gap-x-6 gap-y-2 text-sm md:grid-cols-[max-content_1fr]">
          <dt className="font-medium">{t("detail.decision")}</dt>
          <dd>{t("table.decisionText", { number: detail.decisionNumber, date: day(detail.decisionDate) })}</dd>
          <dt className="font-medium">{t("detail.unit")}</dt>
          <dd>{name(detail.targetUnit)} ({detail.targetUnit.code})</dd>
          <dt className="font-medium">{t("detail.period")}</dt>
          <dd>{t("table.range", { start: day(detail.startsAt), end: day(detail.endsAt) })}</dd>
          <dt className="font-medium">{t("detail.status")}</dt>
          <dd><InspectionStatusBadge status={detail.status} label={t(`statuses.${detail.status}`)} /></dd>
          <dt className="font-medium">{t("detail.progress")}</dt>
          <dd className="flex flex-wrap items-center gap-3">
            <span>{t("detail.progressText", { closed: detail.progress.closed, total: detail.progress.total })}</span>
            {detail.progress.total > 0 && <ProgressBar value={detail.progress.closed} total={detail.progress.total} label={t("detail.progressLabel")} />}
          </dd>
          <dt className="font-medium">{t("detail.team")}</dt>
          <dd>
            {detail.members.length === 0 ? <span className="italic">{t("detail.noTeam")}</span> : (
              <ol className="list-decimal pl-5" data-testid="inspection-team">{detail.members.map((m, i) => <li key={i}>{m}</li>)}</ol>
            )}
          </dd>
        </dl>
      </Card>

      <Card title={t("detail.findings")} id="inspection-findings" className="mb-4">
        {detail.findings.length === 0 ? <p className="text-sm">{t("detail.noFindings")}</p> : (
          <ol className="space-y-4">
            {detail.findings.map((f) => {
              const area = f.area ? `${t("finding.label", { code: f.areaCode })}. ${en ? f.area.titleEn : f.area.titleVi}` : t("finding.label", { code: f.areaCode });
              return (
                <li key={f.id} id={`finding-${f.id}`} className="scroll-mt-4 rounded border border-slate-300 bg-white p-3 text-sm" data-testid="finding"
                  data-finding-status={f.status}>
                  <h3 className="flex flex-wrap items-center gap-2 font-semibold">
                    <span>{area}</span>
                    <SeverityBadge severity={f.severity} label={t("finding.severityText", { severity: t(`severities.${f.severity}`) })} />
                    <FindingStatusBadge status={f.status} label={t(`findingStatuses.${f.status}`)} />
                    <FindingFlagBadges flags={f.flags} sentBack={f.sentBack} labels={flagLabels} />
                  </h3>
                  <dl className="mt-2 grid gap-x-4 gap-y-1 md:grid-cols-[max-content_1fr]">
                    <dt className="font-medium">{t("finding.limitation")}</dt><dd className="whitespace-pre-wrap">{f.limitation}</dd>
                    <dt className="font-medium">{t("finding.recommendation")}</dt><dd className="whitespace-pre-wrap">{f.recommendation}</dd>
                    <dt className="font-medium">{t("finding.due")}</dt>
                    <dd className={f.flags.overdue ? "font-semibold text-red-800" : ""}>{day(f.dueAt)}</dd>
                  </dl>
                  {f.status === "CLOSED" && f.closedAt && (
                    <p className="mt-2 text-emerald-900">{t("finding.closedBy", { date: day(f.closedAt), name: f.closedBy ?? "—" })}
                      {f.closingNote && <> · {t("finding.note", { note: f.closingNote })}</>}</p>
                  )}
                  {f.sentBack && f.closingNote && <p className="mt-2 rounded bg-orange-50 p-2 text-orange-900" data-testid="sent-back-note">{t("finding.sentBackNote", { note: f.closingNote })}</p>}

                  <div className="mt-3">
                    <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-700">{t("finding.reports")}</h4>
                    {f.remediations.length === 0 ? <p className="text-xs italic">{t("finding.noReports")}</p> : (
                      <ol className="mt-1 space-y-2" data-testid="remediation-history">
                        {f.remediations.map((r) => (
                          <li key={r.id} className="rounded bg-slate-50 p-2">
                            <p className="text-xs text-slate-700">{t("finding.reportBy", { name: r.createdBy ?? "—", date: format.dateTime(r.createdAt, { day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit" }) })}</p>
                            <p className="whitespace-pre-wrap">{r.report}</p>
                            {r.files.length > 0 && (
                              <ul className="mt-1 text-xs" aria-label={t("finding.files")}>
                                {r.files.map((file) => <li key={file.id}><a href={file.url} className="text-brand-700 underline">{file.fileName}</a></li>)}
                              </ul>
                            )}
                            {remediate && f.status !== "CLOSED" && <AttachMore reportId={r.id} accept={accept} label={t("remediation.attachMore")} />}
                          </li>
                        ))}
                      </ol>
                    )}
                  </div>

                  {close && f.status === "REMEDIATION_REPORTED" && <FindingDecision findingId={f.id} label={area} />}
                  {manage && open && f.status !== "CLOSED" && (
                    <details className="mt-3">
                      <summary className="cursor-pointer text-xs text-brand-700">{t("addFinding.edit")}<span className="sr-only"> — {area}</span></summary>
                      <div className="mt-2">
                        <FindingForm inspectionId={detail.id} areas={areaOptions} finding={{ id: f.id, areaCode: f.areaCode, severity: f.severity,
                          dueAt: isoDay(f.dueAt), limitation: f.limitation, recommendation: f.recommendation }} />
                      </div>
                    </details>
                  )}
                  {remediate && (f.status === "CLOSED" ? <p className="mt-2 text-xs italic">{t("remediation.closedNotice")}</p> : <RemediationForm findingId={f.id} accept={accept} further={f.status === "REMEDIATION_REPORTED"} />)}
                </li>
              );
            })}
          </ol>
        )}
      </Card>

      <Card title={t("detail.conclusion")} id="inspection-conclusion" className="mb-4">
        {manage ? <ConclusionForm id={detail.id} status={detail.status} conclusion={detail.conclusion} />
          : <p className="whitespace-pre-wrap text-sm">{detail.conclusion ?? <span className="italic">{t("detail.noConclusion")}</span>}</p>}
      </Card>

      {manage && open && (
        <Card title={t("addFinding.title")} id="add-finding" className="mb-4">
          <FindingForm inspectionId={detail.id} areas={areaOptions} />
        </Card>
      )}

      {manage && open && (
        <Card title={t("form.editTitle")} id="edit-inspection">
          <details>
            <summary className="cursor-pointer text-sm text-brand-700">{t("detail.edit")}</summary>
            <div className="mt-3">
              <InspectionForm year={detail.year} id={detail.id}
                groups={Object.fromEntries([...new Set(units.map((u) => u.group))].map((g) => [g, tGroups.has(g) ? tGroups(g) : g]))}
                units={units.map((u) => ({ value: u.id, label: `${name(u)} (${u.code})`, group: u.group }))}
                initial={{ decisionNumber: detail.decisionNumber, decisionDate: isoDay(detail.decisionDate), team: detail.team, targetUnitId: detail.targetUnit.id,
                  startsAt: isoDay(detail.startsAt), endsAt: isoDay(detail.endsAt) }} />
            </div>
          </details>
        </Card>
      )}
    </>
  );
}
