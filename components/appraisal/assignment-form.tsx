"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { addAssignmentAction, removeAssignmentAction } from "@/lib/server/actions/appraisal";
import type { ActionResult } from "@/lib/server/actions/pipeline";
import { actionErrorText } from "@/components/forms/action-error";

type Option = { value: string; label: string };

function useReport() {
  const tAll = useTranslations();
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const report = (r: ActionResult<unknown>, ok: string) => {
    if (r.ok) { setMessage({ ok: true, text: ok }); router.refresh(); return; }
    setMessage({ ok: false, text: actionErrorText(r, tAll) });
  };
  return { message, report };
}

/** Adds an assignment: a criterion code of the year to an appraiser or an appraising department. */
export function AssignmentForm({ year, criteria, appraisers, departments }: { year: number; criteria: Option[]; appraisers: Option[]; departments: Option[] }) {
  const t = useTranslations("assignments");
  const [pending, start] = useTransition();
  const { message, report } = useReport();
  return (
    <form className="flex flex-wrap items-end gap-3" onSubmit={(e) => { e.preventDefault(); const f = new FormData(e.currentTarget);
      start(async () => report(await addAssignmentAction({ year, criterionCode: f.get("criterionCode"), assignee: f.get("assignee") }), t("added"))); }}>
      <div className="min-w-72 flex-1">
        <label htmlFor="assign-criterion" className="field-label">{t("criterion")}</label>
        <select id="assign-criterion" name="criterionCode" className="field-input" required>
          {criteria.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
        </select>
      </div>
      <div className="min-w-72 flex-1">
        <label htmlFor="assign-to" className="field-label">{t("assignee")}</label>
        <select id="assign-to" name="assignee" className="field-input" required>
          <optgroup label={t("departments")}>{departments.map((d) => <option key={d.value} value={d.value}>{d.label}</option>)}</optgroup>
          <optgroup label={t("appraisers")}>{appraisers.map((a) => <option key={a.value} value={a.value}>{a.label}</option>)}</optgroup>
        </select>
      </div>
      <button type="submit" className="btn-primary" disabled={pending}>{t("add")}</button>
      {message && <p role={message.ok ? "status" : "alert"} className={`w-full text-sm ${message.ok ? "text-emerald-800" : "text-accent-600"}`}>{message.text}</p>}
    </form>
  );
}

export function RemoveAssignment({ id, label }: { id: string; label: string }) {
  const t = useTranslations("assignments");
  const [pending, start] = useTransition();
  const { message, report } = useReport();
  return (
    <>
      <button type="button" className="text-xs text-accent-600 underline" disabled={pending}
        onClick={() => start(async () => report(await removeAssignmentAction({ id }), t("removed")))}>{t("remove")}<span className="sr-only"> {label}</span></button>
      {message && !message.ok && <span role="alert" className="ml-2 text-xs text-accent-600">{message.text}</span>}
    </>
  );
}
