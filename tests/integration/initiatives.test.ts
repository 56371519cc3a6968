/**
 * The initiatives registry on the demo data: who proposes, edits, sees and decides; recognition with bonus
 * points writes the accepted bonus item SK-<id> in the same transaction and the recomputed draft result
 * includes it; refused bonuses and published years change nothing (or record without bonus); audit rows.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toCenti } from "@/lib/domain/points";
import { decideInitiativeSchema, proposeInitiativeSchema } from "@/lib/schemas/initiatives";
import { UserError } from "@/lib/server/data/errors";
import {
  decideInitiative, editInitiative, initiativeDetail, listInitiatives, proposalOptions, proposeInitiative, reopenInitiative,
} from "@/lib/server/data/initiatives";
import { importScores } from "@/lib/server/data/exchange";
import { computeCycleResults, storeSnapshots } from "@/lib/server/data/snapshots";
import { findActiveUser, type CurrentUser } from "@/lib/server/data/users";
import seed from "../../scripts/db/seed";
import { createTestDatabase, DATABASE_MODES, type TestDatabase } from "../helpers/database";

const PROPOSAL = {
  year: 2026, areaCode: "7",
  title: "Số hóa hồ sơ cấp phép xây dựng và trả kết quả điện tử",
  description: "Toàn bộ hồ sơ cấp giấy phép xây dựng được tiếp nhận, xử lý và trả kết quả trên môi trường điện tử, có ký số.",
  results: "Rút ngắn 40 % thời gian giải quyết; 100 % kết quả trả bằng bản điện tử.",
};

describe.each(DATABASE_MODES)("initiatives on %s", (mode) => {
  let database: TestDatabase;
  const users: Record<string, CurrentUser> = {};
  let cycle2026: string;

  /** Rejects with the UserError `key`. */
  async function refused(p: Promise<unknown>, key: string): Promise<UserError> {
    const error = await p.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).key).toBe(key);
    return error as UserError;
  }
  const audits = (entityId: string) => database.prisma.auditEvent.findMany({ where: { entityType: "Initiative", entityId }, orderBy: { id: "asc" } });
  const bonusItems = (unitCode: string, year: number) => database.prisma.scoreAdjustment.findMany({
    where: { kind: "BONUS", assessment: { unit: { code: unitCode }, cycle: { year } } } });
  const propose = (who: string, overrides: Partial<typeof PROPOSAL> = {}) =>
    proposeInitiative(proposeInitiativeSchema.parse({ ...PROPOSAL, ...overrides }), users[who]!);
  const decide = (who: string, input: unknown) => decideInitiative(decideInitiativeSchema.parse(input), users[who]!);

  beforeAll(async () => {
    database = await createTestDatabase(mode);
    database.install();
    await seed(database.prisma, () => {});
    for (const u of await database.prisma.user.findMany({ select: { id: true, username: true } })) {
      const user = await findActiveUser(u.id);
      if (user) users[u.username] = user;
    }
    cycle2026 = (await database.prisma.cycle.findUniqueOrThrow({ where: { year: 2026 } })).id;
  });
  afterAll(async () => database?.close());

  it("seeds the demo initiatives, with the 2026 bonus as an accepted item on the unit's assessment", async () => {
    const { prisma } = database;
    // The demo seed (scripts/db/seed.ts) calls seedInitiatives.
    expect(await prisma.initiative.count()).toBe(5);
    const items = await bonusItems("SKHCN", 2026);
    expect(items).toHaveLength(1);
    const recognised = await prisma.initiative.findFirstOrThrow({ where: { unit: { code: "SKHCN" }, year: 2026 } });
    expect(items[0]).toMatchObject({ code: `SK-${recognised.id}`, accepted: true });
    expect(toCenti(items[0]!.points)).toBe(50);
    // A scores import that replaces the unit's bonus and penalty items keeps the initiative's item.
    await importScores({ format: "par-scores/v1", year: 2026, framework: "SBN-2023",
      units: [{ code: "SKHCN", scores: {}, bonus: [{ code: "TH-1", points: 0.25, accepted: true }, { code: `SK-${recognised.id}`, points: 3, accepted: true }] }] }, null);
    const after = await bonusItems("SKHCN", 2026);
    expect(after.map((b) => [b.code, toCenti(b.points)]).sort()).toEqual([[`SK-${recognised.id}`, 50], ["TH-1", 25]]);
    await prisma.scoreAdjustment.deleteMany({ where: { code: "TH-1" } });
    // Published years carry no bonus item from the demo.
    expect(await bonusItems("STP", 2025)).toHaveLength(0);
  });

  it("a unit proposes for its own unit, in an area of its criterion set; the secretariat is notified; one audit row", async () => {
    expect((await proposalOptions(users["cb.sxd"]!)).map((o) => o.year)).toEqual([2026, 2025, 2024, 2023]);
    expect((await proposalOptions(users["cb.sxd"]!))[0]!.areas.map((a) => a.code)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8"]);
    expect(await proposalOptions(users.sonoivu!)).toEqual([]);

    const before = await database.prisma.initiative.count();
    await refused(propose("cb.sxd", { areaCode: "9" }), "initiatives.errors.area");
    await refused(propose("cb.sxd", { year: 2019 }), "initiatives.errors.noCriterionSet");
    expect(await database.prisma.initiative.count()).toBe(before);

    const { id } = await propose("cb.sxd");
    const row = await database.prisma.initiative.findUniqueOrThrow({ where: { id }, include: { unit: true } });
    expect(row).toMatchObject({ status: "PROPOSED", year: 2026, areaCode: "7", createdById: users["cb.sxd"]!.id, bonusPoints: null });
    expect(row.unit.code).toBe("SXD");
    expect((await audits(id)).map((a) => a.action)).toEqual(["initiative.propose"]);
    const inbox = await database.prisma.notification.findMany({ where: { kind: "initiativeProposed", link: `/initiatives/${id}` }, include: { user: true } });
    expect(inbox.map((n) => n.user.role)).toEqual(["SECRETARIAT"]);
    expect(inbox[0]!.params).toMatchObject({ title: PROPOSAL.title, year: 2026, unit: "Sở Xây dựng", unitEn: "Department of Construction" });
  });

  it("only the proposing unit edits, and only while proposed; others do not see a proposal, only recognised ones", async () => {
    const { id } = await propose("cb.sxd", { title: "Bản đồ số quy hoạch xây dựng tra cứu trực tuyến" });
    await editInitiative({ id, ...PROPOSAL, title: "Bản đồ số quy hoạch xây dựng đô thị, tra cứu trực tuyến" }, users["cb.sxd"]!);
    const edits = await audits(id);
    expect(edits.map((a) => a.action)).toEqual(["initiative.propose", "initiative.edit"]);
    expect(edits[1]!.before).toMatchObject({ title: "Bản đồ số quy hoạch xây dựng tra cứu trực tuyến" });
    expect(edits[1]!.after).toMatchObject({ title: "Bản đồ số quy hoạch xây dựng đô thị, tra cứu trực tuyến" });

    await refused(editInitiative({ id, ...PROPOSAL }, users["cb.stp"]!), "initiatives.errors.notYours");
    await refused(editInitiative({ id, ...PROPOSAL }, users.sonoivu!), "initiatives.errors.notYours");

    // cb.stp sees none of SXD's proposals, but the recognised demo initiatives of every unit.
    const stp = await listInitiatives(users["cb.stp"]!, {});
    expect(stp.rows.some((r) => r.unit.code === "SXD")).toBe(false);
    expect(stp.rows.every((r) => r.status === "RECOGNISED" || r.unit.code === "STP")).toBe(true);
    expect(stp.rows.map((r) => r.unit.code)).toEqual(expect.arrayContaining(["SKHCN", "STP", "P-PHUAN"]));
    expect(await initiativeDetail(users["cb.stp"]!, id)).toBeNull();
    // The proposer and the secretariat see it; filters narrow the list.
    expect((await initiativeDetail(users["cb.sxd"]!, id))!.may).toEqual({ edit: true, decide: false, reopen: false });
    expect((await initiativeDetail(users.sonoivu!, id))!.may).toEqual({ edit: false, decide: true, reopen: false });
    const all = await listInitiatives(users.sonoivu!, { year: 2026, status: "PROPOSED" });
    expect(all.rows.map((r) => r.unit.code).sort()).toEqual(["STC", "SXD", "SXD"]);
    expect((await listInitiatives(users.sonoivu!, { q: "ban do so quy hoach" })).rows.map((r) => r.id)).toEqual([id]);
    expect((await listInitiatives(users.sonoivu!, { unit: "SKHCN" })).rows).toHaveLength(1);
    expect((await listInitiatives(users.sonoivu!, { area: "7", year: 2025 })).rows.map((r) => r.unit.code)).toEqual(["STP"]);

    // Rejected: the unit can no longer edit; attachments are closed (ownerAccess: open only while PROPOSED).
    await decide("sonoivu", { id, decision: "REJECTED", note: "Trùng với sáng kiến đã được công nhận năm trước." });
    await refused(editInitiative({ id, ...PROPOSAL }, users["cb.sxd"]!), "initiatives.errors.decided");
    expect((await database.prisma.notification.findMany({ where: { kind: "initiativeRejected", link: `/initiatives/${id}` }, include: { user: true } }))
      .map((n) => n.user.username)).toEqual(["cb.sxd"]);
  });

  it("unit staff cannot recognise; recognition with bonus adds SK-<id> and the recomputed draft result includes it", async () => {
    const { id } = await propose("cb.sxd", { title: "Một cửa liên thông cấp phép xây dựng và đấu nối hạ tầng" });
    await refused(decide("cb.sxd", { id, decision: "RECOGNISED", bonusPoints: "0,5" }), "initiatives.errors.forbidden");
    await refused(decide("thamdinh", { id, decision: "RECOGNISED" }), "initiatives.errors.forbidden");

    const before = (await computeCycleResults(cycle2026)).result.units.find((u) => u.code === "SXD")!;
    expect(before.bonusAccepted).toBe(0);

    // Compiled before the recognition: the bonus changes the results, so the compilation no longer stands.
    await database.prisma.cycle.update({ where: { id: cycle2026 }, data: { compiledAt: new Date() } });
    const outcome = await decide("sonoivu", { id, decision: "RECOGNISED", bonusPoints: "0,5", note: "Hiệu quả rõ rệt, đề nghị nhân rộng." });
    expect(outcome).toEqual({ status: "RECOGNISED", year: 2026, bonus: 0.5, effective: 0.5, withheld: null });
    expect((await database.prisma.cycle.findUniqueOrThrow({ where: { id: cycle2026 } })).compiledAt).toBeNull();
    const items = await bonusItems("SXD", 2026);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ code: `SK-${id}`, accepted: true, description: "Sáng kiến được công nhận: Một cửa liên thông cấp phép xây dựng và đấu nối hạ tầng" });
    expect(toCenti(items[0]!.points)).toBe(50);
    const stored = await database.prisma.initiative.findUniqueOrThrow({ where: { id } });
    expect(stored).toMatchObject({ status: "RECOGNISED", decidedById: users.sonoivu!.id, decisionNote: "Hiệu quả rõ rệt, đề nghị nhân rộng." });
    expect(toCenti(stored.bonusPoints!)).toBe(50);
    const trail = await audits(id);
    expect(trail.map((a) => a.action)).toEqual(["initiative.propose", "initiative.recognise"]);
    expect(trail[1]!.after).toMatchObject({ status: "RECOGNISED", bonusPoints: "0.5", effective: 0.5 });

    // The engine and the stored draft snapshot carry the bonus.
    const after = (await computeCycleResults(cycle2026)).result.units.find((u) => u.code === "SXD")!;
    expect(after.bonusAccepted).toBe(50);
    expect(after.bonusApplied).toBe(50);
    expect(after.achieved).toBe(before.achieved + 50);
    await storeSnapshots(cycle2026, { published: false, actorId: users.sonoivu!.id });
    const snapshot = await database.prisma.resultSnapshot.findFirstOrThrow({ where: { cycleId: cycle2026, unit: { code: "SXD" } } });
    expect(toCenti(snapshot.bonusPoints)).toBe(50);
    expect(toCenti(snapshot.achieved)).toBe(after.achieved);

    // The unit is told; now cb.stp sees it, with its effect on the score.
    const told = await database.prisma.notification.findFirstOrThrow({ where: { kind: "initiativeRecognised", link: `/initiatives/${id}` }, include: { user: true } });
    expect(told.user.username).toBe("cb.sxd");
    expect(told.params).toMatchObject({ bonus: "0,5", bonusEn: "0.5", year: 2026 });
    const seen = (await initiativeDetail(users["cb.stp"]!, id))!;
    expect(seen.effect).toEqual({ bonus: 50, effective: 50, cap: 500, frozen: false });
    expect(seen.may).toEqual({ edit: false, decide: false, reopen: false });
    // Deciding twice is refused.
    await refused(decide("lanhdao", { id, decision: "REJECTED", note: "Quyết định lại lần thứ hai." }), "initiatives.errors.decided");
  });

  it("refuses a bonus above the cap, beyond the room left, or off the 0.25 step, writing nothing", async () => {
    const { id } = await propose("cb.sxd", { title: "Camera giám sát trật tự xây dựng kết nối trung tâm điều hành" });
    const auditCount = await database.prisma.auditEvent.count();
    const snapshotOf = async () => ({ i: await database.prisma.initiative.findUniqueOrThrow({ where: { id } }), items: await bonusItems("SXD", 2026) });
    const start = await snapshotOf();

    await refused(decide("sonoivu", { id, decision: "RECOGNISED", bonusPoints: 5.25 }), "initiatives.errors.bonusOverCap");
    // Another initiative of SXD already holds 0.5 of the cap of 5: 4.75 is over the room left (4.5).
    const over = await refused(decide("sonoivu", { id, decision: "RECOGNISED", bonusPoints: "4,75" }), "initiatives.errors.bonusOverRoom");
    expect(over.values).toEqual({ room: 4.5, cap: 5 });
    await refused(decide("sonoivu", { id, decision: "RECOGNISED", bonusPoints: 0.3 }), "initiatives.errors.bonusStep");
    expect(() => decideInitiativeSchema.parse({ id, decision: "RECOGNISED", bonusPoints: -1 })).toThrow();
    expect(() => decideInitiativeSchema.parse({ id, decision: "RECOGNISED", bonusPoints: 0.125 })).toThrow();

    expect(await snapshotOf()).toEqual(start);
    expect(await database.prisma.auditEvent.count()).toBe(auditCount);

    // Exactly the room left is fine; the unit's initiatives then hold the whole cap.
    const ok = await decide("lanhdao", { id, decision: "RECOGNISED", bonusPoints: 4.5 });
    expect(ok).toMatchObject({ bonus: 4.5, effective: 4.5 });
    const sum = (await bonusItems("SXD", 2026)).reduce((s, x) => s + toCenti(x.points), 0);
    expect(sum).toBe(500);
    const third = await propose("cb.sxd", { title: "Ứng dụng tra cứu giá vật liệu xây dựng hằng tháng" });
    await refused(decide("sonoivu", { id: third.id, decision: "RECOGNISED", bonusPoints: 0.25 }), "initiatives.errors.bonusOverRoom");
    // Without a bonus it can still be recognised.
    expect(await decide("sonoivu", { id: third.id, decision: "RECOGNISED" })).toMatchObject({ bonus: null, effective: 0, withheld: null });

    // Reopening withdraws the bonus item; the unit is told.
    const reopened = await reopenInitiative({ id, note: "Cần xác minh lại số liệu kết quả." }, users.sonoivu!);
    expect(reopened.removedBonus).toBe(true);
    expect((await bonusItems("SXD", 2026)).map((x) => toCenti(x.points))).toEqual([50]);
    expect(await database.prisma.initiative.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "PROPOSED", bonusPoints: null, decidedAt: null });
    expect((await audits(id)).map((a) => a.action)).toEqual(["initiative.propose", "initiative.recognise", "initiative.reopen"]);
    await refused(reopenInitiative({ id, note: "Mở lại lần thứ hai cho chắc." }, users.sonoivu!), "initiatives.errors.notDecided");
    await refused(reopenInitiative({ id: third.id, note: "Đơn vị tự đề nghị mở lại." }, users["cb.sxd"]!), "initiatives.errors.forbidden");
  });

  it("a published year: the recognition is recorded without bonus and says why; its initiatives are not reopened with a bonus", async () => {
    const { id } = await propose("cb.sxd", { year: 2025, title: "Kiểm tra công trình xây dựng bằng thiết bị bay không người lái" });
    const itemsBefore = await bonusItems("SXD", 2025);
    const outcome = await decide("sonoivu", { id, decision: "RECOGNISED", bonusPoints: 1 });
    expect(outcome).toEqual({ status: "RECOGNISED", year: 2025, bonus: null, effective: 0, withheld: "cycleFrozen" });
    expect(await bonusItems("SXD", 2025)).toEqual(itemsBefore);
    expect((await database.prisma.initiative.findUniqueOrThrow({ where: { id } })).bonusPoints).toBeNull();
    const detail = (await initiativeDetail(users.sonoivu!, id))!;
    expect(detail.effect).toBeNull();
    expect(detail.bonusAvailability).toEqual({ available: false, reason: "cycleFrozen" });
    // Without a bonus in the frozen results, it can be reopened.
    expect(detail.may.reopen).toBe(true);

    // A proposal of a published year shows no bonus choices to the decider.
    const other = await propose("cb.sxd", { year: 2025, title: "Hồ sơ năng lực nhà thầu trực tuyến trên cổng của Sở" });
    expect((await initiativeDetail(users.sonoivu!, other.id))!.bonusChoices).toEqual([]);
  });

  it("once the council approves the year, a bonus already granted stays and cannot be withdrawn by reopening", async () => {
    const { prisma } = database;
    const skhcn = await prisma.initiative.findFirstOrThrow({ where: { unit: { code: "SKHCN" }, year: 2026, status: "RECOGNISED" } });
    const pending = await propose("cb.sxd", { title: "Nhật ký công trình điện tử cho chủ đầu tư" });
    await prisma.cycle.update({ where: { year: 2026 }, data: { approvedAt: new Date() } });
    try {
      const auditCount = await prisma.auditEvent.count();
      await refused(reopenInitiative({ id: skhcn.id, note: "Xem xét lại sau phê duyệt." }, users.sonoivu!), "initiatives.errors.reopenFrozen");
      expect(await prisma.auditEvent.count()).toBe(auditCount);
      expect(await bonusItems("SKHCN", 2026)).toHaveLength(1);
      const detail = (await initiativeDetail(users.lanhdao!, skhcn.id))!;
      expect(detail.effect).toEqual({ bonus: 50, effective: 50, cap: 500, frozen: true });
      expect(detail.may.reopen).toBe(false);
      // A recognition now is recorded without the bonus asked for.
      expect(await decide("lanhdao", { id: pending.id, decision: "RECOGNISED", bonusPoints: "0,25" }))
        .toEqual({ status: "RECOGNISED", year: 2026, bonus: null, effective: 0, withheld: "cycleFrozen" });
    } finally {
      await prisma.cycle.update({ where: { year: 2026 }, data: { approvedAt: null } });
    }
  });
});
