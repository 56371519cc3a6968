import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { CouncilControls } from "@/components/council/council-controls";
import { Card, PageTitle } from "@/components/ui/card";
import { YearPicker } from "@/components/ui/year-picker";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/server/auth/session";
import { councilState } from "@/lib/server/data/council";
import { cycleYears } from "@/lib/server/data/cycles";

type Props = { searchParams: Promise<{ year?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("councilPage"))("title") };
}

/** Unit codes for a sentence: the first 15, then how many more. */
const unitList = (units: readonly string[]) => units.slice(0, 15).join(", ") + (units.length > 15 ? ` (+${units.length - 15})` : "");

const STATUSES = ["NOT_STARTED", "IN_PROGRESS", "SUBMITTED", "APPRAISED_R1", "EXPLANATION", "APPRAISED_R2", "APPROVED", "PUBLISHED"] as const;

/** The council's end of a cycle: what blocks it, compile (secretariat) → approve (chair) → publish; un-publish (admin). */
export default async function CouncilPage({ searchParams }: Props) {
  const user = await requirePage("status.read");
  const years = await cycleYears();
  const asked = Number((await searchParams).year);
  const year = years.includes(asked) ? asked : years[0];
  const [t, tc, tStatus, format] = [await getTranslations("councilPage"), await getTranslations("council"), await getTranslations("status"), await getFormatter()];
  if (!year) return <PageTitle>{t("title")}</PageTitle>;
  const state = (await councilState(year))!;
  const when = (d: Date | null) => (d ? format.dateTime(d, { dateStyle: "medium", timeStyle: "short" }) : "—");
  const allowed = ([
    state.stage === "open" && can(user, "results.compile") ? "compile" : null,
    state.stage === "open" && state.compiledAt && can(user, "results.approve") ? "approve" : null,
    state.stage === "approved" && can(user, "results.publish") ? "publish" : null,
  ] as const).filter((x): x is "compile" | "approve" | "publish" => x !== null);
  const steps = [
    { key: "compiled", at: state.compiledAt },
    { key: "approved", at: state.approvedAt },
    { key: "published", at: state.publishedAt },
  ] as const;
  return (
    <>
      <PageTitle sub={t("sub")}>{t("title")}</PageTitle>
      <YearPicker id="council-year" years={years} year={year} label={t("year")} submit={t("show")} />
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title={t("steps")} id="steps">
          <ol className="space-y-2 text-sm" data-testid="council-steps">
            {steps.map((s, i) => (
              <li key={s.key} className="flex items-center gap-2">
                <span aria-hidden className={`inline-flex h-6 w-6 items-center justify-center rounded-full text-xs font-semibold ${s.at ? "bg-emerald-600 text-white" : "bg-slate-200 text-slate-700"}`}>{s.at ? "✓" : i + 1}</span>
                <span className="font-medium">{t(`step.${s.key}`)}</span>
                <span className="ml-auto text-xs text-slate-700">{s.at ? when(s.at) : t("pending")}</span>
              </li>
            ))}
          </ol>
        </Card>
        <Card title={t("units")} id="units">
          <dl className="grid grid-cols-2 gap-x-3 gap-y-1 text-sm">
            {STATUSES.filter((s) => state.counts[s]).map((s) => (
              <div key={s} className="contents"><dt>{tStatus(s)}</dt><dd className="num font-semibold">{state.counts[s]}</dd></div>
            ))}
          </dl>
          <p className="mt-2 text-xs"><Link href={`/secretariat/status?year=${year}`} className="text-brand-700 underline">{t("grid")}</Link></p>
        </Card>
        <Card title={t("blockersTitle")} id="blockers">
          {state.stage !== "open" ? <p className="text-sm">{t(`stage.${state.stage}`)}</p>
            : state.blockers.length === 0 ? <p className="text-sm text-emerald-800" data-testid="no-blockers">{t("noBlockers")}</p> : (
              <ul className="list-disc space-y-1 pl-4 text-sm" data-testid="blockers">
                {state.blockers.map((b) => <li key={b.key}>{tc(b.key.replace("council.", ""), { units: unitList(b.units) })}</li>)}
              </ul>
            )}
          {state.warnings.map((w) => (
            <p key={w.key} role="note" data-testid="council-warning" className="mt-2 rounded border border-amber-300 bg-amber-50 px-2 py-1 text-sm text-amber-950">
              {tc(w.key.replace("council.", ""), { count: w.units.length, units: unitList(w.units) })}
            </p>
          ))}
        </Card>
      </div>
      {(["results.compile", "results.approve", "results.publish", "results.unpublish"] as const).some((a) => can(user, a)) && (
        <Card title={t("actionsTitle")} id="council-actions" className="mt-4">
          {allowed.length === 0 && !(state.stage === "published" && can(user, "results.unpublish")) && <p className="mb-2 text-sm text-slate-700">{t("nothingToDo")}</p>}
          <CouncilControls year={year} allowed={allowed} unpublish={state.stage === "published" && can(user, "results.unpublish")} />
        </Card>
      )}
    </>
  );
}
