"use client";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { saveMappingAction } from "@/lib/server/actions/frameworks";
import type { ActionResult } from "@/lib/server/actions/pipeline";

export function MappingForm({ from, to, initial }: { from: string; to: string; initial: string }) {
  const t = useTranslations();
  const [result, setResult] = useState<ActionResult<{ count: number }> | null>(null);
  const [pending, start] = useTransition();
  return (
    <form className="space-y-3" onSubmit={(e) => {
      e.preventDefault();
      const text = String(new FormData(e.currentTarget).get("text") ?? "");
      start(async () => setResult(await saveMappingAction({ from, to, text })));
    }}>
      <label htmlFor="mapping-text" className="field-label">{t("frameworks.diffPage.mapping")}</label>
      <p id="mapping-help" className="text-xs text-slate-600">{t("frameworks.diffPage.mappingIntro")}</p>
      <textarea id="mapping-text" name="text" defaultValue={initial} rows={10} aria-describedby="mapping-help" className="field-input font-mono" />
      {result?.ok && <p role="status" className="text-sm text-emerald-800">{t("frameworks.diffPage.mappingSaved", { count: result.data.count })}</p>}
      {result && !result.ok && (
        <div role="alert" className="text-sm text-accent-600">
          <p>{t(result.error.key, result.error.values)}</p>
          <ul className="list-disc pl-5">{result.issues?.map((i, k) => <li key={k}>{t(i.key, i.values as Record<string, string>)}</li>)}</ul>
        </div>
      )}
      <button type="submit" className="btn-primary" disabled={pending}>{t("frameworks.diffPage.saveMapping")}</button>
    </form>
  );
}
