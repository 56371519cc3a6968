"use client";
import { useTranslations } from "next-intl";
import { useTransition } from "react";
import { INSPECTION_STATUSES, type InspectionStatus } from "@/lib/domain/inspections";
import { concludeInspectionAction } from "@/lib/server/actions/inspections";
import { Outcome, useOutcome } from "./message";

/** The inspection's status and conclusion (the secretariat). */
export function ConclusionForm({ id, status, conclusion }: { id: string; status: InspectionStatus; conclusion: string | null }) {
  const t = useTranslations("inspections");
  const [pending, start] = useTransition();
  const { message, report } = useOutcome();
  return (
    <form className="space-y-3" data-testid="conclusion-form" onSubmit={(e) => {
      e.preventDefault();
      const f = new FormData(e.currentTarget);
      start(async () => { report(await concludeInspectionAction({ id, status: f.get("status"), conclusion: f.get("conclusion") }), t("conclude.saved")); });
    }}>
      <div className="max-w-xs">
        <label htmlFor="conclude-status" className="field-label">{t("conclude.status")}</label>
        <select id="conclude-status" name="status" className="field-input" defaultValue={status}>
          {INSPECTION_STATUSES.map((s) => <option key={s} value={s}>{t(`statuses.${s}`)}</option>)}
        </select>
      </div>
      <div>
        <label htmlFor="conclude-text" className="field-label">{t("conclude.conclusion")}</label>
        <textarea id="conclude-text" name="conclusion" rows={4} className="field-input" defaultValue={conclusion ?? ""} />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" className="btn-primary" disabled={pending}>{t("conclude.save")}</button>
        <Outcome message={message} />
      </div>
    </form>
  );
}
