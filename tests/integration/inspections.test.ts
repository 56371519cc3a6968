/**
 * Inspections below the browser, through the server actions (zod → permission → data layer) with the
 * signed-in user stubbed: who may create, see, remediate, close; refusals change nothing; one audit row
 * per change; notifications; remediation reminders once per finding per week; the printable report.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { vietnamTime } from "@/lib/domain/phases";
import type { CurrentUser } from "@/lib/server/data/users";
import seed from "../../scripts/db/seed";
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

vi.mock("next-intl/server", async () => {
  const messages = (await import("@/lib/i18n/messages/vi.json")).default as Record<string, unknown>;
  return {
    getLocale: async () => "vi",
    getMessages: async () => messages,
    getTranslations: async (namespace?: string) => {
      const lookup = (key: string) => `${namespace ? `${namespace}.` : ""}${key}`.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
      const t = (key: string, values: Record<string, string | number> = {}) => {
        const text = lookup(key);
        return typeof text === "string" ? text.replace(/\{(\w+)\}/g, (_m, name: string) => String(values[name] ?? `{${name}}`)) : key;
      };
      return Object.assign(t, { has: (key: string) => typeof lookup(key) === "string" });
    },
  };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const actions = await import("@/lib/server/actions/inspections");
const data = await import("@/lib/server/data/inspections");
const { findActiveUser } = await import("@/lib/server/data/users");
const { seedInspections } = await import("../../prisma/seed/followup-inspections");
const { GET: reportRoute } = await import("@/app/api/v1/inspections/[id]/report/route");

describe.each(DATABASE_MODES)("inspections on %s", (mode) => {
  let database: TestDatabase;
  const users: Record<string, CurrentUser> = {};
  let sxd: string;
  let inspectionId: string;
  const findings: string[] = [];

  const as = (username: string) => { session.user = users[username]!; };
  const counts = async () => ({
    inspections: await database.prisma.inspection.count(),
    findings: await database.prisma.inspectionFinding.count(),
    reports: await database.prisma.remediationReport.count(),
    audits: await database.prisma.auditEvent.count(),
  });
  const valid = () => ({ year: 2026, decisionNumber: "312/QĐ-SNV", decisionDate: "2026-11-02", team: "Trần Thị Thu Hà — Trưởng đoàn\nLê Văn Bình — Thành viên",
    targetUnitId: sxd, startsAt: "2026-11-16", endsAt: "2026-11-18" });

  beforeAll(async () => {
    database = await createTestDatabase(mode);
    database.install();
    await seed(database.prisma, () => {});
    for (const username of ["admin", "sonoivu", "cb.sxd", "cb.stp", "lanhdao", "thamdinh"]) {
      const u = await database.prisma.user.findUniqueOrThrow({ where: { username } });
      users[username] = (await findActiveUser(u.id))!;
    }
    sxd = users["cb.sxd"]!.unitId!;
  });
  afterAll(async () => database?.close());

  it("lets the secretariat create an inspection, with one audit row; unit staff may not", async () => {
    as("cb.sxd");
    expect(await actions.createInspectionAction(valid())).toMatchObject({ ok: false, error: { key: "api.forbidden" } });
    as("sonoivu");
    const before = await counts();
    const r = await actions.createInspectionAction(valid());
    expect(r.ok).toBe(true);
    inspectionId = (r as { data: { id: string } }).data.id;
    expect(await counts()).toEqual({ ...before, inspections: before.inspections + 1, audits: before.audits + 1 });
    const row = await database.prisma.inspection.findUniqueOrThrow({ where: { id: inspectionId } });
    expect(row).toMatchObject({ status: "PLANNED", targetUnitId: sxd, decisionNumber: "312/QĐ-SNV", decisionDate: vietnamTime(2026, 11, 2) });
    const audit = await database.prisma.auditEvent.findFirstOrThrow({ where: { entityId: inspectionId } });
    expect(audit).toMatchObject({ action: "inspection.create", actorId: users.sonoivu!.id });
  });

  it("refuses bad dates and other bad input, changing nothing", async () => {
    as("sonoivu");
    const before = await counts();
    const late = await actions.createInspectionAction({ ...valid(), decisionDate: "2026-11-20" });
    expect(late).toMatchObject({ ok: false, issues: [{ key: "inspections.errors.decisionAfterStart" }] });
    const backwards = await actions.createInspectionAction({ ...valid(), endsAt: "2026-11-10" });
    expect(backwards).toMatchObject({ ok: false, issues: [{ key: "inspections.errors.endBeforeStart" }] });
    expect(await actions.createInspectionAction({ ...valid(), decisionDate: "2026-02-30" })).toMatchObject({ ok: false, issues: [{ key: "inspections.errors.date" }] });
    expect(await actions.createInspectionAction({ ...valid(), team: "  " })).toMatchObject({ ok: false, issues: [{ key: "inspections.errors.team" }] });
    const gone = await database.prisma.unit.findUniqueOrThrow({ where: { code: "SXD-2024" } });
    expect(await actions.createInspectionAction({ ...valid(), targetUnitId: gone.id })).toMatchObject({ ok: false, error: { key: "inspections.errors.unit" } });
    expect(await actions.updateInspectionAction({ ...valid(), id: inspectionId, endsAt: "2026-11-01" })).toMatchObject({ ok: false });
    expect(await counts()).toEqual(before);
    expect((await database.prisma.inspection.findUniqueOrThrow({ where: { id: inspectionId } })).endsAt).toEqual(vietnamTime(2026, 11, 18));
  });

  it("records findings in the areas of the unit's criterion set and notifies the unit's staff", async () => {
    as("sonoivu");
    const areas = await data.unitAreas(sxd, 2026);
    expect(areas?.map((a) => a.code)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8"]);
    const before = await counts();
    expect(await actions.addFindingAction({ inspectionId, areaCode: "99", limitation: "x", severity: "LOW", recommendation: "y", dueAt: "2026-12-31" }))
      .toMatchObject({ ok: false, error: { key: "inspections.errors.areaNotInFramework", values: { code: "99" } } });
    expect(await counts()).toEqual(before);
    for (const [areaCode, severity] of [["3", "HIGH"], ["1", "MEDIUM"]] as const) {
      const r = await actions.addFindingAction({ inspectionId, areaCode, limitation: `Tồn tại ở lĩnh vực ${areaCode}`, severity,
        recommendation: "Khắc phục trước hạn", dueAt: "2026-12-31" });
      expect(r.ok).toBe(true);
      findings.push((r as { data: { id: string } }).data.id);
    }
    expect(await counts()).toEqual({ ...before, findings: before.findings + 2, audits: before.audits + 2 });
    const inbox = await database.prisma.notification.findMany({ where: { userId: users["cb.sxd"]!.id, kind: "findingAdded" } });
    expect(inbox).toHaveLength(2);
    expect(inbox[0]!.link).toMatch(new RegExp(`^/inspections/${inspectionId}#finding-`));
    expect(await database.prisma.notification.count({ where: { userId: users["cb.stp"]!.id, kind: "findingAdded" } })).toBe(0);
    // Deadline at 17:00 Vietnam time.
    expect((await database.prisma.inspectionFinding.findUniqueOrThrow({ where: { id: findings[0]! } })).dueAt).toEqual(vietnamTime(2026, 12, 31, 17));
    // Unit staff do not record findings.
    as("cb.sxd");
    expect(await actions.addFindingAction({ inspectionId, areaCode: "2", limitation: "x", severity: "LOW", recommendation: "y", dueAt: "2026-12-31" }))
      .toMatchObject({ ok: false, error: { key: "api.forbidden" } });
  });

  it("shows unit staff only their own unit's inspections", async () => {
    const now = vietnamTime(2026, 11, 22, 9);
    const own = await data.listInspections({ year: 2026 }, users["cb.sxd"]!, now);
    expect(own.rows.map((r) => r.id)).toContain(inspectionId);
    expect(own.rows.every((r) => r.targetUnit.id === sxd)).toBe(true);
    const other = await data.listInspections({ year: 2026 }, users["cb.stp"]!, now);
    expect(other.rows.some((r) => r.id === inspectionId)).toBe(false);
    expect((await data.listInspections({ year: 2026, unitId: sxd }, users["cb.stp"]!, now)).rows).toEqual([]);
    expect(await data.inspectionDetail(inspectionId, users["cb.stp"]!, now)).toBeNull();
    const detail = await data.inspectionDetail(inspectionId, users["cb.sxd"]!, now);
    expect(detail?.findings.map((f) => f.areaCode)).toEqual(["1", "3"]);
    expect(detail?.members).toEqual(["Trần Thị Thu Hà — Trưởng đoàn", "Lê Văn Bình — Thành viên"]);
    // Everyone else with inspection.read sees every unit.
    for (const who of ["admin", "lanhdao", "thamdinh", "sonoivu"]) {
      expect((await data.listInspections({ year: 2026 }, users[who]!, now)).rows.some((r) => r.id === inspectionId)).toBe(true);
    }
  });

  it("lets only the inspected unit report remediation, and notifies the secretariat", async () => {
    const before = await counts();
    as("cb.stp");
    expect(await actions.reportRemediationAction({ findingId: findings[0]!, report: "Không phải việc của đơn vị này" }))
      .toMatchObject({ ok: false, error: { key: "api.forbidden" } });
    as("sonoivu");
    expect(await actions.reportRemediationAction({ findingId: findings[0]!, report: "Thay mặt đơn vị" })).toMatchObject({ ok: false, error: { key: "api.forbidden" } });
    expect(await counts()).toEqual(before);
    // The data layer checks the unit again, whatever the caller did.
    await expect(data.reportRemediation({ findingId: findings[0]!, report: "x" }, users["cb.stp"]!)).rejects.toMatchObject({ key: "inspections.errors.notFound" });

    as("cb.sxd");
    expect(await actions.reportRemediationAction({ findingId: findings[0]!, report: "  " })).toMatchObject({ ok: false, issues: [{ key: "inspections.errors.report" }] });
    for (const id of findings) {
      const r = await actions.reportRemediationAction({ findingId: id, report: "Đã niêm yết đầy đủ thủ tục hành chính." });
      expect(r.ok).toBe(true);
    }
    expect(await counts()).toEqual({ ...before, reports: before.reports + 2, audits: before.audits + 2 });
    expect((await database.prisma.inspectionFinding.findMany({ where: { id: { in: findings } } })).map((f) => f.status))
      .toEqual(["REMEDIATION_REPORTED", "REMEDIATION_REPORTED"]);
    expect(await database.prisma.notification.count({ where: { userId: users.sonoivu!.id, kind: "findingRemediationReported" } })).toBe(2);
    expect(await database.prisma.auditEvent.count({ where: { action: "inspection.remediate", entityId: findings[0]! } })).toBe(1);
  });

  it("lets only the secretariat close or send back a finding (not an admin, not the unit)", async () => {
    const before = await counts();
    for (const who of ["admin", "cb.sxd", "lanhdao"]) {
      as(who);
      expect(await actions.decideFindingAction({ findingId: findings[0]!, decision: "close", note: "" })).toMatchObject({ ok: false, error: { key: "api.forbidden" } });
    }
    as("sonoivu");
    expect(await actions.decideFindingAction({ findingId: findings[1]!, decision: "sendBack", note: " " }))
      .toMatchObject({ ok: false, error: { key: "inspections.errors.noteRequired" } });
    expect(await counts()).toEqual(before);

    expect(await actions.decideFindingAction({ findingId: findings[0]!, decision: "close", note: "Đạt yêu cầu" })).toMatchObject({ ok: true, data: { status: "CLOSED" } });
    expect(await actions.decideFindingAction({ findingId: findings[1]!, decision: "sendBack", note: "Chưa có văn bản ban hành" }))
      .toMatchObject({ ok: true, data: { status: "OPEN" } });
    expect(await counts()).toEqual({ ...before, audits: before.audits + 2 });
    const [closed, back] = await Promise.all(findings.map((id) => database.prisma.inspectionFinding.findUniqueOrThrow({ where: { id } })));
    expect(closed).toMatchObject({ status: "CLOSED", closedById: users.sonoivu!.id, closingNote: "Đạt yêu cầu" });
    expect(back).toMatchObject({ status: "OPEN", closedAt: null, closingNote: "Chưa có văn bản ban hành" });
    expect(await database.prisma.notification.count({ where: { userId: users["cb.sxd"]!.id, kind: { in: ["findingClosed", "findingSentBack"] } } })).toBe(2);
    // Closing an open (sent back) finding is refused: nothing reported since.
    expect(await actions.decideFindingAction({ findingId: findings[1]!, decision: "close", note: "" }))
      .toMatchObject({ ok: false, error: { key: "inspections.errors.notReported" } });
  });

  it("refuses reports and edits on a closed finding, and closing the inspection while a finding is open", async () => {
    const before = await counts();
    as("cb.sxd");
    expect(await actions.reportRemediationAction({ findingId: findings[0]!, report: "Bổ sung" })).toMatchObject({ ok: false, error: { key: "inspections.errors.closed" } });
    as("sonoivu");
    expect(await actions.updateFindingAction({ id: findings[0]!, areaCode: "3", limitation: "x", severity: "LOW", recommendation: "y", dueAt: "2026-12-31" }))
      .toMatchObject({ ok: false, error: { key: "inspections.errors.closed" } });
    expect(await actions.concludeInspectionAction({ id: inspectionId, status: "CLOSED", conclusion: "Kết thúc" }))
      .toMatchObject({ ok: false, error: { key: "inspections.errors.openFindings" } });
    expect(await counts()).toEqual(before);
    expect(await actions.concludeInspectionAction({ id: inspectionId, status: "REPORTED", conclusion: "Đơn vị thực hiện tốt công tác CCHC." })).toMatchObject({ ok: true });
    expect((await database.prisma.inspection.findUniqueOrThrow({ where: { id: inspectionId } }))).toMatchObject({ status: "REPORTED", conclusion: "Đơn vị thực hiện tốt công tác CCHC." });
    expect(await counts()).toEqual({ ...before, audits: before.audits + 1 });
  });

  it("reminds the unit of open findings near or past their deadline once per finding per week", async () => {
    const staff = users["cb.sxd"]!.id;
    const reminders = () => database.prisma.notification.count({ where: { userId: staff, kind: "findingDue" } });
    // 20 days before the deadline: nothing yet for this unit (the demo inspection of Sở Y tế has its own).
    await data.remindFindings(vietnamTime(2026, 12, 11, 8));
    expect(await reminders()).toBe(0);
    // Within seven days: the open (sent back) finding only; the closed one never.
    const first = await data.remindFindings(vietnamTime(2026, 12, 28, 8));
    expect(first.created).toBeGreaterThanOrEqual(1);
    expect(await reminders()).toBe(1);
    await data.remindFindings(vietnamTime(2026, 12, 30, 8));
    expect(await reminders()).toBe(1);
    // The next week (overdue now): once more.
    await data.remindFindings(vietnamTime(2027, 1, 5, 8));
    expect(await reminders()).toBe(2);
    const last = await database.prisma.notification.findFirstOrThrow({ where: { userId: staff, kind: "findingDue" }, orderBy: { createdAt: "desc" } });
    expect(last.params).toMatchObject({ state: "overdue", code: "1" });
    expect(last.dedupeKey).toBe(`finding:due:${findings[1]}:2027-W01`);
  });

  it("prints the report as a PDF for those who may read it", async () => {
    const request = () => new Request(`http://localhost/api/v1/inspections/${inspectionId}/report`);
    const context = { params: Promise.resolve({ id: inspectionId }) };
    as("cb.sxd");
    const ok = await reportRoute(request(), context);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await ok.arrayBuffer()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    as("cb.stp");
    expect((await reportRoute(request(), context)).status).toBe(403);
    as("sonoivu");
    expect((await reportRoute(new Request("http://localhost/api/v1/inspections/nope/report"), { params: Promise.resolve({ id: "nope" }) })).status).toBe(404);
  });

  it("seeds a demo inspection for 2026 with a closed, a reported and an overdue finding", async () => {
    if (!(await database.prisma.inspection.findFirst({ where: { decisionNumber: "125/QĐ-SNV" } }))) {
      const unitIds = new Map((await database.prisma.unit.findMany({ select: { id: true, code: true } })).map((u) => [u.code, u.id]));
      const userIds = new Map((await database.prisma.user.findMany({ select: { id: true, username: true } })).map((u) => [u.username, u.id]));
      await database.prisma.$transaction((tx) => seedInspections(tx, { units: unitIds, users: userIds }));
    }
    const syt = await database.prisma.user.findUniqueOrThrow({ where: { username: "cb.syt" } });
    const { rows, summary } = await data.listInspections({ year: 2026 }, (await findActiveUser(syt.id))!, vietnamTime(2026, 11, 22, 9));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.progress).toMatchObject({ total: 3, closed: 1, reported: 1, open: 1, overdue: 1 });
    expect(summary.bySeverity).toEqual({ HIGH: 1, MEDIUM: 1, LOW: 1 });
  });
});
