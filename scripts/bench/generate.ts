/*
 * Deterministic benchmark data (same figures on every machine, seeded with scripts/prng.ts), written
 * with bulk inserts into a FRESH database:
 *
 * - province scale: 150 units (30 departments, 120 communes in 3 regions), a 120-leaf criterion set per
 *   unit group, 5 published years (2021–2025) with every score, appraisal rounds, surveys, bonus and
 *   penalty items, evidence metadata (rows and links, no files) and the stored snapshots (through the
 *   app's own storeSnapshots), plus an open year (2026) whose self-assessment window is open now, for
 *   the upload measurement;
 * - national scale: the national PAR INDEX of 10 years (2016–2024: the 63 provinces before the 2025
 *   merger; 2025: the 34 provinces after it), through the data layer's writeNationalYears.
 *
 *   node --import tsx --import ./scripts/server-only-hook.mjs scripts/bench/generate.ts [DIR]
 *
 * writes into a new embedded database in DIR/pglite (DIR must be missing or empty; default
 * .data/bench), or into DATABASE_URL (an EMPTY database on a PostgreSQL server) when that is set.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { surveyPoints } from "../../lib/domain/engine.ts";
import { leaves as frameworkLeaves } from "../../lib/domain/framework.ts";
import { centiToDecimalString, toCenti, type Centi } from "../../lib/domain/points.ts";
import { allowedScores, pointsForDeclaredValue, type Rule } from "../../lib/domain/rules.ts";
import type { PrismaClient } from "../../lib/generated/prisma/client.ts";
import type { NationalRow, NationalYearInfo } from "../../lib/io/national.ts";
import { hashPassword } from "../../lib/server/auth/password.ts";
import { createFramework } from "../../lib/server/data/frameworks.ts";
import { writeNationalYears } from "../../lib/server/data/national.ts";
import { storeSnapshots } from "../../lib/server/data/snapshots.ts";
import { connect } from "../../lib/server/db/connect.ts";
import { prng } from "../prng.ts";
import { applyMigrations } from "../db/schema-engine.ts";
import { migrationsDir } from "../../lib/server/db/config.ts";
import { benchFramework } from "./framework.ts";

export const BENCH_PASSWORD = "Bench@2026";
export const BENCH_LEADERSHIP = "bench.lanhdao";
export const BENCH_UNIT_STAFF = "bench.u000";
export const BENCH_SECRETARIAT = "bench.sonoivu";
export const BENCH_APPRAISER = "bench.thamdinh";
export const PUBLISHED_YEARS = [2021, 2022, 2023, 2024, 2025] as const;
export const OPEN_YEAR = 2026;
const DEPARTMENTS = 30;
const COMMUNES = 120;
const REGIONS = ["DOTHI", "DONGBANG", "MIENNUI"] as const;
const EVIDENCE_PER_ASSESSMENT = 30;
const BATCH = 20_000;
const DAY = 86_400_000;

export type ProvinceInfo = {
  units: number;
  cycles: { year: number; id: string }[];
  scoreEntries: number;
  evidence: number;
  /** The open year's assessment of BENCH_UNIT_STAFF's unit (upload target). */
  openAssessmentId: string;
};

type Leaf = { id: string; code: string; max: Centi; rule: Rule };

/**
 * Bulk insert: one statement per BATCH rows, each column sent as one text[] parameter and cast in SQL
 * (`INSERT … SELECT … FROM unnest(…)`): far fewer parameters than createMany's one per value, which
 * matters at ~100 000 rows. `columns` maps each column to its SQL type.
 */
async function bulkInsert(prisma: PrismaClient, table: string, columns: Record<string, string>, rows: readonly Record<string, unknown>[]): Promise<void> {
  const names = Object.keys(columns);
  const text = (v: unknown): string | null => v === null || v === undefined ? null : v instanceof Date ? v.toISOString()
    : typeof v === "object" ? JSON.stringify(v) : String(v);
  const sql = `INSERT INTO "${table}" (${names.map((n) => `"${n}"`).join(", ")}) `
    + `SELECT ${names.map((n, i) => `u.c${i}::${columns[n]}`).join(", ")} `
    + `FROM unnest(${names.map((_, i) => `$${i + 1}::text[]`).join(", ")}) AS u(${names.map((_, i) => `c${i}`).join(", ")})`;
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    await prisma.$executeRawUnsafe(sql, ...names.map((n) => batch.map((r) => text(r[n]))));
  }
}

const hex = (text: string) => createHash("sha256").update(text).digest("hex");

