"use client";
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatHundredths } from "@/lib/domain/scoring";
import { OKABE_ITO } from "./palette";
import { barChartHeight } from "./sizes";

export type IndexBar = { code: string; label: string; index: number };

/** Okabe–Ito colours (colour-blind safe) for the classification bands. */
export const BAND_COLOURS = { high: OKABE_ITO.blue, mid: OKABE_ITO.orange, low: OKABE_ITO.vermillion } as const;

export function bandOf(index: number): keyof typeof BAND_COLOURS {
  return index >= 90 ? "high" : index >= 80 ? "mid" : "low";
}

/**
 * Horizontal bars, one per unit, sorted by index; the page renders the same data as a table too.
 * `height` in pixels: by default about 22 px per bar (at least 200).
 */
export function IndexBarChart({ data, title, seriesLabel, locale, height }: { data: IndexBar[]; title: string; seriesLabel: string; locale: string; height?: number }) {
  const format = (v: number) => formatHundredths(Math.round(v * 100), locale);
  const min = Math.max(0, Math.floor(Math.min(...data.map((d) => d.index)) / 10) * 10 - 10);
  return (
    <figure aria-label={title} className="w-full" style={{ height: height ?? barChartHeight(data.length) }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 48, bottom: 4, left: 8 }}>
          <CartesianGrid horizontal={false} stroke="#e2e8f0" />
          <XAxis type="number" domain={[min, 100]} tickFormatter={(v: number) => String(v)} fontSize={11} />
          <YAxis type="category" dataKey="label" width={260} fontSize={11} interval={0} />
          <Tooltip formatter={(v) => format(Number(v))} />
          <Bar dataKey="index" name={seriesLabel} isAnimationActive={false}>
            {data.map((d) => <Cell key={d.code} fill={BAND_COLOURS[bandOf(d.index)]} />)}
            <LabelList dataKey="index" position="right" formatter={(v) => format(Number(v))} fontSize={11} />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
