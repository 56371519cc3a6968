"use client";
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { OKABE_ITO } from "./palette";

export type DistributionDatum = { label: string; count: number; colour?: string };

/** Okabe–Ito blue, the default bar colour. */
const BAR = OKABE_ITO.blue;

/** How many units fall in each bin (histogram of indices) or category; integer counts. */
export function DistributionChart({ id, title, data, seriesLabel, xLabel }: { id: string; title: string; data: DistributionDatum[]; seriesLabel: string; xLabel: string }) {
  return (
    <figure id={id} aria-label={title} className="h-64 w-full bg-white">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 20, right: 12, bottom: 18, left: 0 }}>
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="label" fontSize={11} interval={0} label={{ value: xLabel, position: "insideBottom", offset: -12, fontSize: 11 }} />
          <YAxis allowDecimals={false} fontSize={11} width={32} />
          <Tooltip />
          <Bar dataKey="count" name={seriesLabel} isAnimationActive={false}>
            {data.map((d) => <Cell key={d.label} fill={d.colour ?? BAR} />)}
            <LabelList dataKey="count" position="top" fontSize={11} fill="#1e293b" />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
