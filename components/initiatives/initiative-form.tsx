"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { actionErrorText } from "@/components/forms/action-error";
import { useAction } from "@/components/forms/use-action";
import { editInitiativeAction, proposeInitiativeAction } from "@/lib/server/actions/initiatives";
import { uploadInitiativeFiles } from "./upload";

export type AreaOption = { code: string; title: string };
export type YearOption = { year: number; areas: AreaOption[] };
type Content = { title: string; areaCode: string; description: string; results: string };

/**
 * The unit's proposal form: a new initiative (year, then files uploaded to the attachments route once the
 * proposal exists), or changes to one still proposed (`edit`).
 */
export function InitiativeForm({ years, accept, edit }: {
  years: YearOption[];
  accept: string;
  edit?: { id: string; year: number; initial: Content };
}) {
  const t = useTranslations("initiatives.propose");
  const td = useTranslations("initiatives.detail");
  const tAll = useTranslations();
  const router = useRouter();
  const { result, pending, issue, run } = useAction<{ id: string }>();
  const [year, setYear] = useState(edit?.year ?? years[0]?.year ?? 0);
  const [content, setContent] = useState<Content>(edit?.initial ?? { title: "", areaCode: "", description: "", results: "" });
  const [files, setFiles] = useState<File[]>([]);
  // A new key empties the native file input after a proposal is sent.
  const [fileKey, setFileKey] = useState(0);
  const [progress, setProgress] = useState<number | null>(null);
  const [done, setDone] = useState<{ id: string; text: string; ok: boolean } | null>(null);
  const areas = years.find((y) => y.year === year)?.areas ?? [];
  const prefix = edit ? `edit-${edit.id}` : "propose";
  const set = (key: keyof Content) => (e: { target: { value: string } }) => setContent((c) => ({ ...c, [key]: e.target.value }));
  const fieldError = (field: string) => {
    const i = issue(field);
    return i ? <p id={`${prefix}-${field}-error`} className="field-error">{tAll(i.key, i.values as Record<string, string>)}</p> : null;
  };
  const described = (field: string, hint?: string) => [hint, issue(field) ? `${prefix}-${field}-error` : null].filter(Boolean).join(" ") || undefined;

  const submit = () => {
    setDone(null);
    if (edit) {
      run(() => editInitiativeAction({ id: edit.id, ...content }), () => {
        setDone({ id: edit.id, ok: true, text: td("saved") });
        router.refresh();
      });
      return;
    }
    run(() => proposeInitiativeAction({ year, ...content }), async ({ id }) => {
      let text = t("sent");
      let ok = true;
      if (files.length > 0) {
        setProgress(0);
        const up = await uploadInitiativeFiles(id, files, setProgress, tAll("api.internal"));
        setProgress(null);
        if (up.ok) text = t("sentWithFiles", { count: up.count });
        else { ok = false; text = t("filesFailed", { message: up.message }); }
      }
      setDone({ id, ok, text });
      setContent({ title: "", areaCode: "", description: "", results: "" });
      setFiles([]);
      setFileKey((k) => k + 1);
      router.refresh();
    });
  };

  const failed = result && !result.ok && !result.issues?.length ? actionErrorText(result, tAll) : null;
  const busy = pending || progress !== null;
  return (
    <form className="grid gap-3 md:grid-cols-2" data-testid={edit ? "initiative-edit-form" : "initiative-propose-form"}
      onSubmit={(e) => { e.preventDefault(); submit(); }}>
      {!edit && (
        <div>
          <label htmlFor={`${prefix}-year`} className="field-label">{t("year")}</label>
          <select id={`${prefix}-year`} className="field-input" value={year} onChange={(e) => { setYear(Number(e.target.value)); setContent((c) => ({ ...c, areaCode: "" })); }}>
            {years.map((y) => <option key={y.year} value={y.year}>{y.year}</option>)}
          </select>
        </div>
      )}
      <div className={edit ? "md:col-span-2" : ""}>
        <label htmlFor={`${prefix}-area`} className="field-label">{t("area")}</label>
        <select id={`${prefix}-area`} className="field-input" value={content.areaCode} onChange={set("areaCode")} required
          aria-invalid={!!issue("areaCode") || undefined} aria-describedby={described("areaCode", `${prefix}-area-hint`)}>
          <option value="">—</option>
          {areas.map((a) => <option key={a.code} value={a.code}>{a.code}. {a.title}</option>)}
        </select>
        <p id={`${prefix}-area-hint`} className="mt-1 text-xs text-slate-600">{t("areaHint", { year })}</p>
        {fieldError("areaCode")}
      </div>
      <div className="md:col-span-2">
        <label htmlFor={`${prefix}-title`} className="field-label">{t("name")}</label>
        <input id={`${prefix}-title`} className="field-input" value={content.title} onChange={set("title")} maxLength={300} required
          aria-invalid={!!issue("title") || undefined} aria-describedby={described("title")} />
        {fieldError("title")}
      </div>
      <div>
        <label htmlFor={`${prefix}-description`} className="field-label">{t("description")}</label>
        <textarea id={`${prefix}-description`} rows={5} className="field-input" value={content.description} onChange={set("description")} maxLength={8000} required
          aria-invalid={!!issue("description") || undefined} aria-describedby={described("description", `${prefix}-description-hint`)} />
        <p id={`${prefix}-description-hint`} className="mt-1 text-xs text-slate-600">{t("descriptionHint")}</p>
        {fieldError("description")}
      </div>
      <div>
        <label htmlFor={`${prefix}-results`} className="field-label">{t("results")}</label>
        <textarea id={`${prefix}-results`} rows={5} className="field-input" value={content.results} onChange={set("results")} maxLength={8000} required
          aria-invalid={!!issue("results") || undefined} aria-describedby={described("results", `${prefix}-results-hint`)} />
        <p id={`${prefix}-results-hint`} className="mt-1 text-xs text-slate-600">{t("resultsHint")}</p>
        {fieldError("results")}
      </div>
      {!edit && (
        <div className="md:col-span-2">
          <label htmlFor={`${prefix}-files`} className="field-label">{t("files")}</label>
          <input key={fileKey} id={`${prefix}-files`} type="file" multiple accept={accept} className="block text-sm" aria-describedby={`${prefix}-files-hint`}
            onChange={(e) => setFiles(Array.from(e.target.files ?? []))} />
          <p id={`${prefix}-files-hint`} className="mt-1 text-xs text-slate-600">{t("filesHint")}</p>
          {files.length > 0 && <ul className="mt-1 text-xs text-slate-700">{files.map((f) => <li key={f.name}>{f.name}</li>)}</ul>}
        </div>
      )}
      <div className="flex flex-wrap items-center gap-3 md:col-span-2">
        <button type="submit" className="btn-primary" disabled={busy}>
          {pending ? (edit ? td("saving") : t("sending")) : edit ? td("save") : t("submit")}
        </button>
        {progress !== null && <progress max={100} value={progress} aria-label={t("uploading")} className="w-48" />}
        {failed && <p role="alert" className="text-sm text-accent-600">{failed}</p>}
        {done && (
          <p role={done.ok ? "status" : "alert"} className={`text-sm ${done.ok ? "text-emerald-800" : "text-accent-600"}`}>
            {done.text}{" "}
            {!edit && <Link href={`/initiatives/${done.id}`} className="text-brand-700 underline">{t("open")}</Link>}
          </p>
        )}
      </div>
    </form>
  );
}
