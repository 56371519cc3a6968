/**
 * The national PAR INDEX import below the browser: the demo figures, the preview route handler and the
 * confirm server action (session, translations and the cache stubbed), replacing a year atomically, a
 * bad file or bad rows changing nothing, and unit staff refused.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { checkNationalRows, type NationalRow } from "@/lib/io/national";
import type { CurrentUser } from "@/lib/server/data/users";
import seed, { NATIONAL_DEMO } from "../../scripts/db/seed";
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

vi.mock("next-intl/server", () => ({ getTranslations: async () => (key: string) => key }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { confirmNationalImport } = await import("@/lib/server/actions/national");
const { POST: preview } = await import("@/app/api/v1/national/import/route");
const { findActiveUser } = await import("@/lib/server/data/users");
const { importNational, nationalProvinces, nationalSeries, nationalYears, writeNationalYears } = await import("@/lib/server/data/national");

const HEADER = "Tỉnh/Province;Năm/Year;Chỉ số/Index;Xếp hạng/Rank;Vùng/Region;SIPAS\r\n";

function upload(csv: string): Request {
  const form = new FormData();
  form.append("file", new File([`\uFEFF${csv}`], "national.csv", { type: "text/csv" }));
  return new Request("http://localhost/api/v1/national/import", { method: "POST", body: form });
}

describe.each(DATABASE_MODES)("national PAR INDEX on %s", (mode) => {
  let database: TestDatabase;
  let secretariat: CurrentUser;
  let staff: CurrentUser;

  const snapshot = async () => ({
    years: await database.prisma.nationalYear.findMany({ orderBy: { year: "asc" }, select: { year: true, partial: true, source: true, averageHundredths: true } }),
    results: await database.prisma.nationalResult.findMany({ orderBy: [{ year: "asc" }, { province: "asc" }], omit: { id: true } }),
    audits: await database.prisma.auditEvent.count({ where: { action: "national.import" } }),
  });

  beforeAll(async () => {
    database = await createTestDatabase(mode);
    database.install();
    await seed(database.prisma, () => {});
    const user = async (username: string) => (await findActiveUser((await database.prisma.user.findUniqueOrThrow({ where: { username } })).id))!;
    secretariat = await user("sonoivu");
    staff = await user("cb.sxd");
  });
  afterAll(async () => database?.close());

  it("seeds only the published figures, every year partial, with its sources", async () => {
    expect(checkNationalRows(NATIONAL_DEMO.rows)).toEqual([]);
    const years = await nationalYears();
    expect(years.map((y) => y.year)).toEqual([2024, 2023, 2022, 2019, 2017, 2016, 2012]);
    expect(years.every((y) => y.partial && y.provinces === 63 && y.source?.includes("Báo An Giang"))).toBe(true);
    expect(years.find((y) => y.year === 2016)).toMatchObject({ averageHundredths: 7464, results: 3 });
    expect(years.find((y) => y.year === 2024)).toMatchObject({ averageHundredths: 8837, results: 1 });
    const series = await nationalSeries("An Giang");
    expect(series.map((p) => [p.year, p.indexHundredths, p.rank, p.of, p.sipasHundredths, p.sipasRank, p.region])).toEqual([
      [2012, 8325, null, 63, null, null, "Đồng bằng sông Cửu Long"],
      [2016, 7289, 36, 63, null, null, "Đồng bằng sông Cửu Long"],
      [2019, 8332, 11, 63, 8981, 8, "Đồng bằng sông Cửu Long"],
      [2022, 8422, 42, 63, null, null, "Đồng bằng sông Cửu Long"],
    ]);
    expect((await nationalProvinces()).find((p) => p.province === "An Giang")?.years).toBe(4);
  });

  it("previews a file without saving anything, and lists a bad file's problems by row and column", async () => {
    session.user = secretariat;
    const before = await snapshot();
    const ok = await preview(upload(`${HEADER}An Giang;2016;72,89;36;Đồng bằng sông Cửu Long;\r\nĐà Nẵng;2016;90,32;1;;\r\n`), undefined);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ ok: true, years: [{ year: 2016, rows: 2, provinces: 63, complete: false, stored: 3 }] });
    const bad = await preview(upload(`${HEADER}An Giang;2016;72,89;36;;\r\nĐà Nẵng;2016;190;1;;\r\n`), undefined);
    expect(bad.status).toBe(422);
    expect(await bad.json()).toEqual({ ok: false, errors: [{ sheet: "CSV", row: 3, column: "C", key: "national.issues.scoreRange", values: { column: "Chỉ số/Index", value: "190" } }] });
    expect(await snapshot()).toEqual(before);
  });

  it("replaces the years of the file in one transaction with one audit row, leaving other years alone", async () => {
    session.user = secretariat;
    const before = await snapshot();
    const rows: NationalRow[] = [
      { year: 2016, province: "An Giang", region: "Đồng bằng sông Cửu Long", indexHundredths: 7289, rank: 36, regionRank: 5, sipasHundredths: null, sipasRank: null },
      { year: 2016, province: "Cần Thơ", region: "Đồng bằng sông Cửu Long", indexHundredths: 7500, rank: 30, regionRank: 4, sipasHundredths: null, sipasRank: null },
    ];
    const r = await confirmNationalImport({ years: [2016], rows, partial: false, source: "Tệp thử nghiệm" });
    expect(r).toEqual({ ok: true, data: { saved: { years: [2016], results: 2 } } });
    const after = await snapshot();
    expect(after.results.filter((x) => x.year === 2016).map((x) => x.province)).toEqual(["An Giang", "Cần Thơ"]);
    // Fewer rows than provinces: partial anyway; no national average for a partial year.
    expect(after.years.find((y) => y.year === 2016)).toEqual({ year: 2016, partial: true, source: "Tệp thử nghiệm", averageHundredths: null });
    expect(after.results.filter((x) => x.year !== 2016)).toEqual(before.results.filter((x) => x.year !== 2016));
    expect(after.audits).toBe(before.audits + 1);
    const audit = await database.prisma.auditEvent.findFirstOrThrow({ where: { action: "national.import", actorId: secretariat.id }, orderBy: { at: "desc" } });
    expect(audit).toMatchObject({ actorId: secretariat.id, entityId: "2016", before: [{ year: 2016, results: 3, partial: true }] });
    expect((await nationalSeries("An Giang")).find((p) => p.year === 2016)).toMatchObject({ rank: 36, regionRank: 5, regionSize: null, partial: true });
  });

  it("fills the ranks of a complete year and stores its average", async () => {
    session.user = secretariat;
    const regions = ["Vùng A", "Vùng B"];
    const rows: NationalRow[] = Array.from({ length: 34 }, (_, i) => ({ year: 2025, province: `Tỉnh ${i + 1}`, region: regions[i % 2]!,
      indexHundredths: 9500 - i * 10, rank: null, regionRank: null, sipasHundredths: null, sipasRank: null }));
    const r = await importNational({ years: [2025], rows, partial: false, source: null }, secretariat.id, new Date("2026-05-01"));
    expect(r).toEqual({ years: [2025], results: 34 });
    const series = await nationalSeries("Tỉnh 3");
    expect(series).toEqual([expect.objectContaining({ year: 2025, rank: 3, of: 34, regionRank: 2, regionSize: 17, partial: false, averageHundredths: 9335 })]);
    await database.prisma.nationalYear.delete({ where: { year: 2025 } });
  });

  it("changes nothing when the rows are refused again on confirm, or the database refuses half-way", async () => {
    session.user = secretariat;
    const before = await snapshot();
    const row: NationalRow = { year: 2019, province: "An Giang", region: null, indexHundredths: 8332, rank: 64, regionRank: null, sipasHundredths: null, sipasRank: null };
    const refused = await confirmNationalImport({ years: [2019], rows: [row], partial: true, source: null });
    expect(refused.ok && "issues" in refused.data && refused.data.issues.map((i) => [i.row, i.key])).toEqual([[1, "national.issues.rankRange"]]);
    const mismatch = await confirmNationalImport({ years: [2018], rows: [{ ...row, rank: 11 }], partial: true, source: null });
    expect(mismatch.ok && "issues" in mismatch.data && mismatch.data.issues.map((i) => i.key)).toEqual(["national.errors.yearsMismatch"]);
    const malformed = await confirmNationalImport({ years: [2019], rows: [{ ...row, indexHundredths: "83,32" }], partial: true });
    expect(malformed).toMatchObject({ ok: false, error: { key: "errors.invalidInput" } });
    // The year's rows are deleted first; a failure afterwards (two rows for one province) rolls the deletion back.
    await expect(database.prisma.$transaction((tx) => writeNationalYears(tx, [{ year: 2019, provinces: 63, averageHundredths: null, partial: true, source: null }],
      [{ ...row, rank: 11 }, { ...row, rank: 11 }], secretariat.id))).rejects.toThrow();
    expect(await snapshot()).toEqual(before);
  });

  it("refuses unit staff, at preview and at confirm", async () => {
    session.user = staff;
    const before = await snapshot();
    const res = await preview(upload(`${HEADER}An Giang;2016;72,89;36;;\r\n`), undefined);
    expect(res.status).toBe(403);
    const r = await confirmNationalImport({ years: [2016], rows: [{ year: 2016, province: "X", region: null, indexHundredths: 5000, rank: null, regionRank: null,
      sipasHundredths: null, sipasRank: null }], partial: true, source: null });
    expect(r).toEqual({ ok: false, error: { key: "api.forbidden" } });
    expect(await snapshot()).toEqual(before);
    session.user = null;
  });
});
