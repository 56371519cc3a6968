import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { db } from "@/lib/server/db/client";
import { recordAudit } from "./audit";
import { UserError } from "./errors";

/*
 * API tokens for the read API, issued by administrators. The secret ("par_" + 32 random bytes,
 * base64url) is shown once when issued; only its SHA-256 is stored, so a token is found by the hash of
 * what the client sends (no comparison of secrets, hence nothing to time) and a database leak reveals
 * no usable token. The first characters are kept as `prefix` to recognise a token in the list.
 */

const SECRET = /^par_[A-Za-z0-9_-]{43}$/;
const PREFIX_LENGTH = 10;
const DAY_MS = 24 * 60 * 60 * 1000;
/** lastUsedAt is written at most this often per token, not on every call. */
const LAST_USED_EVERY_MS = 60 * 1000;

export type ApiTokenStatus = "active" | "expired" | "revoked";

export type ApiTokenRow = {
  id: string;
  name: string;
  prefix: string;
  createdBy: { name: string; username: string };
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  status: ApiTokenStatus;
};

export type VerifiedToken = { id: string; name: string; prefix: string };

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

export function tokenStatus(token: { expiresAt: Date | null; revokedAt: Date | null }, now: Date): ApiTokenStatus {
  if (token.revokedAt) return "revoked";
  if (token.expiresAt && token.expiresAt.getTime() <= now.getTime()) return "expired";
  return "active";
}

/**
 * Issues a token: stores its name, prefix and hash, and returns the secret, the only time it exists
 * outside the client. One transaction, one audit row (without the secret).
 */
export async function issueApiToken(input: { name: string; expiresInDays?: number }, actorId: string, now = new Date()):
  Promise<{ id: string; name: string; prefix: string; expiresAt: Date | null; secret: string }> {
  const secret = `par_${randomBytes(32).toString("base64url")}`;
  const prefix = secret.slice(0, PREFIX_LENGTH);
  const expiresAt = input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * DAY_MS) : null;
  const prisma = await db();
  const token = await prisma.$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: { name: input.name, prefix, secretHash: hashSecret(secret), createdById: actorId, createdAt: now, expiresAt },
      select: { id: true, name: true, prefix: true, expiresAt: true },
    });
    await recordAudit(tx, { actorId, action: "apiToken.issue", entityType: "ApiToken", entityId: created.id,
      after: { name: created.name, prefix, expiresAt: expiresAt?.toISOString() ?? null } });
    return created;
  });
  return { ...token, secret };
}

/** Every token, newest first, without secrets (only the hash is stored anyway, and not returned). */
export async function listApiTokens(now = new Date()): Promise<ApiTokenRow[]> {
  const prisma = await db();
  const tokens = await prisma.apiToken.findMany({
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, createdAt: true, expiresAt: true, lastUsedAt: true, revokedAt: true,
      createdBy: { select: { name: true, username: true } } },
  });
  return tokens.map((t) => ({ ...t, status: tokenStatus(t, now) }));
}

/** Revokes a token at once; refuses one already revoked (nothing changes). One transaction, one audit row. */
export async function revokeApiToken(id: string, actorId: string, now = new Date()): Promise<{ name: string; revokedAt: Date }> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const token = await tx.apiToken.findUnique({ where: { id }, select: { id: true, name: true, prefix: true, revokedAt: true } });
    if (!token) throw new UserError("apiTokens.errors.notFound");
    // Conditional update: of two concurrent revocations, only one succeeds.
    const { count } = await tx.apiToken.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: now } });
    if (count === 0) throw new UserError("apiTokens.errors.alreadyRevoked", { name: token.name });
    await recordAudit(tx, { actorId, action: "apiToken.revoke", entityType: "ApiToken", entityId: id,
      before: { name: token.name, prefix: token.prefix, revokedAt: null }, after: { revokedAt: now.toISOString() } });
    return { name: token.name, revokedAt: now };
  });
}

/**
 * The token a client's secret belongs to, if it is neither revoked nor expired; else null. Notes the
 * time of use (at most once a minute per token, so busy clients do not write on every call).
 */
export async function verifyApiToken(secret: string, now = new Date()): Promise<VerifiedToken | null> {
  if (!SECRET.test(secret)) return null;
  const prisma = await db();
  const token = await prisma.apiToken.findUnique({ where: { secretHash: hashSecret(secret) },
    select: { id: true, name: true, prefix: true, expiresAt: true, revokedAt: true, lastUsedAt: true } });
  if (!token || tokenStatus(token, now) !== "active") return null;
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() >= LAST_USED_EVERY_MS) {
    await prisma.apiToken.updateMany({
      where: { id: token.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: new Date(now.getTime() - LAST_USED_EVERY_MS) } }] },
      data: { lastUsedAt: now },
    });
  }
  return { id: token.id, name: token.name, prefix: token.prefix };
}
