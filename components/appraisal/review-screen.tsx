"use client";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useRef, useState, useTransition } from "react";
import { bulkAcceptAction, decideLeafAction, requestExplanationAction } from "@/lib/server/actions/appraisal";
import type { ActionResult } from "@/lib/server/actions/pipeline";
import type { HistoryView, ReviewLeaf } from "@/lib/server/data/appraisal";
import { actionErrorText } from "@/components/forms/action-error";

export type RLeaf = ReviewLeaf & { title: string; ruleText: string; evidenceText: string | null; canAct: boolean };
export type RArea = { code: string; title: string; max: number; codes: string[]; canBulk: boolean; undecided: number };

type Props = {
  assessmentId: string;
  /** Decisions can be taken (submitted assessment, cycle neither approved nor published). */
  open: boolean;
  areas: RArea[];
  leaves: Record<string, RLeaf>;
  initial: string | null;
  defaultDue: string;
};

const typing = (el: EventTarget | null) => el instanceof HTMLElement && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName));

/**
 * The appraisers' review of one unit: the leaves on the left (keyboard: ↑/↓ or j/k to move, a to accept
 * the unit's score), the selected leaf on the right with the rule, the unit's figures, its evidence
 * previewed in place, the history, and the decision (accept, adjust with a reason, request an explanation).
 */
