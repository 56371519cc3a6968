import { describe, expect, it } from "vitest";
import { compareCodes } from "@/lib/domain/framework-diff";
import {
  areaAverages, bandCounts, compareAreas, costlyCriteria, evidenceCompleteness, indexDistribution, leadDepartments,
  leafCodes, lostPoints, unitTrend, type NodeFigures,
} from "@/lib/domain/analytics";
import { yearOverYear, type YearFigure } from "@/lib/domain/engine";
import type { Centi } from "@/lib/domain/points";

/** Figures in hundredths of a point, written as points for readability. */
const c = (points: number) => Math.round(points * 100) as Centi;
const fig = (code: string, achieved: number, max: number, rank: number | null): YearFigure => ({ code, achieved: c(achieved), max: c(max), rank });
const node = (achieved: number, max: number) => ({ achieved: c(achieved), max: c(max) });

describe("year over year across a merger of two units (A + B → C in 2025)", () => {
  // A and B have different maxima, so the combined figure Σ achieved ÷ Σ max (74.55 %) differs from the
  // mean of their indices ((80 + 70) / 2 = 75 %).
  const y2023 = [fig("A", 75, 100, 2), fig("B", 81, 120, 3), fig("D", 90, 100, 1)];
  const y2024 = [fig("A", 80, 100, 2), fig("B", 84, 120, 3), fig("D", 91, 100, 1)];
  const y2025 = [fig("C", 170.5, 220, 2), fig("D", 92, 100, 1)];
  const lineage = [
    { predecessor: "A", successor: "C", effectiveYear: 2025 },
    { predecessor: "B", successor: "C", effectiveYear: 2025 },
  ];

  it("compares C in 2025 with A and B of 2024 combined, without a rank delta", () => {
    const [row] = yearOverYear(y2025, y2024, lineage, 2025);
    // 2024: (80 + 84) / (100 + 120) = 164 / 220 = 74.5454… % → shown 74.55.
    // 2025: 170.5 / 220 = 77.50 %. Change: 77.50 − 74.55 = +2.95 points of index; same maximum 220: +6.50 points.
    expect(row).toEqual({
      code: "C", basis: "lineage", previousCodes: ["A", "B"],
      previous: { achieved: 16400, max: 22000, indexHundredths: 7455, rank: null },
      indexDeltaHundredths: 295, pointsDelta: 650, rankDelta: null,
    });
  });

  it("shows C's trend with the combined predecessors before the merger", () => {
    const trend = unitTrend("C", [{ year: 2025, figures: y2025 }, { year: 2023, figures: y2023 }, { year: 2024, figures: y2024 }], lineage);
    expect(trend).toEqual([
      // 2023: (75 + 81) / 220 = 156 / 220 = 70.9090… % → 70.91.
      { year: 2023, achieved: 15600, max: 22000, indexHundredths: 7091, basis: "lineage", codes: ["A", "B"], rank: null },
      { year: 2024, achieved: 16400, max: 22000, indexHundredths: 7455, basis: "lineage", codes: ["A", "B"], rank: null },
      { year: 2025, achieved: 17050, max: 22000, indexHundredths: 7750, basis: "own", codes: ["C"], rank: 2 },
    ]);
  });

  it("keeps a unit's own figures, and shows a predecessor's rank when it was only renamed", () => {
    expect(unitTrend("D", [{ year: 2024, figures: y2024 }, { year: 2025, figures: y2025 }], lineage).map((p) => [p.year, p.basis, p.indexHundredths]))
      .toEqual([[2024, "own", 9100], [2025, "own", 9200]]);
    const renamed = unitTrend("E", [{ year: 2024, figures: [fig("D", 91, 100, 1)] }, { year: 2025, figures: [fig("E", 93, 100, 1)] }],
      [{ predecessor: "D", successor: "E", effectiveYear: 2025 }]);
    expect(renamed[0]).toEqual({ year: 2024, achieved: 9100, max: 10000, indexHundredths: 9100, basis: "lineage", codes: ["D"], rank: 1 });
    // A unit that ended leaves no points after its last year; one without predecessors none before its first.
    expect(unitTrend("A", [{ year: 2024, figures: y2024 }, { year: 2025, figures: y2025 }], lineage).map((p) => p.year)).toEqual([2024]);
    expect(unitTrend("N", [{ year: 2024, figures: y2024 }, { year: 2025, figures: [fig("N", 50, 100, 3)] }], lineage).map((p) => p.year)).toEqual([2025]);
  });
});

