import type { Centi } from "./points";

/**
 * Index arithmetic. The index is achieved ÷ maximum × 100, kept as an exact fraction; it is rounded
 * only for display, half away from zero, to 2 decimals (e.g. 87.145 → 87.15).
 */
export type Fraction = { achieved: Centi; max: Centi };

/** Index in hundredths of a percent (8714 = 87.14 %), rounded half up; null when there is no maximum. */
export function indexHundredths({ achieved, max }: Fraction): number | null {
  if (max <= 0) return null;
  const scaled = achieved * 10_000; // × 100 for percent, × 100 for two decimals
  const q = Math.floor(scaled / max);
  const remainder = scaled - q * max;
  return remainder * 2 >= max ? q + 1 : q;
}

export function formatIndex(f: Fraction, locale: string): string {
  const h = indexHundredths(f);
  return h === null ? "—" : formatHundredths(h, locale);
}

const TWO_DECIMALS = new Map<string, Intl.NumberFormat>();

/**
 * A value kept in hundredths (an index in hundredths of a percent, or points as `Centi`) with exactly
 * two decimals in the locale's way: 8714 → "87,14" (vi), "87.14" (en). One formatter per locale.
 */
export function formatHundredths(hundredths: number, locale: string): string {
  let f = TWO_DECIMALS.get(locale);
  if (!f) TWO_DECIMALS.set(locale, (f = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 })));
  return f.format(hundredths / 100);
}

/** Exact comparison of two indices (cross-multiplication, no division). */
export function compareFractions(a: Fraction, b: Fraction): number {
  return a.achieved * b.max - b.achieved * a.max;
}
