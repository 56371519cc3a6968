import "server-only";
import {
  areaAverages, compareAreas, evidenceCompleteness, lostPoints, unitTrend, type AreaComparison, type TrendPoint,
} from "@/lib/domain/analytics";
import type { YearFigure } from "@/lib/domain/engine";
import { toCenti, type Centi } from "@/lib/domain/points";
import { db } from "@/lib/server/db/client";
import { cycleRanking, lineageLinks, type AreaHead, type RankingRow } from "./dashboards";
import { frameworkCriteria } from "./overview";

/*
 * A unit's profile from the published snapshots: its index over the years (through lineage before it
 * existed), its areas against the group's average, the criteria where it lost the most points and,
 * for those allowed, the appraisers' reasons and how completely its self-assessment was evidenced.
 */

export type ProfileUnit = { id: string; code: string; nameVi: string; nameEn: string; group: string | null; region: string | null };

export type UnitName = { code: string; nameVi: string; nameEn: string };

export type ProfileTrendPoint = TrendPoint & { groupSize: number | null; names: UnitName[] };

export type LostRow = {
  code: string; titleVi: string; titleEn: string; max: Centi; achieved: Centi; lost: Centi;
  /** Survey-derived leaves have no appraisal (their points come from the survey results). */
  survey: boolean;
  /** The last appraisal round's reason; null when not asked for or not adjusted. */
  reason: string | null;
};

export type UnitProfile = {
  unit: ProfileUnit;
  year: number;
  /** The unit's result in `year`, null when it has none (e.g. not yet created). */
  result: RankingRow | null;
  /** The year and units `result.change` compares with. */
  previous: { year: number; names: UnitName[] } | null;
  /** The published year before `year`, whether or not the unit has a figure there. */
  previousYear: number | null;
  trend: ProfileTrendPoint[];
  areas: (AreaHead & AreaComparison)[];
  lost: LostRow[];
  /** Number of leaves where points were lost, and the points lost there in total. */
  lostTotal: { leaves: number; points: Centi };
  /** Self-scored leaves with a file or an explanation; null unless asked for (or without an assessment). */
  evidence: { covered: number; total: number } | null;
};

export type ProfileOptions = {
  /** Include the appraisers' reasons (the caller may `reasons.read` for the unit). */
  reasons: boolean;
  /** Include evidence completeness (the caller may read the unit's assessment). */
  evidence: boolean;
  /** How many lost-point criteria to list. */
  top?: number;
};

export async function findProfileUnit(param: string): Promise<ProfileUnit | null> {
  // Unit codes are ASCII (letters, digits, "-", "_", "."); the address may use any case.
  const code = param.trim().toUpperCase();
  if (!/^[A-Z0-9][A-Z0-9._-]{0,31}$/.test(code)) return null;
  const prisma = await db();
  const unit = await prisma.unit.findUnique({ where: { code }, select: { id: true, code: true, nameVi: true, nameEn: true, region: true, group: { select: { code: true } } } });
  return unit && { id: unit.id, code: unit.code, nameVi: unit.nameVi, nameEn: unit.nameEn, region: unit.region, group: unit.group?.code ?? null };
}

/** Every published result (all units, all published cycles) as year figures, with group sizes and names. */
async function publishedFigures() {
  const prisma = await db();
  const rows = await prisma.resultSnapshot.findMany({
    where: { published: true, cycle: { publishedAt: { not: null } } },
    select: { achieved: true, max: true, rankInGroup: true, cycle: { select: { year: true } },
      unit: { select: { code: true, nameVi: true, nameEn: true, group: { select: { code: true } } } } },
  });
  const years = new Map<number, YearFigure[]>();
  const sizes = new Map<string, number>();
  const names = new Map<string, { nameVi: string; nameEn: string }>();
  for (const r of rows) {
    const y = r.cycle.year;
    years.set(y, [...(years.get(y) ?? []), { code: r.unit.code, achieved: toCenti(r.achieved), max: toCenti(r.max), rank: r.rankInGroup }]);
    const key = `${y}:${r.unit.group?.code ?? ""}`;
    sizes.set(key, (sizes.get(key) ?? 0) + 1);
    names.set(r.unit.code, { nameVi: r.unit.nameVi, nameEn: r.unit.nameEn });
  }
  return { years: [...years].map(([year, figures]) => ({ year, figures })), sizes, names };
}

