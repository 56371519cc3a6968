"use client";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { uploadWithProgress } from "@/components/imports/upload";
import { answerExplanationAction } from "@/lib/server/actions/appraisal";
import { actionErrorText } from "@/components/forms/action-error";

export type UnitRequest = { id: string; code: string; title: string; text: string; dueAt: string; r1: number | null; r1Reason: string | null;
  answer: string | null; answeredAt: string | null; expired: boolean; files: { id: string; fileName: string }[] };

/**
 * The unit's side of the explanation round: each request of the appraisers with its deadline; the unit
 * attaches supplementary files and sends its explanation once. The original submission is not changed.
 */
export function ExplanationAnswers({ requests, canAnswer, accept }: { requests: UnitRequest[]; canAnswer: boolean; accept: string }) {
  const t = useTranslations("explanations");
  const format = useFormatter();
  return (
    <ol className="space-y-3">
      {requests.map((r) => (
        <li key={r.id} className="rounded border border-orange-300 bg-white p-3 text-sm" data-testid={`request-${r.code}`}>
          <p className="font-medium"><span className="font-mono">{r.code}</span> {r.title}</p>
          <p className="mt-1 whitespace-pre-wrap"><span className="font-medium">{t("request")}:</span> {r.text}</p>
          <p className="text-xs text-slate-700">
            {t("due", { date: format.dateTime(new Date(r.dueAt), { dateStyle: "medium", timeStyle: "short" }) })}
            {r.r1 !== null && <> · {t("provisional", { score: format.number(r.r1) })}</>}
          </p>
          {r.answeredAt ? (
            <div className="mt-2 rounded bg-emerald-50 p-2">
              <p className="text-xs font-semibold text-emerald-900">{t("sentAt", { date: format.dateTime(new Date(r.answeredAt), { dateStyle: "medium", timeStyle: "short" }) })}</p>
              <p className="whitespace-pre-wrap">{r.answer}</p>
              {r.files.length > 0 && <FileList files={r.files} label={t("files")} />}
            </div>
          ) : r.expired ? (
            <p className="mt-2 text-sm font-medium text-accent-600">{t("expired")}</p>
          ) : canAnswer ? <AnswerForm request={r} accept={accept} /> : <p className="mt-2 text-xs italic">{t("waiting")}</p>}
        </li>
      ))}
    </ol>
  );
}

function FileList({ files, label }: { files: UnitRequest["files"]; label: string }) {
  return (
    <div className="mt-1">
      <p className="text-xs font-semibold">{label}</p>
      <ul className="text-xs">{files.map((f) => <li key={f.id}><a className="text-brand-700 underline" href={`/api/v1/evidence/${encodeURIComponent(f.id)}`}>{f.fileName}</a></li>)}</ul>
    </div>
  );
}

function AnswerForm({ request, accept }: { request: UnitRequest; accept: string }) {
  const t = useTranslations("explanations");
  const tAll = useTranslations();
  const router = useRouter();
  const [answer, setAnswer] = useState("");
  const [progress, setProgress] = useState<number | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  const id = `answer-${request.id}`;
  const upload = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    const form = new FormData();
    for (const f of Array.from(files)) form.append("file", f);
    setProgress(0);
    try {
      const r = await uploadWithProgress<{ files?: unknown[]; error?: { message?: string } }>(`/api/v1/explanations/${encodeURIComponent(request.id)}/evidence`, form, setProgress);
      setMessage(r.files ? { ok: true, text: t("uploaded", { count: r.files.length }) } : { ok: false, text: r.error?.message ?? tAll("api.internal") });
      if (r.files) router.refresh();
    } catch {
      setMessage({ ok: false, text: tAll("api.internal") });
    } finally {
      setProgress(null);
    }
  };
  return (
    <form className="mt-2 space-y-2" onSubmit={(e) => {
      e.preventDefault();
      start(async () => {
        const r = await answerExplanationAction({ requestId: request.id, answer });
        if (r.ok) { setMessage({ ok: true, text: t("sent") }); router.refresh(); } else {
          setMessage({ ok: false, text: actionErrorText(r, tAll) });
        }
      });
    }}>
      {request.files.length > 0 && <FileList files={request.files} label={t("files")} />}
      <label htmlFor={`${id}-files`} className="field-label">{t("attach")}</label>
      <input id={`${id}-files`} type="file" multiple accept={accept} className="block text-sm" onChange={(e) => { void upload(e.target.files); e.target.value = ""; }} />
      {progress !== null && <progress max={100} value={progress} aria-label={t("uploading")} className="w-48" />}
      <label htmlFor={`${id}-text`} className="field-label">{t("answer")}</label>
      <textarea id={`${id}-text`} rows={3} className="field-input" value={answer} onChange={(e) => setAnswer(e.target.value)} />
      <p className="text-xs text-slate-600">{t("final")}</p>
      <button type="submit" className="btn-primary" disabled={pending || progress !== null}>{t("send")}</button>
      {message && <p role={message.ok ? "status" : "alert"} className={`text-sm ${message.ok ? "text-emerald-800" : "text-accent-600"}`}>{message.text}</p>}
    </form>
  );
}
