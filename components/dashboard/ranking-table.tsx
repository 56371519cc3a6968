import Link from "next/link";
import { Fragment } from "react";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { areaSortKey, comparedWith, heatBucket, HEAT_SCALE, nextSort, type RankedUnit, type RankingSort, type SortKey } from "@/lib/domain/rankings";
import { formatHundredths } from "@/lib/domain/scoring";

export type RankingArea = { code: string; titleVi: string; titleEn: string };
export type RankingTableRow = RankedUnit & { unitId?: string };
/** Names of units by code, for the predecessors a unit is compared with. */
export type UnitNames = ReadonlyMap<string, { nameVi: string; nameEn: string }>;

type Props = {
  id: string;
  testId: string;
  caption: string;
  rows: readonly RankingTableRow[];
  areas: readonly RankingArea[];
  previousYear: number | null;
  /** Where a unit's name leads. */
  unitHref: (code: string) => string;
  /** Sortable headers: the current sort and the address of another; plain headers without it. */
  sort?: { current: RankingSort; href: (sort: RankingSort) => string };
  /** The leadership-only what-if link of a row (null: none for that row); no column without it. */
  whatIfHref?: (row: RankingTableRow) => string | null;
  predecessorNames?: UnitNames;
  /** Show each unit's region under its name (a group with regions, all regions shown). */
  showRegion?: boolean;
};

const TH = "border border-slate-300 bg-slate-50 px-1.5 py-1 text-[11px] font-semibold uppercase tracking-wide text-slate-700";
const TD = "border border-slate-200 px-1.5 py-1";

/**
 * The ranking of one unit group: rank, unit, points, index, change against the previous year (following
 * lineage, with a † marker naming the predecessors), classification and the per-area component indices
 * as a heat-map. Server-rendered; sorting is by links (works without JavaScript). Numeric cells carry
 * `data-value` so the XLSX export gets numbers.
 */
