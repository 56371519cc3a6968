import { getLocale, getTranslations } from "next-intl/server";
import type { Rule } from "@/lib/domain/rules";
import { describeRule } from "@/lib/i18n/rule-text";

/** A scoring rule in words, with its kind as a tag. */
export async function RuleText({ rule, max }: { rule: Rule | undefined; max: number }) {
  const [t, locale] = [await getTranslations("frameworks.rules"), await getLocale()];
  if (!rule) return null;
  return (
    <span className="text-xs">
      <span className="mr-1 rounded bg-slate-100 px-1 py-0.5 text-slate-700">{t(rule.kind)}</span>
      {describeRule(rule, max, (k, v) => t(k, v), locale)}
    </span>
  );
}
