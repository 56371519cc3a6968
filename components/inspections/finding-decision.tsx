"use client";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { decideFindingAction } from "@/lib/server/actions/inspections";
import { Outcome, useOutcome } from "./message";

/** The secretariat's decision on a reported remediation: close the finding, or send it back with a note. */
export function FindingDecision({ findingId, label }: { findingId: string; label: string }) {
  const t = useTranslations("inspections.decide");
  const [note, setNote] = useState("");
  const [pending, start] = useTransition();
  const { message, report } = useOutcome();
  const decide = (decision: "close" | "sendBack") => start(async () => {
    if (report(await decideFindingAction({ findingId, decision, note }), decision === "close" ? t("closed") : t("sentBack"))) setNote("");
  });
  const id = `decide-${findingId}`;
  return (
    <fieldset className="mt-3 rounded border border-sky-300 bg-sky-50/50 p-3" data-testid="finding-decision">
      <legend className="px-1 text-sm font-semibold">{t("title")}<span className="sr-only"> — {label}</span></legend>
      <label htmlFor={id} className="field-label">{t("note")}</label>
      <textarea id={id} rows={2} className="field-input" value={note} onChange={(e) => setNote(e.target.value)} />
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <button type="button" className="btn-primary" disabled={pending} onClick={() => decide("close")}>{t("close")}</button>
        <button type="button" className="btn border border-orange-500 bg-white text-orange-900 hover:bg-orange-50" disabled={pending}
          onClick={() => decide("sendBack")}>{t("sendBack")}</button>
        <Outcome message={message} />
      </div>
    </fieldset>
  );
}