export async function RankingTable(props: Props) {
  const { id, testId, caption, rows, areas, previousYear, unitHref, sort, whatIfHref, predecessorNames, showRegion } = props;
  const [t, tRegions, locale, format] = [await getTranslations("rankings"), await getTranslations("regions"), await getLocale(), await getFormatter()];
  const en = locale === "en";
  const two = (hundredths: number) => formatHundredths(hundredths, locale);
  const points = two;
  const maxPoints = (centi: number) => format.number(centi / 100, { maximumFractionDigits: 2 });
  const unitName = (code: string) => {
    const n = predecessorNames?.get(code);
    return n ? `${en ? n.nameEn : n.nameVi} (${code})` : code;
  };
  const columns = 6 + areas.length + (whatIfHref ? 1 : 0);

  const header = (key: SortKey, label: React.ReactNode, text: string, className = "", extra: { rowSpan?: number } = {}) => {
    const active = sort?.current.key === key;
    const ariaSort = active ? (sort!.current.dir === "asc" ? "ascending" : "descending") : undefined;
    return (
      <th scope="col" aria-sort={ariaSort} rowSpan={extra.rowSpan} className={`${TH} ${className}`}>
        {sort ? (
          <Link href={sort.href(nextSort(sort.current, key))} title={t("sortBy", { column: text })}
            className={`inline-flex items-center gap-0.5 hover:underline ${active ? "text-brand-800" : "text-slate-700"}`}>
            {label}
            <span aria-hidden="true" className={active ? "" : "text-slate-400"}>{active ? (sort!.current.dir === "asc" ? "↑" : "↓") : "↕"}</span>
          </Link>
        ) : label}
      </th>
    );
  };

  return (
    <table id={id} data-testid={testId} className="w-full border-collapse text-xs">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr>
          {header("rank", t("columns.rank"), t("columns.rank"), "w-10 text-right", { rowSpan: 2 })}
          {header("name", t("columns.unit"), t("columns.unit"), "text-left", { rowSpan: 2 })}
          {header("points", t("columns.points"), t("columns.points"), "text-right", { rowSpan: 2 })}
          {header("index", t("columns.index"), t("columns.index"), "text-right", { rowSpan: 2 })}
          {header("change", previousYear ? t("columns.change", { year: previousYear }) : t("columns.changeNone"),
            previousYear ? t("columns.change", { year: previousYear }) : t("columns.changeNone"), "text-right", { rowSpan: 2 })}
          {header("band", t("columns.band"), t("columns.band"), "text-center", { rowSpan: 2 })}
          {areas.length > 0 && <th scope="colgroup" colSpan={areas.length} className={`${TH} text-center`}>{t("columns.areas")}</th>}
          {whatIfHref && <th scope="col" rowSpan={2} className={`${TH} text-center`} data-export-ignore>{t("columns.whatIf")}</th>}
        </tr>
        <tr>
          {areas.map((a) => {
            const title = t("columns.area", { code: a.code, title: en ? a.titleEn : a.titleVi });
            const label = <><abbr title={title} className="no-underline" aria-hidden="true">{a.code}</abbr><span className="sr-only">{title}</span></>;
            return <Fragment key={a.code}>{header(areaSortKey(a.code), label, title, "w-12 text-right")}</Fragment>;
          })}
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && <tr><td colSpan={columns} className={`${TD} py-4 text-center text-sm text-slate-700`}>{t("empty")}</td></tr>}
        {rows.map((r) => {
          const whatIf = whatIfHref?.(r) ?? null;
          const name = en ? r.nameEn : r.nameVi;
          return (
            <tr key={r.code} data-testid={`row-${r.code}`} className="hover:bg-brand-50/70">
              <td className={`${TD} text-right font-semibold tabular-nums`} data-value={r.rank}>{r.rank}</td>
              <td className={`${TD} min-w-52`}>
                <Link href={unitHref(r.code)} className="font-medium text-brand-700 hover:underline">{name}</Link>
                {showRegion && r.region && <span className="ml-1.5 whitespace-nowrap text-[11px] text-slate-600">· {tRegions(r.region)}</span>}
              </td>
              <td className={`${TD} whitespace-nowrap text-right tabular-nums text-slate-700`} data-value={r.achieved / 100}
                data-export-text={`${points(r.achieved)}/${maxPoints(r.max)}`}>
                {points(r.achieved)}<span className="text-slate-500">/{maxPoints(r.max)}</span>
              </td>
              <td className={`${TD} text-right text-[13px] font-semibold tabular-nums text-brand-800`} data-value={r.indexHundredths / 100}>{two(r.indexHundredths)}</td>
              <ChangeCell row={r} previousYear={previousYear} two={two} unitName={unitName} />
              <td className={`${TD} text-center`}>
                {r.band && <span className="inline-block min-w-6 rounded border border-slate-400 bg-white px-1 font-semibold text-slate-800" title={t("bandLabel", { code: r.band })}>{r.band}</span>}
              </td>
              {areas.map((a) => <HeatCell key={a.code} value={r.areas[a.code] ?? null} two={two} none={t("noArea")} />)}
              {whatIfHref && (
                <td className={`${TD} text-center`} data-export-ignore>
                  {whatIf && (
                    <Link href={whatIf} aria-label={t("whatIf", { unit: name })} title={t("whatIf", { unit: name })}
                      className="inline-flex rounded p-0.5 text-brand-700 hover:bg-brand-100">
                      <SlidersIcon />
                    </Link>
                  )}
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}


/** ▲/▼/= with the index delta in points, the rank change, and † when compared through lineage. */
async function ChangeCell({ row, previousYear, two, unitName }: {
  row: RankingTableRow; previousYear: number | null; two: (h: number) => string; unitName: (code: string) => string;
}) {
  const t = await getTranslations("rankings.change");
  const c = row.change;
  if (!c || c.indexDeltaHundredths === null) {
    const isNew = c?.basis === "none" && previousYear !== null;
    return (
      <td className={`${TD} text-right text-slate-600`} title={isNew ? t("newTitle") : t("noneTitle")} data-change="none">
        {isNew ? <span className="italic">{t("new")}</span> : <>{t("none")}<span className="sr-only">{t("noneTitle")}</span></>}
      </td>
    );
  }
  const d = c.indexDeltaHundredths;
  const [glyph, tone, word] = d > 0 ? ["▲", "text-emerald-700", t("up")] : d < 0 ? ["▼", "text-orange-700", t("down")] : ["=", "text-slate-600", t("same")];
  const rank = c.rankDelta;
  const via = (() => {
    const codes = comparedWith(c);
    return codes ? `${t("comparedWith", { units: codes.map(unitName).join(" + ") })} (${t(c.basis === "merged" ? "merged" : "lineage")})` : null;
  })();
  return (
    <td className={`${TD} whitespace-nowrap text-right tabular-nums`} data-value={d / 100} data-change={d > 0 ? "up" : d < 0 ? "down" : "same"}>
      <span className={`font-semibold ${tone}`}><span aria-hidden="true">{glyph} </span><span className="sr-only">{word} </span>{two(Math.abs(d))}</span>
      <span className="ml-1 inline-block w-14 text-left text-[11px] text-slate-600">
        {rank !== null && (
          <>
            <span aria-hidden="true">{rank > 0 ? t("rankUp", { n: rank }) : rank < 0 ? t("rankDown", { n: -rank }) : t("rankSame")}</span>
            <span className="sr-only">, {rank > 0 ? t("rankUpLong", { n: rank }) : rank < 0 ? t("rankDownLong", { n: -rank }) : t("rankSameLong")}</span>
          </>
        )}
        {via && (
          <sup className="ml-0.5 cursor-help text-xs font-semibold text-brand-700" title={via} data-lineage={c.previousCodes.join(" ")}>
            <span aria-hidden="true">†</span><span className="sr-only"> ({via})</span>
          </sup>
        )}
      </span>
    </td>
  );
}

function HeatCell({ value, two, none }: { value: number | null; two: (h: number) => string; none: string }) {
  const bucket = heatBucket(value);
  if (bucket === null || value === null) {
    return <td className={`${TD} text-center text-slate-500`} title={none} data-heat="none"><span aria-hidden="true">–</span><span className="sr-only">{none}</span></td>;
  }
  const step = HEAT_SCALE[bucket]!;
  return (
    <td className={`${TD} text-right tabular-nums`} style={{ backgroundColor: step.background, color: step.text }} data-heat={bucket} data-value={value / 100}>
      {two(value)}
    </td>
  );
}

function SlidersIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" width="16" height="16" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round">
      <path d="M3 5h8M15 5h2M3 10h2M9 10h8M3 15h10M17 15h0" />
      <circle cx="13" cy="5" r="2" /><circle cx="7" cy="10" r="2" /><circle cx="15" cy="15" r="2" />
    </svg>
  );
}