describe("lost points", () => {
  const nodes: NodeFigures = {
    "1": node(7, 10), "1.1": node(4, 6), "1.1.1": node(1, 2), "1.1.2": node(3, 4), "1.2": node(3, 4),
    "2": node(9.5, 10), "2.1": node(9.5, 10), "10": node(0, 1),
  };

  it("finds the leaves and orders codes as the framework does", () => {
    expect(leafCodes(Object.keys(nodes))).toEqual(["1.1.1", "1.1.2", "1.2", "2.1", "10"]);
    expect(["10", "1.10", "1.2", "2"].sort(compareCodes)).toEqual(["1.2", "1.10", "2", "10"]);
  });

  it("lists max − achieved per leaf, largest first, ties in framework order, no zero losses", () => {
    expect(lostPoints(nodes)).toEqual([
      { code: "1.1.1", max: 200, achieved: 100, lost: 100 },
      { code: "1.1.2", max: 400, achieved: 300, lost: 100 },
      { code: "1.2", max: 400, achieved: 300, lost: 100 },
      { code: "10", max: 100, achieved: 0, lost: 100 },
      { code: "2.1", max: 1000, achieved: 950, lost: 50 },
    ]);
    expect(lostPoints(nodes, ["2.1", "9.9"])).toEqual([{ code: "2.1", max: 1000, achieved: 950, lost: 50 }]);
  });

  it("sums the losses of every unit per leaf, with the number of units that lost points there", () => {
    const other: NodeFigures = { "1.1.1": node(2, 2), "1.1.2": node(0, 4), "1.2": node(4, 4), "2.1": node(8, 10), "10": node(1, 1) };
    expect(costlyCriteria([nodes, other], ["1.1.1", "1.1.2", "1.2", "2.1", "10"])).toEqual([
      { code: "1.1.2", lost: 500, max: 800, units: 2 }, // 1 + 4
      { code: "2.1", lost: 250, max: 2000, units: 2 }, // 0.5 + 2
      { code: "1.1.1", lost: 100, max: 400, units: 1 },
      { code: "1.2", lost: 100, max: 800, units: 1 },
      { code: "10", lost: 100, max: 200, units: 1 },
    ]);
  });
});

describe("areas against the province average", () => {
  it("averages exactly, rounding once", () => {
    // 0.01 / 8 = 0.125 % (shown 0.13) and 0 %: exact mean 0.0625 % → 0.06, not (0.13 + 0) / 2 → 0.07.
    const units: NodeFigures[] = [{ "1": node(0.01, 8), "2": node(9, 10) }, { "1": node(0, 1), "2": node(17, 20) }, { "1": node(0, 1) }];
    expect(areaAverages(units.slice(0, 2), ["1", "2", "3"])).toEqual({ "1": 6, "2": 8750, "3": null });
    // The third unit has no area 2: the mean is over the units that have it.
    expect(areaAverages(units, ["2"])).toEqual({ "2": 8750 });
  });

  it("gives a unit's gap to the average", () => {
    const averages = { "1": 8333, "2": 8750, "3": null };
    expect(compareAreas({ "1": node(9, 10), "2": node(8, 10) }, averages, ["1", "2", "3"])).toEqual([
      { code: "1", unit: 9000, average: 8333, gap: 667 },
      { code: "2", unit: 8000, average: 8750, gap: -750 },
      { code: "3", unit: null, average: null, gap: null },
    ]);
  });
});

describe("distribution", () => {
  it("counts indices in bins of 5 points from 70, an edge in the upper bin, 100 in the last", () => {
    expect(indexDistribution([6500, 7000, 7499, 7500, 9500, 9999, 10000])).toEqual([
      { from: null, to: 7000, count: 1 },
      { from: 7000, to: 7500, count: 2 },
      { from: 7500, to: 8000, count: 1 },
      { from: 8000, to: 8500, count: 0 },
      { from: 8500, to: 9000, count: 0 },
      { from: 9000, to: 9500, count: 0 },
      { from: 9500, to: 10000, count: 3 },
    ]);
    expect(indexDistribution([], { floor: 8000, width: 1000 }).map((b) => b.from)).toEqual([null, 8000, 9000]);
  });

  it("counts bands in the framework's order, units without a band last", () => {
    expect(bandCounts(["A", "B", "C"], [{ band: "B" }, { band: "A" }, { band: "B" }, { band: null }]))
      .toEqual([{ band: "A", count: 1 }, { band: "B", count: 2 }, { band: "C", count: 0 }, { band: "", count: 1 }]);
  });
});

describe("lead department and evidence", () => {
  const assignments = [{ criterionCode: "2", unit: "STP" }, { criterionCode: "2.3", unit: "SNV" }, { criterionCode: "6", unit: "STC" }, { criterionCode: "6", unit: "SNV" }];

  it("takes the department assigned to the criterion or its nearest assigned ancestor", () => {
    expect(leadDepartments("2.1.4", assignments)).toEqual(["STP"]);
    expect(leadDepartments("2.3.1", assignments)).toEqual(["SNV"]);
    expect(leadDepartments("6.1", assignments)).toEqual(["SNV", "STC"]);
    expect(leadDepartments("8.1", assignments)).toEqual([]);
    expect(leadDepartments("20.1", assignments)).toEqual([]); // "2" is not an ancestor of "20.1"
  });

  it("counts self-scored leaves with a file or a written explanation", () => {
    expect(evidenceCompleteness([
      { evidenceCount: 2, explanation: null }, { evidenceCount: 0, explanation: "Hồ sơ giấy" }, { evidenceCount: 0, explanation: "  " }, { evidenceCount: 0, explanation: null },
    ])).toEqual({ covered: 2, total: 4 });
  });
});
