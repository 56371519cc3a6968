"use client";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { actionErrorText } from "@/components/forms/action-error";
import { formatHundredths } from "@/lib/domain/scoring";
import { generateTasksAction } from "@/lib/server/actions/plans";

export type ProposalRow = { code: string; title: string; lead: string; coordinating: string[]; lost: number; max: number; units: number };

/**
 * The preview of tasks proposed from last year's lost points: every proposal chosen by default; the
 * chosen ones are created on confirmation (the server recomputes each proposal and skips criteria
 * that got a task meanwhile).
 */
export function GenerateTasksForm({ year, proposals }: { year: number; proposals: ProposalRow[] }) {
  const t = useTranslations("plans");
  const tAll = useTranslations();
  const locale = useLocale();
  const router = useRouter();
  // What is left out (new proposals after a refresh start chosen).
  const [excluded, setExcluded] = useState<ReadonlySet<string>>(new Set());
  const chosen = proposals.filter((p) => !excluded.has(p.code)).map((p) => p.code);
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const all = chosen.length === proposals.length;
  const toggle = (code: string) => setExcluded((s) => { const n = new Set(s); if (n.has(code)) n.delete(code); else n.add(code); return n; });
  return (
    <form onSubmit={(e) => {
      e.preventDefault();
      start(async () => {
        const r = await generateTasksAction({ year, codes: chosen });
        setMessage(r.ok ? { ok: true, text: t("generate.created", { created: r.data.created }) } : { ok: false, text: actionErrorText(r, tAll) });
        if (r.ok) router.refresh();
      });
    }}>
      <div className="overflow-x-auto">
        <table className="table-dense" data-testid="proposals">
          <thead>
            <tr>
              <th scope="col">
                <input type="checkbox" className="size-4" checked={all} aria-label={t("generate.choose")}
                  onChange={() => setExcluded(all ? new Set(proposals.map((p) => p.code)) : new Set())} />
              </th>
              <th scope="col">{t("columns.code")}</th>
              <th scope="col">{t("columns.criterion")}</th>
              <th scope="col" className="num">{t("generate.lost")}</th>
              <th scope="col" className="num">{t("generate.units")}</th>
              <th scope="col">{t("columns.lead")}</th>
              <th scope="col">{t("columns.coordinating")}</th>
            </tr>
          </thead>
          <tbody>
            {proposals.map((p) => (
              <tr key={p.code} data-testid={`proposal-${p.code}`}>
                <td><input type="checkbox" className="size-4" checked={!excluded.has(p.code)} onChange={() => toggle(p.code)} aria-label={t("generate.chooseOne", { code: p.code })} /></td>
                <td className="font-mono text-xs">{p.code}</td>
                <td>{p.title}</td>
                <td className="num">{formatHundredths(p.lost, locale)}</td>
                <td className="num">{p.units}</td>
                <td>{p.lead}</td>
                <td>{p.coordinating.join(", ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <button type="submit" className="btn-primary" disabled={pending || chosen.length === 0}>{t("generate.submit", { count: chosen.length })}</button>
        {message && <p role={message.ok ? "status" : "alert"} className={`text-sm ${message.ok ? "text-emerald-800" : "text-accent-600"}`}>{message.text}</p>}
      </div>
    </form>
  );
}
