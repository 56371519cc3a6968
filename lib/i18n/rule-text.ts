import type { Rule } from "@/lib/domain/rules";

type T = (key: string, values?: Record<string, string | number>) => string;

/** A scoring rule in words ("Kịp thời: 1 · Không kịp thời: 0,5 · …"), with a translator of `frameworks.rules`. */
export function describeRule(rule: Rule, max: number, t: T, locale: string): string {
  const n = (v: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(v);
  const label = (o: { labelVi: string; labelEn: string }) => (locale === "en" ? o.labelEn : o.labelVi);
  switch (rule.kind) {
    case "options":
      return rule.options.map((o) => `${label(o)}: ${n(o.points)}`).join(" · ");
    case "tiers":
      return `${locale === "en" ? rule.valueLabelEn : rule.valueLabelVi} — ${[...rule.tiers].sort((a, b) => b.min - a.min)
        .map((tier) => t("tier", { min: n(tier.min), unit: rule.valueUnit, points: n(tier.points) })).join(" · ")}`;
    case "yesNo":
      return `${t("yes", { points: n(rule.yesPoints ?? max) })} · ${t("no")}`;
    case "free":
      return t("step", { max: n(max), step: n(rule.step) });
    case "survey":
      return rule.survey === "SIPAS" ? (rule.element ? t("surveySipasElement", { element: rule.element }) : t("surveySipas")) : t("surveySociological");
  }
}
