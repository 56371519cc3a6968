import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { YearOverYear } from "@/lib/domain/engine";
import type { Centi } from "@/lib/domain/points";
import {
  comparedWith, filterRows, HEAT_SCALE, heatBucket, heatStepEnd, naturalDirection, nextSort, rankingQuery, rankingSummary, regionsOf,
  sortRows, type RankedUnit,
} from "@/lib/domain/rankings";
import { parseRankingQuery } from "@/lib/schemas/rankings";

function change(delta: number | null, basis: YearOverYear["basis"] = "same", previousCodes: string[] = []): YearOverYear {
  return { code: "", basis, previousCodes, previous: null, indexDeltaHundredths: delta, pointsDelta: null, rankDelta: null };
}

function unit(code: string, rank: number, index: number, rest: Partial<RankedUnit> = {}): RankedUnit {
  return { code, nameVi: code, nameEn: code, group: "SBN", region: null, achieved: index as Centi, max: 10000 as Centi, indexHundredths: index,
    band: index >= 9000 ? "A" : index >= 8000 ? "B" : "C", rank, areas: {}, change: null, ...rest };
}

const ROWS: RankedUnit[] = [
  unit("SVHTTDL", 1, 8696, { nameVi: "Sở Văn hóa, Thể thao và Du lịch", nameEn: "Department of Culture", areas: { "1": 8375, "2": 7778 }, change: change(581) }),
  unit("KBNN", 2, 8570, { nameVi: "Kho bạc Nhà nước", nameEn: "State Treasury", areas: { "1": 8500, "2": null }, change: change(1708, "lineage", ["KBNN-2024"]) }),
  unit("SCT", 3, 8491, { nameVi: "Sở Công Thương", nameEn: "Department of Industry", areas: { "1": 9000, "2": 8333 }, change: change(-174) }),
  unit("STC", 4, 7858, { nameVi: "Sở Tài chính", nameEn: "Department of Finance", areas: { "1": 7000, "2": 7222 }, change: change(0, "lineage", ["SKHDT", "STC-2024"]) }),
  unit("SDTTG", 5, 7858, { nameVi: "Sở Dân tộc và Tôn giáo", nameEn: "Department of Ethnic Affairs", areas: { "1": 8750, "2": 7778 }, change: null }),
  unit("X-HOABINH", 1, 8455, { group: "XA", region: "DONGBANG", nameVi: "Xã Hòa Bình", change: change(null, "none") }),
  unit("P-TANTHINH", 2, 8218, { group: "XA", region: "DOTHI", nameVi: "Phường Tân Thịnh" }),
  unit("X-HONGLINH", 3, 8000, { group: "XA", region: "MIENNUI", nameVi: "Xã Hồng Lĩnh" }),
];

const codes = (rows: RankedUnit[]) => rows.map((r) => r.code);

describe("filterRows and regionsOf", () => {
  it("keeps one group, then one region", () => {
    expect(codes(filterRows(ROWS, { group: "SBN" }))).toEqual(["SVHTTDL", "KBNN", "SCT", "STC", "SDTTG"]);
    expect(codes(filterRows(ROWS, { group: "XA", region: "DOTHI" }))).toEqual(["P-TANTHINH"]);
    expect(filterRows(ROWS, {})).toHaveLength(ROWS.length);
    expect(filterRows(ROWS, { group: "XA", region: "NOWHERE" })).toEqual([]);
  });

  it("lists only the regions present in the group, in the preferred order", () => {
    expect(regionsOf(ROWS, "XA", ["DOTHI", "DONGBANG", "MIENNUI"])).toEqual(["DOTHI", "DONGBANG", "MIENNUI"]);
    expect(regionsOf(ROWS, "XA")).toEqual(["DONGBANG", "DOTHI", "MIENNUI"]);
    expect(regionsOf(ROWS, "SBN", ["DOTHI"])).toEqual([]);
  });
});

