/*
 * Measurements against the running server: first-load JavaScript of the main routes (the chunks each
 * page's HTML loads, read from the build in .next/static and gzipped), memory growth while one large
 * evidence file is uploaded through the real upload route, and the largest contentful paint of a page
 * in headless Chromium.
 */
import { chromium } from "@playwright/test";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { findChromium } from "../browser.mjs";
import { median } from "./recompute.ts";
import { processTree } from "./server.ts";

const MIB = 1024 * 1024;

export type RouteJs = { route: string; path: string; status: number; files: number; gzipKb: number };

/**
 * Gzipped size (kB) of the scripts `<script src="/_next/static/…">` of the page at `pagePath` (the
 * chunks the page loads at first, `noModule` polyfills excepted), read from `.next/static`.
 */
export async function firstLoadJs(url: string, route: string, pagePath: string, cookie: string | null): Promise<RouteJs> {
  const res = await fetch(`${url}${pagePath}`, { headers: cookie ? { cookie } : {} });
  const html = await res.text();
  const sources = new Set<string>();
  for (const m of html.matchAll(/<script([^>]*)\ssrc="([^"]+)"([^>]*)>/g)) {
    // Legacy-browser polyfills (`noModule`) are neither downloaded nor run by the browsers the app supports.
    if (/\snomodule\b/i.test(`${m[1]} ${m[3]}`)) continue;
    const src = m[2]!.replace(/&amp;/g, "&");
    if (src.startsWith("/_next/static/")) sources.add(src.split("?")[0]!);
  }
  let bytes = 0;
  for (const src of sources) {
    const file = path.join(".next", "static", decodeURIComponent(src.slice("/_next/static/".length)));
    const content = fs.existsSync(file) ? fs.readFileSync(file) : Buffer.from(await (await fetch(`${url}${src}`)).arrayBuffer());
    bytes += gzipSync(content).length;
  }
  return { route, path: pagePath, status: res.status, files: sources.size, gzipKb: bytes / 1000 };
}

/** A `mib` MiB PDF (valid header and trailer, padding in between), written in 1 MiB pieces. */
export function writeLargePdf(file: string, mib: number): void {
  const fd = fs.openSync(file, "w");
  const head = Buffer.from("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "latin1");
  const tail = Buffer.from("trailer\n<< /Root 1 0 R >>\n%%EOF\n");
  const filler = Buffer.alloc(MIB, "% padding for the benchmark upload\n".repeat(30000).slice(0, MIB));
  fs.writeSync(fd, head);
  let left = mib * MIB - head.length - tail.length;
  while (left > 0) {
    const n = Math.min(left, MIB);
    fs.writeSync(fd, filler, 0, n);
    left -= n;
  }
  fs.writeSync(fd, tail);
  fs.closeSync(fd);
}

function rssOf(pids: readonly number[]): number {
  let total = 0;
  for (const p of pids) {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${p}/status`, "utf8"));
      if (m) total += Number(m[1]) * 1024;
    } catch {
      // exited
    }
  }
  return total;
}

/** POSTs `file` as multipart/form-data, streamed from disk; resolves with the status and the response text. */
function postFile(url: string, cookie: string, file: string, fileName: string): Promise<{ status: number; body: string }> {
  const boundary = `----parbench${Date.now().toString(16)}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n`);
  const end = Buffer.from(`\r\n--${boundary}--\r\n`);
  const size = fs.statSync(file).size;
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request({ method: "POST", host: target.hostname, port: target.port, path: target.pathname + target.search,
      headers: { cookie, "content-type": `multipart/form-data; boundary=${boundary}`, "content-length": head.length + size + end.length } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => { body += c; });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.write(head);
    const stream = fs.createReadStream(file, { highWaterMark: 256 * 1024 });
    stream.on("error", reject);
    stream.on("end", () => req.end(end));
    stream.pipe(req, { end: false });
  });
}

export type UploadFigures = { growthMib: number; baselineMib: number; peakMib: number; status: number; seconds: number; detail: string };

/**
 * Uploads a small file first (so the route is compiled and warm), then samples the server tree's
 * resident memory for a second (baseline: median), then uploads the large file while sampling every
 * 20 ms until half a second after the response (peak). Growth = peak − baseline.
 */
export async function measureUpload(url: string, serverPid: number, cookie: string, assessmentId: string, largeFile: string, smallFile: string): Promise<UploadFigures> {
  const route = `${url}/api/v1/assessments/${encodeURIComponent(assessmentId)}/evidence`;
  const warm = await postFile(route, cookie, smallFile, "khoi-dong.pdf");
  if (warm.status !== 201) throw new Error(`warm-up upload refused: HTTP ${warm.status} ${warm.body.slice(0, 300)}`);
  const pids = processTree(serverPid);
  const samples: number[] = [];
  for (let i = 0; i < 20; i++) {
    samples.push(rssOf(pids));
    await new Promise((r) => setTimeout(r, 50));
  }
  const baseline = median(samples);
  let peak = baseline;
  const timer = setInterval(() => { peak = Math.max(peak, rssOf(pids)); }, 20);
  const started = performance.now();
  try {
    const res = await postFile(route, cookie, largeFile, "tai-lieu-lon-50MiB.pdf");
    const seconds = (performance.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 500));
    const detail = res.status === 201 ? `HTTP 201 in ${seconds.toFixed(1)} s` : `HTTP ${res.status}: ${res.body.slice(0, 200)}`;
    return { growthMib: (peak - baseline) / MIB, baselineMib: baseline / MIB, peakMib: peak / MIB, status: res.status, seconds, detail };
  } finally {
    clearInterval(timer);
  }
}

/** Median LCP (ms) of `loads` cold loads (a new browser context each) of `pagePath`, signed in with `cookie`. */
export async function measureLcp(url: string, pagePath: string, cookie: string, loads = 5): Promise<{ medianMs: number; runs: number[] }> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error("no Chromium found (apt-get install chromium, or set PAR_CHROMIUM)");
  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"] });
  const [name = "", value = ""] = cookie.split(/=(.*)/s);
  const runs: number[] = [];
  try {
    for (let i = 0; i < loads; i++) {
      const context = await browser.newContext({ locale: "vi-VN", viewport: { width: 1366, height: 768 } });
      await context.addCookies([{ name, value, url }]);
      const page = await context.newPage();
      await page.goto(`${url}${pagePath}`, { waitUntil: "load" });
      const lcp = await page.evaluate(() => new Promise<number>((resolve) => {
        let last = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) last = Math.max(last, e.startTime);
        }).observe({ type: "largest-contentful-paint", buffered: true });
        setTimeout(() => resolve(last), 1000);
      }));
      runs.push(lcp);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return { medianMs: median(runs), runs };
}
