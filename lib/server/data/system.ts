import "server-only";
import { connection, db, migrationCheck } from "@/lib/server/db/client";
import { migrationProblem } from "@/lib/server/db/migration-check";
import { databaseTarget } from "@/lib/server/db/config";

export type HealthReport = {
  status: "ok" | "unavailable";
  database: "pglite" | "postgresql";
  migrations: "up-to-date" | "pending" | "failed" | "unknown";
  reason?: string;
};

export async function healthReport(): Promise<HealthReport> {
  let kind: HealthReport["database"] = "pglite";
  try {
    kind = databaseTarget().kind;
    const conn = await connection();
    kind = conn.kind;
    await conn.prisma.$queryRawUnsafe("SELECT 1");
    const check = await migrationCheck();
    const problem = migrationProblem(check);
    if (problem) {
      return { status: "unavailable", database: kind, migrations: check.failed.length ? "failed" : "pending", reason: problem };
    }
    return { status: "ok", database: kind, migrations: "up-to-date" };
  } catch (error) {
    return { status: "unavailable", database: kind, migrations: "unknown",
      reason: `Database unreachable: ${lastLine(error)}` };
  }
}

export async function systemOverview() {
  const prisma = await db();
  const [users, units, frameworks, cycles, lockedUsers, recentAudit] = await Promise.all([
    prisma.user.count(),
    prisma.unit.count(),
    prisma.framework.count(),
    prisma.cycle.count(),
    prisma.user.findMany({ where: { lockedUntil: { gt: new Date() } }, select: { username: true, name: true, lockedUntil: true } }),
    prisma.auditEvent.findMany({ orderBy: { id: "desc" }, take: 12, include: { actor: { select: { username: true } } } }),
  ]);
  const roles = await prisma.user.groupBy({ by: ["role"], _count: { _all: true } });
  return {
    database: (await connection()).kind,
    counts: { users, units, frameworks, cycles },
    roles: Object.fromEntries(roles.map((r) => [r.role, r._count._all])) as Record<string, number>,
    lockedUsers,
    recentAudit: recentAudit.map((e) => ({ id: e.id.toString(), at: e.at, actor: e.actor?.username ?? null,
      action: e.action, entityType: e.entityType, entityId: e.entityId })),
  };
}

/** Prisma prefixes driver errors with the invocation; the last line is the useful part. */
function lastLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n").map((l) => l.trim()).filter(Boolean).at(-1) ?? text;
}