/**
 * The profile of unit `code` in the published year `year`; null when the unit does not exist or the
 * year is not published.
 */
export async function unitProfile(code: string, year: number, options: ProfileOptions): Promise<UnitProfile | null> {
  const [unit, ranking] = await Promise.all([findProfileUnit(code), cycleRanking(year)]);
  if (!unit || !ranking) return null;
  const [figures, lineage] = await Promise.all([publishedFigures(), lineageLinks()]);
  const trend: ProfileTrendPoint[] = unitTrend(unit.code, figures.years, lineage).map((p) => ({
    ...p,
    groupSize: p.rank === null ? null : figures.sizes.get(`${p.year}:${unit.group ?? ""}`) ?? null,
    names: p.codes.map((c) => ({ code: c, ...(figures.names.get(c) ?? { nameVi: c, nameEn: c }) })),
  }));
  const result = ranking.rows.find((r) => r.code === unit.code) ?? null;
  const previous = result?.change && ranking.previousYear !== null
    ? { year: ranking.previousYear, names: result.change.previousCodes.map((c) => ({ code: c, ...(figures.names.get(c) ?? { nameVi: c, nameEn: c }) })) }
    : null;
  const empty = { unit, year, result, previous, previousYear: ranking.previousYear, trend, areas: [], lost: [], lostTotal: { leaves: 0, points: 0 as Centi }, evidence: null };
  if (!result) return empty;

  const prisma = await db();
  const peers = ranking.rows.filter((r) => r.group === result.group);
  const heads = ranking.groups.find((g) => g.code === result.group)?.areas ?? [];
  const averages = areaAverages(peers.map((r) => r.nodes), heads.map((a) => a.code));
  const areas = compareAreas(result.nodes, averages, heads.map((a) => a.code)).map((c, i) => ({ ...heads[i]!, ...c }));

  const snapshot = await prisma.resultSnapshot.findUniqueOrThrow({ where: { cycleId_unitId: { cycleId: ranking.cycleId, unitId: unit.id } }, select: { frameworkId: true } });
  const criteria = await frameworkCriteria(snapshot.frameworkId);
  const leaves = [...criteria.values()].filter((c) => c.isLeaf).map((c) => c.code);
  const lost = lostPoints(result.nodes, leaves);

  const needEntries = options.reasons || options.evidence;
  const entries = needEntries ? await prisma.scoreEntry.findMany({
    where: { assessment: { unitId: unit.id, cycleId: ranking.cycleId } },
    select: {
      explanation: true, criterion: { select: { code: true } }, _count: { select: { evidence: true } },
      rounds: { orderBy: { round: "desc" }, take: 1, select: { reason: true } },
    },
  }) : [];
  const reasons = new Map(entries.map((e) => [e.criterion.code, e.rounds[0]?.reason?.trim() || null]));
  const byCode = new Map(entries.map((e) => [e.criterion.code, e]));
  const selfLeaves = [...criteria.values()].filter((c) => c.isLeaf && c.selfScored);
  const evidence = options.evidence && entries.length > 0
    ? evidenceCompleteness(selfLeaves.map((l) => ({ evidenceCount: byCode.get(l.code)?._count.evidence ?? 0, explanation: byCode.get(l.code)?.explanation ?? null })))
    : null;

  return {
    ...empty,
    areas,
    lost: lost.slice(0, options.top ?? 15).map((l) => ({
      ...l,
      titleVi: criteria.get(l.code)?.titleVi ?? "",
      titleEn: criteria.get(l.code)?.titleEn ?? "",
      survey: criteria.get(l.code)?.selfScored === false,
      reason: options.reasons ? reasons.get(l.code) ?? null : null,
    })),
    lostTotal: { leaves: lost.length, points: lost.reduce((s, l) => s + l.lost, 0) as Centi },
    evidence,
  };
}
