import { getLocale, getMessages, getTranslations } from "next-intl/server";
import { z } from "zod";
import { isLocale } from "@/lib/i18n/locales";
import { cycleSummaryPdf, SUMMARY_LABEL_KEYS, type SummaryLabelKey } from "@/lib/io/cycle-summary";
import { authorize } from "@/lib/server/auth/session";
import { cycleRanking } from "@/lib/server/data/dashboards";
import { UserError } from "@/lib/server/data/errors";
import { handler } from "@/lib/server/http/handler";

export const dynamic = "force-dynamic";

const params = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

/**
 * The printable summary of a published cycle (PDF, A4) in the user's language, from the stored published
 * results: inline, or as an attachment with `?download=1`. 404 when the year has no published results.
 */
export const GET = handler(async (request: Request, context: { params: Promise<{ year: string }> }) => {
  await authorize("dashboard.read");
  const { year } = params.parse(await context.params);
  const ranking = await cycleRanking(year);
  if (!ranking) throw new UserError("exports.errors.notFound", { year });

  const [locale, messages, tGroups, tReport] = [await getLocale(), await getMessages(), await getTranslations("groups"), await getTranslations("report")];
  // Raw catalogue texts: the report fills its own {placeholders}.
  const raw = (messages as { exports: { summary: Record<string, string> } }).exports.summary;
  const labels = Object.fromEntries(SUMMARY_LABEL_KEYS.map((k) => [k, raw[k] ?? k])) as Record<SummaryLabelKey, string>;
  const pdf = await cycleSummaryPdf({
    locale: isLocale(locale) ? locale : "vi",
    provinceName: tReport("province"),
    generatedAt: new Date(),
    data: ranking,
    groupNames: Object.fromEntries(ranking.groups.map((g) => [g.code, tGroups.has(g.code) ? tGroups(g.code) : g.code])),
    labels,
  });
  const download = new URL(request.url).searchParams.get("download") === "1";
  const name = `chi-so-cchc-${year}-tom-tat.pdf`;
  return new Response(new Uint8Array(pdf), { headers: {
    "Content-Type": "application/pdf",
    "Content-Disposition": `${download ? "attachment" : "inline"}; filename="${name}"`,
    "Cache-Control": "no-store" } });
});