export function ReviewScreen({ assessmentId, open, areas, leaves, initial, defaultDue }: Props) {
  const t = useTranslations("review");
  const tAll = useTranslations();
  const format = useFormatter();
  const router = useRouter();
  const order = useMemo(() => areas.flatMap((a) => a.codes), [areas]);
  const [selected, setSelected] = useState<string>(initial && leaves[initial] ? initial : order.find((c) => leaves[c]!.canAct && leaves[c]!.selfScored && !leaves[c]!.r1) ?? order[0] ?? "");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  const rowRefs = useRef(new Map<string, HTMLButtonElement>());
  const leaf = leaves[selected];
  const pts = (n: number | null | undefined) => (n === null || n === undefined ? "—" : format.number(n, { maximumFractionDigits: 2 }));

  const move = useCallback((delta: number) => {
    const i = order.indexOf(selected);
    const next = order[Math.min(order.length - 1, Math.max(0, i + delta))];
    if (next) { setSelected(next); setMessage(null); rowRefs.current.get(next)?.focus(); }
  }, [order, selected]);

  const report = (r: ActionResult<unknown>, okText: string, advance = false) => {
    if (r.ok) {
      setMessage({ ok: true, text: okText });
      router.refresh();
      if (advance) move(1);
    } else {
      setMessage({ ok: false, text: actionErrorText(r, tAll) });
    }
  };
  const decide = (score: number, reason: string | null, advance = false) => start(async () => {
    report(await decideLeafAction({ assessmentId, criterion: selected, score, reason }), t("saved", { code: selected }), advance);
  });
  const canDecide = open && !!leaf && leaf.canAct && leaf.selfScored && leaf.self !== null;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (typing(e.target) || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === "j" || (e.key === "ArrowDown" && (e.target as HTMLElement).dataset.leaf)) { e.preventDefault(); move(1); }
      if (e.key === "k" || (e.key === "ArrowUp" && (e.target as HTMLElement).dataset.leaf)) { e.preventDefault(); move(-1); }
      if (e.key === "a" && canDecide && leaf) { e.preventDefault(); decide(leaf.self!, null, true); }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,28rem)]">
      <div className="card overflow-x-auto">
        <p className="border-b border-slate-200 px-3 py-1.5 text-xs text-slate-600" id="review-keys">{t("keys")}</p>
        <table className="table-dense" aria-describedby="review-keys">
          <thead>
            <tr>
              <th scope="col">{t("code")}</th>
              <th scope="col">{t("criterion")}</th>
              <th scope="col" className="num">{t("max")}</th>
              <th scope="col" className="num">{t("self")}</th>
              <th scope="col" className="num">{t("r1")}</th>
              <th scope="col">{t("explanation")}</th>
              <th scope="col" className="num">{t("r2")}</th>
              <th scope="col" className="num">{t("final")}</th>
            </tr>
          </thead>
          {areas.map((area) => (
            <tbody key={area.code}>
              <tr className="bg-slate-50">
                <th scope="rowgroup" colSpan={8} className="!font-semibold">
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <span>{area.code}. {area.title} <span className="font-normal text-slate-700">({pts(area.max)} {t("points")}{open && !area.codes.some((c) => leaves[c]!.canAct) ? ` · ${t("notAssigned")}` : ""})</span></span>
                    {open && area.canBulk && area.undecided > 0 && (
                      <button type="button" className="btn border border-slate-400 bg-white !py-0.5 text-xs" disabled={pending}
                        onClick={() => start(async () => report(await bulkAcceptAction({ assessmentId, area: area.code }), t("bulkDone", { area: area.code })))}>
                        {t("bulkAccept", { count: area.undecided })}
                      </button>
                    )}
                  </div>
                </th>
              </tr>
              {area.codes.map((code) => {
                const l = leaves[code]!;
                const cut = l.final !== null && l.self !== null && l.final < l.self;
                return (
                  <tr key={code} aria-selected={code === selected} data-testid={`leaf-${code}`}
                    className={`cursor-pointer ${code === selected ? "!bg-brand-100" : ""} ${l.selfScored ? "" : "text-slate-600"}`} onClick={() => { setSelected(code); setMessage(null); }}>
                    <td className="whitespace-nowrap font-mono text-xs">
                      <button type="button" data-leaf={code} ref={(el) => { if (el) rowRefs.current.set(code, el); }} aria-current={code === selected}
                        className="rounded px-1 underline-offset-2 hover:underline" onClick={() => { setSelected(code); setMessage(null); }}>{code}</button>
                    </td>
                    <td className="max-w-md">{l.title}</td>
                    <td className="num">{pts(l.max)}</td>
                    <td className="num">{l.selfScored ? pts(l.self) : t("survey")}</td>
                    <td className={`num ${l.r1 && l.self !== null && l.r1.score < l.self ? "font-semibold text-accent-600" : ""}`}>{l.r1 ? pts(l.r1.score) : ""}</td>
                    <td className="text-xs">{l.request ? (l.request.answeredAt ? t("answered") : t("requested")) : ""}</td>
                    <td className="num">{l.r2 ? pts(l.r2.score) : ""}</td>
                    <td className={`num font-semibold ${cut ? "text-accent-600" : ""}`}>{l.selfScored && (l.r1 || l.r2) ? pts(l.final) : ""}</td>
                  </tr>
                );
              })}
            </tbody>
          ))}
        </table>
      </div>

      {leaf && (
        <aside className="card self-start lg:sticky lg:top-2" aria-labelledby="leaf-title">
          <div className="border-b border-slate-200 px-4 py-2">
            <h2 id="leaf-title" className="text-sm font-semibold text-brand-800"><span className="font-mono">{leaf.code}</span> {leaf.title}</h2>
            <p className="mt-1 text-xs text-slate-700">{leaf.ruleText}</p>
          </div>
          <div className="space-y-3 p-4 text-sm">
            <dl className="grid grid-cols-3 gap-2">
              <Fact label={t("max")} value={pts(leaf.max)} />
              <Fact label={t("self")} value={leaf.selfScored ? pts(leaf.self) : t("survey")} />
              <Fact label={t("final")} value={pts(leaf.final)} />
              {leaf.declared !== null && <Fact label={t("declared")} value={format.number(leaf.declared)} />}
            </dl>
            {leaf.evidenceText && <p className="text-xs text-slate-600"><span className="font-medium">{t("evidenceRequired")}:</span> {leaf.evidenceText}</p>}
            <section aria-label={t("unitExplanation")}>
              <h3 className="text-xs font-semibold uppercase text-slate-600">{t("unitExplanation")}</h3>
              <p className="whitespace-pre-wrap">{leaf.explanation || <span className="text-slate-500">{t("none")}</span>}</p>
            </section>
            <Files title={t("evidence")} files={leaf.evidence} empty={t("noEvidence")} previewLabel={t("preview")} downloadLabel={t("download")} />
            {leaf.request && (
              <section className="rounded border border-orange-300 bg-orange-50 p-2" aria-label={t("explanationRound")}>
                <h3 className="text-xs font-semibold uppercase text-orange-900">{t("explanationRound")}</h3>
                <p className="whitespace-pre-wrap"><span className="font-medium">{t("request")}:</span> {leaf.request.text}</p>
                <p className="text-xs text-slate-700">{t("due", { date: format.dateTime(new Date(leaf.request.dueAt), { dateStyle: "medium", timeStyle: "short" }) })}</p>
                {leaf.request.answeredAt ? (
                  <>
                    <p className="mt-1 whitespace-pre-wrap"><span className="font-medium">{t("answer")}:</span> {leaf.request.answer}</p>
                    <Files title={t("supplementary")} files={leaf.request.files} empty={t("noEvidence")} previewLabel={t("preview")} downloadLabel={t("download")} />
                  </>
                ) : <p className="text-xs italic">{t("waitingAnswer")}</p>}
              </section>
            )}
            {canDecide ? <DecisionForm key={`${leaf.code}:${leaf.r1?.at ?? ""}:${leaf.r2?.at ?? ""}`} leaf={leaf} pending={pending} defaultDue={defaultDue}
              onDecide={decide}
              onRequest={(score, request, due) => start(async () => report(await requestExplanationAction({ assessmentId, criterion: leaf.code, score, request, due }), t("requestSent", { code: leaf.code })))} />
              : <p className="rounded bg-slate-50 px-2 py-1 text-xs text-slate-700">{!open ? t("closed") : !leaf.selfScored ? t("surveyLeaf") : t("notYours")}</p>}
            {message && <p role={message.ok ? "status" : "alert"} className={`text-sm ${message.ok ? "text-emerald-800" : "text-accent-600"}`}>{message.text}</p>}
            <History items={leaf.history} />
          </div>
        </aside>
      )}
    </div>
  );
}

