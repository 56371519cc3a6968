/*
 * The app under test: the project's own start script (migrations, build when the sources changed,
 * `next start`) on 127.0.0.1 with its own data folder, its output kept in a log file; sign-in through
 * next-auth's credentials endpoints; the memory of the server's process tree from /proc.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";

export type BenchServer = { url: string; child: ChildProcess; log: string; stop: () => Promise<void> };

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

/** Starts `npm start`'s script with `env` added; resolves once /api/health answers 200 (build included). */
export async function startServer(options: { port: number; dataDir: string; env: Record<string, string>; timeoutMs: number }): Promise<BenchServer> {
  const log = `${options.dataDir}/server.log`;
  const out = fs.openSync(log, "a");
  const child = spawn(process.execPath, ["--import", "tsx", "--import", "./scripts/server-only-hook.mjs", "scripts/start.ts"], {
    stdio: ["ignore", out, out],
    env: { ...process.env, ...options.env, PORT: String(options.port), HOST: "127.0.0.1", PAR_DATA_DIR: options.dataDir, DATABASE_URL: "",
      PAR_DEMO_DATA: "0", NEXT_TELEMETRY_DISABLED: "1" },
  });
  fs.closeSync(out);
  const url = `http://127.0.0.1:${options.port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => {
      for (const pid of processTree(child.pid!)) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
    }, 10_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + options.timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited (code ${child.exitCode}):\n${tail(log)}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return { url, child, log, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop();
  throw new Error(`The server did not answer within ${Math.round(options.timeoutMs / 1000)} s:\n${tail(log)}`);
}

/** `pid` and all its descendants (from /proc/<pid>/stat's parent field). */
export function processTree(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(name)]);
    } catch {
      // exited meanwhile
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    out.push(p);
    for (const c of parents.get(p) ?? []) walk(c);
  };
  walk(pid);
  return out;
}

/** Resident memory of the process tree, in bytes (VmRSS summed). */
export function treeRss(pid: number): number {
  let total = 0;
  for (const p of processTree(pid)) {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${p}/status`, "utf8"));
      if (m) total += Number(m[1]) * 1024;
    } catch {
      // exited meanwhile
    }
  }
  return total;
}

/** Signs in through next-auth's credentials flow; returns the Cookie header of the session. */
export async function signIn(url: string, username: string, password: string): Promise<string> {
  const csrf = await fetch(`${url}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair = ""] = c.split(";");
      const eq = pair.indexOf("=");
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  };
  keep(csrf);
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const res = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST", redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, username, password, callbackUrl: `${url}/` }),
  });
  keep(res);
  const session = [...jar.keys()].find((k) => k.endsWith("authjs.session-token"));
  if (!session) throw new Error(`Sign-in as ${username} failed (HTTP ${res.status}, ${res.headers.get("location") ?? "no redirect"})`);
  return `${session}=${jar.get(session)}`;
}
