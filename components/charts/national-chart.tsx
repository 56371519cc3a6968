"use client";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { ChartExport } from "@/components/dashboard/export-buttons";
import { formatHundredths } from "@/lib/domain/scoring";
import { OKABE_ITO } from "./palette";

export type NationalChartPoint = { year: number; index: number; rank: number | null; of: number; sipas: number | null; partial: boolean };

/** Okabe–Ito colours (colour-blind safe); the three series also differ by line style and marker. */
const COLOURS = { index: OKABE_ITO.blue, sipas: OKABE_ITO.green, rank: OKABE_ITO.vermillion } as const;

export type NationalChartLabels = { title: string; index: string; sipas: string; rank: string; axisScore: string; axisRank: string; partial: string };

/**
 * A province's national PAR INDEX over the years: index and SIPAS on the left axis (points, %), the
 * national rank on the right axis, reversed so that a better rank is higher. The page shows the same
 * figures as a table.
 */
export function NationalChart({ data, labels, locale, filename }: { data: NationalChartPoint[]; labels: NationalChartLabels; locale: string; filename: string }) {
  const decimal = (v: number) => formatHundredths(Math.round(v * 100), locale);
  const scores = data.flatMap((d) => [d.index, d.sipas ?? d.index]);
  const low = Math.max(0, Math.floor((Math.min(...scores) - 5) / 10) * 10);
  const step = 100 - low > 30 ? 10 : 5;
  const scoreTicks = Array.from({ length: (100 - low) / step + 1 }, (_, i) => low + i * step);
  const worst = Math.max(...data.map((d) => d.of));
  const years = data.map((d) => d.year);
  const hasSipas = data.some((d) => d.sipas !== null);
  const hasRank = data.some((d) => d.rank !== null);
  const partialYears = new Set(data.filter((d) => d.partial).map((d) => d.year));
  return (
    <div>
      <div className="mb-2 flex justify-end"><ChartExport targetId="national-chart" filename={filename} /></div>
      <figure id="national-chart" aria-label={labels.title} className="h-[360px] w-full bg-white">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 8, right: 8, bottom: 4, left: 0 }}>
            <CartesianGrid stroke="#e2e8f0" />
            <XAxis dataKey="year" type="number" domain={[Math.min(...years) - 0.5, Math.max(...years) + 0.5]} ticks={years} allowDecimals={false}
              tickFormatter={(y: number) => (partialYears.has(y) ? `${y}*` : String(y))} fontSize={11} />
            <YAxis yAxisId="score" domain={[low, 100]} ticks={scoreTicks} allowDecimals={false} fontSize={11} width={44}
              label={{ value: labels.axisScore, angle: -90, position: "insideLeft", fontSize: 11, fill: "#475569", dx: 10 }} />
            {hasRank && (
              <YAxis yAxisId="rank" orientation="right" reversed domain={[1, worst]} allowDecimals={false} fontSize={11} width={52}
                ticks={[1, ...[10, 20, 30, 40, 50, 60].filter((t) => t < worst), worst]}
                label={{ value: labels.axisRank, angle: 90, position: "insideRight", fontSize: 11, fill: "#475569", dx: -6 }} />
            )}
            <Tooltip labelFormatter={(y) => (partialYears.has(Number(y)) ? `${y} (${labels.partial})` : String(y))}
              formatter={(v, name, item) => {
                const p = item.payload as NationalChartPoint;
                return name === labels.rank ? `${v}/${p.of}` : decimal(Number(v));
              }} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Line yAxisId="score" dataKey="index" name={labels.index} stroke={COLOURS.index} strokeWidth={2.5} isAnimationActive={false}
              dot={{ r: 4, fill: COLOURS.index }} connectNulls />
            {hasSipas && (
              <Line yAxisId="score" dataKey="sipas" name={labels.sipas} stroke={COLOURS.sipas} strokeWidth={2} strokeDasharray="6 3" isAnimationActive={false}
                dot={{ r: 5, fill: "#fff", stroke: COLOURS.sipas, strokeWidth: 2.5 }} connectNulls />
            )}
            {hasRank && (
              <Line yAxisId="rank" dataKey="rank" name={labels.rank} stroke={COLOURS.rank} strokeWidth={2} strokeDasharray="2 3" isAnimationActive={false}
                dot={{ r: 4, fill: COLOURS.rank, strokeWidth: 0 }} connectNulls />
            )}
          </LineChart>
        </ResponsiveContainer>
      </figure>
    </div>
  );
}
