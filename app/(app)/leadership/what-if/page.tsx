import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { DashboardTabs } from "@/components/dashboard/dashboard-tabs";
import { WhatIf } from "@/components/dashboard/what-if";
import { PageTitle } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/server/auth/session";
import { publishedYears } from "@/lib/server/data/dashboards";
import { whatIfData, whatIfUnits, type WhatIfData, type WhatIfUnitOption } from "@/lib/server/data/what-if";

type Props = { searchParams: Promise<{ unit?: string; year?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("whatIf"))("title") };
}

/**
 * The what-if simulator of a published result. A unit's staff may simulate their own unit only (the
 * list offers just it, and another unit's address is refused with a message); the figures are read
 * from the published snapshots and the simulation runs in the browser.
 */
export default async function WhatIfPage({ searchParams }: Props) {
  const user = await requirePage("dashboard.read");
  const params = await searchParams;
  const [t, tGroups, locale, years] = [await getTranslations("whatIf"), await getTranslations("groups"), await getLocale(), await publishedYears()];
  const name = (u: { nameVi: string; nameEn: string }) => (locale === "en" ? u.nameEn : u.nameVi);

  if (years.length === 0) return <><PageTitle>{t("title")}</PageTitle><DashboardTabs current="whatIf" /><p>{t("noPublished")}</p></>;
  const yearText = params.year?.trim() ?? "";
  const year = yearText === "" ? years[0]! : /^\d{4}$/.test(yearText) ? Number(yearText) : NaN;
  const units = years.includes(year) ? await whatIfUnits(year) : null;
  // An unknown year still offers the latest year's units, so the form leads somewhere.
  const allowed = (units ?? (await whatIfUnits(years[0]!)) ?? []).filter((u) => can(user, "whatif.read", { unitId: u.id }));
  const code = (params.unit?.trim() || user.unitCode || "").toUpperCase();
  const unit = units?.find((u) => u.code === code) ?? null;
  const own = user.unitCode ? allowed.find((u) => u.code === user.unitCode) ?? null : null;

  let problem: React.ReactNode = null;
  let data: WhatIfData | null = null;
  if (!units) {
    problem = t("unknownYear", { year: yearText });
  } else if (code === "") {
    problem = t("chooseUnit");
  } else if (unit && !can(user, "whatif.read", { unitId: unit.id })) {
    problem = <>{t("ownUnitOnly", { code })}{own && <> <Link className="text-brand-700 underline" href={`/leadership/what-if?unit=${own.code}&year=${year}`}>{t("openOwn", { unit: name(own) })}</Link></>}</>;
  } else if (!unit || !(data = await whatIfData(year, unit.code))) {
    problem = t("unknownUnit", { code, year });
  }
  const shownYear = units ? year : years[0]!;

  return (
    <>
      <PageTitle sub={data && unit ? t("sub", { unit: name(unit), year }) : undefined}>{t("title")}</PageTitle>
      <DashboardTabs current="whatIf" year={shownYear} />
      <Picker units={allowed} groupName={(g) => (g ? tGroups(g) : "—")} name={name} years={years} year={shownYear}
        unit={unit && allowed.includes(unit) ? unit.code : ""} labels={{ unit: t("picker.unit"), year: t("picker.year"), submit: t("picker.submit"), choose: t("picker.choose"), form: t("picker.label") }} />
      {problem ? (
        <p role={code === "" && units ? "status" : "alert"} data-testid="what-if-message"
          className={`rounded border px-3 py-2 text-sm ${code === "" && units ? "border-slate-300 bg-white" : "border-accent-600/40 bg-red-50 text-slate-900"}`}>{problem}</p>
      ) : data && (
        <>
          <p className="mb-3 max-w-4xl text-sm text-slate-700">{t("intro")}</p>
          <WhatIf framework={data.framework} input={data.input} others={data.others} baseline={data.baseline} />
        </>
      )}
    </>
  );
}

/** GET form: the unit (by group) and the year; works without JavaScript. */
function Picker({ units, groupName, name, years, year, unit, labels }: {
  units: WhatIfUnitOption[]; groupName: (g: string | null) => string; name: (u: WhatIfUnitOption) => string; years: number[]; year: number; unit: string;
  labels: { unit: string; year: string; submit: string; choose: string; form: string };
}) {
  const groups = [...new Set(units.map((u) => u.group))];
  return (
    <form method="get" aria-label={labels.form} className="mb-4 flex flex-wrap items-end gap-3">
      <div>
        <label htmlFor="what-if-unit" className="field-label">{labels.unit}</label>
        <select id="what-if-unit" name="unit" defaultValue={unit} className="field-input w-80">
          <option value="">{labels.choose}</option>
          {groups.map((g) => (
            <optgroup key={g ?? ""} label={groupName(g)}>
              {units.filter((u) => u.group === g).map((u) => <option key={u.code} value={u.code}>{name(u)} ({u.code})</option>)}
            </optgroup>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="what-if-year" className="field-label">{labels.year}</label>
        <select id="what-if-year" name="year" defaultValue={year} className="field-input w-28">{years.map((y) => <option key={y} value={y}>{y}</option>)}</select>
      </div>
      <button type="submit" className="btn border border-slate-400 bg-white">{labels.submit}</button>
    </form>
  );
}
