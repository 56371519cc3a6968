"use client";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Card } from "@/components/ui/card";
import { actionErrorText } from "@/components/forms/action-error";
import { useAction } from "@/components/forms/use-action";
import type { WithheldReason } from "@/lib/domain/initiatives";
import { decideInitiativeAction, reopenInitiativeAction } from "@/lib/server/actions/initiatives";
import type { DecisionOutcome } from "@/lib/server/data/initiatives";

/** Bonus that a recognition may carry now: the choices (points), the cap and what the unit's other initiatives use; or why none. */
export type BonusOffer = { choices: number[]; cap: number; used: number; room: number } | { withheld: WithheldReason };

/**
 * The decider's box: recognise (bonus points from the allowed steps, note) or reject (note required).
 * Rendered for every decider at a fixed place on the page: `open` while the initiative awaits a decision;
 * once decided (the page refreshes), it keeps showing the outcome it got.
 */
export function DecisionBox({ id, year, offer, open }: { id: string; year: number; offer: BonusOffer; open: boolean }) {
  const t = useTranslations("initiatives.decide");
  const tAll = useTranslations();
  const format = useFormatter();
  const router = useRouter();
  const { result, pending, issue, run } = useAction<DecisionOutcome>();
  const [decision, setDecision] = useState<"RECOGNISED" | "REJECTED">("RECOGNISED");
  const [bonus, setBonus] = useState("");
  const [note, setNote] = useState("");
  const points = (n: number) => format.number(n, { maximumFractionDigits: 2 });
  // A refusal is about the decision it was sent with: switching the decision hides it.
  const [sentAs, setSentAs] = useState<"RECOGNISED" | "REJECTED" | null>(null);
  const current = sentAs === decision;
  const noteIssue = current ? issue("note") : undefined;

  const outcomeText = (o: DecisionOutcome) => {
    if (o.status === "REJECTED") return t("rejected");
    if (o.withheld) return t(`withheld.${o.withheld}`, { year: o.year });
    if (o.bonus === null) return t("recognised");
    return o.effective < o.bonus ? t("recognisedCapped", { bonus: points(o.bonus), effective: points(o.effective) })
      : t("recognisedBonus", { bonus: points(o.bonus), year: o.year });
  };

  if (!open) {
    return result?.ok ? (
      <p role="status" className={`rounded border px-3 py-2 text-sm ${result.data.withheld ? "border-amber-300 bg-amber-50 text-amber-900" : "border-emerald-300 bg-emerald-50 text-emerald-900"}`}
        data-testid="decision-outcome">{outcomeText(result.data)}</p>
    ) : null;
  }
  return (
    <Card title={t("title")} id="initiative-decide">
      <form className="space-y-3" data-testid="initiative-decision" onSubmit={(e) => {
        e.preventDefault();
        setSentAs(decision);
        run(() => decideInitiativeAction(decision === "RECOGNISED" ? { id, decision, bonusPoints: bonus === "" ? null : bonus, note } : { id, decision, note }),
          () => router.refresh());
      }}>
        <p className="text-sm text-slate-700">{t("intro")}</p>
        <fieldset>
          <legend className="field-label">{t("decision")}</legend>
          <div className="flex flex-wrap gap-4 text-sm">
            {(["RECOGNISED", "REJECTED"] as const).map((d) => (
              <label key={d} className="flex items-center gap-1.5">
                <input type="radio" name={`decision-${id}`} value={d} checked={decision === d} onChange={() => setDecision(d)} className="size-4" />
                {d === "RECOGNISED" ? t("recognise") : t("reject")}
              </label>
            ))}
          </div>
        </fieldset>
        {decision === "RECOGNISED" && ("withheld" in offer ? (
          <p className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="bonus-withheld">{t(`withheld.${offer.withheld}`, { year })}</p>
        ) : (
          <div>
            <label htmlFor={`bonus-${id}`} className="field-label">{t("bonus")}</label>
            <select id={`bonus-${id}`} className="field-input w-56" value={bonus} onChange={(e) => setBonus(e.target.value)} aria-describedby={`bonus-${id}-hint`}>
              <option value="">{t("bonusNone")}</option>
              {offer.choices.map((c) => <option key={c} value={String(c)}>{points(c)}</option>)}
            </select>
            <p id={`bonus-${id}-hint`} className="mt-1 text-xs text-slate-600">
              {t("bonusHint", { year, cap: points(offer.cap), used: points(offer.used), room: points(offer.room) })}
            </p>
          </div>
        ))}
        <div>
          <label htmlFor={`note-${id}`} className="field-label">{decision === "RECOGNISED" ? t("note") : t("noteRequired")}</label>
          <textarea id={`note-${id}`} rows={3} className="field-input" value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000}
            aria-required={decision === "REJECTED" || undefined} aria-invalid={!!noteIssue || undefined} aria-describedby={noteIssue ? `note-${id}-error` : undefined} />
          {noteIssue && <p id={`note-${id}-error`} className="field-error">{tAll(noteIssue.key, noteIssue.values as Record<string, string>)}</p>}
        </div>
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? t("working") : decision === "RECOGNISED" ? t("submitRecognise") : t("submitReject")}
        </button>
        {current && result && !result.ok && !noteIssue && <p role="alert" className="text-sm text-accent-600">{actionErrorText(result, tAll)}</p>}
      </form>
    </Card>
  );
}

/** Back to proposed, with the reason (a bonus is withdrawn). Like DecisionBox: `open` while allowed, then its outcome. */
export function ReopenBox({ id, open }: { id: string; open: boolean }) {
  const t = useTranslations("initiatives.reopen");
  const tAll = useTranslations();
  const router = useRouter();
  const { result, pending, run } = useAction<{ id: string; removedBonus: boolean }>();
  const [note, setNote] = useState("");
  if (!open) return result?.ok ? <p role="status" className="text-sm text-emerald-800">{t("done")}</p> : null;
  return (
    <details className="card" id="initiative-reopen">
      <summary className="cursor-pointer px-4 py-2 text-sm font-semibold uppercase tracking-wide text-brand-800">{t("title")}</summary>
      <div className="border-t border-slate-200 p-4">
        <form className="space-y-2" data-testid="initiative-reopen" onSubmit={(e) => {
          e.preventDefault();
          run(() => reopenInitiativeAction({ id, note }), () => router.refresh());
        }}>
          <p className="text-sm text-slate-700">{t("intro")}</p>
          <label htmlFor={`reopen-${id}`} className="field-label">{t("reason")}</label>
          <textarea id={`reopen-${id}`} rows={2} className="field-input" value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} required />
          <button type="submit" className="btn border border-slate-400 bg-white" disabled={pending}>{t("submit")}</button>
          {result && !result.ok && <p role="alert" className="text-sm text-accent-600">{actionErrorText(result, tAll)}</p>}
        </form>
      </div>
    </details>
  );
}
