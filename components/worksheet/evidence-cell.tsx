"use client";
import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import { uploadWithProgress } from "@/components/imports/upload";
import { FileDropZone } from "./file-drop-zone";
import type { WsEvidence } from "./types";

const PREVIEWABLE = new Set(["application/pdf", "image/jpeg", "image/png"]);

/**
 * A leaf's evidence: the files linked to it (preview, download, unlink, delete), upload of new files
 * (linked to this leaf) picked or dropped on the cell, and linking a file already uploaded for another
 * criterion.
 */
export function EvidenceCell({ assessmentId, code, evidence, editable, onChange }: {
  assessmentId: string; code: string; evidence: WsEvidence[]; editable: boolean; onChange: (next: WsEvidence[]) => void;
}) {
  const t = useTranslations("worksheet.evidence");
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const hintId = useId();
  const mine = evidence.filter((e) => e.criteria.includes(code));
  const others = evidence.filter((e) => !e.criteria.includes(code));

  /** The one upload path, for picked and dropped files alike: the server checks type, size and count. */
  async function upload(files: FileList | null) {
    if (!files?.length) return;
    setError(null);
    const form = new FormData();
    for (const f of Array.from(files)) form.append("files", f);
    form.append("criterion", code);
    setProgress(0);
    try {
      const body = await uploadWithProgress<{ evidence?: WsEvidence[]; error?: { message: string } }>(
        `/api/v1/assessments/${assessmentId}/evidence`, form, setProgress);
      if (body.error) setError(body.error.message);
      else if (body.evidence) {
        // A file already uploaded (same content) comes back re-linked, not duplicated: merge by id.
        const byId = new Map(evidence.map((e) => [e.id, e]));
        for (const e of body.evidence) byId.set(e.id, e);
        onChange([...byId.values()]);
      }
    } catch {
      setError(t("uploadFailed"));
    } finally {
      setProgress(null);
    }
  }

  async function call(url: string, init: RequestInit, next: WsEvidence[]) {
    setError(null);
    const res = await fetch(url, init);
    if (res.ok) onChange(next);
    else setError(((await res.json().catch(() => null)) as { error?: { message?: string } } | null)?.error?.message ?? t("failed"));
  }

  const link = (id: string) => call(`/api/v1/evidence/${id}/links`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ criterion: code }) },
    evidence.map((e) => (e.id === id ? { ...e, criteria: [...e.criteria, code] } : e)));
  const unlink = (id: string) => call(`/api/v1/evidence/${id}/links?criterion=${encodeURIComponent(code)}`, { method: "DELETE" },
    evidence.map((e) => (e.id === id ? { ...e, criteria: e.criteria.filter((c) => c !== code) } : e)));
  const remove = (id: string, name: string) => window.confirm(t("confirmDelete", { name })) &&
    call(`/api/v1/evidence/${id}`, { method: "DELETE" }, evidence.filter((e) => e.id !== id));

  return (
    <FileDropZone enabled={editable} onFiles={(files) => void upload(files)} data-testid={`evidence-${code}`}
      className={(dragging) => !editable ? "space-y-1 text-xs" : dragging
        ? "space-y-1 rounded border border-dashed border-brand-600 bg-brand-50 p-1 text-xs outline-2 outline-brand-600"
        : "space-y-1 rounded border border-dashed border-slate-300 p-1 text-xs"}>
      {mine.length > 0 && (
        <ul className="space-y-0.5">
          {mine.map((e) => (
            <li key={e.id} className="flex flex-wrap items-center gap-x-2">
              <a href={`/api/v1/evidence/${e.id}${PREVIEWABLE.has(e.mimeType) ? "?inline=1" : ""}`} target="_blank" rel="noopener" className="text-brand-700 underline">{e.fileName}</a>
              <a href={`/api/v1/evidence/${e.id}`} className="text-slate-600 underline" aria-label={t("downloadName", { name: e.fileName })}>{t("download")}</a>
              {editable && e.criteria.length > 1 && <button type="button" className="text-slate-600 underline" onClick={() => unlink(e.id)}>{t("unlink")}</button>}
              {editable && <button type="button" className="text-accent-600 underline" onClick={() => remove(e.id, e.fileName)}>{t("delete")}</button>}
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <div className="flex flex-wrap items-center gap-2">
          <label className="btn border border-slate-400 bg-white px-2 py-0.5 text-xs focus-within:outline-2 focus-within:outline-brand-600">
            {t("upload")}
            <input type="file" multiple className="sr-only" aria-label={t("uploadFor", { code })} aria-describedby={hintId}
              accept=".pdf,.doc,.docx,.xls,.xlsx,.odt,.ods,.jpg,.jpeg,.png" onChange={(e) => { void upload(e.target.files); e.target.value = ""; }} />
          </label>
          <span id={hintId} className="text-slate-600">{t("dropHint")}</span>
          {others.length > 0 && (
            <select aria-label={t("linkFor", { code })} className="rounded border border-slate-400 px-1 py-0.5" value=""
              onChange={(e) => e.target.value && void link(e.target.value)}>
              <option value="">{t("linkExisting")}</option>
              {others.map((e) => <option key={e.id} value={e.id}>{e.fileName}</option>)}
            </select>
          )}
          {progress !== null && <span role="status" className="tabular-nums">{t("uploading", { percent: progress })}</span>}
        </div>
      )}
      {error && <p role="alert" className="text-accent-600">{error}</p>}
    </FileDropZone>
  );
}
