"use client";
import { useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { CriterionDoc } from "@/lib/domain/framework";
import { parseDecimal, withRuleKind } from "@/lib/domain/framework-edit";
import type { Rule, RuleKind } from "@/lib/domain/rules";
import { Field, inputClass, NumberInput } from "./fields";

const KINDS: RuleKind[] = ["options", "tiers", "yesNo", "free", "survey"];
type Of<K extends RuleKind> = Extract<Rule, { kind: K }>;
type Label = { labelVi: string; labelEn: string };

/** The scoring rule of a leaf, by kind. Switching kinds remembers the rule left behind (per selection). */
export function RuleEditor({ id, node, onChange }: { id: string; node: CriterionDoc; onChange: (node: CriterionDoc) => void }) {
  const t = useTranslations("frameworks");
  const [memory, setMemory] = useState<Partial<Record<RuleKind, Rule>>>({});
  const rule = node.rule;
  const setRule = (next: Rule) => onChange({ ...node, rule: next });
  return (
    <div className="space-y-3">
      <div className="grid grid-cols-2 gap-3">
        <Field id={`${id}-kind`} label={t("editor.fields.kind")}>
          <select id={`${id}-kind`} className={inputClass} value={rule?.kind ?? ""}
            onChange={(e) => {
              const kind = e.target.value as RuleKind;
              if (rule) setMemory({ ...memory, [rule.kind]: rule });
              onChange(withRuleKind(node, kind, memory[kind]));
            }}>
            {!rule && <option value="" disabled>{t("editor.noKind")}</option>}
            {KINDS.map((k) => <option key={k} value={k}>{t(`rules.${k}`)}</option>)}
          </select>
        </Field>
        <Field id={`${id}-source`} label={t("editor.fields.source")}>
          <select id={`${id}-source`} className={inputClass} value={node.source ?? "SELF"}
            onChange={(e) => onChange({ ...node, source: e.target.value === "SURVEY" ? "SURVEY" : undefined })}>
            <option value="SELF">{t("sources.SELF")}</option>
            <option value="SURVEY">{t("sources.SURVEY")}</option>
          </select>
        </Field>
      </div>
      {rule?.kind === "options" && <OptionsEditor id={id} rule={rule} onChange={setRule} />}
      {rule?.kind === "tiers" && <TiersEditor id={id} rule={rule} onChange={setRule} />}
      {rule?.kind === "yesNo" && <YesNoEditor id={id} rule={rule} max={node.maxPoints} onChange={setRule} />}
      {rule?.kind === "free" && <FreeEditor id={id} rule={rule} max={node.maxPoints} onChange={setRule} />}
      {rule?.kind === "survey" && <SurveyEditor id={id} rule={rule} onChange={setRule} />}
    </div>
  );
}

function useNumber() {
  const locale = useLocale();
  return (v: number) => (Number.isFinite(v) ? new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(v) : "—");
}

const replaceAt = <T,>(list: readonly T[], index: number, item: T): T[] => list.map((x, i) => (i === index ? item : x));

function OptionsEditor({ id, rule, onChange }: { id: string; rule: Of<"options">; onChange: (r: Rule) => void }) {
  const t = useTranslations("frameworks.editor");
  const setRow = (i: number, row: Of<"options">["options"][number]) => onChange({ ...rule, options: replaceAt(rule.options, i, row) });
  const name = (field: string, row: number) => `${t(`fields.${field}`)}, ${t("row", { row })}`;
  return (
    <div>
      <table className="table-dense" data-testid="rule-options">
        <caption className="sr-only">{t("fields.options")}</caption>
        <thead><tr>
          <th scope="col" className="num w-20">{t("fields.points")}</th><th scope="col">{t("fields.labelVi")}</th>
          <th scope="col">{t("fields.labelEn")}</th><th scope="col"><span className="sr-only">{t("delete")}</span></th>
        </tr></thead>
        <tbody>{rule.options.map((o, i) => (
          <tr key={i}>
            <td className="px-1!"><NumberInput id={`${id}-opt-${i}-points`} label={name("points", i + 1)} value={o.points}
              onChange={(v) => setRow(i, { ...o, points: v ?? Number.NaN })} /></td>
            <LabelCells id={`${id}-opt-${i}`} row={i + 1} value={o} onChange={(l) => setRow(i, { ...o, ...l })} name={name} />
            <td className="px-1! align-middle!">
              <button type="button" className="btn px-2! py-1! text-xs text-accent-600 hover:bg-red-50" aria-label={t("removeRow", { row: i + 1 })}
                onClick={() => onChange({ ...rule, options: rule.options.filter((_, k) => k !== i) })}>{t("delete")}</button>
            </td>
          </tr>
        ))}</tbody>
      </table>
      <button type="button" className="btn mt-2 border border-slate-400 bg-white text-xs"
        onClick={() => onChange({ ...rule, options: [...rule.options, { points: 0, labelVi: "", labelEn: "" }] })}>{t("addOption")}</button>
    </div>
  );
}

function LabelCells({ id, row, value, onChange, name }: { id: string; row: number; value: Label; onChange: (l: Label) => void; name: (f: string, r: number) => string }) {
  return (
    <>
      {(["labelVi", "labelEn"] as const).map((f) => (
        <td key={f} className="px-1!">
          <input id={`${id}-${f}`} aria-label={name(f, row)} className={inputClass} value={value[f]} aria-invalid={!value[f].trim() || undefined}
            onChange={(e) => onChange({ ...value, [f]: e.target.value })} />
        </td>
      ))}
    </>
  );
}

function TiersEditor({ id, rule, onChange }: { id: string; rule: Of<"tiers">; onChange: (r: Rule) => void }) {
  const t = useTranslations("frameworks.editor");
  const setTier = (i: number, tier: Of<"tiers">["tiers"][number]) => onChange({ ...rule, tiers: replaceAt(rule.tiers, i, tier) });
  const text = (field: "valueLabelVi" | "valueLabelEn" | "valueUnit", className = "") => (
    <Field id={`${id}-${field}`} label={t(`fields.${field}`)} className={className}>
      <input id={`${id}-${field}`} className={inputClass} value={rule[field]} maxLength={field === "valueUnit" ? 16 : undefined}
        aria-invalid={(field !== "valueUnit" && !rule[field].trim()) || undefined}
        onChange={(e) => onChange({ ...rule, [field]: e.target.value })} />
    </Field>
  );
  return (
    <div className="space-y-3">
      <div className="grid grid-cols-[1fr_1fr_5rem] gap-3">
        {text("valueLabelVi")}{text("valueLabelEn")}{text("valueUnit")}
      </div>
      <p id={`${id}-tiers-help`} className="text-xs text-slate-600">{t("tiersHelp")}</p>
      <ol className="space-y-2" aria-describedby={`${id}-tiers-help`}>
        {rule.tiers.map((tier, i) => (
          <li key={i} className="rounded border border-slate-200 bg-slate-50 p-2">
            <fieldset>
              <legend className="sr-only">{t("tier", { row: i + 1 })}</legend>
              <div className="grid grid-cols-[1fr_1fr_auto] items-end gap-2">
                <Field id={`${id}-tier-${i}-min`} label={`${t("tier", { row: i + 1 })} · ${t("fields.min")}${rule.valueUnit ? ` (${rule.valueUnit})` : ""}`}>
                  <NumberInput id={`${id}-tier-${i}-min`} value={tier.min} parse={parseDecimal} onChange={(v) => setTier(i, { ...tier, min: v ?? Number.NaN })} />
                </Field>
                <Field id={`${id}-tier-${i}-points`} label={t("fields.points")}>
                  <NumberInput id={`${id}-tier-${i}-points`} value={tier.points} onChange={(v) => setTier(i, { ...tier, points: v ?? Number.NaN })} />
                </Field>
                <button type="button" className="btn mb-0.5 px-2! py-1! text-xs text-accent-600 hover:bg-red-50" aria-label={t("removeTier", { row: i + 1 })}
                  onClick={() => onChange({ ...rule, tiers: rule.tiers.filter((_, k) => k !== i) })}>{t("delete")}</button>
                {(["labelVi", "labelEn"] as const).map((f) => (
                  <Field key={f} id={`${id}-tier-${i}-${f}`} label={t(`fields.${f}`)} className={f === "labelEn" ? "col-span-2" : ""}>
                    <input id={`${id}-tier-${i}-${f}`} className={inputClass} value={tier[f]} aria-invalid={!tier[f].trim() || undefined}
                      onChange={(e) => setTier(i, { ...tier, [f]: e.target.value })} />
                  </Field>
                ))}
              </div>
            </fieldset>
          </li>
        ))}
      </ol>
      <button type="button" className="btn border border-slate-400 bg-white text-xs"
        onClick={() => onChange({ ...rule, tiers: [...rule.tiers, { min: 0, points: 0, labelVi: "", labelEn: "" }] })}>{t("addTier")}</button>
    </div>
  );
}

function YesNoEditor({ id, rule, max, onChange }: { id: string; rule: Of<"yesNo">; max: number; onChange: (r: Rule) => void }) {
  const t = useTranslations("frameworks.editor");
  const n = useNumber();
  return (
    <Field id={`${id}-yes`} label={t("fields.yesPoints")} hint={t("yesPointsHint", { max: n(max) })} className="max-w-48">
      <NumberInput id={`${id}-yes`} value={rule.yesPoints} optional describedBy={`${id}-yes-hint`}
        onChange={(v) => onChange(v === undefined ? { kind: "yesNo" } : { ...rule, yesPoints: v })} />
    </Field>
  );
}

function FreeEditor({ id, rule, max, onChange }: { id: string; rule: Of<"free">; max: number; onChange: (r: Rule) => void }) {
  const t = useTranslations("frameworks.editor");
  const n = useNumber();
  return (
    <Field id={`${id}-step`} label={t("fields.step")} hint={t("freeHint", { max: n(max), step: n(rule.step) })} className="max-w-48">
      <NumberInput id={`${id}-step`} value={rule.step} describedBy={`${id}-step-hint`} onChange={(v) => onChange({ ...rule, step: v ?? Number.NaN })} />
    </Field>
  );
}

function SurveyEditor({ id, rule, onChange }: { id: string; rule: Of<"survey">; onChange: (r: Rule) => void }) {
  const t = useTranslations("frameworks");
  return (
    <div className="space-y-2">
      <div className="grid grid-cols-2 gap-3">
        <Field id={`${id}-survey`} label={t("editor.fields.survey")}>
          <select id={`${id}-survey`} className={inputClass} value={rule.survey}
            onChange={(e) => onChange(e.target.value === "SIPAS" ? { kind: "survey", survey: "SIPAS" } : { kind: "survey", survey: "SOCIOLOGICAL" })}>
            <option value="SOCIOLOGICAL">{t("rules.surveySociological")}</option>
            <option value="SIPAS">{t("rules.surveySipas")}</option>
          </select>
        </Field>
        {rule.survey === "SIPAS" && (
          <Field id={`${id}-element`} label={t("editor.fields.element")}>
            <select id={`${id}-element`} className={inputClass} value={rule.element ?? ""}
              onChange={(e) => onChange(e.target.value ? { ...rule, element: Number(e.target.value) } : { kind: "survey", survey: "SIPAS" })}>
              <option value="">{t("editor.elementAll")}</option>
              {[1, 2, 3, 4, 5].map((n) => <option key={n} value={n}>{t("editor.element", { n })}</option>)}
            </select>
          </Field>
        )}
      </div>
      <p className="text-xs text-slate-600">{t("editor.surveyHint")}</p>
    </div>
  );
}
