/**
 * Exact points. Every score in the domain is an integer number of hundredths of a point
 * ("centipoints"), so sums and comparisons are exact; conversion happens only at the edges
 * (database decimals, JSON numbers, display).
 */
export type Centi = number & { readonly __brand: "centipoints" };

const DECIMAL = /^(-)?(\d+)(?:\.(\d{1,2})0*)?$/;

/** Parses "12", "0.5", "-1.25", 0.5 or a Prisma Decimal into hundredths; throws on more than 2 decimals. */
export function toCenti(value: string | number | { toString(): string }): Centi {
  const text = typeof value === "number" ? numberText(value) : value.toString().trim();
  const m = DECIMAL.exec(text);
  if (!m) throw new RangeError(`Not a points value with at most 2 decimals: ${text}`);
  const whole = Number(m[2]);
  const frac = Number((m[3] ?? "").padEnd(2, "0"));
  const abs = whole * 100 + frac;
  if (!Number.isSafeInteger(abs)) throw new RangeError(`Points value out of range: ${text}`);
  return (m[1] && abs !== 0 ? -abs : abs) as Centi;
}

function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`Not a finite number: ${n}`);
  // Round-trip through 12 significant digits to undo binary representation noise (0.1 + 0.2).
  return Number(n.toPrecision(12)).toString();
}

export function isCentiValue(value: unknown): boolean {
  try {
    toCenti(value as string | number);
    return true;
  } catch {
    return false;
  }
}

/** "12.50" — the canonical decimal text, as stored in numeric(8,2). */
export function centiToDecimalString(c: Centi): string {
  const sign = c < 0 ? "-" : "";
  const abs = Math.abs(c);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** As a JSON number (exact for 2 decimals after formatting). */
export function centiToNumber(c: Centi): number {
  return Number(centiToDecimalString(c));
}

export const ZERO = 0 as Centi;

export function sumCenti(values: Iterable<Centi>): Centi {
  let total = 0;
  for (const v of values) total += v;
  return total as Centi;
}
