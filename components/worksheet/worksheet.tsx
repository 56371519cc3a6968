"use client";
import { useCallback, useEffect, useMemo, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { pointsForDeclaredValue } from "@/lib/domain/rules";
import { saveLeafAction, submitAssessmentAction } from "@/lib/server/actions/worksheet";
import { EvidenceCell } from "./evidence-cell";
import { LeafInput } from "./leaf-input";
import type { Draft, EntryState, SaveState, WsArea, WsEvidence, WsLeaf } from "./types";
import { actionErrorText } from "@/components/forms/action-error";

const AUTOSAVE_MS = 700;

/**
 * The unit's self-assessment worksheet. Every change is saved on its own (options at once, typed text
 * after a short pause) with the version the user edited; a conflicting save shows the other value and
 * lets the user choose. What was typed stays in the form until it is saved.
 */
export function Worksheet({ assessmentId, editable, areas, initialEntries, initialEvidence }: {
  assessmentId: string; editable: boolean; areas: WsArea[]; initialEntries: Record<string, EntryState>; initialEvidence: WsEvidence[];
}) {
  const t = useTranslations("worksheet");
  const tAll = useTranslations();
  const format = useFormatter();
  const locale = useLocale();
  const router = useRouter();
  const [entries, setEntries] = useState(initialEntries);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [states, setStates] = useState<Record<string, SaveState>>({});
  const [evidence, setEvidence] = useState(initialEvidence);
  const [problems, setProblems] = useState<{ code: string; key: string }[] | null>(null);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [submitting, startSubmit] = useTransition();
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const entriesRef = useRef(entries);
  const n = (v: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(v);
  const leaves = useMemo(() => areas.flatMap((a) => a.rows.filter((r): r is WsLeaf => r.kind === "leaf")), [areas]);

  // Unsaved edits per leaf (the source of truth; `drafts` mirrors it for rendering), and one save
  // chain per leaf so a second save always carries the version the first one returned.
  const pendingRef = useRef(new Map<string, Draft>());
  const chains = useRef(new Map<string, Promise<void>>());

  const runSave = useCallback(async (code: string, version?: number) => {
    const patch = { ...pendingRef.current.get(code) };
    if (Object.keys(patch).length === 0) return;
    setStates((s) => ({ ...s, [code]: { kind: "saving" } }));
    const expectedVersion = version ?? entriesRef.current[code]?.version ?? 0;
    const r = await saveLeafAction({ assessmentId, criterion: code, expectedVersion,
      ...(patch.selfScore !== undefined ? { selfScore: patch.selfScore } : {}),
      ...(patch.declaredValue !== undefined ? { declaredValue: patch.declaredValue } : {}),
      ...(patch.explanation !== undefined ? { explanation: patch.explanation } : {}) });
    if (r.ok) {
      entriesRef.current = { ...entriesRef.current, [code]: r.data };
      setEntries(entriesRef.current);
      // Keep only what was typed after this save started.
      const rest = { ...pendingRef.current.get(code) };
      for (const k of Object.keys(patch) as (keyof Draft)[]) if (rest[k] === patch[k]) delete rest[k];
      pendingRef.current.set(code, rest);
      setDrafts((d) => ({ ...d, [code]: rest }));
      setStates((s) => ({ ...s, [code]: { kind: "saved", at: new Date() } }));
    } else if (r.conflict) {
      setStates((s) => ({ ...s, [code]: { kind: "conflict", current: r.conflict as EntryState } }));
    } else {
      setStates((s) => ({ ...s, [code]: { kind: "error", message: actionErrorText(r, tAll) } }));
    }
  }, [assessmentId, tAll]);

  const save = useCallback((code: string, version?: number) => {
    const next = (chains.current.get(code) ?? Promise.resolve()).then(() => runSave(code, version));
    chains.current.set(code, next.catch(() => undefined));
    return next;
  }, [runSave]);

  const change = (code: string, patch: Draft, delay: number) => {
    const next = { ...pendingRef.current.get(code), ...patch };
    pendingRef.current.set(code, next);
    setDrafts((d) => ({ ...d, [code]: next }));
    clearTimeout(timers.current.get(code));
    timers.current.set(code, setTimeout(() => void save(code), delay));
  };

  // Leaving with unsaved changes asks first.
  const pending = Object.values(drafts).some((d) => Object.keys(d).length > 0) || Object.values(states).some((s) => s.kind === "saving" || s.kind === "conflict" || s.kind === "error");
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => { if (pending) e.preventDefault(); };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [pending]);

  const scoreOf = (leaf: WsLeaf): number | null => {
    const d = drafts[leaf.code];
    if (leaf.rule.kind === "tiers") {
      const text = d?.declaredValue ?? (entries[leaf.code]?.declaredValue != null ? String(entries[leaf.code]!.declaredValue) : "");
      const v = Number(text.replace(",", "."));
      return text.trim() !== "" && Number.isFinite(v) ? pointsForDeclaredValue(leaf.rule, v) / 100 : null;
    }
    return d?.selfScore !== undefined ? d.selfScore : entries[leaf.code]?.selfScore ?? null;
  };
  const explanationOf = (code: string) => drafts[code]?.explanation ?? entries[code]?.explanation ?? "";
  const evidenceCount = (code: string) => evidence.filter((e) => e.criteria.includes(code)).length;

  const selfLeaves = leaves.filter((l) => !l.survey);
  const scored = selfLeaves.filter((l) => scoreOf(l) !== null).length;
  const mandatory = selfLeaves.filter((l) => l.evidenceMandatory);
  const covered = mandatory.filter((l) => evidenceCount(l.code) > 0 || explanationOf(l.code).trim()).length;
  const total = selfLeaves.reduce((s, l) => s + Math.round((scoreOf(l) ?? 0) * 100), 0) / 100;
  const maxSelf = selfLeaves.reduce((s, l) => s + Math.round(l.max * 100), 0) / 100;
  const saving = Object.values(states).some((s) => s.kind === "saving");
  // Typed but not sent yet (the autosave pause): not "all saved".
  const unsent = Object.values(drafts).some((d) => Object.keys(d).length > 0);
  const failed = Object.values(states).filter((s) => s.kind === "error" || s.kind === "conflict").length;

  function submit() {
    setProblems(null);
    setSubmitError(null);
    startSubmit(async () => {
      const r = await submitAssessmentAction({ assessmentId });
      if (r.ok) router.refresh();
      else if (r.issues?.length) setProblems(r.issues.map((i) => ({ code: String(i.path[0]), key: i.key })));
      else setSubmitError(tAll(r.error.key, r.error.values));
    });
  }

  return (
    <div className="space-y-4">
      <div className="card sticky top-0 z-10 flex flex-wrap items-center gap-x-6 gap-y-2 px-4 py-2">
        <p className="text-sm" data-testid="save-state" role="status" aria-live="polite">
          {failed ? <span className="text-accent-600">{t("unsaved", { count: failed })}</span> : saving || unsent ? t("saving") : t("allSaved")}
        </p>
        <p className="text-sm">{t("progressScored", { scored, total: selfLeaves.length })}</p>
        <p className="text-sm">{t("progressEvidence", { covered, total: mandatory.length })}</p>
        <p className="text-sm font-semibold" data-testid="total">{t("total", { points: n(total), max: n(maxSelf) })}</p>
        {editable && <button type="button" className="btn-primary ml-auto" disabled={submitting || pending} onClick={submit}>{submitting ? t("submitting") : t("submit")}</button>}
      </div>
      {submitError && <p role="alert" className="rounded border border-accent-600/40 bg-red-50 px-3 py-2 text-sm text-accent-600">{submitError}</p>}
      {problems && (
        <div role="alert" className="rounded border border-accent-600/40 bg-red-50 px-3 py-2 text-sm text-accent-600">
          <p className="font-medium">{t("problemsTitle", { count: problems.length })}</p>
          <ul className="mt-1 list-disc pl-5">{problems.map((p) => <li key={p.code}><a href={`#leaf-${p.code}`} className="underline">{tAll(p.key, { code: p.code })}</a></li>)}</ul>
        </div>
      )}
      {areas.map((area) => {
        const areaLeaves = area.rows.filter((r): r is WsLeaf => r.kind === "leaf" && !r.survey);
        const areaPoints = areaLeaves.reduce((s, l) => s + Math.round((scoreOf(l) ?? 0) * 100), 0) / 100;
        return (
          <section key={area.code} className="card" aria-labelledby={`area-${area.code}`}>
            <h2 id={`area-${area.code}`} className="card-title flex justify-between gap-4">
              <span>{area.code}. {area.title}</span>
              <span className="tabular-nums" data-testid={`area-total-${area.code}`}>{t("areaTotal", { points: n(areaPoints), max: n(area.max) })}</span>
            </h2>
            <table className="table-dense">
              <thead><tr><th scope="col">{t("code")}</th><th scope="col">{t("criterion")}</th><th scope="col" className="num">{t("max")}</th>
                <th scope="col">{t("selfScore")}</th><th scope="col">{t("evidenceAndExplanation")}</th></tr></thead>
              <tbody>{area.rows.map((row) => row.kind === "node" ? (
                <tr key={row.code} className="bg-slate-50"><td className="font-mono text-xs">{row.code}</td><td colSpan={4} className="font-medium">{row.title} <span className="text-xs text-slate-600">({n(row.max)})</span></td></tr>
              ) : (
                <tr key={row.code} id={`leaf-${row.code}`} data-testid={`leaf-${row.code}`}>
                  <td className="whitespace-nowrap font-mono text-xs">{row.code}</td>
                  <td className="max-w-md">
                    <p>{row.title}</p>
                    <p className="mt-0.5 text-xs text-slate-600">{row.ruleText}</p>
                    {row.evidenceText && <p className="mt-0.5 text-xs text-slate-600">{t("evidenceRequired")}: {row.evidenceText}{row.evidenceMandatory && <span className="text-accent-600"> ({t("mandatory")})</span>}</p>}
                  </td>
                  <td className="num">{n(row.max)}</td>
                  <td className="min-w-48">
                    <LeafInput leaf={row} score={scoreOf(row)} disabled={!editable}
                      declared={drafts[row.code]?.declaredValue ?? (entries[row.code]?.declaredValue != null ? String(entries[row.code]!.declaredValue).replace(".", locale === "vi" ? "," : ".") : "")}
                      onScore={(v) => change(row.code, { selfScore: v }, 0)} onDeclared={(v) => change(row.code, { declaredValue: v }, AUTOSAVE_MS)} />
                    <LeafState state={states[row.code]} format={format} onKeepMine={(current) => void save(row.code, current.version)}
                      onTakeTheirs={(current) => {
                        entriesRef.current = { ...entriesRef.current, [row.code]: current };
                        setEntries(entriesRef.current);
                        pendingRef.current.set(row.code, {});
                        setDrafts((d) => ({ ...d, [row.code]: {} }));
                        setStates((s) => ({ ...s, [row.code]: { kind: "idle" } }));
                      }}
                      describe={(c) => describeEntry(row, c, n, t)} mine={describeEntry(row, { selfScore: scoreOf(row), declaredValue: null, explanation: explanationOf(row.code) }, n, t)} />
                  </td>
                  <td className="min-w-64">
                    {!row.survey && (
                      <>
                        <label htmlFor={`explain-${row.code}`} className="sr-only">{t("explanationFor", { code: row.code })}</label>
                        <textarea id={`explain-${row.code}`} rows={2} disabled={!editable} placeholder={t("explanationPlaceholder")}
                          value={explanationOf(row.code)} onChange={(e) => change(row.code, { explanation: e.target.value }, AUTOSAVE_MS)}
                          className="field-input mb-1 py-1 text-xs" />
                        <EvidenceCell assessmentId={assessmentId} code={row.code} evidence={evidence} editable={editable} onChange={setEvidence} />
                      </>
                    )}
                  </td>
                </tr>
              ))}</tbody>
            </table>
          </section>
        );
      })}
    </div>
  );
}

function describeEntry(leaf: WsLeaf, e: Pick<EntryState, "selfScore" | "declaredValue" | "explanation">, n: (v: number) => string,
  t: ReturnType<typeof useTranslations<"worksheet">>): string {
  const parts = [e.selfScore === null ? t("noScore") : t("scoreIs", { points: n(e.selfScore) })];
  if (leaf.rule.kind === "tiers" && e.declaredValue !== null) parts.push(t("declaredIs", { value: n(e.declaredValue) }));
  if (e.explanation) parts.push(`“${e.explanation.slice(0, 80)}”`);
  return parts.join(", ");
}

function LeafState({ state, format, onKeepMine, onTakeTheirs, describe, mine }: {
  state: SaveState | undefined; format: ReturnType<typeof useFormatter>;
  onKeepMine: (current: EntryState) => void; onTakeTheirs: (current: EntryState) => void;
  describe: (current: EntryState) => string; mine: string;
}) {
  const t = useTranslations("worksheet");
  if (!state || state.kind === "idle") return null;
  if (state.kind === "saving") return <p className="mt-1 text-xs text-slate-600">{t("savingLeaf")}</p>;
  if (state.kind === "saved") return <p className="mt-1 text-xs text-emerald-800">{t("savedAt", { time: format.dateTime(state.at, { timeStyle: "short" }) })}</p>;
  if (state.kind === "error") return <p role="alert" className="mt-1 text-xs text-accent-600">{state.message}</p>;
  const c = state.current;
  return (
    <div role="alert" className="mt-1 rounded border border-amber-400 bg-amber-50 p-2 text-xs text-amber-950" data-testid="conflict">
      <p>{t("conflict", { name: c.updatedBy ?? "?", time: c.updatedAt ? format.dateTime(new Date(c.updatedAt), { dateStyle: "short", timeStyle: "short" }) : "" })}</p>
      <p className="mt-0.5">{t("theirValue")}: <strong>{describe(c)}</strong></p>
      <p>{t("yourValue")}: <strong>{mine}</strong></p>
      <div className="mt-1 flex gap-2">
        <button type="button" className="btn border border-amber-600 bg-white px-2 py-0.5 text-xs" onClick={() => onKeepMine(c)}>{t("keepMine")}</button>
        <button type="button" className="btn border border-slate-400 bg-white px-2 py-0.5 text-xs" onClick={() => onTakeTheirs(c)}>{t("takeTheirs")}</button>
      </div>
    </div>
  );
}
