import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { TableExport } from "@/components/dashboard/export-buttons";
import { InspectionStatusBadge } from "@/components/inspections/badges";
import { InspectionForm } from "@/components/inspections/inspection-form";
import { Card, PageTitle, Stat } from "@/components/ui/card";
import { can, scopeOf } from "@/lib/auth/permissions";
import { FINDING_SEVERITIES, INSPECTION_STATUSES } from "@/lib/domain/inspections";
import { inspectionFilterSchema } from "@/lib/schemas/inspections";
import { requirePage } from "@/lib/server/auth/session";
import { inspectableUnits, inspectionYears, listInspections } from "@/lib/server/data/inspections";

type Props = { searchParams: Promise<{ year?: string; status?: string; unit?: string; overdue?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("inspections"))("title") };
}

const vietnamYear = (d: Date) => Number(new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric" }).format(d));

/** The year's inspection plan: every inspection with its findings' progress; the secretariat adds inspections here. */
export default async function InspectionsPage({ searchParams }: Props) {
  const user = await requirePage("inspection.read");
  const now = new Date();
  const q = await searchParams;
  const years = await inspectionYears(vietnamYear(now));
  const asked = Number(q.year);
  const year = years.includes(asked) ? asked : vietnamYear(now);
  const ownUnit = scopeOf(user.role, "inspection.read") === "ownUnit";
  const parsed = inspectionFilterSchema.safeParse({ year, status: q.status || undefined, unitId: ownUnit ? undefined : q.unit || undefined,
    overdue: q.overdue || undefined });
  const filter = parsed.success ? parsed.data : { year };
  const [{ rows, summary }, units, t, tGroups, locale, format] = [await listInspections(filter, user, now), await inspectableUnits(year),
    await getTranslations("inspections"), await getTranslations("groups"), await getLocale(), await getFormatter()];
  const name = (u: { nameVi: string; nameEn: string }) => (locale === "en" ? u.nameEn : u.nameVi);
  const day = (d: Date) => format.dateTime(d, { day: "2-digit", month: "2-digit", year: "numeric" });
  const manage = can(user, "inspection.manage");
  const unitName = ownUnit ? (locale === "en" ? user.unitNameEn : user.unitNameVi) ?? "" : "";
  const groups = Object.fromEntries([...new Set(units.map((u) => u.group))].map((g) => [g, tGroups.has(g) ? tGroups(g) : g]));

  return (
    <>
      <PageTitle sub={ownUnit ? t("subUnit", { unit: unitName, year }) : t("sub", { year })}>{t("title")}</PageTitle>

      <form method="get" className="mb-4 flex flex-wrap items-end gap-3" aria-label={t("filters.label")}>
        <div>
          <label htmlFor="inspections-year" className="field-label">{t("year")}</label>
          <select id="inspections-year" name="year" defaultValue={year} className="field-input w-28">{years.map((y) => <option key={y} value={y}>{y}</option>)}</select>
        </div>
        <div>
          <label htmlFor="inspections-status" className="field-label">{t("filters.status")}</label>
          <select id="inspections-status" name="status" defaultValue={filter.status ?? ""} className="field-input w-48">
            <option value="">{t("filters.allStatuses")}</option>
            {INSPECTION_STATUSES.map((s) => <option key={s} value={s}>{t(`statuses.${s}`)}</option>)}
          </select>
        </div>
        {!ownUnit && (
          <div>
            <label htmlFor="inspections-unit" className="field-label">{t("filters.unit")}</label>
            <select id="inspections-unit" name="unit" defaultValue={filter.unitId ?? ""} className="field-input w-72">
              <option value="">{t("filters.allUnits")}</option>
              {units.map((u) => <option key={u.id} value={u.id}>{name(u)}</option>)}
            </select>
          </div>
        )}
        <label className="flex items-center gap-2 pb-2 text-sm">
          <input type="checkbox" name="overdue" value="1" defaultChecked={filter.overdue === "1"} />
          {t("filters.overdue")}
        </label>
        <button type="submit" className="btn border border-slate-400 bg-white">{t("filters.apply")}</button>
        {(filter.status || filter.unitId || filter.overdue) && <Link href={`/inspections?year=${year}`} className="pb-2 text-sm text-brand-700 underline">{t("filters.clear")}</Link>}
      </form>

      <div className="mb-4 grid grid-cols-2 gap-3 md:grid-cols-4" data-testid="inspection-summary">
        <Stat label={t("summary.inspections")} value={summary.inspections} hint={t("summary.units", { count: summary.units })} />
        <Stat label={t("summary.planned")} value={summary.unitsPlanned} hint={t("summary.inProgress", { count: summary.unitsInProgress })} />
        <Stat label={t("summary.findings")} value={t("summary.closedOf", { closed: summary.findings.closed, total: summary.findings.total })}
          hint={t("summary.findingsHint", { open: summary.findings.open, reported: summary.findings.reported })} />
        <Stat label={t("summary.overdue")} value={summary.findings.overdue} />
      </div>

      <Card title={t("table.caption", { year })} id="inspection-plan" className="mb-4">
        <div className="mb-2 flex justify-end"><TableExport tableId="inspections-table" filename={`ke-hoach-kiem-tra-${year}`} /></div>
        {rows.length === 0 ? <p className="text-sm">{t("table.empty", { year })}</p> : (
          <div className="overflow-x-auto">
            <table id="inspections-table" className="table-dense w-full" aria-labelledby="inspection-plan-title" data-testid="inspections-table">
              <thead>
                <tr>
                  <th scope="col">{t("table.decision")}</th>
                  <th scope="col">{t("table.unit")}</th>
                  <th scope="col">{t("table.dates")}</th>
                  <th scope="col">{t("table.status")}</th>
                  <th scope="col" className="num">{t("table.findings")}</th>
                  <th scope="col" className="num">{t("table.open")}</th>
                  <th scope="col" className="num">{t("table.closed")}</th>
                  <th scope="col" className="num">{t("table.overdue")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id} data-testid={`inspection-${r.targetUnit.code}`}>
                    <td>
                      <Link href={`/inspections/${r.id}`} className="text-brand-700 underline">
                        {t("table.decisionText", { number: r.decisionNumber, date: day(r.decisionDate) })}
                      </Link>
                    </td>
                    <td>{name(r.targetUnit)}</td>
                    <td className="whitespace-nowrap">{t("table.range", { start: day(r.startsAt), end: day(r.endsAt) })}</td>
                    <td data-export-text={t(`statuses.${r.status}`)}><InspectionStatusBadge status={r.status} label={t(`statuses.${r.status}`)} /></td>
                    <td className="num" data-value={r.progress.total}>{r.progress.total}</td>
                    <td className="num" data-value={r.progress.total - r.progress.closed}>{r.progress.total - r.progress.closed}</td>
                    <td className="num" data-value={r.progress.closed}>{r.progress.closed}</td>
                    <td className={`num ${r.progress.overdue > 0 ? "font-semibold text-red-800" : ""}`} data-value={r.progress.overdue}>{r.progress.overdue}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>

      {summary.findings.total > 0 && (
        <div className="mb-4 grid gap-4 md:grid-cols-2">
          <Card title={t("summary.bySeverity")} id="findings-severity">
            <div className="mb-2 flex justify-end"><TableExport tableId="findings-severity-table" filename={`ton-tai-theo-muc-do-${year}`} /></div>
            <table id="findings-severity-table" className="table-dense w-full" aria-labelledby="findings-severity-title">
              <thead><tr><th scope="col">{t("finding.severity")}</th><th scope="col" className="num">{t("summary.count")}</th></tr></thead>
              <tbody>{FINDING_SEVERITIES.map((s) => (
                <tr key={s}><td>{t(`severities.${s}`)}</td><td className="num" data-value={summary.bySeverity[s]}>{summary.bySeverity[s]}</td></tr>
              ))}</tbody>
            </table>
          </Card>
          <Card title={t("summary.byArea")} id="findings-area">
            <div className="mb-2 flex justify-end"><TableExport tableId="findings-area-table" filename={`ton-tai-theo-linh-vuc-${year}`} /></div>
            <table id="findings-area-table" className="table-dense w-full" aria-labelledby="findings-area-title">
              <thead><tr><th scope="col">{t("summary.area")}</th><th scope="col" className="num">{t("summary.count")}</th><th scope="col" className="num">{t("summary.notClosed")}</th></tr></thead>
              <tbody>{summary.byArea.map((a) => (
                <tr key={a.areaCode}><td>{t("finding.label", { code: a.areaCode })}</td>
                  <td className="num" data-value={a.count}>{a.count}</td><td className="num" data-value={a.notClosed}>{a.notClosed}</td></tr>
              ))}</tbody>
            </table>
          </Card>
        </div>
      )}

      {manage && (
        <Card title={t("form.addTitle")} id="add-inspection">
          <InspectionForm year={year} groups={groups}
            units={units.map((u) => ({ value: u.id, label: `${name(u)} (${u.code})`, group: u.group }))} />
        </Card>
      )}
    </>
  );
}
