/**
 * The server data layer against a real database with the project's migrations and the demo data:
 * in-memory PGlite always, and PostgreSQL too when TEST_DATABASE_URL is set (the same suite).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toCenti, sumCenti, type Centi } from "@/lib/domain/points";
import { indexHundredths } from "@/lib/domain/scoring";
import { assessmentForApi, assessmentOfUnit, findUnitByCode, statusCounts } from "@/lib/server/data/assessments";
import { currentCycle, publishedCycles } from "@/lib/server/data/cycles";
import { cycleResults, unitHistory } from "@/lib/server/data/results";
import { healthReport } from "@/lib/server/data/system";
import { importScores, importSurveys, planSurveys } from "@/lib/server/data/exchange";
import { recomputeCycle, snapshotStatus } from "@/lib/server/data/snapshots";
import { UserError } from "@/lib/server/data/errors";
import { findActiveUser, verifyCredentials } from "@/lib/server/data/users";
import seed, { CURRENT_YEAR, DEMO_PASSWORD } from "../../scripts/db/seed";
import { createTestDatabase, DATABASE_MODES, type TestDatabase } from "../helpers/database";

describe.each(DATABASE_MODES)("data layer on %s", (mode) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(mode);
    database.install();
    expect(await seed(database.prisma, () => {})).toBe(true);
  });
  afterAll(async () => {
    await database?.close();
  });

  it("reports itself healthy, with its mode and up-to-date migrations", async () => {
    expect(await healthReport()).toEqual({ status: "ok", database: mode, migrations: "up-to-date" });
  });

  it("loads the demo data only once", async () => {
    const before = await database.prisma.scoreEntry.count();
    expect(await seed(database.prisma, () => {})).toBe(false);
    expect(await database.prisma.scoreEntry.count()).toBe(before);
    expect(await database.prisma.unit.count({ where: { kind: "COMMUNE" } })).toBe(15);
  });

  it("signs in with the right password and locks the account after 5 failures", async () => {
    const t0 = new Date("2026-11-22T02:00:00Z");
    const ok = await verifyCredentials("lanhdao", DEMO_PASSWORD, t0);
    expect(ok.kind).toBe("ok");
    expect(await verifyCredentials("LanhDao", DEMO_PASSWORD, t0)).toMatchObject({ kind: "ok" }); // usernames are case-insensitive
    expect(await verifyCredentials("nobody", DEMO_PASSWORD, t0)).toEqual({ kind: "invalid" });

    for (let i = 1; i <= 4; i++) expect(await verifyCredentials("cb.stc", "wrong", t0)).toEqual({ kind: "invalid" });
    expect(await verifyCredentials("cb.stc", "wrong", t0)).toEqual({ kind: "locked", minutes: 15 });
    // Locked even with the right password, until the lock runs out.
    expect(await verifyCredentials("cb.stc", DEMO_PASSWORD, new Date(t0.getTime() + 5 * 60_000))).toEqual({ kind: "locked", minutes: 10 });
    const later = new Date(t0.getTime() + 16 * 60_000);
    expect(await verifyCredentials("cb.stc", DEMO_PASSWORD, later)).toMatchObject({ kind: "ok" });
    const user = await database.prisma.user.findUniqueOrThrow({ where: { username: "cb.stc" } });
    expect(user).toMatchObject({ failedSignIns: 0, lockedUntil: null });
    const audit = await database.prisma.auditEvent.count({ where: { action: "auth.locked", entityId: user.id } });
    expect(audit).toBe(1);
  });

  it("counts concurrent failures without losing any", async () => {
    const t0 = new Date("2026-11-22T04:00:00Z");
    await Promise.all([1, 2, 3].map(() => verifyCredentials("cb.sct", "wrong", t0)));
    const user = await database.prisma.user.findUniqueOrThrow({ where: { username: "cb.sct" } });
    expect(user.failedSignIns).toBe(3);
  });

  it("loads the signed-in user with unit and scope, not inactive ones", async () => {
    const appraiser = await database.prisma.user.findUniqueOrThrow({ where: { username: "thamdinh" } });
    expect(await findActiveUser(appraiser.id)).toMatchObject({ role: "APPRAISER", unitCode: "STP", assignedCriteria: ["2"] });
    await database.prisma.user.update({ where: { id: appraiser.id }, data: { active: false } });
    expect(await findActiveUser(appraiser.id)).toBeNull();
    await database.prisma.user.update({ where: { id: appraiser.id }, data: { active: true } });
  });

  it("stores each unit's index as computed from its final scores and surveys", async () => {
    const [latest] = await publishedCycles();
    expect(latest?.year).toBe(CURRENT_YEAR - 1);
    const results = await cycleResults(latest!.id);
    const unit = await findUnitByCode("stp");
    const mine = results.find((r) => r.unitId === unit!.id)!;
    // Independent computation from the raw rows: final scores of self-assessed leaves, stored points of
    // sociological-survey leaves, and SIPAS leaves = max × element % ÷ 100 rounded half up to hundredths.
    const a = await database.prisma.assessment.findFirstOrThrow({ where: { unitId: unit!.id, cycleId: latest!.id },
      include: { entries: true, framework: { include: { nodes: true } } } });
    const surveys = await database.prisma.surveyResult.findMany({ where: { unitId: unit!.id, cycleId: latest!.id } });
    const sipas = surveys.find((s) => s.kind === "SIPAS")!.elements as number[];
    const sipasLeaves = a.framework.nodes.filter((n) => (n.rule as { survey?: string } | null)?.survey === "SIPAS");
    expect(sipasLeaves).toHaveLength(5);
    const sipasPoints = sipasLeaves.map((n) => {
      const element = (n.rule as { element: number }).element;
      return Math.round(toCenti(n.maxPoints) * sipas[element - 1]! / 100) as Centi; // max in hundredths × % ÷ 100
    });
    const achieved = sumCenti([...a.entries.map((e) => toCenti(e.finalScore!)),
      ...surveys.filter((s) => s.criterionId).map((s) => toCenti(s.points!)), ...sipasPoints]);
    const max = sumCenti(a.framework.nodes.filter((n) => n.parentId === null).map((n) => toCenti(n.maxPoints)));
    expect(max).toBe(10000);
    expect(mine.achieved).toBe(achieved);
    expect(mine.indexHundredths).toBe(indexHundredths({ achieved, max }));
    expect(mine.indexHundredths).toBeGreaterThan(5000);
    expect(mine.indexHundredths).toBeLessThanOrEqual(10000);
    expect(mine.published).toBe(true);
    // Ranks within a group are 1..n and follow the index.
    const group = results.filter((r) => r.groupCode === mine.groupCode).sort((x, y) => x.rank - y.rank);
    expect(group[0]!.rank).toBe(1);
    for (let i = 1; i < group.length; i++) expect(group[i]!.achieved * group[i - 1]!.max).toBeLessThanOrEqual(group[i - 1]!.achieved * group[i]!.max);
  });

  it("gives a unit's history over the published years", async () => {
    const unit = await findUnitByCode("STP");
    const history = await unitHistory(unit!.id);
    expect(history.map((h) => h.year)).toEqual([2025, 2024, 2023]);
    for (const h of history) {
      expect(h.rank).toBeGreaterThanOrEqual(1);
      expect(h.rank).toBeLessThanOrEqual(h.groupSize);
    }
  });

  it("tracks the current cycle's progress", async () => {
    const cycle = await currentCycle();
    expect(cycle?.year).toBe(CURRENT_YEAR);
    expect(cycle?.deadlines).toHaveLength(6);
    const counts = await statusCounts(cycle!.id);
    const total = counts.reduce((s, c) => s + c.count, 0);
    expect(total).toBe(await database.prisma.assessment.count({ where: { cycleId: cycle!.id } }));
    const sxd = await findUnitByCode("SXD");
    const row = await assessmentOfUnit(sxd!.id, cycle!.id);
    expect(row).toMatchObject({ unitCode: "SXD", status: "IN_PROGRESS" });
    expect(row!.scored).toBeGreaterThan(0);
    expect(row!.scored).toBeLessThan(row!.selfLeaves);
  });

  it("serves an assessment for the API with exact numbers and appraisal rounds", async () => {
    const unit = await findUnitByCode("STP");
    const api = await assessmentForApi(unit!.id, 2024);
    expect(api).toMatchObject({ unit: { code: "STP" }, year: 2024, published: true, status: "PUBLISHED" });
    const withRounds = api!.entries.filter((e) => e.rounds.length > 0);
    for (const e of api!.entries) {
      expect(e.finalScore).toBe(e.rounds.length ? e.rounds[e.rounds.length - 1]!.score : e.selfScore);
      expect(e.finalScore! * 100).toBe(Math.round(e.finalScore! * 100));
    }
    expect(withRounds.every((e) => e.rounds.every((r) => (r.reason ?? "").length > 0))).toBe(true);
    expect(await assessmentForApi(unit!.id, 1999)).toBeNull();
  });

  it("recomputes draft results on demand and refuses to recompute a published cycle", async () => {
    const draft = await recomputeCycle(CURRENT_YEAR, null);
    const assessments = await database.prisma.assessment.count({ where: { cycle: { year: CURRENT_YEAR } } });
    expect(draft.units).toBe(assessments);
    const cycle = await currentCycle();
    expect(await snapshotStatus(cycle!.id)).toMatchObject({ units: assessments });
    expect(await database.prisma.resultSnapshot.count({ where: { cycleId: cycle!.id, published: true } })).toBe(0);
    const published = await database.prisma.resultSnapshot.findMany({ where: { cycle: { year: 2024 } }, orderBy: { unitId: "asc" } });
    await expect(recomputeCycle(2024, null)).rejects.toEqual(new UserError("results.published", { year: 2024 }));
    expect(await database.prisma.resultSnapshot.findMany({ where: { cycle: { year: 2024 } }, orderBy: { unitId: "asc" } })).toEqual(published);
    await expect(recomputeCycle(1999, null)).rejects.toEqual(new UserError("exchange.cycleNotFound", { year: 1999 }));
  });

  it("refuses scores and survey results for a published cycle and changes nothing", async () => {
    const before = await database.prisma.surveyResult.findMany({ where: { cycle: { year: 2024 } }, orderBy: { id: "asc" } });
    const surveys = { format: "par-surveys/v1" as const, year: 2024, units: [{ code: "SXD", sociological: { "8.2.1": 100 } }] };
    const refusal = new UserError("exchange.published", { year: 2024 });
    await expect(planSurveys(surveys)).rejects.toEqual(refusal);
    await expect(importSurveys(surveys, null)).rejects.toEqual(refusal);
    await expect(importScores({ format: "par-scores/v1", year: 2024, framework: "SBN-2023", units: [{ code: "SXD", scores: { "1.1.1": { self: 1 } } }] }, null))
      .rejects.toEqual(refusal);
    expect(await database.prisma.surveyResult.findMany({ where: { cycle: { year: 2024 } }, orderBy: { id: "asc" } })).toEqual(before);
  });

  it("keeps the index exact: final scores are whole hundredths", async () => {
    const entries = await database.prisma.scoreEntry.findMany({ where: { finalScore: { not: null } }, select: { finalScore: true }, take: 500 });
    const values: Centi[] = entries.map((e) => toCenti(e.finalScore!));
    expect(values.every((v) => Number.isInteger(v))).toBe(true);
  });
});
