import { getLocale, getTranslations } from "next-intl/server";
import type { Rule } from "@/lib/domain/rules";

/** A scoring rule in words, e.g. "Kịp thời: 1 · Không kịp thời: 0,5 · Không ban hành: 0". */
export async function RuleText({ rule, max }: { rule: Rule | undefined; max: number }) {
  const [t, locale] = [await getTranslations("frameworks.rules"), await getLocale()];
  if (!rule) return null;
  const n = (v: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(v);
  const label = (o: { labelVi: string; labelEn: string }) => (locale === "en" ? o.labelEn : o.labelVi);
  let text: string;
  switch (rule.kind) {
    case "options":
      text = rule.options.map((o) => `${label(o)}: ${n(o.points)}`).join(" · ");
      break;
    case "tiers":
      text = `${locale === "en" ? rule.valueLabelEn : rule.valueLabelVi} — ${[...rule.tiers].sort((a, b) => b.min - a.min)
        .map((tier) => t("tier", { min: n(tier.min), unit: rule.valueUnit, points: n(tier.points) })).join(" · ")}`;
      break;
    case "yesNo":
      text = `${t("yes", { points: n(rule.yesPoints ?? max) })} · ${t("no")}`;
      break;
    case "free":
      text = t("step", { max: n(max), step: n(rule.step) });
      break;
    case "survey":
      text = rule.survey === "SIPAS" ? (rule.element ? t("surveySipasElement", { element: rule.element }) : t("surveySipas")) : t("surveySociological");
      break;
  }
  return (
    <span className="text-xs">
      <span className="mr-1 rounded bg-slate-100 px-1 py-0.5 text-slate-700">{t(rule.kind)}</span>
      {text}
    </span>
  );
}
