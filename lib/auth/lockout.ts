/**
 * Account lock-out after repeated failed sign-ins. Pure policy; the counters live in the database
 * (User.failedSignIns, User.lockedUntil) so every app instance sees the same state.
 */
export type LockoutPolicy = { maxFailures: number; lockMinutes: number };

export const DEFAULT_LOCKOUT: LockoutPolicy = { maxFailures: 5, lockMinutes: 15 };

export function lockoutPolicy(env: Readonly<Record<string, string | undefined>> = process.env): LockoutPolicy {
  const maxFailures = Number(env.PAR_LOCKOUT_MAX_FAILURES ?? DEFAULT_LOCKOUT.maxFailures);
  const lockMinutes = Number(env.PAR_LOCKOUT_MINUTES ?? DEFAULT_LOCKOUT.lockMinutes);
  return {
    maxFailures: Number.isInteger(maxFailures) && maxFailures > 0 ? maxFailures : DEFAULT_LOCKOUT.maxFailures,
    lockMinutes: Number.isFinite(lockMinutes) && lockMinutes > 0 ? lockMinutes : DEFAULT_LOCKOUT.lockMinutes,
  };
}

export type LockState = { failedSignIns: number; lockedUntil: Date | null };

export function isLocked(state: LockState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

/** A lock that has run out: the next failure starts a fresh count. */
export function lockExpired(state: LockState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() <= now.getTime();
}

/** After a failure brought the count to `failedSignIns`: the lock to set, or null. */
export function lockAfterFailure(failedSignIns: number, now: Date, policy: LockoutPolicy): Date | null {
  return failedSignIns >= policy.maxFailures ? new Date(now.getTime() + policy.lockMinutes * 60_000) : null;
}

export const AFTER_SUCCESS: LockState = { failedSignIns: 0, lockedUntil: null };

/** Whole minutes left on a lock, at least 1, for the message shown to the user. */
export function minutesLeft(lockedUntil: Date, now: Date): number {
  return Math.max(1, Math.ceil((lockedUntil.getTime() - now.getTime()) / 60_000));
}
