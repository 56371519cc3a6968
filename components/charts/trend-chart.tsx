"use client";
import { CartesianGrid, LabelList, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatHundredths } from "@/lib/domain/scoring";
import { OKABE_ITO } from "./palette";

export type TrendDatum = { year: number; index: number; basis: "own" | "lineage" };

/** Okabe–Ito: blue for the unit's own results, vermillion (dashed, hollow markers) for its predecessors combined. */
const OWN = OKABE_ITO.blue;
const LINEAGE = OKABE_ITO.vermillion;

type Row = { year: string; own: number | null; lineage: number | null; ownLabel?: number; lineageLabel?: number; basis: TrendDatum["basis"]; index: number };

/**
 * A unit's index over the years. Years before the unit existed (its predecessors combined) are drawn
 * dashed with hollow markers and named in the legend, so they do not depend on colour alone.
 */
export function TrendChart({ id, title, data, locale, labels }: {
  id: string; title: string; data: TrendDatum[]; locale: string;
  labels: { own: string; lineage: string; year: string };
}) {
  const format = (v: unknown) => (typeof v === "number" ? formatHundredths(Math.round(v * 100), locale) : "");
  const firstOwn = data.findIndex((d) => d.basis === "own");
  const rows: Row[] = data.map((d, i) => ({
    year: String(d.year), basis: d.basis, index: d.index,
    own: d.basis === "own" ? d.index : null,
    // The dashed line runs up to the first own year, so that the two parts join.
    lineage: d.basis === "lineage" || (i === firstOwn && i > 0 && data[i - 1]!.basis === "lineage") ? d.index : null,
    ownLabel: d.basis === "own" ? d.index : undefined,
    lineageLabel: d.basis === "lineage" ? d.index : undefined,
  }));
  const hasLineage = data.some((d) => d.basis === "lineage");
  const min = Math.max(0, Math.floor(Math.min(...data.map((d) => d.index)) / 5) * 5 - 5);
  const step = 100 - min > 30 ? 10 : 5;
  const ticks = Array.from({ length: Math.ceil((100 - min) / step) + 1 }, (_, i) => 100 - i * step).reverse();
  return (
    <figure id={id} aria-label={title} className="h-72 w-full bg-white">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows} margin={{ top: 20, right: 32, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="#e2e8f0" />
          <XAxis dataKey="year" fontSize={12} padding={{ left: 24, right: 24 }} />
          <YAxis domain={[ticks[0] ?? min, 100]} ticks={ticks} fontSize={12} width={40} />
          <Tooltip content={({ active, label }) => {
            const row = rows.find((r) => r.year === String(label));
            if (!active || !row) return null;
            return (
              <div className="rounded border border-slate-300 bg-white px-2 py-1 text-xs shadow">
                <p className="font-semibold">{labels.year} {row.year}</p>
                <p>{row.basis === "own" ? labels.own : labels.lineage}: {format(row.index)}</p>
              </div>
            );
          }} />
          <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
          {hasLineage && (
            <Line dataKey="lineage" name={labels.lineage} stroke={LINEAGE} strokeWidth={2} strokeDasharray="6 4" connectNulls={false}
              isAnimationActive={false} activeDot={false}
              dot={(p: { cx?: number; cy?: number; index?: number }) => (
                <circle key={`l-${p.index}`} cx={p.cx} cy={p.cy} r={rows[p.index ?? 0]?.basis === "lineage" ? 5 : 0} fill="#fff" stroke={LINEAGE} strokeWidth={2} />
              )}>
              <LabelList dataKey="lineageLabel" position="top" formatter={format} fontSize={11} fill="#7c2d12" />
            </Line>
          )}
          <Line dataKey="own" name={labels.own} stroke={OWN} strokeWidth={2.5} isAnimationActive={false} dot={{ r: 5, fill: OWN }}>
            <LabelList dataKey="ownLabel" position="top" formatter={format} fontSize={11} fill="#1e3a8a" />
          </Line>
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
