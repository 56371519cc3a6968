/**
 * A number as people type it: "95,5", "95.5" or 95.5 → 95.5; empty → null; anything else is left as
 * it is for the schema to refuse. Shared by every input that takes points or figures.
 */
export function parseDecimalInput(v: unknown): unknown {
  if (v === "" || v === null || v === undefined) return null;
  if (typeof v === "string") {
    const t = v.trim().replace(/\s/g, "").replace(",", ".");
    return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : v;
  }
  return v;
}
