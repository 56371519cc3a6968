"use client";
import { Fragment, useMemo, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { compileFramework, scoreUnit, type Rankable, type UnitInput } from "@/lib/domain/engine";
import { flatten, type FlatNode, type FrameworkDoc } from "@/lib/domain/framework";
import { toCenti, type Centi } from "@/lib/domain/points";
import { allowedScores, type Rule } from "@/lib/domain/rules";
import { checkOverrides, simulate, type Overrides, type WhatIfBaseline } from "@/lib/domain/what-if";
import { Delta, WhatIfSummary } from "./what-if-summary";

/** Above this many steps a free-step rule gets a number field instead of a list. */
const MAX_CHOICES = 41;

type Choice = { value: Centi; label: string };

function parseScore(text: string): Centi | null {
  try {
    return text.trim() === "" ? null : toCenti(text.trim().replace(",", "."));
  } catch {
    return null;
  }
}

/**
 * The what-if simulator: the unit's criterion tree by area with a score chooser per self-scored leaf,
 * and the simulated index and rank beside it, recomputed in the browser by the scoring engine on every
 * change. Nothing is sent to the server.
 */
export function WhatIf({ framework, input, others, baseline }: {
  framework: FrameworkDoc; input: UnitInput; others: Rankable[]; baseline: WhatIfBaseline & { band: string | null };
}) {
  const t = useTranslations("whatIf");
  const locale = useLocale();
  const [overrides, setOverrides] = useState<Overrides>({});
  const [drafts, setDrafts] = useState<Record<string, { text: string; error: string | null }>>({});
  const [closed, setClosed] = useState<ReadonlySet<string>>(new Set());

  const compiled = useMemo(() => compileFramework(framework), [framework]);
  const recorded = useMemo(() => scoreUnit(compiled, input), [compiled, input]);
  const outcome = useMemo(() => simulate(compiled, input, overrides, others, baseline), [compiled, input, overrides, others, baseline]);
  const flat = useMemo(() => flatten(framework.tree), [framework]);
  const selfScored = useMemo(() => new Set(compiled.leaves.filter((l) => !l.survey).map((l) => l.area)), [compiled]);
  const points = (c: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(c / 100);
  const title = (n: { titleVi: string; titleEn: string }) => (locale === "en" ? n.titleEn : n.titleVi);
  const label = (o: { labelVi: string; labelEn: string }) => (locale === "en" ? o.labelEn : o.labelVi);

  if (!outcome.ok) {
    // Only valid overrides are kept, so this is a safeguard, not a state the user can reach.
    return <ul role="alert" className="text-accent-600">{outcome.issues.map((i) => <li key={i.code}>{t(`errors.${i.key}`, i.values)}</li>)}</ul>;
  }
  const sim = outcome.result;
  const changed = new Set(sim.changed);

  const choose = (code: string, value: Centi) => {
    setOverrides((o) => {
      const next = { ...o };
      if (value === recorded.leaves[code]!.effective) delete next[code];
      else next[code] = value;
      return next;
    });
  };
  /** A typed score (number field): kept only when the rule allows it, else the message and nothing changes. */
  const type = (code: string, text: string) => {
    const leaf = compiled.leaves[compiled.leafIndex.get(code)!]!;
    const value = parseScore(text);
    const issue = value === null ? { key: "notAllowed" as const, values: {} } : checkOverrides(compiled, { [code]: value })[0];
    if (issue) {
      const allowed = leaf.rule.kind === "free" ? `0–${points(leaf.max)} (${points(toCenti(leaf.rule.step))})` : "";
      setDrafts((d) => ({ ...d, [code]: { text, error: t(`errors.${issue.key}`, { code, score: text, allowed }) } }));
      return;
    }
    setDrafts((d) => ({ ...d, [code]: { text, error: null } }));
    choose(code, value!);
  };
  const reset = () => {
    setOverrides({});
    setDrafts({});
  };
  const maxArea = (area: string) => {
    const next: Record<string, Centi> = { ...overrides };
    for (const leaf of compiled.leaves) {
      if (leaf.area !== area || leaf.survey) continue;
      const best = allowedScores(leaf.rule, leaf.max)![0]!;
      if (best === recorded.leaves[leaf.code]!.effective) delete next[leaf.code];
      else next[leaf.code] = best;
    }
    setOverrides(next);
    setDrafts((d) => Object.fromEntries(Object.entries(d).filter(([code]) => !code.startsWith(`${area}.`))));
  };
  const toggle = (area: string, open: boolean) => setClosed((s) => {
    if (open === !s.has(area)) return s;
    const next = new Set(s);
    if (open) next.delete(area);
    else next.add(area);
    return next;
  });

  const choices = (rule: Rule, max: Centi): Choice[] => {
    const allowed = allowedScores(rule, max) ?? [];
    switch (rule.kind) {
      case "options":
        return allowed.map((v) => ({ value: v, label: `${points(v)} — ${label(rule.options.find((o) => toCenti(o.points) === v)!)}` }));
      case "tiers":
        return allowed.map((v) => {
          const tier = rule.tiers.find((x) => toCenti(x.points) === v);
          return { value: v, label: tier ? `${points(v)} — ${label(tier)}` : points(v) };
        });
      case "yesNo":
        return allowed.map((v, i) => ({ value: v, label: `${points(v)} — ${i === 0 ? t("tree.yes") : t("tree.no")}` }));
      default:
        return allowed.map((v) => ({ value: v, label: points(v) }));
    }
  };

  const leafControl = (f: FlatNode) => {
    const leaf = compiled.leaves[compiled.leafIndex.get(f.code)!]!;
    const current = sim.leaves[f.code]!.effective;
    const base = recorded.leaves[f.code]!;
    const name = t("tree.selectLabel", { code: f.code });
    if (leaf.survey) return <span className="text-xs text-slate-600">{t("tree.survey")}</span>;
    const list = choices(leaf.rule, leaf.max);
    if (list.length > MAX_CHOICES) {
      const draft = drafts[f.code];
      const errorId = `err-${f.code}`;
      return (
        <>
          <input type="number" inputMode="decimal" min={0} max={leaf.max / 100} step={leaf.rule.kind === "free" ? leaf.rule.step : 0.01}
            aria-label={name} aria-invalid={draft?.error ? true : undefined} aria-describedby={draft?.error ? errorId : undefined}
            value={draft?.text ?? String(current / 100)} onChange={(e) => type(f.code, e.target.value)}
            className="w-24 rounded border border-slate-400 bg-white px-1.5 py-0.5 text-right text-sm tabular-nums" />
          {draft?.error && <p id={errorId} role="alert" className="mt-0.5 text-xs text-accent-600">{draft.error}</p>}
        </>
      );
    }
    // A leaf without a usable score (0 points) under a rule that has no 0: show it as it stands.
    const options = list.some((c) => c.value === base.effective) ? list : [{ value: base.effective, label: `${points(base.effective)} — ${t("tree.missing")}` }, ...list];
    return (
      <select aria-label={name} value={current} onChange={(e) => choose(f.code, Number(e.target.value) as Centi)}
        className={`w-full rounded border bg-white px-1.5 py-0.5 text-sm tabular-nums ${changed.has(f.code) ? "border-amber-600 font-semibold" : "border-slate-400"}`}>
        {options.map((c) => <option key={c.value} value={c.value}>{c.label}</option>)}
      </select>
    );
  };

  return (
    <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,1fr)_23rem]">
      <div className="order-2 space-y-3 lg:order-1">
        <div className="flex flex-wrap justify-end gap-2 text-sm">
          <button type="button" className="btn border border-slate-400 bg-white py-1" onClick={() => setClosed(new Set())}>{t("tree.expandAll")}</button>
          <button type="button" className="btn border border-slate-400 bg-white py-1" onClick={() => setClosed(new Set(compiled.areas))}>{t("tree.collapseAll")}</button>
        </div>
        {framework.tree.map((area) => {
          const before = recorded.nodes[area.code]!;
          const after = sim.nodes[area.code]!;
          const rows = flat.filter((f) => f.code.startsWith(`${area.code}.`));
          const areaChanged = after.achieved !== before.achieved;
          return (
            <details key={area.code} open={!closed.has(area.code)} onToggle={(e) => toggle(area.code, e.currentTarget.open)}
              className="card group" data-testid={`area-${area.code}`}>
              <summary className="flex cursor-pointer list-none items-baseline gap-3 px-4 py-2 hover:bg-brand-50 [&::-webkit-details-marker]:hidden">
                <span aria-hidden="true" className="inline-block w-3 text-brand-700 transition-transform group-open:rotate-90">▸</span>
                <span className="flex-1 font-semibold text-brand-800">{area.code}. {title(area)}</span>
                <span className="whitespace-nowrap text-sm tabular-nums text-slate-700">
                  {t("tree.areaPoints", { achieved: points(before.achieved), max: points(before.max) })}
                  {areaChanged && <span className="ml-2 font-semibold text-slate-900">→ {points(after.achieved)} <Delta value={after.achieved - before.achieved} format={points} /></span>}
                </span>
              </summary>
              <div className="border-t border-slate-200">
                <table className="table-dense table-fixed">
                  <caption className="sr-only">{t("tree.caption", { area: `${area.code}. ${title(area)}` })}</caption>
                  <colgroup><col className="w-16" /><col /><col className="w-20" /><col className="w-28" /><col className="w-52" /><col className="w-20" /></colgroup>
                  <thead>
                    <tr>
                      <th scope="col">{t("tree.code")}</th>
                      <th scope="col">{t("tree.criterion")}</th>
                      <th scope="col" className="num whitespace-nowrap">{t("tree.max")}</th>
                      <th scope="col" className="num">{t("tree.current")}</th>
                      <th scope="col">{t("tree.simulated")}</th>
                      <th scope="col" className="num">{t("tree.change")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((f) => {
                      const indent = { paddingLeft: `${0.75 + (f.depth - 2) * 1}rem` };
                      if (!f.isLeaf) {
                        const b = recorded.nodes[f.code]!;
                        const a = sim.nodes[f.code]!;
                        return (
                          <tr key={f.code} className="bg-slate-50">
                            <td className="font-semibold tabular-nums">{f.code}</td>
                            <td className="font-semibold" style={indent}>{title(f.node)}</td>
                            <td className="num font-semibold">{points(b.max)}</td>
                            <td className="num font-semibold">{points(b.achieved)}</td>
                            <td className="font-semibold tabular-nums">{a.achieved !== b.achieved ? points(a.achieved) : ""}</td>
                            <td className="num">{a.achieved !== b.achieved && <Delta value={a.achieved - b.achieved} format={points} />}</td>
                          </tr>
                        );
                      }
                      const base = recorded.leaves[f.code]!;
                      const now = sim.leaves[f.code]!;
                      const max = toCenti(f.node.maxPoints);
                      const isChanged = changed.has(f.code);
                      return (
                        <tr key={f.code} data-testid={`leaf-${f.code}`} data-changed={isChanged || undefined}
                          className={isChanged ? "bg-amber-50 [&>td:first-child]:border-l-4 [&>td:first-child]:border-l-amber-500" : undefined}>
                          <td className="tabular-nums">{f.code}</td>
                          <td style={indent}>{title(f.node)}</td>
                          <td className="num">{points(max)}</td>
                          <td className="num" data-testid="current" data-centi={base.effective}>
                            <span className="font-medium">{points(base.effective)}</span>
                            <span className="block text-xs text-slate-600">{t(`tree.source.${base.source}`)}</span>
                            {base.effective < max && base.source !== "survey" && <span className="block text-xs text-accent-600">{t("tree.lost", { points: points(max - base.effective) })}</span>}
                          </td>
                          <td>{leafControl(f)}</td>
                          <td className="num">{isChanged && <Delta value={now.effective - base.effective} format={points} />}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
                {selfScored.has(area.code) && <div className="flex justify-end px-3 py-2">
                  <button type="button" className="btn border border-slate-400 bg-white py-1" onClick={() => maxArea(area.code)}>
                    {t("tree.maxArea")}<span className="sr-only"> — {area.code}. {title(area)}</span>
                  </button>
                </div>}
              </div>
            </details>
          );
        })}
      </div>
      <div className="order-1 lg:sticky lg:top-2 lg:order-2">
        <WhatIfSummary framework={framework} recorded={recorded} sim={sim} baseline={baseline} changedCount={sim.changed.length} onReset={reset} />
      </div>
    </div>
  );
}
