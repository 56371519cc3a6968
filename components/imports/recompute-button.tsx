"use client";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { recomputeResultsAction } from "@/lib/server/actions/results";

export function RecomputeButton({ year }: { year: number }) {
  const t = useTranslations();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  return (
    <div className="space-y-2">
      <button type="button" className="btn-primary" disabled={pending} onClick={() => start(async () => {
        const r = await recomputeResultsAction({ year });
        setMessage(r.ok ? { ok: true, text: t("results.recomputed", { units: r.data.units }) } : { ok: false, text: t(r.error.key, r.error.values) });
      })}>{pending ? t("results.recomputing") : t("results.recompute")}</button>
      {message && <p role={message.ok ? "status" : "alert"} className={`text-sm ${message.ok ? "text-emerald-800" : "text-accent-600"}`}>{message.text}</p>}
    </div>
  );
}
