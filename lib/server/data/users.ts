import "server-only";
import { AFTER_SUCCESS, isLocked, lockAfterFailure, lockExpired, lockoutPolicy, minutesLeft } from "@/lib/auth/lockout";
import type { Role } from "@/lib/auth/permissions";
import { db } from "@/lib/server/db/client";
import { hashPassword, verifyPassword } from "@/lib/server/auth/password";
import { randomUUID } from "node:crypto";
import { recordAudit } from "./audit";

export type SignInResult =
  | { kind: "ok"; user: { id: string; name: string; sessionVersion: number } }
  | { kind: "invalid" }
  | { kind: "locked"; minutes: number };

/**
 * Checks a username and password and keeps the lock-out counters in the database, so all
 * instances share them. The counter update is one conditional statement per attempt.
 */
export async function verifyCredentials(username: string, password: string, now = new Date()): Promise<SignInResult> {
  const prisma = await db();
  const user = await prisma.user.findUnique({ where: { username: username.toLowerCase() } });
  if (!user || !user.active) {
    // Same work as a real check, so timing does not reveal which usernames exist.
    await verifyPassword(await dummy(), password);
    return { kind: "invalid" };
  }
  if (isLocked(user, now)) return { kind: "locked", minutes: minutesLeft(user.lockedUntil!, now) };

  if (await verifyPassword(user.passwordHash, password)) {
    await prisma.$transaction(async (tx) => {
      await tx.user.update({ where: { id: user.id }, data: AFTER_SUCCESS });
      await recordAudit(tx, { actorId: user.id, action: "auth.signIn", entityType: "User", entityId: user.id });
    });
    return { kind: "ok", user: { id: user.id, name: user.name, sessionVersion: user.sessionVersion } };
  }

  const policy = lockoutPolicy();
  const state = await prisma.$transaction(async (tx) => {
    // Increment the stored counter (not the value read above) so concurrent attempts all count.
    const counted = await tx.user.update({
      where: { id: user.id },
      data: lockExpired(user, now) ? { failedSignIns: 1, lockedUntil: null } : { failedSignIns: { increment: 1 } },
    });
    const lockedUntil = lockAfterFailure(counted.failedSignIns, now, policy);
    if (!lockedUntil || isLocked(counted, now)) return counted;
    await recordAudit(tx, { actorId: null, action: "auth.locked", entityType: "User", entityId: user.id,
      after: { failedSignIns: counted.failedSignIns, lockedUntil: lockedUntil.toISOString() } });
    return tx.user.update({ where: { id: user.id }, data: { lockedUntil } });
  });
  return isLocked(state, now) ? { kind: "locked", minutes: minutesLeft(state.lockedUntil!, now) } : { kind: "invalid" };
}

// A hash of a random string, never matched: keeps the unknown-user path as slow as the real one.
let dummyHash: Promise<string> | undefined;
function dummy(): Promise<string> {
  dummyHash ??= hashPassword(randomUUID());
  return dummyHash;
}

export type CurrentUser = {
  id: string;
  username: string;
  name: string;
  role: Role;
  unitId: string | null;
  unitCode: string | null;
  unitNameVi: string | null;
  unitNameEn: string | null;
  /** Appraisers: criterion codes assigned to them, or to their department, in the cycles not yet published. */
  assignedCriteria: string[];
  sessionVersion: number;
};

export async function findActiveUser(id: string): Promise<CurrentUser | null> {
  const prisma = await db();
  const user = await prisma.user.findUnique({ where: { id }, include: { unit: true } });
  if (!user || !user.active) return null;
  return {
    id: user.id,
    username: user.username,
    name: user.name,
    role: user.role,
    unitId: user.unitId,
    unitCode: user.unit?.code ?? null,
    unitNameVi: user.unit?.nameVi ?? null,
    unitNameEn: user.unit?.nameEn ?? null,
    assignedCriteria: user.role === "APPRAISER" ? await assignedCriteria(user.id, user.unitId) : [],
    sessionVersion: user.sessionVersion,
  };
}

/** Criterion codes assigned to an appraiser (personally or through their department) in unpublished cycles. */
export async function assignedCriteria(userId: string, unitId: string | null): Promise<string[]> {
  const prisma = await db();
  const rows = await prisma.appraisalAssignment.findMany({
    where: { cycle: { publishedAt: null }, OR: [{ appraiserId: userId }, ...(unitId ? [{ unitId }] : [])] },
    select: { criterionCode: true },
  });
  return [...new Set(rows.map((r) => r.criterionCode))].sort();
}
