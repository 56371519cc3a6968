import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/ui/card";
import {
  CELL_STATES, figureText, filterRows, GRID_PHASES, GRID_STATUSES, gridCounts, gridFilterFrom, gridFilterQuery, lateText,
  shortDate, type CellState, type GridCell, type GridFilter, type GridRow, type GridWords,
} from "@/lib/domain/status-grid";
import { requirePage } from "@/lib/server/auth/session";
import { cycleYears } from "@/lib/server/data/cycles";
import { statusGrid } from "@/lib/server/data/status-grid";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("statusGrid"))("title") };
}

/** Colour and a glyph per state: the state is also spelled out (screen readers, tooltip, legend). */
const CHIP: Record<CellState, { glyph: string; tone: string }> = {
  done: { glyph: "✓", tone: "border-emerald-300 bg-emerald-50 text-emerald-900" },
  current: { glyph: "▸", tone: "border-sky-400 bg-sky-50 text-sky-900" },
  pending: { glyph: "○", tone: "border-transparent bg-transparent text-slate-600" },
  na: { glyph: "–", tone: "border-transparent bg-transparent text-slate-500" },
};
const LATE_TONE = "border-red-400 bg-red-50 text-red-800";

/** Status counts: the same tones as the status badges. */
const STATUS_TONE: Record<string, string> = {
  NOT_STARTED: "border-slate-300 bg-slate-100 text-slate-800",
  IN_PROGRESS: "border-amber-300 bg-amber-50 text-amber-900",
  SUBMITTED: "border-sky-300 bg-sky-50 text-sky-900",
  APPRAISED_R1: "border-indigo-300 bg-indigo-50 text-indigo-900",
  EXPLANATION: "border-orange-300 bg-orange-50 text-orange-900",
  APPRAISED_R2: "border-indigo-300 bg-indigo-50 text-indigo-900",
  APPROVED: "border-emerald-300 bg-emerald-50 text-emerald-900",
  PUBLISHED: "border-emerald-400 bg-emerald-100 text-emerald-900",
};

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function StatusGridPage({ searchParams }: { searchParams: SearchParams }) {
  await requirePage("status.read");
  const params = await searchParams;
  const [t, tc, tStatus, tGroups, locale, format, years] = [await getTranslations("statusGrid"), await getTranslations("common"),
    await getTranslations("status"), await getTranslations("groups"), await getLocale(), await getFormatter(), await cycleYears()];
  const asked = Number(Array.isArray(params.year) ? params.year[0] : params.year);
  const year = years.includes(asked) ? asked : years[0];
  const now = new Date();
  const grid = year === undefined ? null : await statusGrid(year, now);
  if (!grid || year === undefined) return <><PageTitle>{t("title")}</PageTitle><p className="text-sm">{t("noCycle")}</p></>;

  const filter = gridFilterFrom(params);
  const base = filterRows(grid.rows, { group: filter.group, q: filter.q });
  const counts = gridCounts(base);
  const rows = filterRows(base, { status: filter.status, lateOnly: filter.lateOnly });
  const words: GridWords = { message: (key, values) => t(key, values), date: (d) => shortDate(d, locale) };
  const href = (f: GridFilter) => `/secretariat/status?${gridFilterQuery(f, { year })}`;
  const exportHref = (kind: "csv" | "xlsx") => `/api/v1/cycles/${year}/status?${gridFilterQuery(filter, { format: kind, locale })}`;
  const name = (r: GridRow) => (locale === "en" ? r.nameEn : r.nameVi);
  const groups = [...new Set(rows.map((r) => r.group))];

  return (
    <>
      <PageTitle sub={t("sub", { cycle: locale === "en" ? grid.cycle.nameEn : grid.cycle.nameVi,
        at: format.dateTime(now, { dateStyle: "short", timeStyle: "short" }) })}>{t("title")}</PageTitle>

      {/* Keyed by the filter: a client-side navigation (a count link) remounts the fields with the new values. */}
      <form key={gridFilterQuery(filter, { year })} method="get" action="/secretariat/status" role="search" aria-label={t("filters")}
        className="card mb-3 flex flex-wrap items-end gap-x-3 gap-y-2 px-3 py-2 text-sm">
        <Field label={t("year")} htmlFor="sg-year">
          <select id="sg-year" name="year" defaultValue={year} className="field-input py-1">
            {years.map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </Field>
        <Field label={tc("status")} htmlFor="sg-status">
          <select id="sg-status" name="status" defaultValue={filter.status ?? ""} className="field-input py-1">
            <option value="">{t("allStatuses")}</option>
            {GRID_STATUSES.map((s) => <option key={s} value={s}>{tStatus(s)}</option>)}
          </select>
        </Field>
        <Field label={t("columns.group")} htmlFor="sg-group">
          <select id="sg-group" name="group" defaultValue={filter.group ?? ""} className="field-input py-1">
            <option value="">{t("allGroups")}</option>
            {grid.groups.map((g) => <option key={g} value={g}>{tGroups(g)}</option>)}
          </select>
        </Field>
        <Field label={t("search")} htmlFor="sg-q">
          <input id="sg-q" name="q" type="search" defaultValue={filter.q ?? ""} placeholder={t("searchHint")} maxLength={100}
            className="field-input w-56 py-1" />
        </Field>
        <label className="flex items-center gap-1.5 pb-1.5">
          <input type="checkbox" name="late" value="1" defaultChecked={filter.lateOnly ?? false} className="size-4" />
          {t("lateOnly")}
        </label>
        <div className="flex gap-2 pb-0.5">
          <button type="submit" className="btn-primary py-1">{t("apply")}</button>
          <Link href={`/secretariat/status?year=${year}`} className="btn border border-slate-400 py-1 text-slate-800 hover:bg-slate-50">{t("clear")}</Link>
        </div>
      </form>

      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <nav aria-label={t("counts")} title={t("countsHint")} data-testid="status-counts">
          <ul className="flex flex-wrap gap-1.5 text-xs">
            <li>
              <Link href={href({ group: filter.group, q: filter.q })} aria-current={!filter.status && !filter.lateOnly ? "true" : undefined}
                className={countClass("border-brand-600 bg-white text-brand-800", !filter.status && !filter.lateOnly)}>
                {t("total")} <strong className="tabular-nums">{counts.total}</strong>
              </Link>
            </li>
            {GRID_STATUSES.map((s) => {
              const active = filter.status === s;
              return (
                <li key={s}>
                  <Link href={href({ ...filter, status: active ? undefined : s })} aria-current={active ? "true" : undefined}
                    className={countClass(STATUS_TONE[s]!, active)} data-status={s}>
                    {tStatus(s)} <strong className="tabular-nums">{counts.byStatus[s]}</strong>
                  </Link>
                </li>
              );
            })}
            <li>
              <Link href={href({ ...filter, lateOnly: filter.lateOnly ? undefined : true })} aria-current={filter.lateOnly ? "true" : undefined}
                className={countClass(LATE_TONE, filter.lateOnly ?? false)} data-status="LATE">
                {t("lateCount")} <strong className="tabular-nums">{counts.late}</strong>
              </Link>
            </li>
          </ul>
        </nav>
        <p className="flex items-center gap-2 text-xs">
          <span className="text-slate-700">{t("export")}:</span>
          <a href={exportHref("csv")} className="rounded border border-slate-400 bg-white px-2 py-1 font-medium text-brand-700 hover:bg-brand-50" download>{t("exportCsv")}</a>
          <a href={exportHref("xlsx")} className="rounded border border-slate-400 bg-white px-2 py-1 font-medium text-brand-700 hover:bg-brand-50" download>{t("exportXlsx")}</a>
        </p>
      </div>

      <section className="card overflow-x-auto" aria-labelledby="sg-caption">
        <table className="w-full border-collapse text-xs" data-testid="status-grid">
          <caption id="sg-caption" className="border-b border-slate-200 px-3 py-2 text-left text-sm font-semibold uppercase tracking-wide text-brand-800">
            {t("caption", { year })}
            <span className="ml-2 font-normal normal-case tracking-normal text-slate-600" data-testid="shown">{t("shown", { shown: rows.length, total: grid.rows.length })}</span>
          </caption>
          <thead className="bg-slate-50 text-[11px] uppercase tracking-wide text-slate-700">
            <tr>
              <th scope="col" className="border border-slate-300 px-1.5 py-1 text-right">{t("columns.no")}</th>
              <th scope="col" className="border border-slate-300 px-1.5 py-1 text-left">{t("columns.code")}</th>
              <th scope="col" className="border border-slate-300 px-1.5 py-1 text-left">{t("columns.unit")}</th>
              <th scope="col" className="border border-slate-300 px-1.5 py-1 text-left">{t("columns.status")}</th>
              {GRID_PHASES.map((p) => <th key={p} scope="col" className="border border-slate-300 px-1.5 py-1 text-left">{t(`phases.${p}`)}</th>)}
              <th scope="col" className="border border-slate-300 px-1.5 py-1 text-left">{t("columns.late")}</th>
            </tr>
          </thead>
          {rows.length === 0 ? (
            <tbody><tr><td colSpan={5 + GRID_PHASES.length} className="px-3 py-4 text-center text-sm text-slate-700">{t("empty")}</td></tr></tbody>
          ) : groups.map((g) => {
            const inGroup = rows.filter((r) => r.group === g);
            return (
              <tbody key={g ?? "-"}>
                <tr className="bg-brand-50">
                  <th scope="rowgroup" colSpan={5 + GRID_PHASES.length} className="border border-slate-300 px-1.5 py-1 text-left text-xs font-semibold text-brand-800">
                    {g ? tGroups(g) : "—"} <span className="font-normal text-slate-600">({inGroup.length})</span>
                  </th>
                </tr>
                {inGroup.map((r) => (
                  <tr key={r.code} className="hover:bg-brand-50/60" data-testid={`row-${r.code}`}>
                    <td className="border border-slate-200 px-1.5 py-1 text-right tabular-nums text-slate-600">{rows.indexOf(r) + 1}</td>
                    <td className="whitespace-nowrap border border-slate-200 px-1.5 py-1 font-mono text-[11px]">{r.code}</td>
                    <td className="border border-slate-200 px-1.5 py-1">
                      <Link href={`/appraisal/${encodeURIComponent(r.code)}`} className="text-brand-700 hover:underline">{name(r)}</Link>
                      {r.extended && <span className="ml-1 text-[11px] italic text-slate-600">({t("extended")})</span>}
                    </td>
                    <td className="border border-slate-200 px-1.5 py-1">
                      <span className={`inline-block whitespace-nowrap rounded border px-1.5 py-px ${STATUS_TONE[r.status]}`}>{tStatus(r.status)}</span>
                    </td>
                    {r.cells.map((c) => <td key={c.phase} className="border border-slate-200 px-1 py-1"><Chip cell={c} words={words} label={t(`states.${c.state}`)} /></td>)}
                    <td className="border border-slate-200 px-1.5 py-1 font-medium text-red-700">
                      {r.late.map((m) => <span key={m.kind} className="block whitespace-nowrap"><span aria-hidden="true">⚠ </span>{lateText(m, words)}</span>)}
                    </td>
                  </tr>
                ))}
              </tbody>
            );
          })}
        </table>
      </section>

      <p className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-slate-700" data-testid="legend">
        <span className="font-semibold">{t("legend")}:</span>
        {CELL_STATES.map((s) => (
          <span key={s} className="flex items-center gap-1">
            <span className={`inline-block rounded border px-1 ${CHIP[s].tone}`} aria-hidden="true">{CHIP[s].glyph}</span>{t(`states.${s}`)}
          </span>
        ))}
        <span className="flex items-center gap-1">
          <span className={`inline-block rounded border px-1 ${LATE_TONE}`} aria-hidden="true">!</span>{t("lateCount")}
        </span>
      </p>
    </>
  );
}

function countClass(tone: string, active: boolean): string {
  return `inline-flex items-center gap-1 whitespace-nowrap rounded border px-2 py-1 hover:underline ${tone} ${active ? "ring-2 ring-brand-600 ring-offset-1" : ""}`;
}

function Field({ label, htmlFor, children }: { label: string; htmlFor: string; children: React.ReactNode }) {
  return (
    <div>
      <label htmlFor={htmlFor} className="mb-0.5 block text-xs font-medium text-slate-700">{label}</label>
      {children}
    </div>
  );
}

/** A phase cell: glyph and colour, the figure (or the state) in words, the state spelled out for screen readers. */
function Chip({ cell, words, label }: { cell: GridCell; words: GridWords; label: string }) {
  const text = figureText(cell.figure, words);
  const chip = CHIP[cell.state];
  if (cell.state === "na" && !text) {
    return <span className="px-1 text-slate-500" title={label}><span aria-hidden="true">{chip.glyph}</span><span className="sr-only">{label}</span></span>;
  }
  return (
    <span className={`inline-flex items-center gap-1 whitespace-nowrap rounded border px-1 py-px ${cell.late ? LATE_TONE : chip.tone}`}
      title={text ? `${label}: ${text}` : label} data-state={cell.state}>
      <span aria-hidden="true">{cell.late ? "!" : chip.glyph}</span>
      {text ? <><span className="sr-only">{label}: </span>{text}</> : label}
    </span>
  );
}
