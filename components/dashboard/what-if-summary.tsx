"use client";
import { useLocale, useTranslations } from "next-intl";
import type { UnitResult } from "@/lib/domain/engine";
import type { FrameworkDoc } from "@/lib/domain/framework";
import type { WhatIfBaseline, WhatIfResult } from "@/lib/domain/what-if";
import { formatHundredths } from "@/lib/domain/scoring";

/** A signed change with ▲/▼ (the arrow is decoration; the words "tăng/giảm" are read out). */
export function Delta({ value, format, testId }: { value: number; format: (v: number) => string; testId?: string }) {
  const t = useTranslations("whatIf.summary");
  if (value === 0) return <span data-testid={testId} className="text-slate-500">–<span className="sr-only"> {t("same")}</span></span>;
  const up = value > 0;
  return (
    <span data-testid={testId} className={`whitespace-nowrap font-semibold tabular-nums ${up ? "text-emerald-700" : "text-accent-600"}`}>
      <span aria-hidden="true">{up ? "▲" : "▼"} {format(Math.abs(value))}</span>
      <span className="sr-only">{t(up ? "up" : "down", { value: format(Math.abs(value)) })}</span>
    </span>
  );
}

/** The simulated result against the published one: points, index, band, rank in group, per-area indices. */
export function WhatIfSummary({ framework, recorded, sim, baseline, changedCount, onReset }: {
  framework: FrameworkDoc; recorded: UnitResult; sim: WhatIfResult; baseline: WhatIfBaseline & { band: string | null };
  changedCount: number; onReset: () => void;
}) {
  const t = useTranslations("whatIf");
  const locale = useLocale();
  const points = (c: number) => formatHundredths(c, locale);
  const pct = points; // hundredths of a percent, same display
  const rank = (r: number | null) => (r === null ? "—" : String(r));
  const bandLabel = (code: string | null) => {
    const band = framework.classification.find((b) => b.code === code);
    return band ? (locale === "en" ? band.labelEn : band.labelVi) : "—";
  };
  const areaTitle = new Map(framework.tree.map((a) => [a.code, locale === "en" ? a.titleEn : a.titleVi]));
  const differs = recorded.achieved !== baseline.achieved || recorded.indexHundredths !== baseline.indexHundredths;
  const rankDelta = sim.delta.rank;

  return (
    <section aria-labelledby="what-if-summary-title" className="card" data-testid="what-if-summary">
      <h2 id="what-if-summary-title" className="card-title">{t("summary.title")}</h2>
      <div className="space-y-3 p-3">
        <p className="rounded border border-amber-400 bg-amber-50 px-3 py-1.5 text-sm" data-testid="not-saved">
          <strong className="block text-amber-900">{t("notSaved")}</strong>
          <span className="text-xs text-slate-700">{t("notSavedHint")}</span>
        </p>
        <p className="text-center text-lg font-semibold tabular-nums text-brand-800" data-testid="rank-line">
          {t("summary.rankLine", { from: rank(baseline.rankInGroup), to: sim.rankInGroup, of: sim.groupSize })}
          {rankDelta !== null && rankDelta !== 0 && <span className="ml-2 text-base"><Delta value={rankDelta} format={String} /></span>}
        </p>
        <table className="table-dense">
          <thead>
            <tr>
              <th scope="col" className="whitespace-nowrap !normal-case !tracking-normal !px-1.5">{t("summary.measure")}</th>
              <th scope="col" className="whitespace-nowrap !normal-case !tracking-normal num !px-1.5">{t("summary.current")}</th>
              <th scope="col" className="whitespace-nowrap !normal-case !tracking-normal num !px-1.5">{t("summary.simulated")}</th>
              <th scope="col" className="whitespace-nowrap !normal-case !tracking-normal num !px-1.5">{t("summary.change")}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row" className="!px-1.5">{t("summary.points")}</th>
              <td className="num !px-1.5" data-testid="base-points">{points(baseline.achieved)}<span className="block text-xs text-slate-500">/ {points(baseline.max)}</span></td>
              <td className="num !px-1.5 font-semibold" data-testid="sim-points">{points(sim.achieved)}</td>
              <td className="num !px-1.5"><Delta value={sim.delta.achieved} format={points} testId="delta-points" /></td>
            </tr>
            <tr>
              <th scope="row" className="!px-1.5">{t("summary.index")}</th>
              <td className="num !px-1.5" data-testid="base-index">{pct(baseline.indexHundredths)}</td>
              <td className="num !px-1.5 text-base font-semibold text-brand-800" data-testid="sim-index">{pct(sim.indexHundredths)}</td>
              <td className="num !px-1.5"><Delta value={sim.delta.indexHundredths} format={pct} testId="delta-index" /></td>
            </tr>
            <tr>
              <th scope="row" className="!px-1.5">{t("summary.band")}</th>
              <td className="num !px-1.5">{bandLabel(baseline.band)}</td>
              <td className="num !px-1.5 font-semibold" data-testid="sim-band">{bandLabel(sim.band?.code ?? null)}</td>
              <td className="num !px-1.5" />
            </tr>
            <tr>
              <th scope="row" className="!px-1.5">{t("summary.rank")}</th>
              <td className="num !px-1.5" data-testid="base-rank">{rank(baseline.rankInGroup)}</td>
              <td className="num !px-1.5 font-semibold" data-testid="sim-rank">{sim.rankInGroup}<span className="font-normal text-slate-500"> / {sim.groupSize}</span></td>
              <td className="num !px-1.5">{rankDelta !== null && <Delta value={rankDelta} format={String} testId="delta-rank" />}</td>
            </tr>
          </tbody>
        </table>
        <p className="sr-only" aria-live="polite">{t("summary.live", { index: pct(sim.indexHundredths), rank: sim.rankInGroup, of: sim.groupSize })}</p>
        <div className="flex items-center justify-between gap-2">
          <span className="text-sm text-slate-700" data-testid="changed-count">{t("summary.changed", { count: changedCount })}</span>
          <button type="button" className="btn-primary" onClick={onReset} disabled={changedCount === 0}>{t("summary.reset")}</button>
        </div>
        {differs && <p role="note" className="text-xs text-slate-700">{t("baselineDiffers", { computed: pct(recorded.indexHundredths), published: pct(baseline.indexHundredths) })}</p>}
        <table className="table-dense" data-testid="area-indices">
          <caption className="pb-1 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">{t("summary.areas")}</caption>
          <thead>
            <tr>
              <th scope="col" className="whitespace-nowrap !normal-case !tracking-normal !px-1.5">{t("summary.area")}</th>
              <th scope="col" className="whitespace-nowrap !normal-case !tracking-normal num !px-1.5">{t("summary.before")}</th>
              <th scope="col" className="whitespace-nowrap !normal-case !tracking-normal num !px-1.5">{t("summary.after")}</th>
              <th scope="col" className="whitespace-nowrap !normal-case !tracking-normal num !px-1.5">{t("summary.change")}</th>
            </tr>
          </thead>
          <tbody>
            {sim.areas.map((a) => {
              const d = a.after.indexHundredths - a.before.indexHundredths;
              return (
                <tr key={a.code} className={d !== 0 ? "bg-amber-50" : undefined}>
                  <th scope="row" className="!px-1.5" title={areaTitle.get(a.code)}>
                    <span className="block max-w-[10.5rem] truncate"><span className="tabular-nums">{a.code}.</span> {areaTitle.get(a.code)}</span>
                  </th>
                  <td className="num !px-1.5">{pct(a.before.indexHundredths)}</td>
                  <td className="num !px-1.5 font-medium">{pct(a.after.indexHundredths)}</td>
                  <td className="num !px-1.5"><Delta value={d} format={pct} /></td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
