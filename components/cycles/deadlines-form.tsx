"use client";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { updateDeadlinesAction } from "@/lib/server/actions/cycles";
import type { ActionResult } from "@/lib/server/actions/pipeline";

export type DeadlineRow = { phase: string; opens: string; closes: string };

/** The cycle's phase dates; each phase opens at 00:00 and closes at 17:00 (Vietnam time). */
export function DeadlinesForm({ year, rows }: { year: number; rows: DeadlineRow[] }) {
  const t = useTranslations();
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [pending, start] = useTransition();
  return (
    <form className="space-y-3" onSubmit={(e) => {
      e.preventDefault();
      const f = new FormData(e.currentTarget);
      const phases = rows.map((r) => ({ phase: r.phase, opens: String(f.get(`${r.phase}-opens`)), closes: String(f.get(`${r.phase}-closes`)) }));
      start(async () => setResult(await updateDeadlinesAction({ year, phases })));
    }}>
      <table className="table-dense">
        <thead><tr><th scope="col">{t("common.phase")}</th><th scope="col">{t("cycles.opens")}</th><th scope="col">{t("cycles.closes")}</th></tr></thead>
        <tbody>{rows.map((r) => (
          <tr key={r.phase}>
            <th scope="row">{t(`phases.${r.phase}`)}</th>
            <td><input type="date" name={`${r.phase}-opens`} defaultValue={r.opens} required aria-label={t("cycles.opensOf", { phase: t(`phases.${r.phase}`) })} className="field-input w-44 py-1" /></td>
            <td><input type="date" name={`${r.phase}-closes`} defaultValue={r.closes} required aria-label={t("cycles.closesOf", { phase: t(`phases.${r.phase}`) })} className="field-input w-44 py-1" /></td>
          </tr>
        ))}</tbody>
      </table>
      <button type="submit" className="btn-primary" disabled={pending}>{t("cycles.save")}</button>
      {result?.ok && <p role="status" className="text-sm text-emerald-800">{t("cycles.saved")}</p>}
      {result && !result.ok && (
        <div role="alert" className="text-sm text-accent-600">
          <p>{t(result.error.key, result.error.values)}</p>
          <ul className="list-disc pl-5">{result.issues?.map((i, k) => <li key={k}>{t(i.key, { phase: t(`phases.${String(i.path[0])}`) })}</li>)}</ul>
        </div>
      )}
    </form>
  );
}
