"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { actionErrorText } from "@/components/forms/action-error";
import { createTaskAction, editTaskAction } from "@/lib/server/actions/plans";

export type Option = { value: string; label: string };
export type UnitOptions = { departments: Option[]; communes: Option[] };
export type TaskValues = {
  criterionCode: string; title: string; deliverable: string; leadUnitId: string; coordinatingUnitIds: string[]; startsAt: string; dueAt: string;
};

/**
 * Creates a task of the plan year, or edits one (`id`). Checked again on the server (schemas/plans):
 * criterion of the year's criterion set, a lead unit, coordinating units other than the lead, start ≤ deadline.
 */
export function TaskForm({ year, id, criteria, units, initial }: { year: number; id?: string; criteria: Option[]; units: UnitOptions; initial: TaskValues }) {
  const t = useTranslations("plans");
  const tAll = useTranslations();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string; link?: string } | null>(null);
  const p = id ? "edit-task" : "new-task";
  const unitOptions = (
    <>
      <optgroup label={t("form.departments")}>{units.departments.map((u) => <option key={u.value} value={u.value}>{u.label}</option>)}</optgroup>
      <optgroup label={t("form.communes")}>{units.communes.map((u) => <option key={u.value} value={u.value}>{u.label}</option>)}</optgroup>
    </>
  );
  return (
    <form className="grid gap-3 md:grid-cols-2" data-testid={p} onSubmit={(e) => {
      e.preventDefault();
      const f = new FormData(e.currentTarget);
      const values = {
        criterionCode: f.get("criterionCode"), title: f.get("title"), deliverable: f.get("deliverable"), leadUnitId: f.get("leadUnitId"),
        coordinatingUnitIds: f.getAll("coordinatingUnitIds"), startsAt: f.get("startsAt"), dueAt: f.get("dueAt"),
      };
      const form = e.currentTarget;
      start(async () => {
        const r = id ? await editTaskAction({ id, ...values }) : await createTaskAction({ year, ...values });
        if (!r.ok) { setMessage({ ok: false, text: actionErrorText(r, tAll) }); return; }
        setMessage({ ok: true, text: id ? t("edit.saved") : t("create.created"), link: id ? undefined : `/plans/${r.data.id}` });
        if (!id) form.reset();
        router.refresh();
      });
    }}>
      <div className="md:col-span-2">
        <label htmlFor={`${p}-criterion`} className="field-label">{t("form.criterion")}</label>
        <select id={`${p}-criterion`} name="criterionCode" className="field-input" defaultValue={initial.criterionCode} required>
          {criteria.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
        </select>
      </div>
      <div className="md:col-span-2">
        <label htmlFor={`${p}-title`} className="field-label">{t("form.taskTitle")}</label>
        <input id={`${p}-title`} name="title" className="field-input" defaultValue={initial.title} required minLength={5} maxLength={300} />
      </div>
      <div className="md:col-span-2">
        <label htmlFor={`${p}-deliverable`} className="field-label">{t("form.deliverable")}</label>
        <textarea id={`${p}-deliverable`} name="deliverable" rows={2} className="field-input" defaultValue={initial.deliverable} required minLength={3} maxLength={1000} />
      </div>
      <div>
        <label htmlFor={`${p}-lead`} className="field-label">{t("form.lead")}</label>
        <select id={`${p}-lead`} name="leadUnitId" className="field-input" defaultValue={initial.leadUnitId} required>
          <option value="">{t("form.chooseLead")}</option>
          {unitOptions}
        </select>
      </div>
      <div>
        <label htmlFor={`${p}-coordinating`} className="field-label">{t("form.coordinating")}</label>
        <select id={`${p}-coordinating`} name="coordinatingUnitIds" multiple size={5} className="field-input" defaultValue={initial.coordinatingUnitIds}
          aria-describedby={`${p}-coordinating-hint`}>
          {unitOptions}
        </select>
        <p id={`${p}-coordinating-hint`} className="mt-0.5 text-xs text-slate-600">{t("form.coordinatingHint")}</p>
      </div>
      <div>
        <label htmlFor={`${p}-start`} className="field-label">{t("form.startsAt")}</label>
        <input id={`${p}-start`} name="startsAt" type="date" className="field-input" defaultValue={initial.startsAt} required />
      </div>
      <div>
        <label htmlFor={`${p}-due`} className="field-label">{t("form.dueAt")}</label>
        <input id={`${p}-due`} name="dueAt" type="date" className="field-input" defaultValue={initial.dueAt} required />
      </div>
      <div className="flex flex-wrap items-center gap-3 md:col-span-2">
        <button type="submit" className="btn-primary" disabled={pending}>{id ? t("edit.submit") : t("create.submit")}</button>
        {message && (
          <p role={message.ok ? "status" : "alert"} className={`text-sm ${message.ok ? "text-emerald-800" : "text-accent-600"}`}>
            {message.text}{message.link && <> <Link href={message.link} className="text-brand-700 underline">{t("create.open")}</Link></>}
          </p>
        )}
      </div>
    </form>
  );
}