/** Province scale into an empty database; `log` gets one line per step. */
export async function generateProvince(prisma: PrismaClient, log: (line: string) => void = () => {}, now = new Date()): Promise<ProvinceInfo> {
  if ((await prisma.unit.count()) > 0) throw new Error("The database is not empty: the benchmark data goes into a fresh database");
  const groups = {
    SBN: await prisma.unitGroup.create({ data: { code: "SBN", nameVi: "Sở, ban, ngành", nameEn: "Departments and agencies" } }),
    XA: await prisma.unitGroup.create({ data: { code: "XA", nameVi: "UBND cấp xã", nameEn: "Commune People's Committees" } }),
  };
  const units = Array.from({ length: DEPARTMENTS + COMMUNES }, (_, i) => {
    const department = i < DEPARTMENTS;
    const code = `U${String(i).padStart(3, "0")}`;
    return { id: `bench-unit-${code}`, code, group: department ? "SBN" as const : "XA" as const,
      region: department ? null : REGIONS[i % REGIONS.length]!,
      nameVi: department ? `Sở đo hiệu năng ${code}` : `UBND xã đo hiệu năng ${code}`,
      nameEn: department ? `Benchmark department ${code}` : `Benchmark commune ${code}` };
  });
  await prisma.unit.create({ data: { id: "bench-unit-province", code: "BENCH", nameVi: "Tỉnh đo hiệu năng", nameEn: "Benchmark province", kind: "PROVINCE", activeFrom: 2000 } });
  await prisma.unit.createMany({ data: units.map((u) => ({ id: u.id, code: u.code, nameVi: u.nameVi, nameEn: u.nameEn,
    kind: u.group === "SBN" ? "DEPARTMENT" as const : "COMMUNE" as const, parentId: "bench-unit-province", groupId: groups[u.group].id,
    region: u.region, activeFrom: 2000 })) });

  const passwordHash = await hashPassword(BENCH_PASSWORD);
  await prisma.user.createMany({ data: [
    { id: "bench-user-leadership", username: BENCH_LEADERSHIP, name: "Lãnh đạo (đo hiệu năng)", role: "LEADERSHIP", passwordHash },
    { id: "bench-user-u000", username: BENCH_UNIT_STAFF, name: "Đầu mối CCHC U000 (đo hiệu năng)", role: "UNIT_STAFF", passwordHash, unitId: units[0]!.id },
    { id: "bench-user-secretariat", username: BENCH_SECRETARIAT, name: "Thư ký (đo hiệu năng)", role: "SECRETARIAT", passwordHash, unitId: units[1]!.id },
    { id: "bench-user-appraiser", username: BENCH_APPRAISER, name: "Thẩm định viên (đo hiệu năng)", role: "APPRAISER", passwordHash, unitId: units[2]!.id },
  ] });

  // One criterion set per group, through the data layer (the same checks as an import).
  const frameworks = new Map<string, { id: string; leaves: Leaf[] }>();
  for (const group of ["SBN", "XA"] as const) {
    const doc = benchFramework(`BENCH-${group}`, group, 2021);
    const created = await prisma.$transaction((tx) => createFramework(doc, null, tx));
    const nodes = await prisma.criterionNode.findMany({ where: { frameworkId: created.id }, select: { id: true, code: true } });
    const ids = new Map(nodes.map((n) => [n.code, n.id]));
    frameworks.set(group, { id: created.id, leaves: frameworkLeaves(doc.tree).map((l) => ({ id: ids.get(l.code)!, code: l.code, max: toCenti(l.node.maxPoints), rule: l.node.rule! })) });
  }
  log(`  units ${units.length}, criterion sets 2 × ${frameworks.get("SBN")!.leaves.length} leaves`);

  const cycles: ProvinceInfo["cycles"] = [];
  let scoreEntries = 0;
  let evidenceCount = 0;
  for (const year of PUBLISHED_YEARS) {
    const started = performance.now();
    const cycleId = `bench-cycle-${year}`;
    await prisma.cycle.create({ data: { id: cycleId, year, nameVi: `Đánh giá Chỉ số CCHC năm ${year}`, nameEn: `PAR INDEX assessment ${year}`,
      publishedAt: new Date(Date.UTC(year + 1, 3, 10)), compiledAt: new Date(Date.UTC(year + 1, 2, 25)), approvedAt: new Date(Date.UTC(year + 1, 3, 5)),
      deadlines: { create: phaseWindows(new Date(Date.UTC(year, 11, 1)), new Date(Date.UTC(year + 1, 0, 15))) } } });
    await prisma.cycleFramework.createMany({ data: (["SBN", "XA"] as const).map((g) => ({ cycleId, groupId: groups[g].id, frameworkId: frameworks.get(g)!.id })) });

    const assessments: { id: string; unitId: string; cycleId: string; frameworkId: string; status: "PUBLISHED"; submittedAt: Date; version: number }[] = [];
    const updatedAt = new Date(Date.UTC(year + 1, 0, 10));
    const entries: { id: string; assessmentId: string; criterionId: string; selfScore: string; declaredValue: string | null; finalScore: string; version: number;
      updatedAt: Date }[] = [];
    const rounds: { id: string; entryId: string; round: number; score: string; reason: string }[] = [];
    const surveys: { id: string; cycleId: string; unitId: string; kind: "SOCIOLOGICAL" | "SIPAS"; criterionId: string | null; percent: string; points: string | null;
      elements?: number[]; respondents: number }[] = [];
    const adjustments: { id: string; assessmentId: string; kind: "BONUS" | "PENALTY"; description: string; points: string; unitNote: string | null;
      appraiserNote: string | null; accepted: boolean; updatedAt: Date }[] = [];
    const evidence: { id: string; assessmentId: string; fileName: string; mimeType: string; sizeBytes: number; sha256: string; storageKey: string; createdAt: Date }[] = [];
    const links: { evidenceId: string; entryId: string }[] = [];

    for (const u of units) {
      const random = prng(`${u.code}:${year}`);
      const quality = 0.75 + prng(u.code)() * 0.2;
      const framework = frameworks.get(u.group)!;
      const assessmentId = `bench-a-${year}-${u.code}`;
      assessments.push({ id: assessmentId, unitId: u.id, cycleId, frameworkId: framework.id, status: "PUBLISHED",
        submittedAt: new Date(Date.UTC(year + 1, 0, 10)), version: 1 });
      const unitEntries: string[] = [];
      for (const leaf of framework.leaves) {
        const rule = leaf.rule;
        if (rule.kind === "survey") {
          if (rule.survey === "SOCIOLOGICAL") {
            const percent = Math.round((60 + random() * 38) * 10000) / 10000;
            surveys.push({ id: `bench-s-${year}-${u.code}-${leaf.code}`, cycleId, unitId: u.id, kind: "SOCIOLOGICAL", criterionId: leaf.id, percent: percent.toFixed(4),
              points: centiToDecimalString(surveyPoints(leaf.max, percent)), respondents: 80 + Math.floor(random() * 120) });
          }
          continue;
        }
        const entryId = `bench-e-${year}-${u.code}-${leaf.code}`;
        let self: Centi;
        let declared: string | null = null;
        if (rule.kind === "tiers") {
          const value = Math.round((40 + quality * 60 * random() + 20 * random()) * 10) / 10;
          declared = value.toFixed(1);
          self = pointsForDeclaredValue(rule, value);
        } else {
          const allowed = allowedScores(rule, leaf.max)!;
          let i = 0;
          while (i < allowed.length - 1 && random() > quality) i++;
          self = allowed[i]!;
        }
        let final = self;
        if (random() < 0.2) {
          const allowed = allowedScores(rule, leaf.max)!;
          const lower = allowed.find((s) => s < self) ?? (0 as Centi);
          rounds.push({ id: `${entryId}-r1`, entryId, round: 1, score: centiToDecimalString(lower), reason: "Tài liệu kiểm chứng chưa đầy đủ." });
          final = lower;
          if (random() < 0.3) {
            rounds.push({ id: `${entryId}-r2`, entryId, round: 2, score: centiToDecimalString(self), reason: "Đã giải trình: chấp nhận điểm tự chấm." });
            final = self;
          }
        }
        entries.push({ id: entryId, assessmentId, criterionId: leaf.id, selfScore: centiToDecimalString(self), declaredValue: declared,
          finalScore: centiToDecimalString(final), version: 1, updatedAt });
        unitEntries.push(entryId);
      }
      const elements = Array.from({ length: 5 }, () => Math.round((65 + random() * 33) * 100) / 100);
      surveys.push({ id: `bench-s-${year}-${u.code}-sipas`, cycleId, unitId: u.id, kind: "SIPAS", criterionId: null, percent: (elements.reduce((a, b) => a + b, 0) / 5).toFixed(4),
        points: null, elements, respondents: 150 + Math.floor(random() * 200) });
      if (random() < 0.3) adjustments.push({ id: `${assessmentId}-bonus`, assessmentId, kind: "BONUS", description: "Sáng kiến cải cách hành chính", points: "1.50",
        unitNote: "Sáng kiến được công nhận", appraiserNote: null, accepted: true, updatedAt });
      if (random() < 0.2) adjustments.push({ id: `${assessmentId}-penalty`, assessmentId, kind: "PENALTY", description: "Báo cáo trễ hạn", points: "0.50",
        unitNote: null, appraiserNote: "Trễ hạn", accepted: true, updatedAt });
      for (let f = 0; f < EVIDENCE_PER_ASSESSMENT; f++) {
        const id = `bench-ev-${year}-${u.code}-${f}`;
        evidence.push({ id, assessmentId, fileName: `Tai-lieu-kiem-chung-${f + 1}.pdf`, mimeType: "application/pdf",
          sizeBytes: 20_000 + Math.floor(random() * 2_000_000), sha256: hex(id), storageKey: `${assessmentId}/${id}`,
          createdAt: new Date(Date.UTC(year, 11, 2 + (f % 28))) });
        const first = Math.floor(random() * unitEntries.length);
        const count = 1 + Math.floor(random() * 3);
        for (let k = 0; k < count; k++) links.push({ evidenceId: id, entryId: unitEntries[(first + k * 7) % unitEntries.length]! });
      }
    }
    await prisma.assessment.createMany({ data: assessments });
    await bulkInsert(prisma, "ScoreEntry", { id: "text", assessmentId: "text", criterionId: "text", selfScore: "numeric", declaredValue: "numeric",
      finalScore: "numeric", version: "int", updatedAt: "timestamp(3)" }, entries);
    await bulkInsert(prisma, "AppraisalRound", { id: "text", entryId: "text", round: "int", score: "numeric", reason: "text" }, rounds);
    await bulkInsert(prisma, "SurveyResult", { id: "text", cycleId: "text", unitId: "text", kind: '"SurveyKind"', criterionId: "text", percent: "numeric",
      points: "numeric", elements: "jsonb", respondents: "int" }, surveys);
    await bulkInsert(prisma, "ScoreAdjustment", { id: "text", assessmentId: "text", kind: '"AdjustmentKind"', description: "text", points: "numeric",
      unitNote: "text", appraiserNote: "text", accepted: "boolean", updatedAt: "timestamp(3)" }, adjustments);
    await bulkInsert(prisma, "Evidence", { id: "text", assessmentId: "text", fileName: "text", mimeType: "text", sizeBytes: "int", sha256: "text",
      storageKey: "text", createdAt: "timestamp(3)" }, evidence);
    await bulkInsert(prisma, "EvidenceLink", { evidenceId: "text", entryId: "text" }, [...new Map(links.map((l) => [`${l.evidenceId} ${l.entryId}`, l])).values()]);
    await prisma.$transaction((tx) => storeSnapshots(cycleId, { published: true, actorId: null }, tx), { timeout: 300_000 });
    cycles.push({ year, id: cycleId });
    scoreEntries += entries.length;
    evidenceCount += evidence.length;
    log(`  ${year}: ${assessments.length} assessments, ${entries.length} scores, ${rounds.length} appraisal rounds, ${surveys.length} survey results, `
      + `${evidence.length} evidence files (${links.length} links) — ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }

  // The open year: self-assessment open now, one assessment in progress (the upload target).
  const openCycleId = `bench-cycle-${OPEN_YEAR}`;
  await prisma.cycle.create({ data: { id: openCycleId, year: OPEN_YEAR, nameVi: `Đánh giá Chỉ số CCHC năm ${OPEN_YEAR}`, nameEn: `PAR INDEX assessment ${OPEN_YEAR}`,
    deadlines: { create: phaseWindows(new Date(now.getTime() - 10 * DAY), new Date(now.getTime() + 30 * DAY)) } } });
  await prisma.cycleFramework.createMany({ data: (["SBN", "XA"] as const).map((g) => ({ cycleId: openCycleId, groupId: groups[g].id, frameworkId: frameworks.get(g)!.id })) });
  const openAssessmentId = `bench-a-${OPEN_YEAR}-${units[0]!.code}`;
  await prisma.assessment.create({ data: { id: openAssessmentId, unitId: units[0]!.id, cycleId: openCycleId, frameworkId: frameworks.get(units[0]!.group)!.id, status: "IN_PROGRESS" } });
  return { units: units.length, cycles, scoreEntries, evidence: evidenceCount, openAssessmentId };
}

/** The six phase windows of a cycle whose self-assessment runs from `opens` to `closes`, the others a fortnight each after it. */
function phaseWindows(opens: Date, closes: Date) {
  const phases = ["APPRAISAL_R1", "EXPLANATION", "APPRAISAL_R2", "COUNCIL_REVIEW", "PUBLICATION"] as const;
  return [{ phase: "SELF_ASSESSMENT" as const, opensAt: opens, closesAt: closes },
    ...phases.map((phase, i) => ({ phase, opensAt: new Date(closes.getTime() + (i * 14 + 1) * DAY), closesAt: new Date(closes.getTime() + (i + 1) * 14 * DAY) }))];
}

const NATIONAL_REGIONS = ["Đồng bằng sông Hồng", "Trung du và miền núi phía Bắc", "Bắc Trung Bộ và Duyên hải miền Trung", "Tây Nguyên",
  "Đông Nam Bộ", "Đồng bằng sông Cửu Long"];

/** National scale: 2016–2024 with the 63 historical provinces, 2025 with the 34 current ones (every rank filled in). */
export async function generateNational(prisma: PrismaClient): Promise<{ years: number; results: number }> {
  const years: NationalYearInfo[] = [];
  const rows: NationalRow[] = [];
  for (let year = 2016; year <= 2025; year++) {
    const provinces = year < 2025 ? 63 : 34;
    const random = prng(`national:${year}`);
    const figures = Array.from({ length: provinces }, (_, i) => ({
      province: year < 2025 ? `Tỉnh lịch sử ${String(i + 1).padStart(2, "0")}` : `Tỉnh hiện tại ${String(i + 1).padStart(2, "0")}`,
      region: NATIONAL_REGIONS[i % NATIONAL_REGIONS.length]!,
      indexHundredths: 7000 + Math.floor(random() * 2500), sipasHundredths: 7800 + Math.floor(random() * 1800),
    }));
    const rankOf = (key: "indexHundredths" | "sipasHundredths") => {
      const sorted = [...figures].sort((a, b) => b[key] - a[key]);
      return (f: (typeof figures)[number]) => 1 + sorted.findIndex((g) => g[key] === f[key]);
    };
    const rank = rankOf("indexHundredths");
    const sipasRank = rankOf("sipasHundredths");
    for (const f of figures) {
      const inRegion = figures.filter((g) => g.region === f.region);
      rows.push({ year, province: f.province, region: f.region, indexHundredths: f.indexHundredths, rank: rank(f),
        regionRank: 1 + inRegion.filter((g) => g.indexHundredths > f.indexHundredths).length,
        sipasHundredths: f.sipasHundredths, sipasRank: sipasRank(f) });
    }
    years.push({ year, provinces, partial: false, source: "Dữ liệu đo hiệu năng (giả lập)",
      averageHundredths: Math.round(figures.reduce((s, f) => s + f.indexHundredths, 0) / provinces) });
  }
  await prisma.$transaction((tx) => writeNationalYears(tx, years, rows, null));
  return { years: years.length, results: rows.length };
}

/**
 * Planner statistics, as a long-running PostgreSQL server's autovacuum would have them. (PGlite runs
 * no autovacuum: an embedded database has statistics only where something runs ANALYZE.)
 */
export async function analyze(prisma: PrismaClient): Promise<void> {
  await prisma.$executeRawUnsafe("ANALYZE");
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL?.trim();
  const dir = path.resolve(process.argv[2] ?? ".data/bench");
  const target = url ? { kind: "postgresql" as const, url } : { kind: "pglite" as const, dir: path.join(dir, "pglite") };
  const conn = await connect(target, "bench generate");
  try {
    const started = performance.now();
    await applyMigrations(conn.pglite ? { kind: "pglite", pglite: conn.pglite } : { kind: "postgresql", url: url! }, migrationsDir());
    console.log(`Generating benchmark data into ${url ? "DATABASE_URL" : target.kind === "pglite" ? target.dir : ""} …`);
    const province = await generateProvince(conn.prisma, (l) => console.log(l));
    const national = await generateNational(conn.prisma);
    await analyze(conn.prisma);
    console.log(`  national: ${national.years} years, ${national.results} results`);
    console.log(`Done in ${((performance.now() - started) / 1000).toFixed(1)} s: ${province.units} units, ${province.scoreEntries} scores, ${province.evidence} evidence files.`);
  } finally {
    await conn.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().then(() => process.exit(0), (e: unknown) => { console.error(e); process.exit(1); });
}
