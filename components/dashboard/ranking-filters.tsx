import Link from "next/link";
import { getTranslations } from "next-intl/server";

type Props = {
  action: string;
  years: readonly number[];
  year: number;
  groups: readonly string[];
  group: string;
  /** Regions present in the chosen group; the region field is shown only when there are some. */
  regions: readonly string[];
  region: string | null;
  /** Kept as they are (e.g. the sort), as hidden fields. */
  keep?: Record<string, string>;
  children?: React.ReactNode;
};

/**
 * The rankings' controls: year, unit group, region. A plain GET form (works without JavaScript); the
 * region list is the chosen group's, so after changing the group press "Xem" before choosing a region.
 */
export async function RankingFilters({ action, years, year, groups, group, regions, region, keep = {}, children }: Props) {
  const [t, tGroups, tRegions] = [await getTranslations("rankings"), await getTranslations("groups"), await getTranslations("regions")];
  return (
    <form key={`${year}-${group}-${region ?? ""}`} method="get" action={action} role="search" aria-label={t("filters")}
      className="card mb-3 flex flex-wrap items-end gap-x-3 gap-y-2 px-3 py-2 text-sm">
      <Field label={t("year")} htmlFor="rk-year">
        <select id="rk-year" name="year" defaultValue={year} className="field-input w-24 py-1">
          {years.map((y) => <option key={y} value={y}>{y}</option>)}
        </select>
      </Field>
      <Field label={t("group")} htmlFor="rk-group">
        <select id="rk-group" name="group" defaultValue={group} className="field-input py-1">
          {groups.map((g) => <option key={g} value={g}>{tGroups(g)}</option>)}
        </select>
      </Field>
      {regions.length > 0 && (
        <Field label={t("region")} htmlFor="rk-region">
          <select id="rk-region" name="region" defaultValue={region ?? "ALL"} className="field-input py-1">
            <option value="ALL">{t("allRegions")}</option>
            {regions.map((r) => <option key={r} value={r}>{tRegions(r)}</option>)}
          </select>
        </Field>
      )}
      {Object.entries(keep).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}
      <div className="flex gap-2 pb-0.5">
        <button type="submit" className="btn-primary py-1">{t("apply")}</button>
        <Link href={`${action}?year=${year}`} className="btn border border-slate-400 py-1 text-slate-800 hover:bg-slate-50">{t("reset")}</Link>
      </div>
      {children && <div className="ml-auto flex flex-wrap items-center gap-2 pb-0.5">{children}</div>}
    </form>
  );
}

function Field({ label, htmlFor, children }: { label: string; htmlFor: string; children: React.ReactNode }) {
  return (
    <div>
      <label htmlFor={htmlFor} className="mb-0.5 block text-xs font-medium text-slate-700">{label}</label>
      {children}
    </div>
  );
}
