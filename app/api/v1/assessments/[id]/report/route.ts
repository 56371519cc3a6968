import { getLocale, getMessages, getTranslations } from "next-intl/server";
import { flatten } from "@/lib/domain/framework";
import { isLocale } from "@/lib/i18n/locales";
import { assessmentReportPdf, assessmentReportXlsx, REPORT_LABEL_KEYS, type AssessmentReport, type ReportRow } from "@/lib/io/assessment-report";
import { authorize } from "@/lib/server/auth/session";
import { assessmentUnitId, worksheetById } from "@/lib/server/data/worksheet";
import { handler, NotFoundError } from "@/lib/server/http/handler";

export const dynamic = "force-dynamic";

/** The unit's self-assessment report in the official table layout: `?format=pdf` (default) or `xlsx`. */
export const GET = handler(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const { id } = await context.params;
  await authorize("assessment.read", { unitId: (await assessmentUnitId(id)) ?? "(unknown)" });
  const ws = await worksheetById(id);
  if (!ws) throw new NotFoundError("notFound");
  const [locale, t, tStatus, messages] = [await getLocale(), await getTranslations("report"), await getTranslations("status"), await getMessages()];
  const rawLabels = (messages as { report: Record<string, string> }).report;
  const unit = locale === "en" ? ws.assessment.unitNameEn : ws.assessment.unitNameVi;
  const rows: ReportRow[] = flatten(ws.framework.tree).map((f) => {
    const e = ws.entries[f.code];
    return {
      code: f.code, depth: f.depth, title: locale === "en" ? f.node.titleEn : f.node.titleVi, maxPoints: f.node.maxPoints, isLeaf: f.isLeaf,
      source: f.node.source ?? "SELF", selfScore: f.isLeaf ? e?.selfScore ?? null : null, declaredValue: e?.declaredValue ?? null,
      declaredUnit: f.node.rule?.kind === "tiers" ? f.node.rule.valueUnit : undefined, explanation: e?.explanation ?? null,
      evidence: ws.evidence.filter((x) => x.criteria.includes(f.code)).map((x) => x.fileName),
    };
  });
  const selfLeaves = rows.filter((r) => r.isLeaf && r.source === "SELF");
  const report: AssessmentReport = {
    locale: isLocale(locale) ? locale : "vi", provinceName: t("province"), unitName: unit, unitCode: ws.assessment.unitCode, year: ws.cycle.year,
    frameworkName: locale === "en" ? ws.framework.nameEn : ws.framework.nameVi, legalBasis: ws.framework.legalBasis,
    status: tStatus(ws.assessment.status), submittedAt: ws.assessment.submittedAt, generatedAt: new Date(), rows,
    totals: {
      selfPoints: selfLeaves.reduce((s, r) => s + Math.round((r.selfScore ?? 0) * 100), 0) / 100,
      maxSelfPoints: selfLeaves.reduce((s, r) => s + Math.round(r.maxPoints * 100), 0) / 100,
      maxPoints: ws.framework.tree.reduce((s, a) => s + Math.round(a.maxPoints * 100), 0) / 100,
    },
    // Raw catalogue texts: the report fills its own {placeholders}.
    labels: Object.fromEntries(REPORT_LABEL_KEYS.map((k) => [k, rawLabels[k] ?? k])),
  };
  const xlsx = new URL(request.url).searchParams.get("format") === "xlsx";
  const body = xlsx ? await assessmentReportXlsx(report) : await assessmentReportPdf(report);
  const name = `bao-cao-tu-danh-gia-${ws.assessment.unitCode}-${ws.cycle.year}.${xlsx ? "xlsx" : "pdf"}`;
  return new Response(new Uint8Array(body), { headers: {
    "Content-Type": xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "application/pdf",
    "Content-Disposition": `${xlsx ? "attachment" : "inline"}; filename="${name}"`, "Cache-Control": "no-store" } });
});
