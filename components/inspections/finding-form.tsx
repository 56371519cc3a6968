"use client";
import { useTranslations } from "next-intl";
import { useTransition } from "react";
import { FINDING_SEVERITIES, type FindingSeverity } from "@/lib/domain/inspections";
import { addFindingAction, updateFindingAction } from "@/lib/server/actions/inspections";
import { Outcome, useOutcome } from "./message";

export type FindingValues = { id: string; areaCode: string; severity: FindingSeverity; dueAt: string; limitation: string; recommendation: string };

/**
 * A finding of an inspection: area (of the unit's criterion set when known), limitation, severity,
 * recommendation, remediation deadline. Records a new one, or edits `finding` when given.
 */
export function FindingForm({ inspectionId, areas, finding }: { inspectionId: string; areas: { value: string; label: string }[] | null; finding?: FindingValues }) {
  const t = useTranslations("inspections");
  const [pending, start] = useTransition();
  const { message, report } = useOutcome();
  const p = finding ? `finding-${finding.id}` : "finding";
  return (
    <form className="grid gap-3 md:grid-cols-3" data-testid={finding ? "edit-finding-form" : "finding-form"} onSubmit={(e) => {
      e.preventDefault();
      const form = e.currentTarget;
      const f = new FormData(form);
      const input = { areaCode: f.get("areaCode"), limitation: f.get("limitation"), severity: f.get("severity"),
        recommendation: f.get("recommendation"), dueAt: f.get("dueAt") };
      start(async () => {
        if (finding) report(await updateFindingAction({ id: finding.id, ...input }), t("addFinding.saved"));
        else if (report(await addFindingAction({ inspectionId, ...input }), t("addFinding.added"))) form.reset();
      });
    }}>
      <div>
        <label htmlFor={`${p}-area`} className="field-label">{t("finding.area")}</label>
        {areas ? (
          <select id={`${p}-area`} name="areaCode" className="field-input" required defaultValue={finding?.areaCode ?? ""}>
            <option value="" disabled>{t("addFinding.areaPick")}</option>
            {areas.map((a) => <option key={a.value} value={a.value}>{a.label}</option>)}
          </select>
        ) : <input id={`${p}-area`} name="areaCode" className="field-input" required placeholder={t("addFinding.areaFree")} defaultValue={finding?.areaCode} />}
      </div>
      <div>
        <label htmlFor={`${p}-severity`} className="field-label">{t("finding.severity")}</label>
        <select id={`${p}-severity`} name="severity" className="field-input" required defaultValue={finding?.severity ?? "MEDIUM"}>
          {FINDING_SEVERITIES.map((s) => <option key={s} value={s}>{t(`severities.${s}`)}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor={`${p}-due`} className="field-label">{t("finding.due")}</label>
        <input id={`${p}-due`} name="dueAt" type="date" className="field-input" required defaultValue={finding?.dueAt} />
      </div>
      <div className="md:col-span-3">
        <label htmlFor={`${p}-limitation`} className="field-label">{t("finding.limitation")}</label>
        <textarea id={`${p}-limitation`} name="limitation" rows={2} className="field-input" required defaultValue={finding?.limitation} />
      </div>
      <div className="md:col-span-3">
        <label htmlFor={`${p}-recommendation`} className="field-label">{t("finding.recommendation")}</label>
        <textarea id={`${p}-recommendation`} name="recommendation" rows={2} className="field-input" required defaultValue={finding?.recommendation} />
      </div>
      <div className="flex flex-wrap items-center gap-3 md:col-span-3">
        <button type="submit" className="btn-primary" disabled={pending}>{finding ? t("addFinding.save") : t("addFinding.submit")}</button>
        <Outcome message={message} />
      </div>
    </form>
  );
}
