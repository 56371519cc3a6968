/**
 * The PAR command line.
 *
 *   par score --framework F --scores S [--surveys X] [--format table|json]   engine only, no database
 *   par import framework FILE            (.json par-framework/v1 or .xlsx)
 *   par import scores FILE               (par-scores/v1)
 *   par import surveys FILE              (par-surveys/v1)
 *   par export framework CODE [--format json|xlsx] [--out FILE]
 *   par export scores --year Y --framework CODE [--out FILE]
 *   par export surveys --year Y [--out FILE]
 *   par snapshot --year Y                recompute an open cycle's draft results (a published cycle is refused)
 *   par remind                           deadline reminders (run daily, e.g. from cron), then pending e-mails
 *   par backup --out DIR                 database (every table) and stored files into a new folder
 *   par restore DIR [--replace]          restore a backup (database at the same migrations; --replace: over existing data)
 *   par sweep [--dry-run]                remove stored files no record refers to (older than an hour)
 *
 * Messages in Vietnamese by default; PAR_LOCALE=en for English. Exit 0 on success, 1 on refused input, 2 on usage errors.
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { createTranslator } from "next-intl";
import { compileFramework, computeCycle, InvalidFrameworkError } from "../lib/domain/engine.ts";
import type { FrameworkDoc } from "../lib/domain/framework.ts";
import { centiToNumber } from "../lib/domain/points.ts";
import { resolveLocale } from "../lib/i18n/locales.ts";
import { parseFrameworkFile } from "../lib/io/framework-file.ts";
import { frameworkToXlsx } from "../lib/io/framework-xlsx.ts";
import { scoresDocSchema, surveysDocSchema, toUnitInputs } from "../lib/schemas/scores.ts";
import { databaseTarget } from "../lib/server/db/config.ts";
import { connect } from "../lib/server/db/connect.ts";
import { setConnection } from "../lib/server/db/client.ts";
import { UserError } from "../lib/server/data/errors.ts";
import { ImportRejectedError } from "../lib/server/data/errors.ts";

const locale = resolveLocale(process.env.PAR_LOCALE);
const messages = JSON.parse(fs.readFileSync(new URL(`../lib/i18n/messages/${locale}.json`, import.meta.url), "utf8"));
const t = createTranslator({ locale, messages });
const tr = (key: string, values?: Record<string, string | number>) => {
  try {
    return t(key as never, values as never);
  } catch {
    return `${key} ${JSON.stringify(values ?? {})}`;
  }
};

class UsageError extends Error {}

const USAGE = fs.readFileSync(new URL(import.meta.url)).toString().split("*/")[0]!.split("\n").slice(2).map((l) => l.replace(/^ \*\s?/, "")).join("\n");

function readJson(file: string): unknown {
  if (!fs.existsSync(file)) throw new UsageError(`File not found: ${file}`);
  try {
    return JSON.parse(fs.readFileSync(file, "utf8").replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new UserError("frameworks.importPage.badJson", { reason: `${file}: ${e instanceof Error ? e.message : e}` });
  }
}

async function readFramework(file: string): Promise<FrameworkDoc> {
  if (!fs.existsSync(file)) throw new UsageError(`File not found: ${file}`);
  const result = await parseFrameworkFile(fs.readFileSync(file));
  if (result.ok) return result.value;
  for (const e of result.errors) console.error(`  ${[e.sheet, e.row ? `row ${e.row}` : "", e.column].filter(Boolean).join(" · ")}: ${tr(e.key, e.values)}`);
  throw new UserError("exchange.rejected", { count: result.errors.length });
}

function parse<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, value: unknown): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  for (const i of r.error.issues) console.error(`  ${i.path.map(String).join(".")}: ${i.message.includes(".") ? tr(i.message) : i.message}`);
  throw new UserError("exchange.rejected", { count: r.error.issues.length });
}

function output(text: string | Buffer, out: string | undefined): void {
  if (out) {
    fs.writeFileSync(out, text);
    console.error(`✔ ${out}`);
  } else {
    process.stdout.write(text);
  }
}

