/*
 * Recompute ratio: the app's full recompute of one cycle (storeSnapshots: read every score, appraisal
 * round, survey result and bonus/penalty item, run the engine, replace the snapshots, one audit row)
 * against one SQL aggregate over the same score rows on the same database (the floor: reading and
 * summing those rows once). Medians of several runs, after a warm-up of each.
 */
import type { PrismaClient } from "../../lib/generated/prisma/client.ts";
import { storeSnapshots } from "../../lib/server/data/snapshots.ts";

export type RecomputeFigures = { recomputeMs: number; aggregateMs: number; ratio: number; runs: number; rows: number };

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

/** The baseline: every final score of the cycle, summed per assessment, in one query. */
export async function cycleAggregate(prisma: PrismaClient, cycleId: string): Promise<{ assessmentId: string; total: unknown; entries: bigint }[]> {
  return prisma.$queryRaw`SELECT e."assessmentId", sum(e."finalScore") AS total, count(*) AS entries
    FROM "ScoreEntry" e JOIN "Assessment" a ON a.id = e."assessmentId"
    WHERE a."cycleId" = ${cycleId} GROUP BY e."assessmentId"`;
}

export async function measureRecompute(prisma: PrismaClient, cycleId: string, runs = 7): Promise<RecomputeFigures> {
  const recompute = () => prisma.$transaction((tx) => storeSnapshots(cycleId, { published: true, actorId: null }, tx), { timeout: 300_000 });
  const aggregate = () => cycleAggregate(prisma, cycleId);
  await recompute();
  const rows = (await aggregate()).reduce((s, r) => s + Number(r.entries), 0);
  const recomputeTimes: number[] = [];
  const aggregateTimes: number[] = [];
  // Interleaved, so a burst of load from elsewhere on the machine hits both alike.
  for (let i = 0; i < runs; i++) {
    aggregateTimes.push(await timed(aggregate));
    recomputeTimes.push(await timed(recompute));
  }
  const recomputeMs = median(recomputeTimes);
  const aggregateMs = median(aggregateTimes);
  return { recomputeMs, aggregateMs, ratio: recomputeMs / aggregateMs, runs, rows };
}
