/**
 * The dashboards' data layer (unit profile, province overview) on the demo data: read from the
 * published snapshots, lineage followed, reasons and evidence only when asked for.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sumCenti, toCenti } from "@/lib/domain/points";
import { indexHundredths } from "@/lib/domain/scoring";
import { overview } from "@/lib/server/data/overview";
import { unitProfile } from "@/lib/server/data/unit-profile";
import seed from "../../scripts/db/seed";
import { createTestDatabase, DATABASE_MODES, type TestDatabase } from "../helpers/database";

describe.each(DATABASE_MODES)("dashboards on %s", (mode) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(mode);
    database.install();
    expect(await seed(database.prisma, () => {})).toBe(true);
  });
  afterAll(async () => {
    await database?.close();
  });

  it("profiles a merged unit: its predecessors combined before 2025, its own result after", async () => {
    const p = (await unitProfile("STC", 2025, { reasons: true, evidence: true }))!;
    expect(p.unit.nameVi).toBe("Sở Tài chính");
    expect(p.trend.map((t) => [t.year, t.basis, t.codes])).toEqual([
      [2023, "lineage", ["SKHDT", "STC-2024"]],
      [2024, "lineage", ["SKHDT", "STC-2024"]],
      [2025, "own", ["STC"]],
    ]);
    // The 2024 point is Σ achieved ÷ Σ max of the two predecessors' stored results.
    const prisma = database.prisma;
    const before = await prisma.resultSnapshot.findMany({ where: { cycle: { year: 2024 }, unit: { code: { in: ["STC-2024", "SKHDT"] } } } });
    const achieved = sumCenti(before.map((r) => toCenti(r.achieved)));
    const max = sumCenti(before.map((r) => toCenti(r.max)));
    expect(p.trend[1]).toMatchObject({ achieved, max, indexHundredths: indexHundredths({ achieved, max }), rank: null });
    expect(p.result!.change).toMatchObject({ basis: "lineage", previousCodes: ["SKHDT", "STC-2024"], rankDelta: null });
    expect(p.result!.change!.previous!.indexHundredths).toBe(p.trend[1]!.indexHundredths);

    // Areas against the group's average; lost points largest first, each with its title.
    expect(p.areas.length).toBeGreaterThan(5);
    for (const a of p.areas) if (a.unit !== null && a.average !== null) expect(a.gap).toBe(a.unit - a.average);
    expect(p.lost.length).toBeGreaterThan(0);
    expect(p.lost.every((l, i) => l.lost === l.max - l.achieved && l.titleVi !== "" && (i === 0 || p.lost[i - 1]!.lost >= l.lost))).toBe(true);
    // Reasons come from the last appraisal round of the leaf, when there is one.
    const withReason = p.lost.filter((l) => l.reason !== null);
    const rounds = await prisma.appraisalRound.findMany({
      where: { entry: { assessment: { unit: { code: "STC" }, cycle: { year: 2025 } } } }, orderBy: { round: "desc" },
      select: { reason: true, entry: { select: { criterion: { select: { code: true } } } } },
    });
    for (const l of withReason) expect(l.reason).toBe(rounds.find((r) => r.entry.criterion.code === l.code)!.reason);
    expect(p.evidence!.total).toBeGreaterThan(0);
    expect(p.evidence!.covered).toBeLessThanOrEqual(p.evidence!.total);
  });

  it("leaves reasons and evidence out when not allowed, and refuses an unknown unit or year", async () => {
    const p = (await unitProfile("STC", 2025, { reasons: false, evidence: false }))!;
    expect(p.lost.length).toBeGreaterThan(0);
    expect(p.lost.every((l) => l.reason === null)).toBe(true);
    expect(p.evidence).toBeNull();
    expect(await unitProfile("NOPE", 2025, { reasons: false, evidence: false })).toBeNull();
    expect(await unitProfile("STC", 2026, { reasons: false, evidence: false })).toBeNull(); // not published
    // A unit that ended in 2024: no result in 2025, but its trend.
    const old = (await unitProfile("SKHDT", 2025, { reasons: false, evidence: false }))!;
    expect(old.result).toBeNull();
    expect(old.trend.map((t) => [t.year, t.basis])).toEqual([[2023, "own"], [2024, "own"]]);
  });

  it("gives the province overview with the lead department of each costly criterion", async () => {
    const o = (await overview(2025, "SBN"))!;
    expect(o.groups).toEqual(["SBN", "XA"]);
    expect(o.distribution.reduce((s, b) => s + b.count, 0)).toBe(o.units);
    expect(o.bands.reduce((s, b) => s + b.count, 0)).toBe(o.units);
    expect(o.bands.map((b) => b.band).slice(0, 3)).toEqual(["A", "B", "C"]);
    expect(o.areas.every((a) => a.average !== null)).toBe(true);
    expect(o.costly.length).toBeGreaterThan(0);
    const area2 = o.costly.find((c) => c.code.startsWith("2."));
    if (area2) expect(area2.leads.map((d) => d.code)).toEqual(["STP"]);
    const area6 = o.costly.find((c) => c.code.startsWith("6."));
    if (area6) expect(area6.leads.map((d) => d.code)).toEqual(["STC"]);
    // The full list, so that an area-2 criterion is surely there.
    const all = (await overview(2025, "SBN", { top: 1000 }))!;
    expect(all.costly.find((c) => c.code.startsWith("2."))!.leads).toMatchObject([{ code: "STP", nameVi: "Sở Tư pháp" }]);
    expect(all.costly.every((c, i) => i === 0 || all.costly[i - 1]!.lost >= c.lost)).toBe(true);
    expect((await overview(2025, "XA"))!.group).toBe("XA");
    expect((await overview(2025, "ZZZ"))!.group).toBe("SBN");
    expect(await overview(2026, null)).toBeNull();
  });
});