function Fact({ label, value }: { label: string; value: React.ReactNode }) {
  return <div><dt className="text-xs text-slate-600">{label}</dt><dd className="text-base font-semibold tabular-nums">{value}</dd></div>;
}

function Files({ title, files, empty, previewLabel, downloadLabel }: { title: string; files: RLeaf["evidence"]; empty: string; previewLabel: string; downloadLabel: string }) {
  const [preview, setPreview] = useState<string | null>(null);
  const shown = files.find((f) => f.id === preview);
  return (
    <section aria-label={title}>
      <h3 className="text-xs font-semibold uppercase text-slate-600">{title}</h3>
      {files.length === 0 ? <p className="text-slate-500">{empty}</p> : (
        <ul className="space-y-0.5">
          {files.map((f) => (
            <li key={f.id} className="flex items-center gap-2">
              <span className="min-w-0 flex-1 truncate" title={f.fileName}>{f.fileName}</span>
              {f.previewable && <button type="button" className="text-xs text-brand-700 underline" aria-pressed={preview === f.id}
                onClick={() => setPreview(preview === f.id ? null : f.id)}>{previewLabel}<span className="sr-only"> {f.fileName}</span></button>}
              <a className="text-xs text-brand-700 underline" href={`/api/v1/evidence/${encodeURIComponent(f.id)}`}>{downloadLabel}<span className="sr-only"> {f.fileName}</span></a>
            </li>
          ))}
        </ul>
      )}
      {shown && (shown.mimeType === "application/pdf"
        ? <iframe title={shown.fileName} src={`/api/v1/evidence/${encodeURIComponent(shown.id)}?inline=1`} className="mt-2 h-96 w-full rounded border border-slate-300" />
        // eslint-disable-next-line @next/next/no-img-element -- a user's file from our own API, shown as is
        : <img alt={shown.fileName} src={`/api/v1/evidence/${encodeURIComponent(shown.id)}?inline=1`} className="mt-2 max-h-96 rounded border border-slate-300" />)}
    </section>
  );
}

