"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { uploadInitiativeFiles } from "./upload";

/** More files for an initiative still proposed (its own unit only; the route checks). */
export function AddFiles({ id, accept }: { id: string; accept: string }) {
  const t = useTranslations("initiatives.detail");
  const tAll = useTranslations();
  const router = useRouter();
  const [progress, setProgress] = useState<number | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const upload = async (list: FileList | null) => {
    if (!list || list.length === 0) return;
    setMessage(null);
    setProgress(0);
    const r = await uploadInitiativeFiles(id, Array.from(list), setProgress, tAll("api.internal"));
    setProgress(null);
    setMessage(r.ok ? { ok: true, text: t("uploaded", { count: r.count }) } : { ok: false, text: r.message });
    if (r.ok) router.refresh();
  };
  return (
    <div className="mt-3">
      <label htmlFor={`files-${id}`} className="field-label">{t("addFiles")}</label>
      <input id={`files-${id}`} type="file" multiple accept={accept} className="block text-sm" disabled={progress !== null}
        onChange={(e) => { void upload(e.target.files); e.target.value = ""; }} />
      {progress !== null && <progress max={100} value={progress} aria-label={t("uploading")} className="mt-1 w-48" />}
      {message && <p role={message.ok ? "status" : "alert"} className={`mt-1 text-sm ${message.ok ? "text-emerald-800" : "text-accent-600"}`}>{message.text}</p>}
    </div>
  );
}
