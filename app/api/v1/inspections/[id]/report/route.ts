import { getLocale, getMessages, getTranslations } from "next-intl/server";
import { z } from "zod";
import { isLocale } from "@/lib/i18n/locales";
import { INSPECTION_REPORT_LABEL_KEYS, inspectionReportPdf, type InspectionReportLabelKey } from "@/lib/io/inspection-report";
import { authorize } from "@/lib/server/auth/session";
import { inspectionDetail, inspectionUnitId } from "@/lib/server/data/inspections";
import { handler, NotFoundError } from "@/lib/server/http/handler";

export const dynamic = "force-dynamic";

const params = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

/**
 * The printable report of an inspection (PDF, A4) in the user's language: decision, team, unit, dates,
 * findings and conclusion. Inline, or as an attachment with `?download=1`. Unit staff: their unit's only.
 */
export const GET = handler(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  await authorize("inspection.read");
  const { id } = params.parse(await context.params);
  const unitId = await inspectionUnitId(id);
  if (!unitId) throw new NotFoundError("notFound");
  const user = await authorize("inspection.read", { unitId });
  const now = new Date();
  const detail = await inspectionDetail(id, user, now);
  if (!detail) throw new NotFoundError("notFound");

  const [locale, messages, t, tReport] = [await getLocale(), await getMessages(), await getTranslations("inspections"), await getTranslations("report")];
  const en = isLocale(locale) && locale === "en";
  // Raw catalogue texts: the report fills its own {placeholders}.
  const raw = (messages as { inspections: { report: Record<string, string> } }).inspections.report;
  const labels = Object.fromEntries(INSPECTION_REPORT_LABEL_KEYS.map((k) => [k, raw[k] ?? k])) as Record<InspectionReportLabelKey, string>;
  const pdf = await inspectionReportPdf({
    locale: en ? "en" : "vi",
    provinceName: tReport("province"),
    generatedAt: now,
    labels,
    inspection: {
      year: detail.year, decisionNumber: detail.decisionNumber, decisionDate: detail.decisionDate,
      unitName: en ? detail.targetUnit.nameEn : detail.targetUnit.nameVi, members: detail.members,
      startsAt: detail.startsAt, endsAt: detail.endsAt, status: t(`statuses.${detail.status}`), conclusion: detail.conclusion,
      closed: detail.progress.closed,
      findings: detail.findings.map((f) => ({
        areaCode: f.areaCode, areaTitle: f.area ? (en ? f.area.titleEn : f.area.titleVi) : null, limitation: f.limitation,
        severity: t(`severities.${f.severity}`), recommendation: f.recommendation, dueAt: f.dueAt, status: t(`findingStatuses.${f.status}`),
        overdue: f.flags.overdue, closingNote: f.closingNote,
      })),
    },
  });
  const download = new URL(request.url).searchParams.get("download") === "1";
  const name = `bao-cao-kiem-tra-${detail.year}-${detail.targetUnit.code.toLowerCase()}.pdf`;
  return new Response(new Uint8Array(pdf), { headers: {
    "Content-Type": "application/pdf",
    "Content-Disposition": `${download ? "attachment" : "inline"}; filename="${name}"`,
    "Cache-Control": "no-store" } });
});
