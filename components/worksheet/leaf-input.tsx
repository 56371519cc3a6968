"use client";
import { useLocale, useTranslations } from "next-intl";
import { allowedScores, pointsForDeclaredValue } from "@/lib/domain/rules";
import { toCenti } from "@/lib/domain/points";
import type { WsLeaf } from "./types";

/** The score input a leaf's rule calls for: options, yes/no, a declared figure (tiers) or a free score. */
export function LeafInput({ leaf, score, declared, disabled, onScore, onDeclared }: {
  leaf: WsLeaf; score: number | null; declared: string; disabled: boolean;
  onScore: (v: number | null) => void; onDeclared: (v: string) => void;
}) {
  const t = useTranslations("worksheet");
  const locale = useLocale();
  const n = (v: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(v);
  const name = `score-${leaf.code}`;
  const rule = leaf.rule;
  if (leaf.survey) return <span className="text-xs text-slate-600">{t("fromSurvey")}</span>;
  if (rule.kind === "tiers") {
    const value = Number(declared.replace(",", "."));
    const points = declared.trim() !== "" && Number.isFinite(value) ? pointsForDeclaredValue(rule, value) / 100 : null;
    return (
      <div className="flex items-center gap-2">
        <label className="sr-only" htmlFor={name}>{t("declaredFor", { code: leaf.code })}</label>
        <input id={name} inputMode="decimal" value={declared} disabled={disabled} onChange={(e) => onDeclared(e.target.value)}
          className="field-input w-24 py-1 text-right" aria-describedby={`${name}-points`} />
        <span className="text-xs">{rule.valueUnit}</span>
        <span id={`${name}-points`} className="text-xs text-slate-700">→ <strong>{points === null ? "—" : n(points)}</strong> {t("points")}</span>
      </div>
    );
  }
  const allowed = (allowedScores(rule, toCenti(leaf.max)) ?? []).map((c) => c / 100);
  if (rule.kind === "free") {
    return (
      <div className="flex items-center gap-2">
        <label className="sr-only" htmlFor={name}>{t("scoreFor", { code: leaf.code })}</label>
        <select id={name} value={score === null ? "" : String(score)} disabled={disabled} onChange={(e) => onScore(e.target.value === "" ? null : Number(e.target.value))}
          className="field-input w-24 py-1">
          <option value="">—</option>
          {allowed.map((v) => <option key={v} value={v}>{n(v)}</option>)}
        </select>
      </div>
    );
  }
  const labels = rule.kind === "options"
    ? new Map(rule.options.map((o) => [o.points, locale === "en" ? o.labelEn : o.labelVi]))
    : new Map([[allowed[0]!, t("yes")], [0, t("no")]]);
  return (
    <fieldset className="flex flex-wrap gap-x-3 gap-y-1" disabled={disabled}>
      <legend className="sr-only">{t("scoreFor", { code: leaf.code })}</legend>
      {allowed.map((v) => (
        <label key={v} className="flex items-center gap-1 text-xs">
          <input type="radio" name={name} value={v} checked={score === v} onChange={() => onScore(v)} />
          <span>{labels.get(v) ?? n(v)} <span className="text-slate-600">({n(v)})</span></span>
        </label>
      ))}
    </fieldset>
  );
}
