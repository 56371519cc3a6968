"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { actionErrorText } from "@/components/forms/action-error";
import { cancelTaskAction } from "@/lib/server/actions/plans";

/** Cancels a task with a reason (the lead unit is told); a cancelled task takes no more reports. */
export function CancelTaskForm({ id }: { id: string }) {
  const t = useTranslations("plans");
  const tAll = useTranslations();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <form className="flex flex-wrap items-end gap-3" onSubmit={(e) => {
      e.preventDefault();
      const reason = new FormData(e.currentTarget).get("reason");
      start(async () => {
        const r = await cancelTaskAction({ id, reason });
        setMessage(r.ok ? { ok: true, text: t("cancel.done") } : { ok: false, text: actionErrorText(r, tAll) });
        if (r.ok) router.refresh();
      });
    }}>
      <div className="min-w-72 flex-1">
        <label htmlFor="cancel-reason" className="field-label">{t("cancel.reason")}</label>
        <input id="cancel-reason" name="reason" className="field-input" required minLength={5} maxLength={1000} />
      </div>
      <button type="submit" className="btn border border-accent-600 bg-white text-accent-600 hover:bg-red-50" disabled={pending}>{t("cancel.submit")}</button>
      {message && <p role={message.ok ? "status" : "alert"} className={`w-full text-sm ${message.ok ? "text-emerald-800" : "text-accent-600"}`}>{message.text}</p>}
    </form>
  );
}
