import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { TableExport } from "@/components/dashboard/export-buttons";
import { TaskFlagBadge, TaskStatusBadge } from "@/components/plans/badges";
import { GenerateTasksForm } from "@/components/plans/generate-form";
import { TaskForm } from "@/components/plans/task-form";
import { Card, PageTitle, Stat } from "@/components/ui/card";
import { ProgressBar } from "@/components/ui/status-badge";
import { can, scopeOf } from "@/lib/auth/permissions";
import { AT_RISK_TOLERANCE, defaultPeriod, TASK_FLAGS, TASK_STATUSES, vietnamDate } from "@/lib/domain/plans";
import { planFilterSchema } from "@/lib/schemas/plans";
import { requirePage } from "@/lib/server/auth/session";
import { listTasks, planCriteria, planUnits, planYears, proposeFromLostPoints } from "@/lib/server/data/plans";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("plans"))("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The year's improvement plan: summary, filters, the task table (XLSX), and for the secretariat new tasks and tasks from last year's lost points. */
export default async function PlansPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePage("plan.read");
  const params = await searchParams;
  const [t, locale, format, years] = [await getTranslations("plans"), await getLocale(), await getFormatter(), await planYears()];
  const thisYear = Number(vietnamDate(new Date()).slice(0, 4));
  const asked = Number(one(params.year));
  const year = years.includes(asked) ? asked : years.includes(thisYear) ? thisYear : (years[0] ?? thisYear);
  const filter = planFilterSchema.parse(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, one(v) || undefined])));
  const viewer = { unitId: scopeOf(user.role, "plan.read") === "ownUnit" ? (user.unitId ?? "") : null };
  const { rows, counts, leads } = await listTasks(year, filter, viewer);
  const manage = can(user, "plan.manage");
  const name = (u: { nameVi: string; nameEn: string }) => (locale === "en" ? u.nameEn : u.nameVi);
  const date = (d: Date) => format.dateTime(d, { day: "2-digit", month: "2-digit", year: "numeric" });

  return (
    <>
      <PageTitle sub={viewer.unitId !== null ? t("unitScope") : t("sub")}>{t("heading", { year })}</PageTitle>

      <form method="get" action="/plans" role="search" aria-label={t("filters")} className="card mb-3 flex flex-wrap items-end gap-x-3 gap-y-2 px-3 py-2 text-sm">
        <Field label={t("year")} htmlFor="pl-year">
          <select id="pl-year" name="year" defaultValue={year} className="field-input w-28 py-1">{years.map((y) => <option key={y} value={y}>{y}</option>)}</select>
        </Field>
        <Field label={t("columns.status")} htmlFor="pl-status">
          <select id="pl-status" name="status" defaultValue={filter.status ?? ""} className="field-input py-1">
            <option value="">{t("allStatuses")}</option>
            {TASK_STATUSES.map((s) => <option key={s} value={s}>{t(`statuses.${s}`)}</option>)}
          </select>
        </Field>
        <Field label={t("flag")} htmlFor="pl-flag">
          <select id="pl-flag" name="flag" defaultValue={filter.flag ?? ""} className="field-input py-1">
            <option value="">{t("allFlags")}</option>
            {TASK_FLAGS.map((f) => <option key={f} value={f}>{t(`flags.${f}`)}</option>)}
          </select>
        </Field>
        <Field label={t("lead")} htmlFor="pl-lead">
          <select id="pl-lead" name="lead" defaultValue={filter.lead ?? ""} className="field-input max-w-64 py-1">
            <option value="">{t("allLeads")}</option>
            {leads.map((u) => <option key={u.id} value={u.code}>{name(u)}</option>)}
          </select>
        </Field>
        <Field label={t("code")} htmlFor="pl-code">
          <input id="pl-code" name="code" defaultValue={filter.code ?? ""} placeholder={t("codeHint")} maxLength={20} className="field-input w-28 py-1" />
        </Field>
        <Field label={t("search")} htmlFor="pl-q">
          <input id="pl-q" name="q" type="search" defaultValue={filter.q ?? ""} placeholder={t("searchHint")} maxLength={100} className="field-input w-56 py-1" />
        </Field>
        <div className="flex gap-2 pb-0.5">
          <button type="submit" className="btn-primary py-1">{t("apply")}</button>
          <Link href={`/plans?year=${year}`} className="btn border border-slate-400 py-1 text-slate-800 hover:bg-slate-50">{t("clear")}</Link>
        </div>
      </form>

      <div className="mb-3 grid grid-cols-2 gap-3 md:grid-cols-4" data-testid="plan-counts" aria-label={t("counts.label")} role="group">
        <Stat label={t("counts.total")} value={counts.total} />
        <Stat label={t("counts.done")} value={counts.done} />
        <Stat label={t("counts.atRisk")} value={<Link href={`/plans?year=${year}&flag=atRisk`} className="hover:underline">{counts.atRisk}</Link>} />
        <Stat label={t("counts.overdue")} value={<Link href={`/plans?year=${year}&flag=overdue`} className="hover:underline">{counts.overdue}</Link>} />
      </div>

      <section className="card mb-4 overflow-x-auto" aria-labelledby="plans-caption">
        <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 px-3 py-2">
          <h2 id="plans-caption" className="text-sm font-semibold uppercase tracking-wide text-brand-800">
            {t("caption", { year })}
            <span className="ml-2 font-normal normal-case tracking-normal text-slate-600" data-testid="shown">
              {t("shown", { shown: rows.length, total: counts.total })}
            </span>
          </h2>
          <TableExport tableId="plans-table" filename={t("exportName", { year })} sheetName={t("sheetName", { year })} label={t("caption", { year })} />
        </div>
        <table id="plans-table" className="table-dense w-full" aria-labelledby="plans-caption">
          <thead>
            <tr>
              <th scope="col" className="num">{t("columns.no")}</th>
              <th scope="col">{t("columns.code")}</th>
              <th scope="col">{t("columns.criterion")}</th>
              <th scope="col">{t("columns.task")}</th>
              <th scope="col">{t("columns.lead")}</th>
              <th scope="col">{t("columns.coordinating")}</th>
              <th scope="col">{t("columns.due")}</th>
              <th scope="col" className="num">{t("columns.progress")}</th>
              <th scope="col">{t("columns.status")}</th>
              <th scope="col">{t("columns.flag")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr><td colSpan={10} className="py-4 text-center text-sm text-slate-700">{t("empty")}</td></tr>
            ) : rows.map((r, i) => (
              <tr key={r.id} data-testid={`task-${r.criterionCode}`}>
                <td className="num text-slate-600">{i + 1}</td>
                <td className="whitespace-nowrap font-mono text-xs">{r.criterionCode}</td>
                <td className="min-w-36 text-xs">{(locale === "en" ? r.criterionEn : r.criterionVi) ?? ""}</td>
                <td className="min-w-56" data-export-text={`${r.title}. ${t("columns.deliverable")}: ${r.deliverable}`}>
                  <Link href={`/plans/${r.id}`} className="text-brand-700 hover:underline">{r.title}</Link>
                  <span className="mt-0.5 block text-xs text-slate-600">{t("columns.deliverable")}: {r.deliverable}</span>
                </td>
                <td className="min-w-28">{name(r.lead)}</td>
                <td className="min-w-28 text-xs">{r.coordinating.map(name).join("; ")}</td>
                <td className="whitespace-nowrap tabular-nums">{date(r.dueAt)}</td>
                <td className="num" data-value={r.progress}>
                  <ProgressBar value={r.progress} total={100} label={t("progressOf", { title: r.title })} />
                </td>
                <td><TaskStatusBadge status={r.status} label={t(`statuses.${r.status}`)} /></td>
                <td><TaskFlagBadge flag={r.flags.flag} label={t(`flags.${r.flags.flag}`)} /></td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="border-t border-slate-200 px-3 py-1.5 text-xs text-slate-600">{t("flagHint", { tolerance: AT_RISK_TOLERANCE })}</p>
      </section>

      {manage && <ManagePanels year={year} unitId={user.unitId} locale={locale} date={date} />}
    </>
  );
}

async function ManagePanels({ year, unitId, locale, date }: { year: number; unitId: string | null; locale: string; date: (d: Date) => string }) {
  const t = await getTranslations("plans");
  const now = new Date();
  const period = defaultPeriod(year, now);
  const [proposals, criteria, units] = await Promise.all([proposeFromLostPoints(year, unitId, { now }), planCriteria(year), planUnits()]);
  const name = (u: { nameVi: string; nameEn: string }) => (locale === "en" ? u.nameEn : u.nameVi);
  const criterionOptions = [...criteria].filter(([, c]) => c.depth <= 3)
    .map(([code, c]) => ({ value: code, label: `${"\u2003".repeat(c.depth - 1)}${code}. ${locale === "en" ? c.titleEn : c.titleVi}` }));
  const unitOptions = {
    departments: units.filter((u) => u.kind === "DEPARTMENT").map((u) => ({ value: u.id, label: name(u) })),
    communes: units.filter((u) => u.kind !== "DEPARTMENT").map((u) => ({ value: u.id, label: name(u) })),
  };
  return (
    <>
      <Card title={t("generate.title", { from: proposals.from })} id="generate" className="mb-4">
        <p className="mb-3 text-sm text-slate-700">
          {t("generate.sub", { from: proposals.from, start: date(period.startsAt), due: date(period.dueAt) })}
        </p>
        {!proposals.published ? <p className="text-sm">{t("generate.noResults", { from: proposals.from })}</p>
          : proposals.proposals.length === 0 ? <p className="text-sm">{t("generate.none")}</p>
            : <GenerateTasksForm year={year} proposals={proposals.proposals.map((p) => ({
              code: p.criterionCode, title: locale === "en" ? p.titleEn : p.titleVi, lead: name(p.leadUnit),
              coordinating: p.coordinatingUnits.map(name), lost: p.lost, max: p.max, units: p.units }))} />}
      </Card>
      <Card title={t("create.title")} id="create-task">
        <TaskForm year={year} criteria={criterionOptions} units={unitOptions} initial={{
          criterionCode: criterionOptions[0]?.value ?? "", title: "", deliverable: "", leadUnitId: "", coordinatingUnitIds: [],
          startsAt: vietnamDate(period.startsAt), dueAt: vietnamDate(period.dueAt) }} />
      </Card>
    </>
  );
}

function Field({ label, htmlFor, children }: { label: string; htmlFor: string; children: React.ReactNode }) {
  return (
    <div>
      <label htmlFor={htmlFor} className="block text-xs font-medium text-slate-700">{label}</label>
      {children}
    </div>
  );
}
