"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { uploadWithProgress } from "@/components/imports/upload";
import { FileDropZone } from "@/components/worksheet/file-drop-zone";
import { reportRemediationAction } from "@/lib/server/actions/inspections";
import { Outcome, useOutcome } from "./message";

type UploadAnswer = { files?: unknown[]; error?: { message?: string } };

/** Uploads files to a remediation report (the attachments route checks them as evidence); answers a message. */
function useUpload() {
  const t = useTranslations("inspections.remediation");
  const tAll = useTranslations();
  const [progress, setProgress] = useState<number | null>(null);
  const upload = async (reportId: string, files: readonly File[]): Promise<{ ok: boolean; text: string }> => {
    const form = new FormData();
    for (const f of files) form.append("file", f);
    setProgress(0);
    try {
      const r = await uploadWithProgress<UploadAnswer>(`/api/v1/attachments?owner=remediation&id=${encodeURIComponent(reportId)}`, form, setProgress);
      return r.files ? { ok: true, text: t("uploaded", { count: r.files.length }) } : { ok: false, text: r.error?.message ?? tAll("api.internal") };
    } catch {
      return { ok: false, text: tAll("api.internal") };
    } finally {
      setProgress(null);
    }
  };
  return { progress, upload };
}

/**
 * The inspected unit's remediation report on a finding not closed (`further`: one was sent already): the text
 * is sent first (a server action), then the chosen files are uploaded to that report.
 */
export function RemediationForm({ findingId, accept, further = false }: { findingId: string; accept: string; further?: boolean }) {
  const t = useTranslations("inspections.remediation");
  const router = useRouter();
  const [text, setText] = useState("");
  const [files, setFiles] = useState<File[]>([]);
  const [pending, start] = useTransition();
  const { message, setMessage, report } = useOutcome();
  const { progress, upload } = useUpload();
  const id = `remediate-${findingId}`;
  return (
    <form className="mt-3 space-y-2 rounded border border-orange-300 bg-orange-50/40 p-3" data-testid="remediation-form" onSubmit={(e) => {
      e.preventDefault();
      start(async () => {
        const r = await reportRemediationAction({ findingId, report: text });
        if (!report(r, t("sent"))) return;
        setText("");
        if (files.length > 0) {
          const u = await upload(r.data.id, files);
          setMessage({ ok: u.ok, text: u.ok ? `${t("sent")} ${u.text}` : u.text });
          setFiles([]);
          router.refresh();
        }
      });
    }}>
      <p className="text-sm font-semibold">{further ? t("titleMore") : t("title")}</p>
      <label htmlFor={`${id}-text`} className="field-label">{t("text")}</label>
      <textarea id={`${id}-text`} rows={3} className="field-input" value={text} onChange={(e) => setText(e.target.value)} required />
      <FileDropZone enabled onFiles={(list) => setFiles([...files, ...Array.from(list)])}
        className={(dragging) => `rounded border border-dashed p-2 ${dragging ? "border-brand-600 bg-brand-50" : "border-slate-400"}`}>
        <label htmlFor={`${id}-files`} className="field-label">{t("attach")}</label>
        <input id={`${id}-files`} type="file" multiple accept={accept} className="block text-sm" aria-describedby={`${id}-hint`}
          onChange={(e) => { setFiles([...files, ...Array.from(e.target.files ?? [])]); e.target.value = ""; }} />
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">{t("attachHint")}</p>
        {files.length > 0 && <ul className="mt-1 text-xs" data-testid="chosen-files">{files.map((f, i) => <li key={`${f.name}-${i}`}>{f.name}</li>)}</ul>}
      </FileDropZone>
      {progress !== null && <progress max={100} value={progress} aria-label={t("uploading")} className="w-48" />}
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className="btn-primary" disabled={pending || progress !== null}>{t("submit")}</button>
        <Outcome message={message} />
      </div>
    </form>
  );
}

/** More files for a report already sent (the unit, while the finding is not closed). */
export function AttachMore({ reportId, accept, label }: { reportId: string; accept: string; label: string }) {
  const router = useRouter();
  const t = useTranslations("inspections.remediation");
  const { progress, upload } = useUpload();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const id = `attach-${reportId}`;
  return (
    <div className="mt-1 text-xs">
      <label htmlFor={id} className="font-medium">{label}</label>{" "}
      <input id={id} type="file" multiple accept={accept} className="inline-block text-xs" onChange={(e) => {
        const chosen = Array.from(e.target.files ?? []);
        e.target.value = "";
        if (chosen.length === 0) return;
        void upload(reportId, chosen).then((u) => { setMessage(u); if (u.ok) router.refresh(); });
      }} />
      {progress !== null && <progress max={100} value={progress} aria-label={t("uploading")} className="ml-2 w-32" />}
      <Outcome message={message} className="text-xs" />
    </div>
  );
}
