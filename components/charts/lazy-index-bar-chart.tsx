"use client";
import dynamic from "next/dynamic";
import type { ComponentProps } from "react";
import type { IndexBarChart as Chart } from "./index-bar-chart";
import { barChartHeight } from "./sizes";

/** The charting library (about 110 kB gzip) loads after the page, not with it; the space is kept meanwhile. */
const IndexBarChart = dynamic(() => import("./index-bar-chart").then((m) => m.IndexBarChart), { ssr: false });

/** `IndexBarChart`, loaded lazily (the rankings page's table and figures come first). */
export function LazyIndexBarChart(props: ComponentProps<typeof Chart>) {
  return <div style={{ minHeight: props.height ?? barChartHeight(props.data.length) }}><IndexBarChart {...props} /></div>;
}