describe("sortRows", () => {
  const sbn = filterRows(ROWS, { group: "SBN" });

  it("sorts by index both ways; ties keep the published order", () => {
    expect(codes(sortRows(sbn, { key: "index", dir: "desc" }))).toEqual(["SVHTTDL", "KBNN", "SCT", "STC", "SDTTG"]);
    expect(codes(sortRows(sbn, { key: "index", dir: "asc" }))).toEqual(["STC", "SDTTG", "SCT", "KBNN", "SVHTTDL"]);
  });

  it("puts units without a value last in both directions", () => {
    expect(codes(sortRows(sbn, { key: "change", dir: "desc" }))).toEqual(["KBNN", "SVHTTDL", "STC", "SCT", "SDTTG"]);
    expect(codes(sortRows(sbn, { key: "change", dir: "asc" }))).toEqual(["SCT", "STC", "SVHTTDL", "KBNN", "SDTTG"]);
    expect(codes(sortRows(sbn, { key: "area-2", dir: "desc" })).at(-1)).toBe("KBNN");
    expect(codes(sortRows(sbn, { key: "area-2", dir: "asc" })).at(-1)).toBe("KBNN");
  });

  it("sorts by an area's component index and by rank", () => {
    expect(codes(sortRows(sbn, { key: "area-1", dir: "desc" }))).toEqual(["SCT", "SDTTG", "KBNN", "SVHTTDL", "STC"]);
    expect(codes(sortRows(sbn, { key: "rank", dir: "desc" }))).toEqual(["SDTTG", "STC", "SCT", "KBNN", "SVHTTDL"]);
  });

  it("sorts names in Vietnamese collation, or English names in English", () => {
    expect(codes(sortRows(sbn, { key: "name", dir: "asc" }))).toEqual(["KBNN", "SCT", "SDTTG", "STC", "SVHTTDL"]);
    expect(codes(sortRows(sbn, { key: "name", dir: "asc" }, "en"))).toEqual(["SVHTTDL", "SDTTG", "STC", "SCT", "KBNN"]);
  });

  it("is a permutation, does not change its input, and asc reverses desc when values differ", () => {
    fc.assert(fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 10000 }), { minLength: 1, maxLength: 30 }), (indices) => {
      const rows = indices.map((x, i) => unit(`U${i}`, i + 1, x));
      const before = codes(rows);
      const asc = sortRows(rows, { key: "index", dir: "asc" });
      const desc = sortRows(rows, { key: "index", dir: "desc" });
      expect(codes(rows)).toEqual(before);
      expect([...codes(asc)].sort()).toEqual([...before].sort());
      expect(codes(asc)).toEqual(codes(desc).reverse());
      for (let i = 1; i < asc.length; i++) expect(asc[i]!.indexHundredths).toBeGreaterThanOrEqual(asc[i - 1]!.indexHundredths);
    }));
  });
});

describe("sort links", () => {
  it("flips the active column and starts another in its natural direction", () => {
    expect(nextSort({ key: "index", dir: "desc" }, "index")).toEqual({ key: "index", dir: "asc" });
    expect(nextSort({ key: "index", dir: "asc" }, "rank")).toEqual({ key: "rank", dir: "asc" });
    expect(nextSort({ key: "rank", dir: "asc" }, "area-3")).toEqual({ key: "area-3", dir: "desc" });
    expect(naturalDirection("name")).toBe("asc");
    expect(naturalDirection("change")).toBe("desc");
  });

  it("writes only what differs from the defaults", () => {
    expect(rankingQuery({ year: 2025, group: "SBN", sort: "rank", dir: "asc" })).toBe("year=2025&group=SBN");
    expect(rankingQuery({ year: 2025, group: "XA", region: "DOTHI", sort: "index", dir: "desc" })).toBe("year=2025&group=XA&region=DOTHI&sort=index");
    expect(rankingQuery({ year: 2025, sort: "index", dir: "asc" })).toBe("year=2025&sort=index&dir=asc");
    expect(rankingQuery({ sort: "rank", dir: "desc" })).toBe("sort=rank&dir=desc");
  });

  it("round-trips through the query parser", () => {
    for (const q of [{ year: 2025, group: "XA", region: "MIENNUI", sort: "area-3", dir: "asc" }, { year: 2024, group: "SBN", sort: "change", dir: "desc" }] as const) {
      const parsed = parseRankingQuery(Object.fromEntries(new URLSearchParams(rankingQuery(q))));
      expect(parsed).toEqual({ year: q.year, group: q.group, region: "region" in q ? q.region : undefined, sort: { key: q.sort, dir: q.dir } });
    }
  });
});

