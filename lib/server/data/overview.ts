import "server-only";
import {
  areaAverages, bandCounts, costlyCriteria, indexDistribution, leadDepartments, type Bin,
} from "@/lib/domain/analytics";
import { meanIndexHundredths } from "@/lib/domain/engine";
import { DEFAULT_BANDS, type ClassificationBand } from "@/lib/domain/framework";
import type { Centi } from "@/lib/domain/points";
import { db } from "@/lib/server/db/client";
import { cycleRanking, type AreaHead } from "./dashboards";

/*
 * The province overview of a published cycle for one unit group: distribution of indices, bands,
 * the average per area, and the criteria that cost the units the most points with the department
 * leading each. Read from the stored snapshots (dashboards.cycleRanking); nothing is rescored.
 */

export type CriterionInfo = { code: string; titleVi: string; titleEn: string; isLeaf: boolean; selfScored: boolean };

/** The criteria of a criterion set, in framework order, by code. */
export async function frameworkCriteria(frameworkId: string): Promise<Map<string, CriterionInfo>> {
  const prisma = await db();
  const nodes = await prisma.criterionNode.findMany({
    where: { frameworkId },
    select: { code: true, titleVi: true, titleEn: true, source: true, _count: { select: { children: true } } },
  });
  return new Map(nodes.map((n) => [n.code, { code: n.code, titleVi: n.titleVi, titleEn: n.titleEn, isLeaf: n._count.children === 0, selfScored: n.source === "SELF" }]));
}

/** The criterion set and its classification bands used by a unit group in a cycle. */
export async function groupFramework(cycleId: string, group: string): Promise<{ id: string; bands: ClassificationBand[] } | null> {
  const prisma = await db();
  const link = await prisma.cycleFramework.findFirst({
    where: { cycleId, group: { code: group } },
    select: { framework: { select: { id: true, classification: true } } },
  });
  if (!link) return null;
  const bands = Array.isArray(link.framework.classification) ? (link.framework.classification as ClassificationBand[]) : DEFAULT_BANDS;
  return { id: link.framework.id, bands };
}

export type Department = { code: string; nameVi: string; nameEn: string };

export type CostlyRow = {
  code: string; titleVi: string; titleEn: string; lost: Centi; max: Centi; units: number;
  /** The department(s) assigned to appraise the criterion or its nearest assigned ancestor (lead department). */
  leads: Department[];
};

export type Overview = {
  year: number;
  group: string;
  groups: string[];
  units: number;
  meanIndexHundredths: number | null;
  distribution: Bin[];
  /** Units per band, highest first; `from`/`to`: the band's index range in percent (to: exclusive, null at the top). */
  bands: { band: string; labelVi: string; labelEn: string; from: number | null; to: number | null; count: number }[];
  areas: (AreaHead & { average: number | null })[];
  costly: CostlyRow[];
};

/**
 * Overview of a published year for a unit group (default: the first group with results). Null when
 * the year is not published or the group has no results that year.
 */
export async function overview(year: number, group: string | null, { top = 15 } = {}): Promise<Overview | null> {
  const ranking = await cycleRanking(year);
  if (!ranking) return null;
  const groups = ranking.groups.map((g) => g.code);
  const chosen = group && groups.includes(group) ? group : groups[0];
  if (!chosen) return null;
  const rows = ranking.rows.filter((r) => r.group === chosen);
  const heads = ranking.groups.find((g) => g.code === chosen)!.areas;
  const prisma = await db();
  const [framework, assignments] = await Promise.all([
    groupFramework(ranking.cycleId, chosen),
    prisma.appraisalAssignment.findMany({
      where: { cycleId: ranking.cycleId, unitId: { not: null } },
      select: { criterionCode: true, unit: { select: { code: true, nameVi: true, nameEn: true } } },
    }),
  ]);
  const criteria = framework ? await frameworkCriteria(framework.id) : new Map<string, CriterionInfo>();
  const leaves = [...criteria.values()].filter((c) => c.isLeaf).map((c) => c.code);
  const departments = new Map(assignments.flatMap((a) => (a.unit ? [[a.unit.code, a.unit] as const] : [])));
  const assigned = assignments.flatMap((a) => (a.unit ? [{ criterionCode: a.criterionCode, unit: a.unit.code }] : []));
  const nodes = rows.map((r) => r.nodes);
  const averages = areaAverages(nodes, heads.map((a) => a.code));
  const bands = framework?.bands ?? DEFAULT_BANDS;
  const labels = new Map(bands.map((b) => [b.code, b]));
  return {
    year,
    group: chosen,
    groups,
    units: rows.length,
    meanIndexHundredths: meanIndexHundredths(rows),
    distribution: indexDistribution(rows.map((r) => r.indexHundredths)),
    bands: bandCounts(bands.map((b) => b.code), rows).filter((b) => b.band !== "" || b.count > 0)
      .map((b) => {
        const i = bands.findIndex((x) => x.code === b.band);
        return { ...b, labelVi: labels.get(b.band)?.labelVi ?? "—", labelEn: labels.get(b.band)?.labelEn ?? "—",
          from: i < 0 ? null : bands[i]!.minIndex, to: i <= 0 ? null : bands[i - 1]!.minIndex };
      }),
    areas: heads.map((a) => ({ ...a, average: averages[a.code] ?? null })),
    costly: costlyCriteria(nodes, leaves.length > 0 ? leaves : undefined).slice(0, top).map((c) => ({
      ...c,
      titleVi: criteria.get(c.code)?.titleVi ?? "",
      titleEn: criteria.get(c.code)?.titleEn ?? "",
      leads: leadDepartments(c.code, assigned).map((code) => departments.get(code)!),
    })),
  };
}
