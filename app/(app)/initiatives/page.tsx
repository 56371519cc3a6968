import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { TableExport } from "@/components/dashboard/export-buttons";
import { InitiativeForm } from "@/components/initiatives/initiative-form";
import { StatusBadge } from "@/components/initiatives/status-badge";
import { Card, PageTitle } from "@/components/ui/card";
import { INITIATIVE_STATUSES } from "@/lib/domain/initiatives";
import { centiToNumber, type Centi } from "@/lib/domain/points";
import { can } from "@/lib/auth/permissions";
import { initiativeFilterSchema } from "@/lib/schemas/initiatives";
import { requirePage } from "@/lib/server/auth/session";
import { cycleYears } from "@/lib/server/data/cycles";
import { listInitiatives, proposalOptions } from "@/lib/server/data/initiatives";
import { ACCEPTED_EXTENSIONS } from "@/lib/server/evidence/file-types";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("initiatives"))("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The registry: filters (a GET form), the dense table with its XLSX export, and the unit's proposal form. */
export default async function InitiativesPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePage("initiative.read");
  const params = await searchParams;
  const [t, locale, format, years] = [await getTranslations("initiatives"), await getLocale(), await getFormatter(), await cycleYears()];
  // No year in the address: the newest cycle's; "all" shows every year.
  const yearParam = first(params.year);
  const filter = initiativeFilterSchema.parse({
    year: yearParam === undefined ? years[0] : yearParam === "all" ? undefined : yearParam,
    status: first(params.status) || undefined, area: first(params.area) || undefined, unit: first(params.unit) || undefined, q: first(params.q) || undefined,
  });
  const list = await listInitiatives(user, filter);
  const canPropose = !!user.unitId && can(user, "initiative.propose", { unitId: user.unitId });
  const options = canPropose ? await proposalOptions(user) : [];
  const name = (u: { nameVi: string; nameEn: string }) => (locale === "en" ? u.nameEn : u.nameVi);
  const points = (c: Centi) => format.number(centiToNumber(c), { maximumFractionDigits: 2 });
  const date = (d: Date) => format.dateTime(d, { day: "2-digit", month: "2-digit", year: "numeric" });
  const counts = Object.fromEntries(INITIATIVE_STATUSES.map((s) => [s, list.rows.filter((r) => r.status === s).length]));

  return (
    <>
      <PageTitle sub={user.role === "UNIT_STAFF" ? `${t("sub")} ${t("subUnit")}` : t("sub")}>{t("title")}</PageTitle>

      {canPropose && (
        <details className="card mb-4" data-testid="propose-panel">
          <summary className="cursor-pointer px-4 py-2 text-sm font-semibold uppercase tracking-wide text-brand-800">{t("propose.title")}</summary>
          <div className="border-t border-slate-200 p-4">
            {options.length === 0 ? <p className="text-sm">{t("propose.none")}</p> : (
              <>
                <p className="mb-3 text-sm text-slate-700">{t("propose.intro")}</p>
                <InitiativeForm accept={ACCEPTED_EXTENSIONS.join(",")}
                  years={options.map((o) => ({ year: o.year, areas: o.areas.map((a) => ({ code: a.code, title: name({ nameVi: a.titleVi, nameEn: a.titleEn }) })) }))} />
              </>
            )}
          </div>
        </details>
      )}

      <form key={JSON.stringify(filter)} method="get" action="/initiatives" role="search" aria-label={t("filters")}
        className="card mb-3 flex flex-wrap items-end gap-x-3 gap-y-2 px-3 py-2 text-sm">
        <Field label={t("year")} htmlFor="in-year">
          <select id="in-year" name="year" defaultValue={filter.year ?? "all"} className="field-input py-1">
            <option value="all">{t("allYears")}</option>
            {years.map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </Field>
        <Field label={t("status")} htmlFor="in-status">
          <select id="in-status" name="status" defaultValue={filter.status ?? ""} className="field-input py-1">
            <option value="">{t("allStatuses")}</option>
            {INITIATIVE_STATUSES.map((s) => <option key={s} value={s}>{t(`statuses.${s}`)}</option>)}
          </select>
        </Field>
        <Field label={t("area")} htmlFor="in-area">
          <select id="in-area" name="area" defaultValue={filter.area ?? ""} className="field-input max-w-64 py-1">
            <option value="">{t("allAreas")}</option>
            {list.areas.map((a) => <option key={a.code} value={a.code}>{a.code}. {name({ nameVi: a.titleVi, nameEn: a.titleEn })}</option>)}
          </select>
        </Field>
        <Field label={t("unit")} htmlFor="in-unit">
          <select id="in-unit" name="unit" defaultValue={filter.unit ?? ""} className="field-input max-w-64 py-1">
            <option value="">{t("allUnits")}</option>
            {list.units.map((u) => <option key={u.code} value={u.code}>{name(u)}</option>)}
          </select>
        </Field>
        <Field label={t("search")} htmlFor="in-q">
          <input id="in-q" name="q" type="search" defaultValue={filter.q ?? ""} placeholder={t("searchHint")} maxLength={100} className="field-input w-52 py-1" />
        </Field>
        <div className="flex gap-2 pb-0.5">
          <button type="submit" className="btn-primary py-1">{t("apply")}</button>
          <Link href="/initiatives" className="btn border border-slate-400 py-1 text-slate-800 hover:bg-slate-50">{t("clear")}</Link>
        </div>
      </form>

      <Card>
        <div className="-mt-1 mb-2 flex flex-wrap items-center justify-between gap-2">
          <p className="text-xs text-slate-700" data-testid="initiative-counts">
            {t("counts", { recognised: counts.RECOGNISED ?? 0, proposed: counts.PROPOSED ?? 0, rejected: counts.REJECTED ?? 0 })}
          </p>
          <TableExport tableId="initiatives-table" filename={`${t("exportName")}-${filter.year ?? "all"}`} />
        </div>
        <div className="overflow-x-auto">
          <table id="initiatives-table" className="table-dense">
            <caption className="sr-only">{filter.year ? t("captionYear", { year: filter.year }) : t("caption")}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">{t("columns.no")}</th>
                <th scope="col">{t("columns.title")}</th>
                <th scope="col">{t("columns.unit")}</th>
                <th scope="col">{t("columns.area")}</th>
                <th scope="col" className="num">{t("columns.year")}</th>
                <th scope="col">{t("columns.status")}</th>
                <th scope="col" className="num">{t("columns.bonus")}</th>
                <th scope="col">{t("columns.decided")}</th>
                <th scope="col" className="num">{t("columns.files")}</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.length === 0 ? (
                <tr><td colSpan={9} className="py-4 text-center text-slate-700">{t("empty")}</td></tr>
              ) : list.rows.map((r, i) => (
                <tr key={r.id} data-testid={`initiative-${r.id}`}>
                  <td className="num text-slate-600">{i + 1}</td>
                  <td className="max-w-md"><Link href={`/initiatives/${r.id}`} className="text-brand-700 hover:underline">{r.title}</Link></td>
                  <td>{name(r.unit)}</td>
                  <td className="min-w-40 text-xs" data-export-text={r.area ? `${r.areaCode}. ${name({ nameVi: r.area.titleVi, nameEn: r.area.titleEn })}` : r.areaCode}>
                    {r.area ? `${r.areaCode}. ${name({ nameVi: r.area.titleVi, nameEn: r.area.titleEn })}` : t("areaName", { code: r.areaCode })}
                  </td>
                  <td className="num" data-value={r.year}>{r.year}</td>
                  <td><StatusBadge status={r.status} label={t(`statuses.${r.status}`)} /></td>
                  <td className="num" data-value={r.bonus === null ? undefined : centiToNumber(r.bonus)}>{r.bonus === null ? "—" : points(r.bonus)}</td>
                  <td className="whitespace-nowrap text-xs">{r.decidedAt ? t("decidedOn", { date: date(r.decidedAt), name: r.decidedBy ?? "—" }) : "—"}</td>
                  <td className="num" data-value={r.files}>{r.files}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="mt-2 text-xs text-slate-600" data-testid="shown">{t("shown", { shown: list.rows.length, total: list.total })}</p>
      </Card>
    </>
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
