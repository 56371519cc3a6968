import { compareFractions, type Fraction } from "./scoring";

/**
 * Standard competition ranking ("1, 2, 2, 4"): units with exactly the same index (compared as exact
 * fractions, not rounded values) share a rank and the next rank skips. Order within a tie: by key (code-point order, independent of locale).
 */
export function rank<T extends { key: string; score: Fraction }>(items: readonly T[]): (T & { rank: number })[] {
  const sorted = [...items].sort((a, b) => compareFractions(b.score, a.score) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const out: (T & { rank: number })[] = [];
  sorted.forEach((item, i) => {
    const prev = out[i - 1];
    const tied = prev !== undefined && compareFractions(prev.score, item.score) === 0;
    out.push({ ...item, rank: tied ? prev.rank : i + 1 });
  });
  return out;
}
