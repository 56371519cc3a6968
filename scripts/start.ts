/**
 * `npm start`: prepares the database (migrations; demo data into an empty embedded database),
 * builds when the sources changed since the last build, then serves on PORT (default 3000) and prints
 * the URL and the demo accounts. `--dev` runs `next dev` instead of build + start.
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { databaseTarget, dataDir, migrationsDir } from "../lib/server/db/config.ts";
import { connect } from "../lib/server/db/connect.ts";
import { applyMigrations } from "./db/schema-engine.ts";
import seed, { DEMO_ACCOUNTS, DEMO_PASSWORD } from "./db/seed.ts";

const NEXT_BIN = path.resolve("node_modules/next/dist/bin/next");
const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "0.0.0.0";
if (!Number.isInteger(port) || port <= 0 || port > 65535) fail(`PORT must be a port number (got "${process.env.PORT}").`);

function fail(message: string): never {
  console.error(`\n✖ ${message}\n`);
  process.exit(1);
}

async function prepareDatabase(): Promise<void> {
  const target = databaseTarget();
  const conn = await connect(target, "npm start (preparing the database)").catch((e: unknown) => fail(e instanceof Error ? e.message : String(e)));
  try {
    const { applied } = await applyMigrations(conn.pglite ? { kind: "pglite", pglite: conn.pglite } : { kind: "postgresql", url: (target as { url: string }).url }, migrationsDir());
    console.log(applied.length ? `✔ Applied ${applied.length} migration(s): ${applied.join(", ")}` : "✔ Database schema up to date");
    const wantDemo = target.kind === "pglite" ? process.env.PAR_DEMO_DATA !== "0" : process.env.PAR_DEMO_DATA === "1";
    if (wantDemo && (await conn.prisma.unit.count()) === 0) {
      console.log("… Loading demo data");
      await seed(conn.prisma, (l) => console.log(l));
    }
  } finally {
    await conn.close();
  }
  console.log(`✔ Database: ${target.kind === "pglite" ? `embedded PostgreSQL (PGlite) in ${target.dir}` : "PostgreSQL server (DATABASE_URL)"}`);
}

/** AUTH_SECRET from the environment, else one generated once and kept in the data folder. */
function authSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = path.join(dataDir(), "auth-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return fs.readFileSync(file, "utf8").trim();
}

/** A hash of everything that goes into the build; the build is redone only when it changes. */
function sourceHash(): string {
  const h = createHash("sha256");
  const walk = (p: string) => {
    if (!fs.existsSync(p)) return;
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      if (p.includes(`${path.sep}generated`)) return;
      for (const name of fs.readdirSync(p).sort()) walk(path.join(p, name));
    } else {
      h.update(p).update(fs.readFileSync(p));
    }
  };
  for (const p of ["app", "components", "lib", "public", "next.config.ts", "instrumentation.ts", "postcss.config.mjs", "package-lock.json", "tsconfig.json"]) walk(p);
  return h.digest("hex");
}

function build(): void {
  const stamp = path.join(".next", "par-source-hash");
  const hash = sourceHash();
  if (fs.existsSync(path.join(".next", "BUILD_ID")) && fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === hash) {
    console.log("✔ Build up to date");
    return;
  }
  console.log("… Building the app (about a minute)");
  const r = spawnSync(process.execPath, [NEXT_BIN, "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (r.status !== 0) fail("The build failed (see above).");
  fs.writeFileSync(stamp, hash);
}

async function waitForHealth(url: string, child: ReturnType<typeof spawn>): Promise<boolean> {
  for (let i = 0; i < 240 && child.exitCode === null; i++) {
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

function banner(url: string): void {
  const rows = DEMO_ACCOUNTS.map((a) => `    ${a.username.padEnd(15)} ${DEMO_PASSWORD}   ${a.role}${a.unit ? ` (${a.unit})` : ""}`);
  console.log([
    "",
    `  PAR Index tracker is running at ${url}`,
    "",
    "  Demo accounts (username / password / role):",
    ...rows,
    "    cb.<unit code, lower case> — the PAR focal account of every unit, same password (e.g. cb.stp)",
    "",
    "  Stop with Ctrl+C.",
    "",
  ].join("\n"));
}

async function main(): Promise<void> {
  await prepareDatabase();
  const env = { ...process.env, AUTH_SECRET: authSecret(), AUTH_TRUST_HOST: "true", NEXT_TELEMETRY_DISABLED: "1" };
  if (!dev) build();
  const child = spawn(process.execPath, [NEXT_BIN, dev ? "dev" : "start", "-p", String(port), "-H", host], { stdio: "inherit", env });
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
  child.on("exit", (code) => process.exit(code ?? 0));
  if (await waitForHealth(`http://127.0.0.1:${port}`, child)) banner(`http://localhost:${port}`);
}

main().catch((e: unknown) => fail(e instanceof Error ? e.stack ?? e.message : String(e)));
