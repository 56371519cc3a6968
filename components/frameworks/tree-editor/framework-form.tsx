"use client";
import { useTranslations } from "next-intl";
import type { FrameworkDoc } from "@/lib/domain/framework";
import { parseDecimal } from "@/lib/domain/framework-edit";
import { Field, inputClass, NumberInput } from "./fields";

type Fields = Pick<FrameworkDoc, "nameVi" | "nameEn" | "legalBasis" | "fromYear" | "toYear" | "bonusCap" | "penaltyCap">;

/** The framework's own fields, in a disclosure (open when an issue points at one of them). */
export function FrameworkForm({ id, doc, open, onToggle, invalid, onChange }: {
  id: (field: string) => string; doc: FrameworkDoc; open: boolean; onToggle: (open: boolean) => void; invalid: Set<string>;
  onChange: (patch: Partial<Fields>) => void;
}) {
  const t = useTranslations("frameworks.editor");
  const text = (field: "nameVi" | "nameEn" | "legalBasis", className = "") => (
    <Field id={id(field)} label={t(`fields.${field}`)} className={className}>
      <input id={id(field)} className={inputClass} value={doc[field]} maxLength={300} aria-invalid={invalid.has(field) || undefined}
        onChange={(e) => onChange({ [field]: e.target.value })} />
    </Field>
  );
  return (
    <details className="card" open={open} onToggle={(e) => onToggle(e.currentTarget.open)} data-testid="framework-fields">
      <summary className="cursor-pointer px-4 py-2 text-sm">
        <span className="font-semibold uppercase tracking-wide text-brand-800">{t("framework")}</span>
        <span className="ml-2 text-slate-600">{t("frameworkSummary", { code: doc.code, group: doc.unitGroup })}</span>
      </summary>
      <div className="grid gap-3 border-t border-slate-200 p-4 md:grid-cols-6">
        {text("nameVi", "md:col-span-3")}
        {text("nameEn", "md:col-span-3")}
        {text("legalBasis", "md:col-span-2")}
        <Field id={id("fromYear")} label={t("fields.fromYear")}>
          <NumberInput id={id("fromYear")} value={doc.fromYear} parse={parseDecimal} onChange={(v) => onChange({ fromYear: v ?? Number.NaN })} />
        </Field>
        <Field id={id("toYear")} label={t("fields.toYear")} hint={t("toYearHint")}>
          <NumberInput id={id("toYear")} value={doc.toYear} parse={parseDecimal} optional describedBy={`${id("toYear")}-hint`}
            onChange={(v) => onChange({ toYear: v })} />
        </Field>
        <Field id={id("bonusCap")} label={t("fields.bonusCap")}>
          <NumberInput id={id("bonusCap")} value={doc.bonusCap} onChange={(v) => onChange({ bonusCap: v ?? Number.NaN })} />
        </Field>
        <Field id={id("penaltyCap")} label={t("fields.penaltyCap")}>
          <NumberInput id={id("penaltyCap")} value={doc.penaltyCap} onChange={(v) => onChange({ penaltyCap: v ?? Number.NaN })} />
        </Field>
      </div>
    </details>
  );
}
