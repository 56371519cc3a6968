import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { HEAT_SCALE, heatStepEnd } from "@/lib/domain/rankings";
import type { RankingArea } from "./ranking-table";

/** The key under a ranking table: the heat-map steps, the † lineage marker and the areas' full titles. */
export async function RankingLegend({ areas, lineage = true }: { areas: readonly RankingArea[]; lineage?: boolean }) {
  const [t, locale, format] = [await getTranslations("rankings.legend"), await getLocale(), await getFormatter()];
  const pct = (hundredths: number) => `${format.number(hundredths / 100, { maximumFractionDigits: 0 })} %`;
  const label = (i: number) => {
    const from = HEAT_SCALE[i]!.min;
    const to = heatStepEnd(i);
    return i === 0 && to !== null ? t("below", { to: pct(to) }) : to === null ? t("above", { from: pct(from) }) : t("range", { from: pct(from), to: pct(to) });
  };
  return (
    <div className="mt-2 space-y-1.5 text-xs text-slate-700" data-testid="ranking-legend">
      <p className="flex flex-wrap items-center gap-x-1 gap-y-1">
        <span className="mr-1 font-semibold">{t("heat")}:</span>
        {HEAT_SCALE.map((s, i) => (
          <span key={s.min} className="inline-flex items-center rounded-sm px-1.5 py-px tabular-nums" style={{ backgroundColor: s.background, color: s.text }}>{label(i)}</span>
        ))}
        <span className="inline-flex items-center rounded-sm border border-slate-300 bg-white px-1.5 py-px text-slate-600">– {t("none")}</span>
      </p>
      {lineage && <p><span className="mr-1 font-semibold text-brand-700" aria-hidden="true">†</span>{t("lineage")}</p>}
      {areas.length > 0 && (
        <p className="leading-relaxed">
          <span className="mr-1 font-semibold">{t("areas")}:</span>
          {areas.map((a, i) => (
            <span key={a.code}>
              <strong className="font-semibold">{a.code}</strong>. {locale === "en" ? a.titleEn : a.titleVi}{i < areas.length - 1 ? "; " : "."}
            </span>
          ))}
        </p>
      )}
    </div>
  );
}
