"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { createInspectionAction, updateInspectionAction } from "@/lib/server/actions/inspections";
import { Outcome, useOutcome } from "./message";

export type UnitOption = { value: string; label: string; group: string };
export type InspectionValues = { decisionNumber: string; decisionDate: string; team: string; targetUnitId: string; startsAt: string; endsAt: string };

/**
 * An inspection of the year's plan: decision number and date, team (one member per line), inspected unit
 * and dates. Adds a new one, or edits `id` when given.
 */
export function InspectionForm({ year, units, groups, id, initial }: {
  year: number; units: UnitOption[]; groups: Record<string, string>; id?: string; initial?: InspectionValues;
}) {
  const t = useTranslations("inspections.form");
  const [pending, start] = useTransition();
  const { message, report } = useOutcome();
  const [created, setCreated] = useState<string | null>(null);
  const prefix = id ? `edit-${id}` : "new-inspection";
  const v = initial ?? { decisionNumber: "", decisionDate: "", team: "", targetUnitId: "", startsAt: "", endsAt: "" };
  const byGroup = [...new Set(units.map((u) => u.group))];
  return (
    <form className="grid gap-3 md:grid-cols-2" data-testid={id ? "edit-inspection-form" : "new-inspection-form"} onSubmit={(e) => {
      e.preventDefault();
      const f = new FormData(e.currentTarget);
      const form = e.currentTarget;
      const input = { year, decisionNumber: f.get("decisionNumber"), decisionDate: f.get("decisionDate"), team: f.get("team"),
        targetUnitId: f.get("targetUnitId"), startsAt: f.get("startsAt"), endsAt: f.get("endsAt") };
      start(async () => {
        if (id) {
          report(await updateInspectionAction({ ...input, id }), t("saved"));
          return;
        }
        const r = await createInspectionAction(input);
        if (report(r, t("created", { year }))) {
          setCreated(r.data.id);
          form.reset();
        }
      });
    }}>
      <div>
        <label htmlFor={`${prefix}-number`} className="field-label">{t("decisionNumber")}</label>
        <input id={`${prefix}-number`} name="decisionNumber" className="field-input" required maxLength={100} defaultValue={v.decisionNumber} />
      </div>
      <div>
        <label htmlFor={`${prefix}-date`} className="field-label">{t("decisionDate")}</label>
        <input id={`${prefix}-date`} name="decisionDate" type="date" className="field-input" required defaultValue={v.decisionDate} />
      </div>
      <div className="md:col-span-2">
        <label htmlFor={`${prefix}-unit`} className="field-label">{t("unit")}</label>
        <select id={`${prefix}-unit`} name="targetUnitId" className="field-input" required defaultValue={v.targetUnitId}>
          <option value="" disabled>{t("chooseUnit")}</option>
          {byGroup.map((g) => (
            <optgroup key={g} label={groups[g] ?? g}>
              {units.filter((u) => u.group === g).map((u) => <option key={u.value} value={u.value}>{u.label}</option>)}
            </optgroup>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${prefix}-start`} className="field-label">{t("startsAt")}</label>
        <input id={`${prefix}-start`} name="startsAt" type="date" className="field-input" required defaultValue={v.startsAt} />
      </div>
      <div>
        <label htmlFor={`${prefix}-end`} className="field-label">{t("endsAt")}</label>
        <input id={`${prefix}-end`} name="endsAt" type="date" className="field-input" required defaultValue={v.endsAt} />
      </div>
      <div className="md:col-span-2">
        <label htmlFor={`${prefix}-team`} className="field-label">{t("team")}</label>
        <textarea id={`${prefix}-team`} name="team" rows={4} className="field-input" required aria-describedby={`${prefix}-team-hint`} defaultValue={v.team} />
        <p id={`${prefix}-team-hint`} className="mt-1 text-xs text-slate-600">{t("teamHint")}</p>
      </div>
      <div className="flex flex-wrap items-center gap-3 md:col-span-2">
        <button type="submit" className="btn-primary" disabled={pending}>{id ? t("save") : t("create")}</button>
        <Outcome message={message} />
        {created && message?.ok && <Link href={`/inspections/${created}`} className="text-sm text-brand-700 underline">{t("openCreated")}</Link>}
      </div>
    </form>
  );
}
