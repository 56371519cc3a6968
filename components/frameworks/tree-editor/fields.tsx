"use client";
import { useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { formatDecimal, parsePoints } from "@/lib/domain/framework-edit";

/** Input look shared by the editor (denser than `field-input`), red border when invalid. */
export const inputClass =
  "block w-full rounded border border-slate-400 bg-white px-2 py-1 text-sm focus:border-brand-600 aria-invalid:border-accent-600 aria-invalid:bg-red-50";

/** A label above its control, with an optional hint (the control should point at `${id}-hint`). */
export function Field({ id, label, hint, children, className = "" }: { id: string; label: string; hint?: React.ReactNode; children: React.ReactNode; className?: string }) {
  return (
    <div className={className}>
      <label htmlFor={id} className="field-label">{label}</label>
      {children}
      {hint && <p id={`${id}-hint`} className="mt-0.5 text-xs text-slate-600">{hint}</p>}
    </div>
  );
}

/**
 * A number typed as text: points ("0,5" or "0.5"), or any decimal with `parse`. The text the user
 * typed is kept as is; the value passed up is NaN while it does not parse (the issue list then
 * blocks saving) and `undefined` when an optional field is empty.
 */
export function NumberInput({ id, value, onChange, parse = parsePoints, optional = false, describedBy, label, className = "" }: {
  id: string; value: number | undefined; onChange: (value: number | undefined) => void; parse?: (text: string) => number;
  optional?: boolean; describedBy?: string; label?: string; className?: string;
}) {
  const locale = useLocale();
  const t = useTranslations("frameworks.editor");
  const read = (text: string) => (optional && text.trim() === "" ? undefined : parse(text));
  const [text, setText] = useState(() => formatDecimal(value, locale));
  const [shown, setShown] = useState(value);
  if (!Object.is(shown, value)) {
    // Changed from outside (another row removed, renumbered, reset): show the new value.
    setShown(value);
    if (!Object.is(read(text), value)) setText(formatDecimal(value, locale));
  }
  const invalid = Number.isNaN(read(text));
  const describedByAll = [describedBy, invalid && !label ? `${id}-error` : undefined].filter(Boolean).join(" ") || undefined;
  return (
    <>
      <input id={id} type="text" inputMode="decimal" autoComplete="off" value={text} aria-label={label}
        aria-invalid={invalid || undefined} aria-describedby={describedByAll} className={`${inputClass} num ${className}`}
        onChange={(e) => {
          setText(e.target.value);
          const next = read(e.target.value);
          setShown(next);
          onChange(next);
        }} />
      {invalid && !label && <p id={`${id}-error`} className="field-error">{t("notANumber")}</p>}
    </>
  );
}