/** Exit status 1 when any unit had invalid values (they were left out of its score). */
async function score(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { framework: { type: "string" }, scores: { type: "string" }, surveys: { type: "string" },
    format: { type: "string", default: "table" } } });
  if (!values.framework || !values.scores) throw new UsageError("par score needs --framework and --scores");
  if (values.format !== "table" && values.format !== "json") throw new UsageError("--format is table or json");
  const framework = await readFramework(values.framework);
  const scores = parse(scoresDocSchema, readJson(values.scores));
  const surveys = values.surveys ? parse(surveysDocSchema, readJson(values.surveys)) : undefined;
  const compiled = compileFramework(framework);
  const result = computeCycle(compiled, toUnitInputs(scores, surveys).inputs);
  if (values.format === "json") {
    process.stdout.write(`${JSON.stringify({ year: scores.year, framework: framework.code, ...result }, (_k, v) => v, 2)}\n`);
  } else {
    const pct = (h: number | null) => (h === null ? "—" : (h / 100).toFixed(2));
    const rows = result.units.map((u) => [String(u.rank), u.code, centiToNumber(u.achieved).toFixed(2), centiToNumber(u.max).toFixed(2),
      pct(u.indexHundredths), u.band ? (locale === "en" ? u.band.labelEn : u.band.labelVi) : "", String(u.errors.length + u.missing.length)]);
    const head = ["rank", "unit", "points", "max", "index", "band", "issues"].map((k) => tr(`cli.${k}`));
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (r: string[]) => r.map((c, i) => (i >= 2 && i <= 4 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ");
    console.log(`${framework.code} · ${scores.year}`);
    console.log(line(head));
    console.log(widths.map((w) => "-".repeat(w)).join("  "));
    for (const r of rows) console.log(line(r));
    console.log(`${tr("cli.mean")}: ${pct(result.overall.meanIndexHundredths)}`);
  }
  for (const u of result.units) {
    for (const e of u.errors) console.error(`  ${u.code} ${e.code}: ${tr(`scores.issues.${e.key}`, { code: e.code, ...e.values })}`);
    if (u.missing.length) console.error(`  ${u.code}: ${tr("cli.missing", { codes: u.missing.join(", ") })}`);
  }
  if (result.errorCount > 0) throw new UserError("exchange.invalidValues", { count: result.errorCount });
}

/** Opens the configured database for the data layer (the embedded one is locked meanwhile). */
async function withDatabase<T>(fn: () => Promise<T>): Promise<T> {
  const conn = await connect(databaseTarget(), `par ${process.argv.slice(2).join(" ")}`);
  setConnection(conn);
  try {
    return await fn();
  } finally {
    await conn.close();
  }
}

async function importCmd([what, file, ...rest]: string[]): Promise<void> {
  if (!file || rest.length) throw new UsageError("par import framework|scores|surveys FILE");
  const data = await import("../lib/server/data/frameworks.ts");
  const exchange = await import("../lib/server/data/exchange.ts");
  if (what === "framework") {
    const doc = await readFramework(file);
    const r = await withDatabase(() => data.createFramework(doc, null));
    console.log(`✔ ${tr("frameworks.importPage.saved", { code: r.code })}`);
  } else if (what === "scores") {
    const doc = parse(scoresDocSchema, readJson(file));
    const r = await withDatabase(() => exchange.importScores(doc, null));
    console.log(`✔ ${doc.year} · ${doc.framework}: ${r.units} units, ${r.leaves} leaves`);
  } else if (what === "surveys") {
    const doc = parse(surveysDocSchema, readJson(file));
    const r = await withDatabase(() => exchange.importSurveys(doc, null));
    console.log(`✔ ${doc.year}: ${r.units} units, ${r.results} results`);
  } else {
    throw new UsageError("par import framework|scores|surveys FILE");
  }
}

async function exportCmd([what, ...args]: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true,
    options: { year: { type: "string" }, framework: { type: "string" }, format: { type: "string", default: "json" }, out: { type: "string" } } });
  const data = await import("../lib/server/data/frameworks.ts");
  const exchange = await import("../lib/server/data/exchange.ts");
  const year = values.year ? Number(values.year) : NaN;
  if (what === "framework") {
    const code = positionals[0];
    if (!code) throw new UsageError("par export framework CODE [--format json|xlsx] [--out FILE]");
    const doc = await withDatabase(() => data.frameworkDocument(code));
    if (!doc) throw new UserError("frameworks.errors.notFound", { code });
    output(values.format === "xlsx" ? await frameworkToXlsx(doc) : `${JSON.stringify(doc, null, 2)}\n`, values.out);
  } else if (what === "scores") {
    if (!Number.isInteger(year) || !values.framework) throw new UsageError("par export scores --year Y --framework CODE");
    const doc = await withDatabase(() => exchange.exportScores(year, values.framework!));
    output(`${JSON.stringify(doc, null, 2)}\n`, values.out);
  } else if (what === "surveys") {
    if (!Number.isInteger(year)) throw new UsageError("par export surveys --year Y");
    output(`${JSON.stringify(await withDatabase(() => exchange.exportSurveys(year)), null, 2)}\n`, values.out);
  } else {
    throw new UsageError("par export framework|scores|surveys …");
  }
}

