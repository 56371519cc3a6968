"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { approveCycleAction, compileCycleAction, publishCycleAction, unpublishCycleAction } from "@/lib/server/actions/appraisal";
import type { ActionResult } from "@/lib/server/actions/pipeline";
import { actionErrorText } from "@/components/forms/action-error";

type Step = "compile" | "approve" | "publish";

/** The council's buttons for one cycle; the server decides (permission table and cycle state) again. */
export function CouncilControls({ year, allowed, unpublish }: { year: number; allowed: Step[]; unpublish: boolean }) {
  const t = useTranslations("councilPage");
  const tAll = useTranslations();
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  const report = (r: ActionResult<unknown>, ok: string) => {
    if (r.ok) { setMessage({ ok: true, text: ok }); router.refresh(); return; }
    setMessage({ ok: false, text: actionErrorText(r, tAll) });
  };
  const actions = { compile: compileCycleAction, approve: approveCycleAction, publish: publishCycleAction };
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        {allowed.map((step) => (
          <button key={step} type="button" className={step === "publish" ? "btn-primary" : "btn border border-slate-400 bg-white"} disabled={pending}
            onClick={() => { if (step !== "publish" || window.confirm(t("confirmPublish", { year }))) start(async () => report(await actions[step]({ year }), t(`done.${step}`))); }}>
            {t(`actions.${step}`)}
          </button>
        ))}
      </div>
      {unpublish && (
        <form className="max-w-xl space-y-2" onSubmit={(e) => { e.preventDefault(); const f = new FormData(e.currentTarget);
          start(async () => report(await unpublishCycleAction({ year, reason: f.get("reason") }), t("done.unpublish"))); }}>
          <label htmlFor="unpublish-reason" className="field-label">{t("unpublishReason")}</label>
          <textarea id="unpublish-reason" name="reason" rows={2} className="field-input" required />
          <button type="submit" className="btn border border-accent-600 bg-white text-accent-600" disabled={pending}>{t("actions.unpublish")}</button>
        </form>
      )}
      {message && <p role={message.ok ? "status" : "alert"} className={`text-sm ${message.ok ? "text-emerald-800" : "text-accent-600"}`}>{message.text}</p>}
    </div>
  );
}
