/*
 * `npm run bench`: the benchmark suite, in one go, on this machine. Every figure that has a target is
 * a ratio against a baseline measured in the same run, or an absolute budget (memory, bytes, paint).
 *
 *   1. province-scale data (scripts/bench/generate.ts) into a fresh embedded database, plus the
 *      national scale; recompute of one cycle vs one SQL aggregate on it (PGlite);
 *   2. the same province data in a fresh database on the PostgreSQL server (PAR_BENCH_POSTGRES_URL,
 *      default postgresql://postgres@127.0.0.1:5432/postgres; dropped afterwards), same ratio;
 *   3. the app through the project's start script (build when needed) on 127.0.0.1 with the data of
 *      step 1: first-load JS of the main routes, memory growth during a 50 MiB evidence upload, LCP of
 *      the rankings page in headless Chromium, then the rankings page and a static asset each under 50
 *      concurrent clients for 20 s.
 *
 * Prints a table and writes bench/results.json (see README, "Benchmark"). Exit code 0 when every
 * measurement ran (targets met or not), 1 when the run itself failed. Stops by itself within 10 minutes.
 *
 *   npm run bench [-- --skip-postgres] [-- --skip-web] [-- --keep]
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { freshPglite, freshPostgres } from "./database.ts";
import { analyze, BENCH_APPRAISER, BENCH_LEADERSHIP, BENCH_PASSWORD, BENCH_SECRETARIAT, BENCH_UNIT_STAFF, generateNational, generateProvince } from "./generate.ts";
import { load } from "./load.ts";
import { measureRecompute, type RecomputeFigures } from "./recompute.ts";
import { freePort, signIn, startServer, tail, type BenchServer } from "./server.ts";
import { firstLoadJs, measureLcp, measureUpload, writeLargePdf, type RouteJs } from "./web.ts";

const TIME_LIMIT_MS = 9.5 * 60_000;
const RECOMPUTE_YEAR = 2025;
const DASHBOARD_PATH = `/leadership?year=${RECOMPUTE_YEAR}&group=XA`;
const CLIENTS = 50;
const SECONDS = 20;
const UPLOAD_MIB = 50;

type Entry = { value: number | null; unit: string; target: string | null; met: boolean | null; detail?: string };
type Check = { op: "<=" | "<" | "=="; limit: number };

const args = new Set(process.argv.slice(2));
const started = Date.now();
const results: Record<string, Entry> = {};

function record(key: string, value: number | null, unit: string, check: Check | null, detail?: string): void {
  const met = check === null || value === null ? null
    : check.op === "<=" ? value <= check.limit : check.op === "<" ? value < check.limit : value === check.limit;
  results[key] = { value: value === null ? null : Math.round(value * 100) / 100, unit, target: check ? `${check.op} ${check.limit}` : null, met,
    ...(detail ? { detail } : {}) };
}

function step(title: string): void {
  console.log(`\n[${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s] ${title}`);
}

const reason = (e: unknown) => (e instanceof Error ? e.message : String(e)).split("\n")[0]!.slice(0, 300);

function recordRecompute(kind: "pglite" | "postgres", figures: RecomputeFigures | null, why?: string): void {
  const detail = figures ? `cycle ${RECOMPUTE_YEAR}: ${figures.rows} score rows; medians of ${figures.runs} runs` : why;
  record(`recompute_ratio_${kind}`, figures?.ratio ?? null, "ratio", { op: "<=", limit: 1.5 }, detail);
  record(`recompute_ms_${kind}`, figures?.recomputeMs ?? null, "ms", null, "storeSnapshots of one cycle (read, engine, write, audit)");
  record(`aggregate_ms_${kind}`, figures?.aggregateMs ?? null, "ms", null, "SELECT assessmentId, sum(finalScore) … GROUP BY over the cycle's ScoreEntry rows");
}

async function provinceOnPglite(dataDir: string): Promise<string> {
  step("Province-scale data into a fresh embedded database (PGlite)");
  const conn = await freshPglite(path.join(dataDir, "pglite"));
  try {
    const province = await generateProvince(conn.prisma, (l) => console.log(l));
    const national = await generateNational(conn.prisma);
    console.log(`  national: ${national.years} years, ${national.results} results`);
    await analyze(conn.prisma);
    step("Recompute vs SQL aggregate (PGlite)");
    const figures = await measureRecompute(conn.prisma, `bench-cycle-${RECOMPUTE_YEAR}`);
    console.log(`  recompute ${figures.recomputeMs.toFixed(1)} ms, aggregate ${figures.aggregateMs.toFixed(1)} ms`);
    recordRecompute("pglite", figures);
    return province.openAssessmentId;
  } finally {
    await conn.close();
  }
}

async function provinceOnPostgres(): Promise<void> {
  step("Province-scale data into a fresh PostgreSQL database");
  const serverUrl = process.env.PAR_BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  let conn;
  try {
    conn = await freshPostgres(serverUrl);
  } catch (e) {
    console.log(`  PostgreSQL unreachable at ${serverUrl}: ${reason(e)}`);
    recordRecompute("postgres", null, `PostgreSQL unreachable at ${serverUrl}: ${reason(e)}`);
    return;
  }
  try {
    await generateProvince(conn.prisma, (l) => console.log(l));
    await analyze(conn.prisma);
    step("Recompute vs SQL aggregate (PostgreSQL)");
    const figures = await measureRecompute(conn.prisma, `bench-cycle-${RECOMPUTE_YEAR}`);
    console.log(`  recompute ${figures.recomputeMs.toFixed(1)} ms, aggregate ${figures.aggregateMs.toFixed(1)} ms`);
    recordRecompute("postgres", figures);
  } finally {
    await conn.close();
  }
}

async function web(dataDir: string, openAssessmentId: string, servers: BenchServer[]): Promise<void> {
  step("Starting the app (npm start's script: build when the sources changed, then next start on 127.0.0.1)");
  const port = Number(process.env.PAR_BENCH_PORT ?? (await freePort()));
  const server = await startServer({ port, dataDir, timeoutMs: 6 * 60_000,
    env: { PAR_EVIDENCE_MAX_MB: String(UPLOAD_MIB + 14), PAR_EVIDENCE_MAX_FILES: "2", AUTH_SECRET: "bench-only-secret-0123456789abcdef0123456789" } });
  servers.push(server);
  console.log(`  ${server.url} (log: ${server.log})`);
  const cookies = {
    leadership: await signIn(server.url, BENCH_LEADERSHIP, BENCH_PASSWORD),
    unit: await signIn(server.url, BENCH_UNIT_STAFF, BENCH_PASSWORD),
    secretariat: await signIn(server.url, BENCH_SECRETARIAT, BENCH_PASSWORD),
    appraiser: await signIn(server.url, BENCH_APPRAISER, BENCH_PASSWORD),
  };
  const check = await fetch(`${server.url}${DASHBOARD_PATH}`, { headers: { cookie: cookies.leadership } });
  const page = await check.text();
  if (check.status !== 200 || !page.includes("ranking-table")) throw new Error(`${DASHBOARD_PATH} did not show the ranking (HTTP ${check.status})`);

  step("First-load JavaScript of the main routes (gzip)");
  const routes: [string, string, string | null][] = [
    ["/signin", "/signin", null],
    ["/leadership", DASHBOARD_PATH, cookies.leadership],
    ["/unit", "/unit", cookies.unit],
    ["/secretariat", "/secretariat", cookies.secretariat],
    ["/appraisal", "/appraisal", cookies.appraiser],
    ["/worksheet/[unit]", "/worksheet/U000", cookies.unit],
    ["/results/[year]", `/results/${RECOMPUTE_YEAR}`, null],
  ];
  const js: RouteJs[] = [];
  for (const [route, pagePath, cookie] of routes) {
    const r = await firstLoadJs(server.url, route, pagePath, cookie);
    console.log(`  ${route.padEnd(18)} ${r.gzipKb.toFixed(1).padStart(7)} kB  (${r.files} files, HTTP ${r.status})`);
    js.push(r);
  }
  const bad = js.filter((r) => r.status !== 200 || r.files === 0);
  const largest = js.reduce((a, b) => (b.gzipKb > a.gzipKb ? b : a));
  record("max_first_load_js_kb", bad.length ? null : largest.gzipKb, "kB (gzip)", { op: "<=", limit: 180 },
    bad.length ? `not measured: ${bad.map((r) => `${r.path} HTTP ${r.status}`).join(", ")}`
      : `largest: ${largest.route}; ${js.map((r) => `${r.route} ${r.gzipKb.toFixed(1)}`).join(", ")}`);

  step(`Memory growth while uploading one ${UPLOAD_MIB} MiB evidence file`);
  const large = path.join(dataDir, "upload-large.pdf");
  const small = path.join(dataDir, "upload-small.pdf");
  writeLargePdf(large, UPLOAD_MIB);
  writeLargePdf(small, 1);
  try {
    const up = await measureUpload(server.url, server.child.pid!, cookies.unit, openAssessmentId, large, small);
    console.log(`  baseline ${up.baselineMib.toFixed(1)} MiB, peak ${up.peakMib.toFixed(1)} MiB, ${up.detail}`);
    record("upload_rss_growth_mib", up.status === 201 ? up.growthMib : null, "MiB", { op: "<", limit: 32 },
      `server process tree VmRSS: baseline ${up.baselineMib.toFixed(1)}, peak ${up.peakMib.toFixed(1)}; ${up.detail}`);
  } catch (e) {
    record("upload_rss_growth_mib", null, "MiB", { op: "<", limit: 32 }, `not measured: ${reason(e)}`);
  }

  step("Largest contentful paint of the rankings page (headless Chromium, cold loads)");
  try {
    const lcp = await measureLcp(server.url, DASHBOARD_PATH, cookies.leadership);
    console.log(`  runs: ${lcp.runs.map((r) => r.toFixed(0)).join(", ")} ms`);
    record("lcp_ms", lcp.medianMs, "ms", { op: "<=", limit: 1500 }, `${DASHBOARD_PATH}, median of ${lcp.runs.length} cold loads`);
  } catch (e) {
    record("lcp_ms", null, "ms", { op: "<=", limit: 1500 }, `not measured: ${reason(e)}`);
  }

  step(`Load: ${CLIENTS} concurrent clients, ${SECONDS} s each — a static asset, then the rankings page`);
  const asset = [...page.matchAll(/<script([^>]*)>/g)].map((m) => m[1]!).filter((attrs) => !/\snomodule\b/i.test(attrs))
    .map((attrs) => /\ssrc="(\/_next\/static\/[^"]+)"/.exec(attrs)?.[1]).find((src) => src !== undefined)?.replace(/&amp;/g, "&");
  if (!asset) throw new Error("no static script found in the rankings page");
  for (let i = 0; i < 10; i++) {
    await (await fetch(`${server.url}${DASHBOARD_PATH}`, { headers: { cookie: cookies.leadership } })).text();
    await (await fetch(`${server.url}${asset}`)).arrayBuffer();
  }
  const statics = await load(`${server.url}${asset}`, { clients: CLIENTS, seconds: SECONDS });
  console.log(`  static     p50 ${statics.p50Ms.toFixed(1)} ms, p95 ${statics.p95Ms.toFixed(1)} ms, ${statics.requests} requests, ${statics.errors} errors`);
  const dash = await load(`${server.url}${DASHBOARD_PATH}`, { clients: CLIENTS, seconds: SECONDS, headers: { cookie: cookies.leadership } });
  console.log(`  dashboard  p50 ${dash.p50Ms.toFixed(1)} ms, p95 ${dash.p95Ms.toFixed(1)} ms, ${dash.requests} requests, ${dash.errors} errors`);
  const size = (r: typeof dash) => `${(r.bytes / Math.max(1, r.requests) / 1000).toFixed(1)} kB per response (compressed)`;
  record("dashboard_p95_ms", dash.p95Ms, "ms", null,
    `${DASHBOARD_PATH}: p50 ${dash.p50Ms.toFixed(1)}, p99 ${dash.p99Ms.toFixed(1)}, ${dash.requests} requests (${dash.perSecond.toFixed(1)}/s), ${size(dash)}`);
  record("static_p95_ms", statics.p95Ms, "ms", null,
    `${asset}: p50 ${statics.p50Ms.toFixed(1)}, ${statics.requests} requests (${statics.perSecond.toFixed(1)}/s), ${size(statics)}`);
  record("dashboard_p95_ratio", dash.p95Ms / statics.p95Ms, "ratio", { op: "<=", limit: 3 });
  record("dashboard_errors", dash.errors, "count", { op: "==", limit: 0 }, dash.firstError ? `first: ${dash.firstError}` : undefined);
}

function report(outcome: string): void {
  const file = path.join("bench", "results.json");
  fs.mkdirSync("bench", { recursive: true });
  const run = { finishedAt: new Date().toISOString(), seconds: Math.round((Date.now() - started) / 1000), outcome,
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? null, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: process.platform },
    scale: { units: 150, leaves: 120, publishedYears: 5, nationalYears: 10, clients: CLIENTS, seconds: SECONDS, uploadMib: UPLOAD_MIB, dashboard: DASHBOARD_PATH } };
  fs.writeFileSync(file, `${JSON.stringify({ run, ...results }, null, 2)}\n`);
  const rows = Object.entries(results).map(([key, e]) => [key, e.value === null ? "—" : String(e.value), e.unit, e.target ?? "", e.met === null ? (e.target ? "?" : "") : e.met ? "yes" : "NO"]);
  const head = ["metric", "value", "unit", "target", "met"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 1 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ");
  console.log(`\n${line(head)}\n${widths.map((w) => "-".repeat(w)).join("  ")}\n${rows.map(line).join("\n")}`);
  console.log(`\nWritten ${file} (${outcome}, ${run.seconds} s).`);
}

async function main(): Promise<number> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "par-bench-"));
  const servers: BenchServer[] = [];
  const watchdog = setTimeout(() => {
    console.error(`\nTime limit (${TIME_LIMIT_MS / 60_000} min) reached: stopping.`);
    report("stopped at the time limit");
    void Promise.all(servers.map((s) => s.stop())).finally(() => process.exit(1));
  }, TIME_LIMIT_MS);
  let code = 0;
  try {
    const openAssessmentId = await provinceOnPglite(dataDir);
    if (!args.has("--skip-postgres")) await provinceOnPostgres();
    if (!args.has("--skip-web")) await web(dataDir, openAssessmentId, servers);
    report("complete");
  } catch (e) {
    console.error(`\n✖ ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
    for (const s of servers) console.error(`\nServer log (last lines):\n${tail(s.log)}`);
    report(`failed: ${reason(e)}`);
    code = 1;
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    clearTimeout(watchdog);
    if (!args.has("--keep")) fs.rmSync(dataDir, { recursive: true, force: true });
    else console.log(`Data kept in ${dataDir}`);
  }
  return code;
}

main().then((code) => process.exit(code), (e: unknown) => { console.error(e); process.exit(1); });
