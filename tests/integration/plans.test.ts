/**
 * The improvement plan below the browser: tasks from last year's lost points (lead departments,
 * idempotent, one audit row), permissions (a unit sees only its tasks; only the lead unit reports,
 * coordinating and other units refused), progress reports (an invalid one changes nothing), the
 * notifications and the weekly reminders. Session and cache stubbed.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { leadDepartments } from "@/lib/domain/analytics";
import { vietnamTime } from "@/lib/domain/phases";
import { defaultPeriod } from "@/lib/domain/plans";
import type { CurrentUser } from "@/lib/server/data/users";
import { seedPlans } from "../../prisma/seed/followup-plans";
import seed, { DEMO_ASSIGNMENTS } from "../../scripts/db/seed";
import { createTestDatabase, DATABASE_MODES, type TestDatabase } from "../helpers/database";

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));

vi.mock("@/lib/server/auth/session", async () => {
  const { can } = await import("@/lib/auth/permissions");
  class AuthorizationError extends Error {
    constructor(readonly status: 401 | 403, message: string) {
      super(message);
      this.name = "AuthorizationError";
    }
  }
  return {
    AuthorizationError,
    authorize: async (action: Parameters<typeof can>[1], target?: Parameters<typeof can>[2]) => {
      if (!session.user) throw new AuthorizationError(401, "unauthenticated");
      if (!can(session.user, action, target)) throw new AuthorizationError(403, "forbidden");
      return session.user;
    },
  };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { cancelTaskAction, createTaskAction, generateTasksAction, reportProgressAction } = await import("@/lib/server/actions/plans");
const { listTasks, proposeFromLostPoints, remindTasks, taskDetail } = await import("@/lib/server/data/plans");
const { findActiveUser } = await import("@/lib/server/data/users");

const ASSIGNED = DEMO_ASSIGNMENTS.flatMap((a) => a.areas.map((criterionCode) => ({ criterionCode, unit: a.unit })));

describe.each(DATABASE_MODES)("improvement plan on %s", (mode) => {
  let database: TestDatabase;
  const users: Record<string, CurrentUser> = {};
  const units: Record<string, string> = {};
  let taskId = "";

  const as = (username: string) => { session.user = users[username]!; };
  const state = async () => ({
    task: await database.prisma.improvementTask.findUniqueOrThrow({ where: { id: taskId }, select: { progress: true, status: true } }),
    updates: await database.prisma.taskUpdate.count({ where: { taskId } }),
    audits: await database.prisma.auditEvent.count({ where: { entityId: taskId } }),
  });

  beforeAll(async () => {
    database = await createTestDatabase(mode);
    database.install();
    await seed(database.prisma, () => {});
    for (const username of ["sonoivu", "cb.stp", "cb.stc", "cb.sxd", "lanhdao"]) {
      users[username] = (await findActiveUser((await database.prisma.user.findUniqueOrThrow({ where: { username } })).id))!;
    }
    for (const u of await database.prisma.unit.findMany({ where: { code: { in: ["SNV", "STP", "STC", "SXD"] } } })) units[u.code] = u.id;
  });
  afterAll(async () => database?.close());

  it("proposes the criteria the province lost most points on last year, each with its lead department", async () => {
    const { from, published, proposals } = await proposeFromLostPoints(2026, units.SNV!);
    expect([from, published]).toEqual([2025, true]);
    expect(proposals.length).toBe(10);
    // Largest loss first.
    expect(proposals.map((p) => p.lost)).toEqual([...proposals.map((p) => p.lost)].sort((a, b) => b - a));
    for (const p of proposals) {
      const expected = leadDepartments(p.criterionCode, ASSIGNED)[0] ?? "SNV";
      expect(p.leadUnit.code).toBe(expected);
      expect(p.lead).toBe(expected);
    }
  });

  it("creates the chosen proposals once, with their lead departments, in one audited transaction", async () => {
    const { proposals } = await proposeFromLostPoints(2026, units.SNV!);
    const codes = proposals.slice(0, 4).map((p) => p.criterionCode);
    const base = await database.prisma.improvementTask.count();
    as("cb.sxd");
    expect(await generateTasksAction({ year: 2026, codes })).toMatchObject({ ok: false, error: { key: "api.forbidden" } });
    expect(await database.prisma.improvementTask.count()).toBe(base);

    as("sonoivu");
    expect(await generateTasksAction({ year: 2026, codes })).toEqual({ ok: true, data: { created: 4, skipped: [] } });
    const tasks = await database.prisma.improvementTask.findMany({ where: { criterionCode: { in: codes } }, include: { leadUnit: true }, orderBy: { criterionCode: "asc" } });
    expect(tasks.map((t) => t.criterionCode).sort()).toEqual([...codes].sort());
    for (const t of tasks) {
      const p = proposals.find((x) => x.criterionCode === t.criterionCode)!;
      expect(t.leadUnit.code).toBe(p.lead);
      expect(Number(t.lostPoints) * 100).toBeCloseTo(p.lost);
      expect(t.dueAt).toEqual(defaultPeriod(2026, new Date()).dueAt);
    }
    // Again: nothing more (and those criteria are no longer proposed).
    expect(await generateTasksAction({ year: 2026, codes })).toEqual({ ok: true, data: { created: 0, skipped: codes } });
    expect(await database.prisma.improvementTask.count()).toBe(base + 4);
    expect((await proposeFromLostPoints(2026, units.SNV!)).proposals.some((p) => codes.includes(p.criterionCode))).toBe(false);
    expect(await database.prisma.auditEvent.count({ where: { action: "plan.generate" } })).toBe(1);
    // Each lead unit's staff was told.
    const lead = tasks[0]!.leadUnitId;
    const staff = await database.prisma.user.findMany({ where: { unitId: lead, role: "UNIT_STAFF" }, select: { id: true } });
    expect(await database.prisma.notification.count({ where: { kind: "taskAssigned", userId: { in: staff.map((s) => s.id) }, link: { in: tasks.map((t) => `/plans/${t.id}`) } } }))
      .toBe(staff.length * tasks.filter((t) => t.leadUnitId === lead).length);
    // No published year before: a clear refusal.
    expect(await generateTasksAction({ year: 2023, codes: ["1.1"] })).toMatchObject({ ok: false, error: { key: "plans.errors.noResults", values: { year: 2022 } } });
  });

  it("creates a task with a lead and coordinating units; bad input changes nothing", async () => {
    const input = { year: 2026, criterionCode: "2.1", title: "Rà soát, hệ thống hóa văn bản quy phạm pháp luật", deliverable: "Báo cáo kết quả rà soát",
      leadUnitId: units.STP!, coordinatingUnitIds: [units.STC!], startsAt: "2026-01-01", dueAt: "2026-12-31" };
    as("cb.stp");
    expect(await createTaskAction(input)).toMatchObject({ ok: false, error: { key: "api.forbidden" } });
    as("sonoivu");
    const before = await database.prisma.improvementTask.count();
    expect(await createTaskAction({ ...input, dueAt: "2025-12-31" })).toMatchObject({ ok: false, issues: [{ path: ["dueAt"], key: "plans.errors.dates" }] });
    expect(await createTaskAction({ ...input, coordinatingUnitIds: [units.STP!] })).toMatchObject({ ok: false, issues: [{ key: "plans.errors.coordinatingLead" }] });
    expect(await createTaskAction({ ...input, criterionCode: "2.x" })).toMatchObject({ ok: false, issues: [{ key: "plans.errors.criterionCode" }] });
    expect(await createTaskAction({ ...input, criterionCode: "99.9" })).toMatchObject({ ok: false, error: { key: "plans.errors.unknownCriterion" } });
    expect(await database.prisma.improvementTask.count()).toBe(before);
    const r = await createTaskAction(input);
    expect(r.ok).toBe(true);
    taskId = r.ok ? r.data.id : "";
    expect(await database.prisma.auditEvent.count({ where: { action: "plan.create", entityId: taskId } })).toBe(1);
  });

  it("shows unit staff only the tasks their unit leads or coordinates", async () => {
    const all = await listTasks(2026, {}, { unitId: null });
    const stp = await listTasks(2026, {}, { unitId: units.STP! });
    const stc = await listTasks(2026, {}, { unitId: units.STC! });
    const sxd = await listTasks(2026, {}, { unitId: units.SXD! });
    expect(stp.rows.every((t) => t.lead.id === units.STP || t.coordinating.some((c) => c.id === units.STP))).toBe(true);
    expect(stp.rows.map((t) => t.id)).toContain(taskId);
    expect(stc.rows.map((t) => t.id)).toContain(taskId);
    expect(sxd.rows.map((t) => t.id)).not.toContain(taskId);
    expect(all.counts.total).toBeGreaterThan(stp.counts.total);
    expect(await taskDetail(taskId, { unitId: units.SXD! })).toBeNull();
    expect(await taskDetail(taskId, { unitId: units.STC! })).not.toBeNull();
    // Filters.
    expect((await listTasks(2026, { code: "2" }, { unitId: null })).rows.every((t) => t.criterionCode.startsWith("2."))).toBe(true);
    const found = (await listTasks(2026, { q: "hệ thống hóa" }, { unitId: null })).rows;
    expect(found.map((t) => t.id)).toContain(taskId);
    expect(found.every((t) => `${t.title} ${t.deliverable}`.toLowerCase().includes("hệ thống hóa"))).toBe(true);
    expect((await listTasks(2026, { lead: "STP", status: "DONE" }, { unitId: null })).rows).toEqual([]);
  });

  it("takes progress only from the lead unit (or the secretariat); an invalid report changes nothing", async () => {
    const start = await state();
    const report = { id: taskId, progress: 40, status: "IN_PROGRESS", note: "Đã ban hành kế hoạch rà soát, đang tổng hợp." };
    as("cb.stc"); // coordinating
    expect(await reportProgressAction(report)).toMatchObject({ ok: false, error: { key: "api.forbidden" } });
    as("cb.sxd"); // another unit
    expect(await reportProgressAction(report)).toMatchObject({ ok: false, error: { key: "api.forbidden" } });
    as("lanhdao"); // reads, does not report
    expect(await reportProgressAction(report)).toMatchObject({ ok: false, error: { key: "api.forbidden" } });
    expect(await state()).toEqual(start);

    as("cb.stp");
    const ok = await reportProgressAction(report);
    expect(ok.ok).toBe(true);
    const after = await state();
    expect(after).toEqual({ task: { progress: 40, status: "IN_PROGRESS" }, updates: start.updates + 1, audits: start.audits + 1 });
    expect(await database.prisma.notification.count({ where: { kind: "taskUpdated", userId: users.sonoivu!.id } })).toBe(1);

    // Invalid: going down, DONE below 100, a short note, out of range: refused with a message, nothing changed.
    expect(await reportProgressAction({ ...report, progress: 30 })).toMatchObject({ ok: false, error: { key: "plans.errors.progressDown", values: { progress: 40 } } });
    expect(await reportProgressAction({ ...report, progress: 90, status: "DONE" })).toMatchObject({ ok: false, issues: [{ key: "plans.errors.doneIs100" }] });
    expect(await reportProgressAction({ ...report, note: "ok" })).toMatchObject({ ok: false, issues: [{ key: "plans.errors.note" }] });
    expect(await reportProgressAction({ ...report, progress: 140 })).toMatchObject({ ok: false, issues: [{ key: "plans.errors.progressRange" }] });
    expect(await reportProgressAction({ ...report, id: "nope" })).toMatchObject({ ok: false, error: { key: "api.forbidden" } });
    expect(await state()).toEqual(after);

    const detail = await taskDetail(taskId, { unitId: units.STP! });
    expect(detail?.updates.map((u) => [u.progress, u.status, u.by?.name])).toEqual([[40, "IN_PROGRESS", users["cb.stp"]!.name]]);
  });

  it("reminds the lead unit of a late task once per state and week", async () => {
    // Monday 3/8/2026: 58 % of the year gone, 40 % reported → at risk (more than 10 points behind).
    const august = vietnamTime(2026, 8, 3, 8);
    const stpStaff = await database.prisma.user.findMany({ where: { unitId: units.STP!, role: "UNIT_STAFF" }, select: { id: true } });
    const first = await remindTasks(august);
    expect(first.created).toBeGreaterThan(0);
    const mine = await database.prisma.notification.findMany({ where: { kind: "taskReminder", link: `/plans/${taskId}` } });
    expect(mine.map((n) => n.userId).sort()).toEqual(stpStaff.map((s) => s.id).sort());
    expect(mine[0]!.params).toMatchObject({ state: "atRisk", progress: 40, expected: 58 });
    expect(await remindTasks(vietnamTime(2026, 8, 9, 20))).toEqual({ created: 0 });
    expect((await remindTasks(vietnamTime(2026, 8, 10, 8))).created).toBeGreaterThan(0);
    expect(await database.prisma.auditEvent.count({ where: { action: "plan.remind" } })).toBe(2);
  });

  it("cancels a task with a reason; a cancelled task takes no report", async () => {
    as("sonoivu");
    expect(await cancelTaskAction({ id: taskId, reason: "" })).toMatchObject({ ok: false, issues: [{ key: "plans.errors.reason" }] });
    expect(await cancelTaskAction({ id: taskId, reason: "Gộp vào nhiệm vụ 2.1.1" })).toMatchObject({ ok: true });
    as("cb.stp");
    const before = await state();
    expect(await reportProgressAction({ id: taskId, progress: 60, status: "IN_PROGRESS", note: "Tiếp tục tổng hợp kết quả rà soát." }))
      .toMatchObject({ ok: false, error: { key: "plans.errors.cancelled" } });
    expect(await state()).toEqual(before);
    expect(before.task.status).toBe("CANCELLED");
  });

  it("seeds a demo plan with one task in each state", async () => {
    if ((await database.prisma.improvementTask.count({ where: { year: 2026, criterionCode: "7.1" } })) === 0) {
      const [unitRows, userRows] = [await database.prisma.unit.findMany({ select: { id: true, code: true } }), await database.prisma.user.findMany({ select: { id: true, username: true } })];
      await database.prisma.$transaction((tx) => seedPlans(tx, { units: new Map(unitRows.map((u) => [u.code, u.id])), users: new Map(userRows.map((u) => [u.username, u.id])) }));
    }
    const { rows } = await listTasks(2026, {}, { unitId: null }, vietnamTime(2026, 11, 22, 9));
    const flag = (code: string) => rows.find((r) => r.criterionCode === code)?.flags.flag;
    expect(["2.2", "7.1", "6.1", "4.1", "1.1"].map(flag)).toEqual(["atRisk", "overdue", "done", "onTrack", "upcoming"]);
    const stp = await listTasks(2026, {}, { unitId: units.STP! });
    expect(stp.rows.some((r) => r.criterionCode === "2.2")).toBe(true);
    const detail = await taskDetail(rows.find((r) => r.criterionCode === "2.2")!.id, { unitId: units.STP! });
    expect(detail?.updates.map((u) => u.progress)).toEqual([60, 30]);
  });
});