describe("parseRankingQuery", () => {
  it("defaults to the published order of the newest year", () => {
    expect(parseRankingQuery({})).toEqual({ year: undefined, group: undefined, region: undefined, sort: { key: "rank", dir: "asc" } });
  });

  it("falls back to the defaults on anything it does not understand, never throws", () => {
    const odd = parseRankingQuery({ year: "hai nghìn", group: "<script>", region: "a b", sort: "DROP TABLE", dir: "up" });
    expect(odd).toEqual({ year: undefined, group: undefined, region: undefined, sort: { key: "rank", dir: "asc" } });
    expect(parseRankingQuery({ year: "20255", sort: "area-0" })).toMatchObject({ year: undefined, sort: { key: "rank" } });
    expect(parseRankingQuery({ year: "1999" }).year).toBe(1999);
    expect(parseRankingQuery({ sort: "index" }).sort).toEqual({ key: "index", dir: "desc" });
    fc.assert(fc.property(fc.dictionary(fc.constantFrom("year", "group", "region", "sort", "dir", "x"), fc.oneof(fc.string(), fc.array(fc.string()))), (params) => {
      expect(() => parseRankingQuery(params)).not.toThrow();
    }));
  });

  it("takes the first of repeated parameters, upper-cases codes and reads ALL as every region", () => {
    expect(parseRankingQuery({ year: ["2024", "2025"], group: "xa", region: "ALL" })).toMatchObject({ year: 2024, group: "XA", region: undefined });
    expect(parseRankingQuery({ region: "mienNui" }).region).toBe("MIENNUI");
  });
});

describe("rankingSummary", () => {
  it("counts, averages (half up) and finds the extremes and the changes", () => {
    const s = rankingSummary(filterRows(ROWS, { group: "SBN" }));
    expect(s).toMatchObject({ units: 5, improved: 2, declined: 1, unchanged: 1, notCompared: 1 });
    expect(s.averageHundredths).toBe(Math.round((8696 + 8570 + 8491 + 7858 + 7858) / 5));
    expect(s.highest?.code).toBe("SVHTTDL");
    expect(s.lowest?.code).toBe("SDTTG");
    expect(rankingSummary([unit("A", 1, 1), unit("B", 2, 2)]).averageHundredths).toBe(2);
    // The exact mean, not the mean of rounded indices: 87.145 % (shown 87.15) and 80 % average 83.5725 → 83.57.
    expect(rankingSummary([unit("A", 1, 8715, { achieved: 17429 as Centi, max: 20000 as Centi }), unit("B", 2, 8000)]).averageHundredths).toBe(8357);
  });

  it("is empty without rows", () => {
    expect(rankingSummary([])).toEqual({ units: 0, averageHundredths: null, highest: null, lowest: null, improved: 0, declined: 0, unchanged: 0, notCompared: 0 });
  });
});

describe("heat-map scale", () => {
  it("puts indices in steps of ten points from 50 %", () => {
    expect([null, 0, 4999, 5000, 5999, 6000, 7499, 8000, 8999, 9000, 10000].map(heatBucket)).toEqual([null, 0, 0, 1, 1, 2, 3, 4, 4, 5, 5]);
    expect(heatStepEnd(0)).toBe(5000);
    expect(heatStepEnd(HEAT_SCALE.length - 1)).toBeNull();
  });

  it("is monotonic: a higher index never gets a lighter step", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10000 }), fc.integer({ min: 0, max: 10000 }), (a, b) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      expect(heatBucket(lo)!).toBeLessThanOrEqual(heatBucket(hi)!);
    }));
    const lightness = HEAT_SCALE.map((s) => luminance(s.background));
    for (let i = 1; i < lightness.length; i++) expect(lightness[i]!).toBeLessThan(lightness[i - 1]!);
  });

  it("keeps a text contrast of at least 4.5:1 on every step (WCAG AA)", () => {
    for (const s of HEAT_SCALE) expect(contrast(s.background, s.text), s.background).toBeGreaterThanOrEqual(4.5);
  });
});

describe("comparedWith", () => {
  it("names the predecessors only when the comparison follows lineage or a merger", () => {
    expect(comparedWith(change(529, "lineage", ["SKHDT", "STC-2024"]))).toEqual(["SKHDT", "STC-2024"]);
    expect(comparedWith(change(711, "merged", ["VPUB", "SNGV"]))).toEqual(["VPUB", "SNGV"]);
    expect(comparedWith(change(5, "same", ["SCT"]))).toBeNull();
    expect(comparedWith(change(null, "none"))).toBeNull();
    expect(comparedWith(null)).toBeNull();
  });
});

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}
