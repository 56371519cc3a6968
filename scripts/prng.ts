/**
 * mulberry32: a small deterministic pseudo-random generator, so demo data, timings and benchmarks are
 * the same on every machine. Seeded by a number or by a text (hashed).
 */
export function prng(seed: number | string): () => number {
  let a = 0;
  if (typeof seed === "number") a = seed >>> 0;
  else for (const ch of seed) a = (Math.imul(a ^ ch.charCodeAt(0), 2654435761) + 1) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
