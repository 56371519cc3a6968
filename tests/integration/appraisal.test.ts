import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vietnamTime } from "@/lib/domain/phases";
import { answerExplanation, bulkAccept, decideLeaf, requestExplanation, reviewOf } from "@/lib/server/data/appraisal";
import { approveCycle, compileCycle, councilState, publishCycle, unpublishCycle } from "@/lib/server/data/council";
import { notificationText, openNotification } from "@/lib/server/data/notifications";
import { findActiveUser } from "@/lib/server/data/users";
import seed from "../../scripts/db/seed";
import { createTestDatabase, DATABASE_MODES, type TestDatabase } from "../helpers/database";

// 2026: self-assessment until 17:00 on 15/01/2027 (Vietnam time). Round 1 in December; the council after the window.
const R1 = vietnamTime(2026, 12, 1, 9);
const ANSWER = vietnamTime(2026, 12, 5, 9);
const LATE = vietnamTime(2026, 12, 11, 9);
const COUNCIL = vietnamTime(2027, 1, 16, 9);

describe.each(DATABASE_MODES)("appraisal and publication on %s", (mode) => {
  let database: TestDatabase;
  let unitCode: string;
  let assessmentId: string;
  let secretariat: string;
  let staff: string;
  let chair: string;
  let admin: string;

  const leafWithChoice = async () => {
    const review = (await reviewOf(unitCode, 2026, R1))!;
    // Self-scored leaves the unit scored where the rule allows a lower score.
    return Object.values(review.leaves).filter((l) => l.selfScored && l.self !== null && (l.allowed ?? []).some((s) => s < l.self!));
  };

  beforeAll(async () => {
    database = await createTestDatabase(mode);
    database.install();
    await seed(database.prisma, () => {});
    const a = await database.prisma.assessment.findFirstOrThrow({ where: { cycle: { year: 2026 }, status: "SUBMITTED", unit: { group: { code: "SBN" } } },
      include: { unit: true }, orderBy: { unit: { code: "asc" } } });
    unitCode = a.unit.code;
    assessmentId = a.id;
    const id = async (username: string) => (await database.prisma.user.findUniqueOrThrow({ where: { username } })).id;
    secretariat = await id("sonoivu");
    staff = await id(`cb.${unitCode.toLowerCase()}`);
    chair = await id("lanhdao");
    admin = await id("admin");
  });
  afterAll(async () => database?.close());

  it("gives appraisers the criteria assigned to them or their department in the cycle", async () => {
    const justice = await database.prisma.user.findUniqueOrThrow({ where: { username: "thamdinh" } });
    expect((await findActiveUser(justice.id))!.assignedCriteria).toEqual(["2"]);
    const cycle = await database.prisma.cycle.findUniqueOrThrow({ where: { year: 2026 } });
    await database.prisma.appraisalAssignment.create({ data: { cycleId: cycle.id, criterionCode: "6.1", appraiserId: justice.id } });
    expect((await findActiveUser(justice.id))!.assignedCriteria).toEqual(["2", "6.1"]);
    await database.prisma.appraisalAssignment.deleteMany({ where: { appraiserId: justice.id } });
  });

  it("starts round 1 on a submitted assessment with nothing decided", async () => {
    const review = (await reviewOf(unitCode, 2026, R1))!;
    expect(review.assessment.status).toBe("SUBMITTED");
    expect(review.progress).toMatchObject({ r1Done: 0, status: "SUBMITTED" });
    expect(review.progress!.r1Total).toBe(Object.values(review.leaves).filter((l) => l.selfScored).length);
  });

  it("refuses an adjustment without a reason or with a score the rule does not allow, writing nothing", async () => {
    const [leaf] = await leafWithChoice();
    const lower = leaf!.allowed!.find((s) => s < leaf!.self!)!;
    await expect(decideLeaf({ assessmentId, criterion: leaf!.code, score: lower, reason: " " }, secretariat, R1)).rejects.toMatchObject({ key: "appraisal.errors.reasonRequired" });
    await expect(decideLeaf({ assessmentId, criterion: leaf!.code, score: leaf!.max + 1, reason: "x" }, secretariat, R1)).rejects.toMatchObject({ key: "appraisal.errors.scoreNotAllowed" });
    await expect(decideLeaf({ assessmentId, criterion: "8.1.1", score: 0, reason: "x" }, secretariat, R1)).rejects.toMatchObject({ key: "appraisal.errors.notAppraisable" });
    expect(await database.prisma.appraisalRound.count({ where: { entry: { assessmentId } } })).toBe(0);
  });

  it("adjusts a leaf with a reason (round 1) and audits old → new", async () => {
    const [leaf] = await leafWithChoice();
    const lower = leaf!.allowed!.find((s) => s < leaf!.self!)!;
    const d = await decideLeaf({ assessmentId, criterion: leaf!.code, score: lower, reason: "Thiếu văn bản ban hành." }, secretariat, R1);
    expect(d).toMatchObject({ round: 1, score: lower, status: "SUBMITTED" });
    const audit = await database.prisma.auditEvent.findFirstOrThrow({ where: { action: "appraisal.adjust" }, orderBy: { id: "desc" } });
    expect(audit.after).toMatchObject({ code: leaf!.code, round: 1, reason: "Thiếu văn bản ban hành." });
  });

  it("requests an explanation with a deadline and notifies the unit", async () => {
    const [, leaf] = await leafWithChoice();
    await expect(requestExplanation({ assessmentId, criterion: leaf!.code, score: leaf!.self!, request: "Đề nghị bổ sung quyết định ban hành.", due: "2026-11-30" }, secretariat, R1))
      .rejects.toMatchObject({ key: "appraisal.errors.dueInPast" });
    const r = await requestExplanation({ assessmentId, criterion: leaf!.code, score: leaf!.self!, request: "Đề nghị bổ sung quyết định ban hành.", due: "2026-12-10" }, secretariat, R1);
    expect(r.dueAt).toEqual(vietnamTime(2026, 12, 10, 17));
    await expect(requestExplanation({ assessmentId, criterion: leaf!.code, score: leaf!.self!, request: "Yêu cầu lần hai cho cùng tiêu chí.", due: "2026-12-10" }, secretariat, R1))
      .rejects.toMatchObject({ key: "appraisal.errors.alreadyRequested" });
    const inbox = await database.prisma.notification.findMany({ where: { userId: staff, kind: "explanationRequested" } });
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.params).toMatchObject({ code: leaf!.code });
    // The text names the unit in the reader's language; opening it marks it read, for its owner only.
    const unit = await database.prisma.unit.findUniqueOrThrow({ where: { code: unitCode } });
    const echo = (key: string, values?: Record<string, string | number>) => `${key}:${JSON.stringify(values)}`;
    expect(notificationText(inbox[0]!, echo, (d) => d.toISOString(), "en").title).toContain(unit.nameEn);
    expect(notificationText(inbox[0]!, echo, (d) => d.toISOString(), "vi").title).toContain(unit.nameVi);
    expect(await openNotification(secretariat, inbox[0]!.id)).toBeNull();
    expect(await openNotification(staff, inbox[0]!.id)).toEqual({ link: `/worksheet/${unitCode}#explanations` });
    expect((await database.prisma.notification.findUniqueOrThrow({ where: { id: inbox[0]!.id } })).readAt).not.toBeNull();
  });

  it("bulk-accepts only the leaves an appraiser is assigned, and only undecided ones", async () => {
    const justice = { id: "j", role: "APPRAISER" as const, unitId: null, assignedCriteria: ["2"] };
    justice.id = (await database.prisma.user.findUniqueOrThrow({ where: { username: "thamdinh" } })).id;
    const none = await bulkAccept(assessmentId, "3", justice, R1);
    expect(none.accepted).toEqual([]);
    const two = await bulkAccept(assessmentId, "2", justice, R1);
    expect(two.accepted.length).toBeGreaterThan(0);
    expect(two.accepted.every((c) => c.startsWith("2."))).toBe(true);
    expect((await bulkAccept(assessmentId, "2", justice, R1)).accepted).toEqual([]);
  });

  it("finishes round 1 → explanation round while the request is open", async () => {
    const sec = { id: secretariat, role: "SECRETARIAT" as const, unitId: null, assignedCriteria: [] };
    for (const area of ["1", "3", "4", "5", "6", "7", "8"]) await bulkAccept(assessmentId, area, sec, R1);
    const review = (await reviewOf(unitCode, 2026, R1))!;
    expect(review.progress).toMatchObject({ status: "EXPLANATION", requestsOpen: 1 });
    expect(review.progress!.r1Done).toBe(review.progress!.r1Total);
  });

  it("takes the unit's answer once, before the deadline, keeping the original submission", async () => {
    const [, leaf] = await leafWithChoice();
    const before = await database.prisma.scoreEntry.findFirstOrThrow({ where: { assessmentId, criterion: { code: leaf!.code } } });
    const request = await database.prisma.explanationRequest.findFirstOrThrow({ where: { entry: { assessmentId } } });
    await expect(answerExplanation(request.id, "Đơn vị đã ban hành Quyết định số 12/QĐ-SXD.", staff, LATE)).rejects.toMatchObject({ key: "appraisal.errors.requestExpired" });
    const r = await answerExplanation(request.id, "Đơn vị đã ban hành Quyết định số 12/QĐ-SXD.", staff, ANSWER);
    expect(r.status).toBe("EXPLANATION"); // round 2 pending on the answered leaf
    await expect(answerExplanation(request.id, "Bổ sung thêm lần nữa cho chắc chắn.", staff, ANSWER)).rejects.toMatchObject({ key: "appraisal.errors.answered" });
    const after = await database.prisma.scoreEntry.findFirstOrThrow({ where: { assessmentId, criterion: { code: leaf!.code } } });
    expect(after.selfScore?.toString()).toBe(before.selfScore?.toString());
    expect(after.explanation).toBe(before.explanation);
  });

  it("scores round 2 on the answered leaf; the final score is round 2's; history is in order", async () => {
    const [, leaf] = await leafWithChoice();
    const d = await decideLeaf({ assessmentId, criterion: leaf!.code, score: leaf!.self!, reason: null }, secretariat, ANSWER);
    expect(d).toMatchObject({ round: 2, status: "APPRAISED_R2" });
    const review = (await reviewOf(unitCode, 2026, ANSWER))!;
    const l = review.leaves[leaf!.code]!;
    expect(l.history.map((h) => h.kind === "round" ? `r${h.round}` : h.kind)).toEqual(["self", "r1", "request", "answer", "r2"]);
    expect(l.final).toBe(leaf!.self);
  });

  it("refuses to compile while self-assessment is open or other submitted units are not appraised", async () => {
    await expect(compileCycle(2026, secretariat, R1)).rejects.toMatchObject({ key: "council.errors.blocked" });
    const state = (await councilState(2026, COUNCIL))!;
    expect(state.blockers.map((b) => b.key)).toEqual(["council.blockers.appraisalUnfinished"]);
    // The demo 2026 has no survey results yet: a warning (not a blocker) names every unit.
    expect(state.warnings).toEqual([{ key: "council.warnings.surveysMissing", units: expect.arrayContaining([unitCode]) }]);
    expect((await councilState(2025, COUNCIL))!.warnings).toEqual([]);
    expect(state.blockers[0]!.units).not.toContain(unitCode);
    const sec = { id: secretariat, role: "SECRETARIAT" as const, unitId: null, assignedCriteria: [] };
    for (const code of state.blockers[0]!.units) {
      const id = (await database.prisma.assessment.findFirstOrThrow({ where: { unit: { code }, cycle: { year: 2026 } } })).id;
      for (const area of ["1", "2", "3", "4", "5", "6", "7"]) await bulkAccept(id, area, sec, COUNCIL);
    }
    expect((await councilState(2026, COUNCIL))!.blockers).toEqual([]);
  });

  it("compiles, approves (chair), publishes; then nothing changes without un-publishing", async () => {
    await expect(approveCycle(2026, chair, COUNCIL)).rejects.toMatchObject({ key: "council.errors.notCompiled" });
    await compileCycle(2026, secretariat, COUNCIL);
    await expect(publishCycle(2026, secretariat, COUNCIL)).rejects.toMatchObject({ key: "council.errors.notApproved" });
    await approveCycle(2026, chair, COUNCIL);
    const [leaf] = await leafWithChoice();
    await expect(decideLeaf({ assessmentId, criterion: leaf!.code, score: leaf!.self!, reason: null }, secretariat, COUNCIL)).rejects.toMatchObject({ key: "appraisal.errors.closed" });
    const { units } = await publishCycle(2026, secretariat, COUNCIL);
    expect(units).toBeGreaterThan(0);
    const snapshots = await database.prisma.resultSnapshot.findMany({ where: { cycle: { year: 2026 } } });
    expect(snapshots.every((s) => s.published)).toBe(true);
    expect(await database.prisma.assessment.count({ where: { cycle: { year: 2026 }, status: { not: "PUBLISHED" } } })).toBe(0);
    expect((await councilState(2026, COUNCIL))!.counts).toEqual({ PUBLISHED: await database.prisma.assessment.count({ where: { cycle: { year: 2026 } } }) });
    await expect(decideLeaf({ assessmentId, criterion: leaf!.code, score: leaf!.self!, reason: null }, secretariat, COUNCIL)).rejects.toMatchObject({ key: "appraisal.errors.published" });
    expect(await database.prisma.notification.count({ where: { userId: staff, kind: "resultsPublished" } })).toBe(1);
  });

  it("un-publishes with a reason (audited); the appraisal can change again", async () => {
    await unpublishCycle(2026, "Sai sót số liệu SIPAS cần rà soát lại.", admin, COUNCIL);
    const cycle = await database.prisma.cycle.findUniqueOrThrow({ where: { year: 2026 } });
    expect(cycle).toMatchObject({ publishedAt: null, approvedAt: null, compiledAt: null });
    expect((await database.prisma.assessment.findUniqueOrThrow({ where: { id: assessmentId } })).status).toBe("APPRAISED_R2");
    const audit = await database.prisma.auditEvent.findFirstOrThrow({ where: { action: "council.unpublish" } });
    expect(audit.after).toMatchObject({ reason: "Sai sót số liệu SIPAS cần rà soát lại." });
    const [leaf] = await leafWithChoice();
    await expect(decideLeaf({ assessmentId, criterion: leaf!.code, score: leaf!.self!, reason: null }, secretariat, COUNCIL)).resolves.toMatchObject({ round: 1 });
  });
});
