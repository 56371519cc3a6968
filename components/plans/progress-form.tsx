"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useRef, useState, useTransition } from "react";
import { actionErrorText } from "@/components/forms/action-error";
import { uploadWithProgress } from "@/components/imports/upload";
import { reportProgressAction } from "@/lib/server/actions/plans";

type Status = "NOT_STARTED" | "IN_PROGRESS" | "DONE";

/**
 * The lead unit's progress report: progress, status and a note, saved by the server action; then the
 * chosen evidence files are uploaded to the saved report (POST /api/v1/attachments?owner=taskUpdate).
 * Status follows progress as it is typed (100 % ⇒ done), and the server checks the rules again.
 */
export function ProgressForm({ id, progress: current, status: currentStatus, accept }: { id: string; progress: number; status: Status; accept: string }) {
  const t = useTranslations("plans");
  const tAll = useTranslations();
  const router = useRouter();
  const [progress, setProgress] = useState(String(current));
  const [status, setStatus] = useState<Status>(currentStatus === "NOT_STARTED" && current === 0 ? "IN_PROGRESS" : currentStatus);
  const [uploading, setUploading] = useState<number | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  const files = useRef<HTMLInputElement>(null);

  const onProgress = (value: string) => {
    setProgress(value);
    const n = Number(value);
    if (n === 100) setStatus("DONE");
    else if (status === "DONE") setStatus("IN_PROGRESS");
    else if (n > 0 && status === "NOT_STARTED") setStatus("IN_PROGRESS");
  };

  return (
    <form className="grid gap-3 md:grid-cols-[10rem_14rem_1fr]" data-testid="progress-form" onSubmit={(e) => {
      e.preventDefault();
      const form = e.currentTarget;
      const note = new FormData(form).get("note");
      const chosen = Array.from(files.current?.files ?? []);
      start(async () => {
        const r = await reportProgressAction({ id, progress, status, note });
        if (!r.ok) { setMessage({ ok: false, text: actionErrorText(r, tAll) }); return; }
        if (chosen.length > 0) {
          const body = new FormData();
          for (const f of chosen) body.append("file", f);
          setUploading(0);
          try {
            const u = await uploadWithProgress<{ files?: unknown[]; error?: { message?: string } }>(
              `/api/v1/attachments?owner=taskUpdate&id=${encodeURIComponent(r.data.updateId)}`, body, setUploading);
            setMessage(u.files ? { ok: true, text: t("report.uploaded", { count: u.files.length }) }
              : { ok: false, text: t("report.uploadFailed", { message: u.error?.message ?? tAll("api.internal") }) });
          } catch {
            setMessage({ ok: false, text: t("report.uploadFailed", { message: tAll("api.internal") }) });
          } finally {
            setUploading(null);
          }
        } else setMessage({ ok: true, text: t("report.sent") });
        form.reset();
        router.refresh();
      });
    }}>
      <div>
        <label htmlFor="report-progress" className="field-label">{t("report.progress")}</label>
        <input id="report-progress" name="progress" type="number" min={current} max={100} step={1} required className="field-input"
          value={progress} onChange={(e) => onProgress(e.target.value)} />
      </div>
      <div>
        <label htmlFor="report-status" className="field-label">{t("report.status")}</label>
        <select id="report-status" name="status" className="field-input" value={status} onChange={(e) => setStatus(e.target.value as Status)}>
          {(["NOT_STARTED", "IN_PROGRESS", "DONE"] as const).map((s) => <option key={s} value={s}>{t(`statuses.${s}`)}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="report-files" className="field-label">{t("report.files")}</label>
        <input id="report-files" ref={files} type="file" multiple accept={accept} className="block w-full text-sm" aria-describedby="report-files-hint" />
        <p id="report-files-hint" className="mt-0.5 text-xs text-slate-600">{t("report.filesHint")}</p>
      </div>
      <div className="md:col-span-3">
        <label htmlFor="report-note" className="field-label">{t("report.note")}</label>
        <textarea id="report-note" name="note" rows={3} required minLength={10} maxLength={4000} className="field-input" aria-describedby="report-note-hint" />
        <p id="report-note-hint" className="mt-0.5 text-xs text-slate-600">{t("report.noteHint")}</p>
      </div>
      <div className="flex flex-wrap items-center gap-3 md:col-span-3">
        <button type="submit" className="btn-primary" disabled={pending || uploading !== null}>{t("report.submit")}</button>
        {uploading !== null && <progress max={100} value={uploading} aria-label={t("report.uploading")} className="w-48" />}
        {message && <p role={message.ok ? "status" : "alert"} className={`text-sm ${message.ok ? "text-emerald-800" : "text-accent-600"}`}>{message.text}</p>}
      </div>
    </form>
  );
}
