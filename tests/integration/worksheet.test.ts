import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { vietnamTime } from "@/lib/domain/phases";
import { UserError } from "@/lib/server/data/errors";
import { extendDeadline, reopenAssessment, SaveConflictError, saveLeaf, submitAssessment, SubmissionRefusedError, worksheetOf } from "@/lib/server/data/worksheet";
import seed from "../../scripts/db/seed";
import { createTestDatabase, DATABASE_MODES, type TestDatabase } from "../helpers/database";

// The demo 2026 self-assessment runs from 15/11/2026 to 17:00 on 15/01/2027 (Vietnam time).
const OPEN = vietnamTime(2026, 12, 1, 9);
const AFTER = vietnamTime(2027, 1, 16, 9);

describe.each(DATABASE_MODES)("worksheet on %s", (mode) => {
  let database: TestDatabase;
  let assessmentId: string;
  let actor: string;
  let other: string;

  beforeAll(async () => {
    database = await createTestDatabase(mode);
    database.install();
    await seed(database.prisma, () => {});
    // A unit that has not started (no scores yet): Sở Tư pháp's focal account.
    const ws = await worksheetOf("STP", 2026, OPEN);
    assessmentId = ws!.assessment.id;
    await database.prisma.assessment.update({ where: { id: assessmentId }, data: { status: "NOT_STARTED" } });
    await database.prisma.scoreEntry.deleteMany({ where: { assessmentId } });
    actor = (await database.prisma.user.findUniqueOrThrow({ where: { username: "cb.stp" } })).id;
    other = (await database.prisma.user.findUniqueOrThrow({ where: { username: "sonoivu" } })).id;
  });
  afterAll(async () => database?.close());

  it("saves an allowed score, starts the assessment and audits old → new", async () => {
    const saved = await saveLeaf({ assessmentId, criterion: "1.1.1", selfScore: 0.5, expectedVersion: 0 }, actor, OPEN);
    expect(saved).toMatchObject({ selfScore: 0.5, version: 1 });
    expect((await database.prisma.assessment.findUniqueOrThrow({ where: { id: assessmentId } })).status).toBe("IN_PROGRESS");
    const again = await saveLeaf({ assessmentId, criterion: "1.1.1", selfScore: 1, expectedVersion: 1 }, actor, OPEN);
    expect(again).toMatchObject({ selfScore: 1, version: 2 });
    const audit = await database.prisma.auditEvent.findFirstOrThrow({ where: { action: "worksheet.saveLeaf" }, orderBy: { id: "desc" } });
    expect(audit.before).toMatchObject({ code: "1.1.1", selfScore: "0.5" });
    expect(audit.after).toMatchObject({ code: "1.1.1", selfScore: "1" });
  });

  it("refuses values the rule does not allow, and writes nothing", async () => {
    const before = await database.prisma.scoreEntry.count({ where: { assessmentId } });
    await expect(saveLeaf({ assessmentId, criterion: "1.1.2", selfScore: 0.7, expectedVersion: 0 }, actor, OPEN)).rejects.toMatchObject({ key: "worksheet.errors.notAllowed" });
    await expect(saveLeaf({ assessmentId, criterion: "1.1.2", selfScore: 5, expectedVersion: 0 }, actor, OPEN)).rejects.toMatchObject({ key: "worksheet.errors.overMax" });
    await expect(saveLeaf({ assessmentId, criterion: "1.1.2", selfScore: -1, expectedVersion: 0 }, actor, OPEN)).rejects.toMatchObject({ key: "worksheet.errors.invalidScore" });
    await expect(saveLeaf({ assessmentId, criterion: "1.1", selfScore: 1, expectedVersion: 0 }, actor, OPEN)).rejects.toMatchObject({ key: "worksheet.errors.unknownCriterion" });
    await expect(saveLeaf({ assessmentId, criterion: "8.1.1", selfScore: 1, expectedVersion: 0 }, actor, OPEN)).rejects.toMatchObject({ key: "worksheet.errors.surveyLeaf" });
    expect(await database.prisma.scoreEntry.count({ where: { assessmentId } })).toBe(before);
  });

  it("derives a tiers score from the declared figure (1.1.4: > 90 % → 2, 70–90 % → 1)", async () => {
    expect(await saveLeaf({ assessmentId, criterion: "1.1.4", declaredValue: 95, expectedVersion: 0 }, actor, OPEN)).toMatchObject({ selfScore: 2, declaredValue: 95 });
    expect(await saveLeaf({ assessmentId, criterion: "1.1.4", declaredValue: 90, expectedVersion: 1 }, actor, OPEN)).toMatchObject({ selfScore: 1 });
  });

  it("refuses the later of two saves made on the same version, showing the other value", async () => {
    await saveLeaf({ assessmentId, criterion: "1.2.1", selfScore: 1, expectedVersion: 0 }, other, OPEN);
    const error = await saveLeaf({ assessmentId, criterion: "1.2.1", selfScore: 0, expectedVersion: 0 }, actor, OPEN).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect(error).toBeInstanceOf(SaveConflictError);
    expect((error as SaveConflictError).current).toMatchObject({ selfScore: 1, version: 1, updatedBy: "Trần Thị Thu Hà" });
    // The stored value is the first one.
    expect((await worksheetOf("STP", 2026, OPEN))!.entries["1.2.1"]).toMatchObject({ selfScore: 1, version: 1 });
  });

  it("lets exactly one of two simultaneous saves on one version win", async () => {
    await saveLeaf({ assessmentId, criterion: "1.2.2", selfScore: 1, expectedVersion: 0 }, actor, OPEN);
    const results = await Promise.allSettled([0, 1].map(() => saveLeaf({ assessmentId, criterion: "1.2.2", selfScore: 0, expectedVersion: 1 }, actor, OPEN)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await worksheetOf("STP", 2026, OPEN))!.entries["1.2.2"]!.version).toBe(2);
  });

  it("refuses writes after the deadline, until the secretariat extends it for the unit", async () => {
    await expect(saveLeaf({ assessmentId, criterion: "1.1.2", selfScore: 1, expectedVersion: 0 }, actor, AFTER)).rejects.toMatchObject({ key: "worksheet.errors.closed" });
    await expect(extendDeadline(assessmentId, "2027-01-10", "Sớm hơn hạn chung", other)).rejects.toMatchObject({ key: "worksheet.errors.extensionEarlier" });
    await extendDeadline(assessmentId, "2027-01-20", "Đơn vị sáp nhập, thay đổi đầu mối", other);
    expect(await saveLeaf({ assessmentId, criterion: "1.1.2", selfScore: 1, expectedVersion: 0 }, actor, AFTER)).toMatchObject({ selfScore: 1 });
    // Other units keep the cycle's deadline.
    const sxd = (await worksheetOf("SXD", 2026, AFTER))!;
    expect(sxd.refusal?.key).toBe("worksheet.errors.closed");
  });

  it("refuses an incomplete submission with the list of problems, accepts a complete one, then is read-only", async () => {
    const refused = await submitAssessment(assessmentId, actor, OPEN).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SubmissionRefusedError);
    const problems = (refused as SubmissionRefusedError).problems;
    expect(problems.some((p) => p.key === "worksheet.problems.missingScore")).toBe(true);
    expect(problems.every((p) => !p.code.startsWith("8."))).toBe(true); // survey leaves are not self-scored

    // Fill every self-scored leaf with its best score and an explanation (no files in this test).
    const ws = (await worksheetOf("STP", 2026, OPEN))!;
    const { leaves, } = await import("@/lib/domain/framework");
    const { allowedScores } = await import("@/lib/domain/rules");
    const { toCenti } = await import("@/lib/domain/points");
    for (const l of leaves(ws.framework.tree).filter((x) => (x.node.source ?? "SELF") === "SELF")) {
      const version = (await worksheetOf("STP", 2026, OPEN))!.entries[l.code]?.version ?? 0;
      const rule = l.node.rule!;
      const patch = rule.kind === "tiers" ? { declaredValue: 100 } : { selfScore: allowedScores(rule, toCenti(l.node.maxPoints))![0]! / 100 };
      await saveLeaf({ assessmentId, criterion: l.code, ...patch, explanation: "Có văn bản kèm theo (bản giấy).", expectedVersion: version }, actor, OPEN);
    }
    const { submittedAt } = await submitAssessment(assessmentId, actor, OPEN);
    expect(submittedAt).toEqual(OPEN);
    await expect(saveLeaf({ assessmentId, criterion: "1.1.1", selfScore: 0, expectedVersion: 99 }, actor, OPEN)).rejects.toMatchObject({ key: "worksheet.errors.submitted" });
    await expect(reopenAssessment(assessmentId, "x", other)).resolves.toBeUndefined();
    expect((await database.prisma.assessment.findUniqueOrThrow({ where: { id: assessmentId } })).status).toBe("IN_PROGRESS");
    await expect(reopenAssessment(assessmentId, "again", other)).rejects.toMatchObject({ key: "worksheet.errors.notSubmitted" });
    const audit = await database.prisma.auditEvent.findFirstOrThrow({ where: { action: "worksheet.reopen" } });
    expect(audit.after).toMatchObject({ status: "IN_PROGRESS", reason: "x" });
  });
});
