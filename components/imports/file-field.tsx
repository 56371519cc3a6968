"use client";
import { useTranslations } from "next-intl";

/** A labelled file input, for the import forms. */
export function FileField({ id, label, accept, onFile }: { id: string; label: string; accept: string; onFile: (file: File | null) => void }) {
  return (
    <div>
      <label htmlFor={id} className="field-label">{label}</label>
      <input id={id} type="file" accept={accept} onChange={(e) => onFile(e.target.files?.[0] ?? null)}
        className="block text-sm file:mr-3 file:rounded file:border file:border-slate-400 file:bg-white file:px-3 file:py-1.5" />
    </div>
  );
}

/** The upload's progress while a file is sent (announced to screen readers). */
export function UploadProgress({ percent }: { percent: number | null }) {
  const t = useTranslations("frameworks.importPage");
  if (percent === null) return null;
  return (
    <div className="flex items-center gap-2" role="status">
      <progress max={100} value={percent} className="h-2 w-40" aria-label={t("uploading", { percent })} />
      <span className="text-xs tabular-nums">{t("uploading", { percent })}</span>
    </div>
  );
}
