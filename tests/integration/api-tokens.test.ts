/**
 * API tokens against a real database with the demo data: only a hash is stored, verification,
 * revocation (once), expiry, the once-a-minute "last used" note, audit rows without the secret; and the
 * read API's data (published cycles, a ranking with areas and change, a unit's years) matching its
 * zod schemas.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CycleListSchema, CycleResultsSchema, issueApiTokenSchema, UnitResultsSchema } from "@/lib/schemas/api";
import { cycleResultsForApi, publishedCycleList, unitResultsForApi } from "@/lib/server/data/api-results";
import { hashSecret, issueApiToken, listApiTokens, revokeApiToken, verifyApiToken } from "@/lib/server/data/api-tokens";
import { UserError } from "@/lib/server/data/errors";
import seed from "../../scripts/db/seed";
import { createTestDatabase, DATABASE_MODES, type TestDatabase } from "../helpers/database";

const DAY = 24 * 60 * 60 * 1000;

describe.each(DATABASE_MODES)("API tokens on %s", (mode) => {
  let database: TestDatabase;
  let adminId: string;

  beforeAll(async () => {
    database = await createTestDatabase(mode);
    database.install();
    await seed(database.prisma, () => {});
    adminId = (await database.prisma.user.findUniqueOrThrow({ where: { username: "admin" } })).id;
  });
  afterAll(async () => {
    await database?.close();
  });

  it("issues a secret once and stores only its hash, with an audit row that does not contain it", async () => {
    const t0 = new Date("2026-03-01T02:00:00Z");
    const issued = await issueApiToken({ name: "Cổng thông tin tỉnh" }, adminId, t0);
    expect(issued.secret).toMatch(/^par_[A-Za-z0-9_-]{43}$/);
    expect(issued.prefix).toBe(issued.secret.slice(0, 10));
    expect(issued.expiresAt).toBeNull();

    const row = await database.prisma.apiToken.findUniqueOrThrow({ where: { id: issued.id } });
    expect(row.secretHash).toBe(hashSecret(issued.secret));
    expect(row.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(issued.secret.slice(10));

    const audit = await database.prisma.auditEvent.findMany({ where: { entityType: "ApiToken", entityId: issued.id } });
    expect(audit.map((a) => a.action)).toEqual(["apiToken.issue"]);
    expect(audit[0]!.actorId).toBe(adminId);
    expect(JSON.stringify(audit.map((a) => [a.before, a.after]))).not.toContain(issued.secret.slice(10));

    const listed = (await listApiTokens(t0)).find((t) => t.id === issued.id)!;
    expect(listed).toMatchObject({ name: "Cổng thông tin tỉnh", prefix: issued.prefix, status: "active", lastUsedAt: null,
      createdBy: { username: "admin" } });
    expect(Object.keys(listed)).not.toContain("secretHash");

    // Two tokens never share a secret.
    const other = await issueApiToken({ name: "Khác" }, adminId, t0);
    expect(other.secret).not.toBe(issued.secret);
  });

  it("verifies the right secret only, and notes its use at most once a minute", async () => {
    const t0 = new Date("2026-03-02T02:00:00Z");
    const { id, secret } = await issueApiToken({ name: "Báo cáo" }, adminId, t0);
    expect(await verifyApiToken(secret, t0)).toMatchObject({ id, name: "Báo cáo" });
    const used = async () => (await database.prisma.apiToken.findUniqueOrThrow({ where: { id } })).lastUsedAt;
    expect(await used()).toEqual(t0);

    await verifyApiToken(secret, new Date(t0.getTime() + 30_000));
    expect(await used()).toEqual(t0); // within the minute: not written again
    const later = new Date(t0.getTime() + 61_000);
    await verifyApiToken(secret, later);
    expect(await used()).toEqual(later);

    // Wrong, truncated, altered or malformed secrets are refused.
    const altered = `${secret.slice(0, -1)}${secret.endsWith("A") ? "B" : "A"}`;
    for (const wrong of [altered, secret.slice(0, -1), `${secret}x`, "", "par_", "Bearer " + secret, secret.toUpperCase()]) {
      expect(await verifyApiToken(wrong, later), wrong).toBeNull();
    }
  });

  it("revokes once: the token stops working at once and a second revocation is refused", async () => {
    const t0 = new Date("2026-03-03T02:00:00Z");
    const { id, secret } = await issueApiToken({ name: "Tạm thời" }, adminId, t0);
    const revokedAt = new Date(t0.getTime() + 60_000);
    expect(await revokeApiToken(id, adminId, revokedAt)).toEqual({ name: "Tạm thời", revokedAt });
    expect(await verifyApiToken(secret, new Date(t0.getTime() + 120_000))).toBeNull();

    const again = await revokeApiToken(id, adminId, new Date(t0.getTime() + 180_000)).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(UserError);
    expect(again).toMatchObject({ key: "apiTokens.errors.alreadyRevoked", values: { name: "Tạm thời" } });
    const row = await database.prisma.apiToken.findUniqueOrThrow({ where: { id } });
    expect(row.revokedAt).toEqual(revokedAt); // unchanged by the refused second revocation
    const audit = await database.prisma.auditEvent.findMany({ where: { entityType: "ApiToken", entityId: id }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["apiToken.issue", "apiToken.revoke"]);
    expect((await listApiTokens()).find((t) => t.id === id)?.status).toBe("revoked");

    await expect(revokeApiToken("no-such-token", adminId)).rejects.toMatchObject({ key: "apiTokens.errors.notFound" });
  });

  it("expires after the chosen number of days", async () => {
    const t0 = new Date("2026-03-04T02:00:00Z");
    const { id, secret, expiresAt } = await issueApiToken({ name: "Một tuần", expiresInDays: 7 }, adminId, t0);
    expect(expiresAt).toEqual(new Date(t0.getTime() + 7 * DAY));
    expect(await verifyApiToken(secret, new Date(t0.getTime() + 7 * DAY - 1))).not.toBeNull();
    expect(await verifyApiToken(secret, new Date(t0.getTime() + 7 * DAY))).toBeNull();
    expect((await listApiTokens(new Date(t0.getTime() + 8 * DAY))).find((t) => t.id === id)?.status).toBe("expired");
  });

  it("checks the admin's input: a name, and a lifetime of 1 to 730 whole days or none", () => {
    expect(issueApiTokenSchema.parse({ name: "  Cổng  ", expiresInDays: "" })).toEqual({ name: "Cổng", expiresInDays: undefined });
    expect(issueApiTokenSchema.parse({ name: "Cổng", expiresInDays: "730" })).toEqual({ name: "Cổng", expiresInDays: 730 });
    const issues = (input: unknown) => issueApiTokenSchema.safeParse(input).error?.issues.map((i) => i.message) ?? [];
    expect(issues({ name: "  " })).toEqual(["apiTokens.errors.nameRequired"]);
    expect(issues({ name: "x".repeat(81) })).toEqual(["apiTokens.errors.nameTooLong"]);
    for (const days of ["0", "731", "1.5", "abc", -3]) expect(issues({ name: "x", expiresInDays: days }), String(days)).toEqual(["apiTokens.errors.expiry"]);
  });

  it("reads the published cycles, a ranking and a unit's years as the API's schemas describe them", async () => {
    const cycles = CycleListSchema.parse(await publishedCycleList());
    expect(cycles.cycles.map((c) => c.year)).toEqual([2025, 2024, 2023]);
    for (const c of cycles.cycles) {
      expect(c.unitCount).toBeGreaterThan(10);
      expect(c.averageIndex).toBeGreaterThan(0);
    }

    const ranking = CycleResultsSchema.parse(await cycleResultsForApi(2025));
    expect(ranking.previousYear).toBe(2024);
    expect(ranking.groups.map((g) => g.code)).toEqual(["SBN", "XA"]);
    const stc = ranking.units.find((u) => u.code === "STC")!;
    expect(Object.keys(stc.areas)).toEqual(ranking.groups.find((g) => g.code === "SBN")!.areas.map((a) => a.code));
    expect(stc.change?.basis).toBe("lineage"); // the 2025 department merged from STC-2024 and SKHDT
    expect(stc.change?.previousCodes).toEqual(["SKHDT", "STC-2024"]);
    expect(stc.change?.rankDelta).toBeNull();
    expect(Number.isInteger(Math.round(stc.index * 100))).toBe(true);
    expect(await cycleResultsForApi(2026)).toBeNull(); // open, not published
    expect(await cycleResultsForApi(2031)).toBeNull();

    const unit = UnitResultsSchema.parse(await unitResultsForApi("stc"));
    expect(unit.unit.code).toBe("STC");
    expect(unit.results.map((r) => r.year)).toEqual([...unit.results.map((r) => r.year)].sort((a, b) => b - a));
    expect(unit.results.find((r) => r.year === 2025)?.index).toBe(stc.index);
    expect(unit.results.find((r) => r.year === 2025)?.areas).toEqual(stc.areas);
    expect(await unitResultsForApi("NOPE")).toBeNull();
  });
});
