import "server-only";
import { deadlineIssues, vietnamTime, type PhaseWindow } from "@/lib/domain/phases";
import type { DeadlinesInput } from "@/lib/schemas/cycles";
import { db } from "@/lib/server/db/client";
import { recordAudit } from "./audit";
import { ProblemsError, UserError } from "./errors";

function at(day: string, hour: number): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return vietnamTime(y, m, d, hour, 0);
}

/** Replaces a cycle's phase windows (opens 00:00, closes 17:00 Vietnam time); one transaction, one audit row. */
export async function updateDeadlines(input: DeadlinesInput, actorId: string): Promise<PhaseWindow[]> {
  const windows: PhaseWindow[] = input.phases.map((p) => ({ phase: p.phase, opensAt: at(p.opens, 0), closesAt: at(p.closes, 17) }));
  const issues = deadlineIssues(windows);
  if (issues.length) throw new ProblemsError("cycles.invalid", issues.map((i) => ({ code: i.phase, key: i.key })));
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const cycle = await tx.cycle.findUnique({ where: { year: input.year }, include: { deadlines: true } });
    if (!cycle) throw new UserError("exchange.cycleNotFound", { year: input.year });
    if (cycle.publishedAt) throw new UserError("results.published", { year: input.year });
    for (const w of windows) {
      await tx.phaseDeadline.upsert({ where: { cycleId_phase: { cycleId: cycle.id, phase: w.phase } },
        create: { cycleId: cycle.id, ...w }, update: { opensAt: w.opensAt, closesAt: w.closesAt } });
    }
    await recordAudit(tx, { actorId, action: "cycle.deadlines", entityType: "Cycle", entityId: cycle.id,
      before: cycle.deadlines.map((d) => ({ phase: d.phase, opensAt: d.opensAt.toISOString(), closesAt: d.closesAt.toISOString() })),
      after: windows.map((w) => ({ phase: w.phase, opensAt: w.opensAt.toISOString(), closesAt: w.closesAt.toISOString() })) });
    return windows;
  });
}
