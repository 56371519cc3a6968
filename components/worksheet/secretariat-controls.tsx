"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { extendDeadlineAction, reopenAssessmentAction } from "@/lib/server/actions/worksheet";
import type { ActionResult } from "@/lib/server/actions/pipeline";
import { actionErrorText } from "@/components/forms/action-error";

/** Reopen a submitted worksheet, or extend one unit's deadline — each with a reason (audited). */
export function SecretariatControls({ assessmentId, submitted }: { assessmentId: string; submitted: boolean }) {
  const t = useTranslations();
  const router = useRouter();
  const [result, setResult] = useState<{ which: string; r: ActionResult<unknown> } | null>(null);
  const [pending, start] = useTransition();
  const run = (which: string, fn: () => Promise<ActionResult<unknown>>) => start(async () => {
    const r = await fn();
    setResult({ which, r });
    if (r.ok) router.refresh();
  });
  const message = (which: string) => {
    if (result?.which !== which) return null;
    const r = result.r;
    if (r.ok) return <p role="status" className="text-xs text-emerald-800">{t("worksheet.secretariat.done")}</p>;
    return <p role="alert" className="text-xs text-accent-600">{actionErrorText(r, t)}</p>;
  };
  return (
    <div className="grid gap-4 md:grid-cols-2">
      {submitted ? (
        <form className="space-y-2" onSubmit={(e) => { e.preventDefault(); const f = new FormData(e.currentTarget);
          run("reopen", () => reopenAssessmentAction({ assessmentId, reason: f.get("reason") })); }}>
          <label htmlFor="reopen-reason" className="field-label">{t("worksheet.secretariat.reopenReason")}</label>
          <textarea id="reopen-reason" name="reason" rows={2} className="field-input" required />
          <button type="submit" className="btn-primary" disabled={pending}>{t("worksheet.secretariat.reopen")}</button>
          {message("reopen")}
        </form>
      ) : (
        // Once reopened, the form goes (the worksheet is no longer a submission); its confirmation stays.
        message("reopen")
      )}
      <form className="space-y-2" onSubmit={(e) => { e.preventDefault(); const f = new FormData(e.currentTarget);
        run("extend", () => extendDeadlineAction({ assessmentId, until: f.get("until"), reason: f.get("reason") })); }}>
        <label htmlFor="extend-until" className="field-label">{t("worksheet.secretariat.extendUntil")}</label>
        <input id="extend-until" name="until" type="date" className="field-input w-48" required />
        <label htmlFor="extend-reason" className="field-label">{t("worksheet.secretariat.extendReason")}</label>
        <textarea id="extend-reason" name="reason" rows={2} className="field-input" required />
        <button type="submit" className="btn border border-slate-400 bg-white" disabled={pending}>{t("worksheet.secretariat.extend")}</button>
        {message("extend")}
      </form>
    </div>
  );
}
