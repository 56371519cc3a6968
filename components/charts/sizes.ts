/** Height of a horizontal bar chart of `bars` bars: about 22 px a bar plus axes, at least 200 px. */
export function barChartHeight(bars: number): number {
  return Math.max(200, 22 * bars + 70);
}