function DecisionForm({ leaf, pending, defaultDue, onDecide, onRequest }: {
  leaf: RLeaf; pending: boolean; defaultDue: string;
  onDecide: (score: number, reason: string | null) => void; onRequest: (score: number, request: string, due: string) => void;
}) {
  const t = useTranslations("review");
  const format = useFormatter();
  const round = leaf.request?.answeredAt ? 2 : 1;
  const current = round === 2 ? leaf.r2 : leaf.r1;
  const [score, setScore] = useState<number>(current?.score ?? leaf.self!);
  const [reason, setReason] = useState(current?.reason ?? "");
  const [asking, setAsking] = useState(false);
  const id = `decision-${leaf.code}`;
  return (
    <form className="space-y-2 rounded border border-slate-300 p-2" aria-labelledby={`${id}-title`}
      onSubmit={(e) => { e.preventDefault(); onDecide(score, reason.trim() ? reason : null); }}>
      <h3 id={`${id}-title`} className="text-xs font-semibold uppercase text-brand-800">{t("decision", { round })}</h3>
      <div className="flex flex-wrap items-end gap-2">
        <button type="button" className="btn-primary" disabled={pending} onClick={() => onDecide(leaf.self!, null)}>
          {t("accept", { score: format.number(leaf.self!) })}
        </button>
      </div>
      <div className="grid grid-cols-[8rem_1fr] gap-2">
        <div>
          <label htmlFor={`${id}-score`} className="field-label">{t("score")}</label>
          <select id={`${id}-score`} className="field-input" value={score} onChange={(e) => setScore(Number(e.target.value))}>
            {(leaf.allowed ?? []).map((s) => <option key={s} value={s}>{format.number(s)}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-reason`} className="field-label">{t("reason")}</label>
          <textarea id={`${id}-reason`} rows={2} className="field-input" value={reason} onChange={(e) => setReason(e.target.value)}
            aria-describedby={`${id}-reason-hint`} />
          <p id={`${id}-reason-hint`} className="mt-0.5 text-xs text-slate-600">{t("reasonHint")}</p>
        </div>
      </div>
      <button type="submit" className="btn border border-slate-400 bg-white" disabled={pending}>{t("saveAdjustment")}</button>
      {round === 1 && !leaf.request && (
        <div className="border-t border-slate-200 pt-2">
          {!asking ? (
            <button type="button" className="btn border border-orange-400 bg-orange-50 text-orange-900" onClick={() => setAsking(true)}>{t("askExplanation")}</button>
          ) : (
            <RequestFields id={id} pending={pending} defaultDue={defaultDue} onSend={(text, due) => onRequest(score, text, due)} onCancel={() => setAsking(false)} />
          )}
        </div>
      )}
    </form>
  );
}

function RequestFields({ id, pending, defaultDue, onSend, onCancel }: { id: string; pending: boolean; defaultDue: string;
  onSend: (text: string, due: string) => void; onCancel: () => void }) {
  const t = useTranslations("review");
  const [text, setText] = useState("");
  const [due, setDue] = useState(defaultDue);
  return (
    <fieldset className="space-y-2">
      <legend className="text-xs font-semibold uppercase text-orange-900">{t("askExplanation")}</legend>
      <label htmlFor={`${id}-request`} className="field-label">{t("requestText")}</label>
      <textarea id={`${id}-request`} rows={3} className="field-input" value={text} onChange={(e) => setText(e.target.value)} autoFocus />
      <label htmlFor={`${id}-due`} className="field-label">{t("requestDue")}</label>
      <input id={`${id}-due`} type="date" className="field-input w-48" value={due} onChange={(e) => setDue(e.target.value)} />
      <p className="text-xs text-slate-600">{t("requestHint")}</p>
      <div className="flex gap-2">
        <button type="button" className="btn border border-orange-500 bg-orange-100 text-orange-950" disabled={pending} onClick={() => onSend(text, due)}>{t("sendRequest")}</button>
        <button type="button" className="btn border border-slate-400 bg-white" onClick={onCancel}>{t("cancel")}</button>
      </div>
    </fieldset>
  );
}

function History({ items }: { items: HistoryView[] }) {
  const t = useTranslations("review.history");
  const format = useFormatter();
  if (items.length === 0) return null;
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "short", timeStyle: "short" });
  return (
    <section aria-labelledby="history-title">
      <h3 id="history-title" className="text-xs font-semibold uppercase text-slate-600">{t("title")}</h3>
      <ol className="mt-1 space-y-1 border-l-2 border-slate-300 pl-3 text-xs">
        {items.map((h, i) => (
          <li key={i}>
            <span className="font-semibold">{h.kind === "round" ? t("round", { round: h.round ?? 1 }) : t(h.kind)}</span>
            {h.score !== undefined && h.score !== null && <> · {t("score", { score: format.number(h.score) })}</>}
            {" · "}{when(h.at)}{h.by ? ` · ${h.by}` : ""}
            {h.reason && <p className="whitespace-pre-wrap text-slate-700">{h.reason}</p>}
            {h.kind === "request" && h.text && <p className="whitespace-pre-wrap text-slate-700">{h.text}{h.dueAt ? ` (${t("due", { date: when(h.dueAt) })})` : ""}</p>}
            {h.kind === "answer" && <p className="whitespace-pre-wrap text-slate-700">{h.text}{h.files ? ` · ${t("files", { count: h.files })}` : ""}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
