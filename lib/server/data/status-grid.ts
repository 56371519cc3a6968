import "server-only";
import { appraisalProgress, toLeafAppraisal } from "@/lib/domain/appraisal";
import type { PhaseWindow } from "@/lib/domain/phases";
import { gridCounts, gridRows, isSubmitted, type GridCounts, type GridRow, type GridUnit } from "@/lib/domain/status-grid";
import { selfAssessmentWindow } from "@/lib/domain/worksheet";
import { db } from "@/lib/server/db/client";

export type StatusGrid = {
  cycle: { year: number; nameVi: string; nameEn: string; compiledAt: Date | null; approvedAt: Date | null; publishedAt: Date | null;
    deadlines: PhaseWindow[] };
  rows: GridRow[];
  counts: GridCounts;
  /** Unit group codes present in the cycle, for the group filter. */
  groups: string[];
};

/**
 * Every unit of a cycle against the phases at `now` (see lib/domain/status-grid), or null when there is
 * no cycle that year. Four queries whatever the number of units: the cycle, its assessments, the leaves
 * of the criterion sets in use, and every score entry of the cycle with its rounds and requests.
 */
export async function statusGrid(year: number, now = new Date()): Promise<StatusGrid | null> {
  const prisma = await db();
  const cycle = await prisma.cycle.findUnique({ where: { year }, include: { deadlines: true } });
  if (!cycle) return null;
  const deadlines: PhaseWindow[] = cycle.deadlines.map((d) => ({ phase: d.phase, opensAt: d.opensAt, closesAt: d.closesAt }));

  const assessments = await prisma.assessment.findMany({
    where: { cycleId: cycle.id },
    select: { id: true, status: true, submittedAt: true, frameworkId: true,
      unit: { select: { code: true, nameVi: true, nameEn: true, group: { select: { code: true } } } },
      extensions: { where: { phase: "SELF_ASSESSMENT" }, select: { closesAt: true } } },
  });
  const frameworkIds = [...new Set(assessments.map((a) => a.frameworkId))];
  const leafNodes = await prisma.criterionNode.findMany({
    where: { frameworkId: { in: frameworkIds }, children: { none: {} } },
    select: { id: true, frameworkId: true, code: true, source: true },
  });
  const entries = await prisma.scoreEntry.findMany({
    where: { assessment: { cycleId: cycle.id } },
    select: { assessmentId: true, criterionId: true, selfScore: true,
      rounds: { select: { round: true, score: true } },
      requests: { select: { round: true, dueAt: true, answeredAt: true } } },
  });

  type Entry = (typeof entries)[number];
  const leavesByFramework = new Map<string, typeof leafNodes>();
  for (const n of leafNodes) {
    const list = leavesByFramework.get(n.frameworkId) ?? [];
    list.push(n);
    leavesByFramework.set(n.frameworkId, list);
  }
  const entriesByAssessment = new Map<string, Map<string, Entry>>();
  for (const e of entries) {
    const m = entriesByAssessment.get(e.assessmentId) ?? new Map<string, Entry>();
    m.set(e.criterionId, e);
    entriesByAssessment.set(e.assessmentId, m);
  }

  const units: GridUnit[] = assessments.map((a) => {
    const nodes = leavesByFramework.get(a.frameworkId) ?? [];
    const byCriterion = entriesByAssessment.get(a.id) ?? new Map<string, Entry>();
    const selfNodes = nodes.filter((n) => n.source === "SELF");
    const extendedTo = a.extensions[0]?.closesAt ?? null;
    const window = selfAssessmentWindow(deadlines, extendedTo);
    let progress = null;
    if (isSubmitted(a.status)) {
      // One request per leaf; the latest if a second round of requests was ever made.
      const leaves = nodes.map((n) => {
        const e = byCriterion.get(n.id);
        return toLeafAppraisal(n, e && { ...e, requests: [...e.requests].sort((x, y) => y.round - x.round) });
      });
      progress = appraisalProgress(leaves, now);
    }
    return {
      code: a.unit.code, nameVi: a.unit.nameVi, nameEn: a.unit.nameEn, group: a.unit.group?.code ?? null,
      storedStatus: a.status, submittedAt: a.submittedAt,
      selfAssessment: window ? { opensAt: window.opensAt, closesAt: window.closesAt } : null,
      extended: window !== null && extendedTo !== null && window.closesAt.getTime() === extendedTo.getTime(),
      selfProgress: { scored: selfNodes.filter((n) => byCriterion.get(n.id)?.selfScore != null).length, total: selfNodes.length },
      progress,
    };
  });

  const rows = gridRows(units, { compiledAt: cycle.compiledAt, approvedAt: cycle.approvedAt, publishedAt: cycle.publishedAt }, now);
  return {
    cycle: { year: cycle.year, nameVi: cycle.nameVi, nameEn: cycle.nameEn, compiledAt: cycle.compiledAt, approvedAt: cycle.approvedAt,
      publishedAt: cycle.publishedAt, deadlines },
    rows,
    counts: gridCounts(rows),
    groups: [...new Set(rows.map((r) => r.group).filter((g): g is string => g !== null))].sort(),
  };
}
