/*
 * A small closed-loop load generator: `clients` keep-alive connections, each sending the next request
 * as soon as the previous response has been read in full, for `seconds`. Latency = request sent to
 * last byte received. Anything but HTTP 200 counts as an error.
 */
import http from "node:http";

export type LoadResult = { requests: number; errors: number; p50Ms: number; p95Ms: number; p99Ms: number; maxMs: number; perSecond: number; bytes: number;
  firstError: string | null };

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function load(url: string, options: { clients: number; seconds: number; headers?: Record<string, string> }): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.clients });
  const target = new URL(url);
  const latencies: number[] = [];
  let errors = 0;
  let bytes = 0;
  let firstError: string | null = null;
  const end = performance.now() + options.seconds * 1000;

  const once = () => new Promise<void>((resolve) => {
    const start = performance.now();
    const fail = (why: string) => {
      errors++;
      firstError ??= why;
      resolve();
    };
    const req = http.get({ host: target.hostname, port: target.port, path: target.pathname + target.search, agent,
      headers: { "accept-encoding": "gzip, br", ...options.headers } }, (res) => {
      res.on("data", (chunk: Buffer) => { bytes += chunk.length; });
      res.on("end", () => {
        latencies.push(performance.now() - start);
        if (res.statusCode !== 200) fail(`HTTP ${res.statusCode}`);
        else resolve();
      });
      res.on("error", (e) => fail(e.message));
    });
    req.setTimeout(30_000, () => req.destroy(new Error("timeout after 30 s")));
    req.on("error", (e) => fail(e.message));
  });

  const client = async () => {
    while (performance.now() < end) await once();
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: options.clients }, client));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, errors, p50Ms: percentile(latencies, 50), p95Ms: percentile(latencies, 95), p99Ms: percentile(latencies, 99),
    maxMs: latencies.at(-1) ?? NaN, perSecond: latencies.length / elapsed, bytes, firstError };
}