async function snapshotCmd(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { year: { type: "string" } } });
  const year = Number(values.year);
  if (!Number.isInteger(year)) throw new UsageError("par snapshot --year Y");
  const { recomputeCycle } = await import("../lib/server/data/snapshots.ts");
  const r = await withDatabase(() => recomputeCycle(year, null));
  console.log(`✔ ${tr("results.recomputed", { units: r.units })}`);
}

/** Deadline reminders into the inboxes, then the e-mails still pending (when PAR_SMTP_URL is set). */
async function remindCmd(args: string[]): Promise<void> {
  if (args.length) throw new UsageError("par remind");
  const { remindDeadlines } = await import("../lib/server/data/notifications.ts");
  const { remindTasks } = await import("../lib/server/data/plans.ts");
  const { remindFindings } = await import("../lib/server/data/inspections.ts");
  const { deliverPendingEmails } = await import("../lib/server/mail/index.ts");
  const r = await withDatabase(async () => {
    const created = (await remindDeadlines()).created + (await remindTasks()).created + (await remindFindings()).created;
    return { created, mail: await deliverPendingEmails() };
  });
  console.log(`✔ ${tr("notifications.cli.reminded", { created: r.created })}`);
  const emailed = tr("notifications.cli.emailed", { sent: r.mail.sent, failed: r.mail.failed });
  if (!r.mail.enabled) console.log(tr("notifications.cli.mailOff"));
  else if (r.mail.failed) console.error(`⚠ ${emailed}`);
  else console.log(emailed);
}

/** A backup of the database and the stored files into a new folder. */
async function backupCmd(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { out: { type: "string" } } });
  if (!values.out || positionals.length) throw new UsageError("par backup --out DIR");
  const { createBackup } = await import("../lib/server/data/backup.ts");
  const m = await withDatabase(() => createBackup(values.out!));
  console.log(`✔ ${tr("backup.done", { tables: Object.keys(m.tables).length, rows: Object.values(m.tables).reduce((a, b) => a + b, 0), files: m.files.length, dir: values.out! })}`);
}

/** Restores a backup folder into the configured database and storage. */
async function restoreCmd(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { replace: { type: "boolean", default: false } } });
  const [dir] = positionals;
  if (!dir || positionals.length !== 1) throw new UsageError("par restore DIR [--replace]");
  const { restoreBackup } = await import("../lib/server/data/backup.ts");
  const m = await withDatabase(() => restoreBackup(dir, { replace: values.replace }));
  console.log(`✔ ${tr("backup.restored", { tables: Object.keys(m.tables).length, rows: Object.values(m.tables).reduce((a, b) => a + b, 0), files: m.files.length, dir })}`);
}

/** Removes stored files no record refers to, and leftovers of unfinished writes, older than an hour. */
async function sweepCmd(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { "dry-run": { type: "boolean", default: false } } });
  if (positionals.length) throw new UsageError("par sweep [--dry-run]");
  const { sweepOrphans } = await import("../lib/server/data/storage-sweep.ts");
  const r = await withDatabase(() => sweepOrphans({ dryRun: values["dry-run"] }));
  for (const key of [...r.orphans, ...r.temporaries]) console.log(`  ${key}`);
  console.log(`✔ ${tr(values["dry-run"] ? "backup.sweepDry" : "backup.swept", { scanned: r.scanned, found: r.orphans.length + r.temporaries.length, deleted: r.deleted })}`);
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === "score") await score(rest);
    else if (command === "import") await importCmd(rest);
    else if (command === "export") await exportCmd(rest);
    else if (command === "snapshot") await snapshotCmd(rest);
    else if (command === "remind") await remindCmd(rest);
    else if (command === "backup") await backupCmd(rest);
    else if (command === "restore") await restoreCmd(rest);
    else if (command === "sweep") await sweepCmd(rest);
    else if (!command || command === "help" || command === "--help" || command === "-h") {
      console.log(USAGE);
      return command ? 0 : 2;
    } else throw new UsageError(`Unknown command "${command}"`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof ImportRejectedError) {
      for (const i of error.issues) console.error(`  ${i.unit}${i.code ? ` ${i.code}` : ""}: ${tr(`scores.issues.${i.key}`, { code: i.code, ...i.values })}`);
    }
    if (error instanceof InvalidFrameworkError) {
      for (const i of error.issues) console.error(`  ${i.code}: ${tr(`frameworks.issues.${i.key}`, { criterion: i.code, ...i.values })}`);
      console.error(`✖ ${tr("exchange.rejected", { count: error.issues.length })}`);
      return 1;
    }
    if (error instanceof UserError) {
      console.error(`✖ ${tr(error.key, error.values)}`);
      return 1;
    }
    console.error(error instanceof Error ? error.message : error);
    return 1;
  }
}

process.exit(await main(process.argv.slice(2)));
