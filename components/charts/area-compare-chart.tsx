"use client";
import { Bar, BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatHundredths } from "@/lib/domain/scoring";
import { OKABE_ITO } from "./palette";

export type AreaDatum = { code: string; label: string; values: Record<string, number | null> };
/** `tone`: "primary" (the unit, or a single series) or "reference" (the average it is compared with). */
export type AreaSeries = { key: string; name: string; tone: "primary" | "reference" };

/** Okabe–Ito colours: blue for the unit, orange for the average. */
const COLOURS = { primary: OKABE_ITO.blue, reference: OKABE_ITO.orange } as const;

/** Component index per area, one bar per series (e.g. the unit against the group's average). */
export function AreaCompareChart({ id, title, data, series, locale }: { id: string; title: string; data: AreaDatum[]; series: AreaSeries[]; locale: string }) {
  const format = (v: unknown) => (typeof v === "number" ? formatHundredths(Math.round(v * 100), locale) : "");
  const rows = data.map((d) => ({ label: d.label, ...Object.fromEntries(series.map((s) => [s.key, d.values[s.key] ?? null])) }));
  const values = data.flatMap((d) => Object.values(d.values)).filter((v): v is number => v !== null);
  const min = Math.max(0, Math.floor(Math.min(100, ...values) / 10) * 10 - 10);
  const ticks = Array.from({ length: (100 - min) / 10 + 1 }, (_, i) => min + i * 10);
  const height = 48 + data.length * (series.length * 20 + 14);
  return (
    <figure id={id} aria-label={title} className="w-full bg-white" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} layout="vertical" margin={{ top: 4, right: 48, bottom: 4, left: 8 }} barGap={2}>
          <CartesianGrid horizontal={false} stroke="#e2e8f0" />
          <XAxis type="number" domain={[min, 100]} ticks={ticks} fontSize={11} />
          <YAxis type="category" dataKey="label" width={230} fontSize={11} interval={0} />
          <Tooltip formatter={(v) => format(Number(v))} />
          <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.name} fill={COLOURS[s.tone]} isAnimationActive={false} barSize={16}>
              <LabelList dataKey={s.key} position="right" formatter={format} fontSize={10} fill="#1e293b" />
            </Bar>
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
