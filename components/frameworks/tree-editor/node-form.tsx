"use client";
import { useLocale, useTranslations } from "next-intl";
import type { CriterionDoc } from "@/lib/domain/framework";
import { childrenSum, type EditorIssue } from "@/lib/domain/framework-edit";
import { Field, inputClass, NumberInput } from "./fields";
import { useIssueText } from "./issue-list";
import { RuleEditor } from "./rule-editor";

/** The form for the selected criterion: its own fields, evidence, and for a leaf its scoring rule. */
export function NodeForm({ id, node, isLeaf, issues, onChange }: {
  id: string; node: CriterionDoc; isLeaf: boolean; issues: EditorIssue[]; onChange: (node: CriterionDoc) => void;
}) {
  const t = useTranslations("frameworks.editor");
  const locale = useLocale();
  const issueText = useIssueText();
  const number = (v: number) => (Number.isFinite(v) ? new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(v) : "—");
  const set = (patch: Partial<CriterionDoc>) => onChange({ ...node, ...patch });
  const optionalText = (v: string) => (v === "" ? undefined : v);
  const sum = isLeaf ? null : childrenSum(node);
  const sumOk = sum !== null && sum.sum === sum.max;
  return (
    <section className="card" aria-labelledby={`${id}-title`} data-testid="node-form">
      <h2 id={`${id}-title`} className="card-title">{t("node", { code: node.code || "…" })}</h2>
      <div className="space-y-3 p-4">
        {issues.length > 0 && (
          <div className="rounded border border-accent-600/40 bg-red-50 px-3 py-2 text-sm text-accent-600">
            <p className="font-medium">{t("nodeIssues")}</p>
            <ul className="list-disc pl-5">{issues.map((i, k) => <li key={k}>{issueText(i)}</li>)}</ul>
          </div>
        )}
        <div className="grid grid-cols-2 gap-3">
          <Field id={`${id}-code`} label={t("fields.code")} hint={t("codeHint")}>
            <input id={`${id}-code`} className={`${inputClass} font-mono`} value={node.code} autoComplete="off" spellCheck={false}
              aria-describedby={`${id}-code-hint`} aria-invalid={issues.some((i) => /code(Format|Duplicate|Prefix)$/.test(i.key)) || undefined}
              onChange={(e) => set({ code: e.target.value.trim() })} />
          </Field>
          <Field id={`${id}-max`} label={t("fields.maxPoints")} hint={t("pointsHint")}>
            <NumberInput id={`${id}-max`} className="max-w-32" value={node.maxPoints} describedBy={`${id}-max-hint${sum ? ` ${id}-sum` : ""}`}
              onChange={(v) => set({ maxPoints: v ?? Number.NaN })} />
          </Field>
        </div>
        {sum && (
          <p id={`${id}-sum`} aria-live="polite" data-testid="children-sum"
            className={`rounded px-2 py-1 text-sm font-medium ${sumOk ? "bg-emerald-50 text-emerald-900" : "bg-red-50 text-accent-600"}`}>
            {t("childrenSum", { sum: number(sum.sum), max: number(sum.max) })}
          </p>
        )}
        {(["titleVi", "titleEn"] as const).map((f) => (
          <Field key={f} id={`${id}-${f}`} label={t(`fields.${f}`)}>
            <textarea id={`${id}-${f}`} rows={2} className={inputClass} value={node[f]} lang={f === "titleEn" ? "en" : "vi"}
              aria-invalid={!node[f].trim() || undefined} onChange={(e) => set({ [f]: e.target.value })} />
          </Field>
        ))}
        {(["evidenceVi", "evidenceEn"] as const).map((f) => (
          <Field key={f} id={`${id}-${f}`} label={t(`fields.${f}`)}>
            <textarea id={`${id}-${f}`} rows={2} className={inputClass} value={node[f] ?? ""} lang={f === "evidenceEn" ? "en" : "vi"}
              onChange={(e) => set({ [f]: optionalText(e.target.value) })} />
          </Field>
        ))}
        <div className="flex items-center gap-2">
          <input id={`${id}-mandatory`} type="checkbox" className="size-4" checked={node.evidenceMandatory ?? false}
            onChange={(e) => set({ evidenceMandatory: e.target.checked || undefined })} />
          <label htmlFor={`${id}-mandatory`} className="text-sm">{t("fields.evidenceMandatory")}</label>
        </div>
        {isLeaf ? (
          <fieldset className="rounded border border-slate-300 p-3">
            <legend className="px-1 text-sm font-semibold text-brand-800">{t("scoring")}</legend>
            <RuleEditor id={`${id}-rule`} node={node} onChange={onChange} />
          </fieldset>
        ) : (
          <p className="text-xs text-slate-600">{t("innerNote")}</p>
        )}
      </div>
    </section>
  );
}
