import "server-only";
import type { Prisma } from "../../generated/prisma/client.ts";
import { daysUntil } from "@/lib/domain/phases";
import { selfAssessmentWindow } from "@/lib/domain/worksheet";
import { db, type Tx } from "@/lib/server/db/client";
import { recordAudit } from "./audit";

/**
 * In-app notifications (the inbox). Written inside the transaction of the change they announce, so a
 * rolled-back change announces nothing; e-mail delivery happens after the commit (lib/server/mail).
 * Texts are catalogue keys `notifications.kinds.<kind>.*` with `params`, translated when shown.
 */
export const NOTIFICATION_KINDS = [
  "explanationRequested",
  "explanationAnswered",
  "resultsApproved",
  "resultsPublished",
  "resultsUnpublished",
  "deadlineApproaching",
  "taskAssigned",
  "taskUpdated",
  "taskCancelled",
  "taskReminder",
  "findingAdded",
  "findingRemediationReported",
  "findingClosed",
  "findingSentBack",
  "findingDue",
  "initiativeProposed",
  "initiativeRecognised",
  "initiativeRejected",
  "initiativeReopened",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export type NotificationInput = {
  kind: NotificationKind;
  params: Record<string, string | number>;
  link?: string;
  /** Same key for the same user → stored once (reminders). */
  dedupeKey?: string;
};

/** Notifies each of `userIds` (duplicates removed) inside the caller's transaction. */
export async function notify(tx: Tx, userIds: readonly string[], n: NotificationInput): Promise<number> {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return 0;
  const r = await tx.notification.createMany({
    data: ids.map((userId) => ({ userId, kind: n.kind, params: n.params as Prisma.InputJsonValue, link: n.link ?? null, dedupeKey: n.dedupeKey ?? null })),
    skipDuplicates: true,
  });
  return r.count;
}

/** Active users of some roles, optionally only those of given units. */
export async function recipients(tx: Tx, where: { roles: readonly ("ADMIN" | "SECRETARIAT" | "APPRAISER" | "UNIT_STAFF" | "LEADERSHIP")[]; unitIds?: readonly string[] }): Promise<string[]> {
  const users = await tx.user.findMany({
    where: { active: true, role: { in: [...where.roles] }, ...(where.unitIds ? { unitId: { in: [...where.unitIds] } } : {}) },
    select: { id: true },
  });
  return users.map((u) => u.id);
}

/** How the inbox and the e-mails show times and deadlines: "17:00 15/01/2027" (in Vietnam time: the caller's formatter sets the zone). */
export const TIME_FORMAT = { hour: "2-digit", minute: "2-digit", day: "2-digit", month: "2-digit", year: "numeric" } as const satisfies Intl.DateTimeFormatOptions;

/** Params that are instants (stored as ISO strings) and params that are counts (kept as numbers for plurals). */
const DATE_PARAMS = new Set(["due"]);
const COUNT_PARAMS = new Set(["days", "count"]);

type Translate = (key: string, values?: Record<string, string | number>) => string;

/**
 * A notification's title and body in words, with `t` rooted at the `notifications` namespace. Dates
 * are formatted by `formatDate`; other numbers (years) are passed as text so they are not grouped
 * ("2026", not "2.026"). An unknown kind (an older release's) gets a generic title.
 */
export function notificationText(n: { kind: string; params: unknown }, t: Translate, formatDate: (d: Date) => string, locale = "vi"): { title: string; body: string } {
  const values: Record<string, string | number> = {};
  const raw = n.params && typeof n.params === "object" && !Array.isArray(n.params) ? (n.params as Record<string, unknown>) : {};
  // A name stored in both languages ({ unit, unitEn }) shows in the reader's.
  const params = Object.fromEntries(Object.entries(raw).filter(([key]) => !(key.endsWith("En") && key.slice(0, -2) in raw))
    .map(([key, value]) => [key, locale === "en" && typeof raw[`${key}En`] === "string" ? raw[`${key}En`] : value]));
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === "number") values[key] = COUNT_PARAMS.has(key) ? value : String(value);
    else if (typeof value === "string") {
      const date = DATE_PARAMS.has(key) ? new Date(value) : null;
      values[key] = date && !Number.isNaN(date.getTime()) ? formatDate(date) : value;
    }
  }
  if (!(NOTIFICATION_KINDS as readonly string[]).includes(n.kind)) return { title: t("unknownKind"), body: "" };
  return { title: t(`kinds.${n.kind}.title`, values), body: t(`kinds.${n.kind}.body`, values) };
}

/** A stored link, only when it is a path of this application ("/…", not "//host"). */
export function safeLink(link: string | null | undefined): string | null {
  return link && /^\/(?![/\\])/.test(link) ? link : null;
}

export type InboxItem = {
  id: string;
  kind: string;
  params: Record<string, unknown>;
  link: string | null;
  createdAt: Date;
  readAt: Date | null;
};

/** The user's notifications, newest first. */
export async function inboxOf(userId: string, { limit = 50 }: { limit?: number } = {}): Promise<InboxItem[]> {
  const prisma = await db();
  const rows = await prisma.notification.findMany({
    where: { userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
    select: { id: true, kind: true, params: true, link: true, createdAt: true, readAt: true },
  });
  return rows.map((r) => ({ ...r, params: (r.params ?? {}) as Record<string, unknown>, link: safeLink(r.link) }));
}

export async function unreadCount(userId: string): Promise<number> {
  const prisma = await db();
  return prisma.notification.count({ where: { userId, readAt: null } });
}

/**
 * Marks the user's own notifications as read (`ids` of other users' rows are ignored): some, or
 * "all". Returns how many changed. Not audited: it changes nothing but the reader's own inbox.
 */
export async function markRead(userId: string, ids: readonly string[] | "all", now = new Date()): Promise<number> {
  if (ids !== "all" && ids.length === 0) return 0;
  const prisma = await db();
  const r = await prisma.notification.updateMany({
    where: { userId, readAt: null, ...(ids === "all" ? {} : { id: { in: [...ids] } }) },
    data: { readAt: now },
  });
  return r.count;
}

export type PendingEmail = {
  id: string;
  kind: string;
  params: Record<string, unknown>;
  link: string | null;
  createdAt: Date;
  user: { email: string; name: string; locale: string | null };
};

/**
 * Notifications still to be e-mailed: not e-mailed yet, created since `since`, to an active user
 * with an e-mail address. Oldest first.
 */
export async function pendingEmails(since: Date, limit = 200): Promise<PendingEmail[]> {
  const prisma = await db();
  const rows = await prisma.notification.findMany({
    where: { emailedAt: null, createdAt: { gte: since }, user: { active: true, AND: [{ email: { not: null } }, { email: { not: "" } }] } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: limit,
    select: { id: true, kind: true, params: true, link: true, createdAt: true, user: { select: { email: true, name: true, locale: true } } },
  });
  return rows.map((r) => ({ ...r, params: (r.params ?? {}) as Record<string, unknown>, link: safeLink(r.link),
    user: { email: r.user.email!, name: r.user.name, locale: r.user.locale } }));
}

/** After a successful send. Not audited (delivery bookkeeping). */
export async function markEmailed(id: string, at = new Date()): Promise<void> {
  const prisma = await db();
  await prisma.notification.updateMany({ where: { id, emailedAt: null }, data: { emailedAt: at } });
}

/** Reminders are sent when a deadline is this many days away (Vietnam calendar days), once each. */
export const REMINDER_DAYS = [3, 1, 0] as const;

/** The reminder step a deadline is in at `now` (3, 1 or 0 days), or null when it is further away or past. */
export function reminderStep(closesAt: Date, now: Date): { days: number; step: number } | null {
  if (closesAt.getTime() <= now.getTime()) return null;
  const days = daysUntil(closesAt, now);
  const step = [...REMINDER_DAYS].sort((a, b) => a - b).find((s) => days <= s);
  return step === undefined ? null : { days, step };
}

type Reminder = { unitId: string; phase: "SELF_ASSESSMENT" | "EXPLANATION"; due: Date; days: number; key: string; link: string };

/**
 * Deadline reminders for the open cycle (the newest one, unpublished), to the focal staff of each unit:
 * - the self-assessment window (the cycle's, or the unit's later extension) closes within 3 days and
 *   the worksheet is not submitted;
 * - an explanation request of the unit is unanswered and due within 3 days (one reminder per due time).
 * Each reminder is stored once per user, deadline and step (3, 1, 0 days): the `dedupeKey`. Run daily
 * (`npx par remind`); the caller delivers the e-mails afterwards (lib/server/mail).
 */
export async function remindDeadlines(now = new Date()): Promise<{ created: number }> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const cycle = await tx.cycle.findFirst({ orderBy: { year: "desc" }, include: { deadlines: true } });
    if (!cycle || cycle.publishedAt) return { created: 0 };
    const reminders: Reminder[] = [];

    const open = await tx.assessment.findMany({
      where: { cycleId: cycle.id, status: { in: ["NOT_STARTED", "IN_PROGRESS"] } },
      select: { id: true, unitId: true, unit: { select: { code: true } }, extensions: { where: { phase: "SELF_ASSESSMENT" }, select: { closesAt: true } } },
    });
    for (const a of open) {
      const window = selfAssessmentWindow(cycle.deadlines, a.extensions[0]?.closesAt ?? null);
      if (!window || window.opensAt.getTime() > now.getTime()) continue;
      const step = reminderStep(window.closesAt, now);
      if (!step) continue;
      const due = window.closesAt.toISOString();
      reminders.push({ unitId: a.unitId, phase: "SELF_ASSESSMENT", due: window.closesAt, days: step.days,
        key: `deadline:SELF_ASSESSMENT:${a.id}:${due}:${step.step}`, link: `/worksheet/${a.unit.code}` });
    }

    if (!cycle.approvedAt) {
      const horizon = new Date(now.getTime() + (Math.max(...REMINDER_DAYS) + 2) * 86_400_000);
      const requests = await tx.explanationRequest.findMany({
        where: { answeredAt: null, dueAt: { gt: now, lte: horizon }, entry: { assessment: { cycleId: cycle.id } } },
        select: { dueAt: true, entry: { select: { assessment: { select: { id: true, unitId: true, unit: { select: { code: true } } } } } } },
      });
      const seen = new Set<string>();
      for (const q of requests) {
        const a = q.entry.assessment;
        const step = reminderStep(q.dueAt, now);
        const due = q.dueAt.toISOString();
        const key = step && `deadline:EXPLANATION:${a.id}:${due}:${step.step}`;
        if (!step || !key || seen.has(key)) continue;
        seen.add(key);
        reminders.push({ unitId: a.unitId, phase: "EXPLANATION", due: q.dueAt, days: step.days, key, link: `/worksheet/${a.unit.code}#explanations` });
      }
    }
    if (reminders.length === 0) return { created: 0 };

    const staff = await tx.user.findMany({
      where: { active: true, role: "UNIT_STAFF", unitId: { in: [...new Set(reminders.map((r) => r.unitId))] } },
      select: { id: true, unitId: true },
    });
    let created = 0;
    for (const r of reminders) {
      const users = staff.filter((u) => u.unitId === r.unitId).map((u) => u.id);
      created += await notify(tx, users, { kind: "deadlineApproaching", params: { phase: r.phase, due: r.due.toISOString(), days: r.days },
        link: r.link, dedupeKey: r.key });
    }
    if (created > 0) {
      await recordAudit(tx, { actorId: null, action: "notification.remind", entityType: "Cycle", entityId: cycle.id,
        after: { year: cycle.year, created, at: now.toISOString() } });
    }
    return { created };
  });
}

/** Opens one of the user's notifications: marks it read and answers where it points (null when it is not theirs). */
export async function openNotification(userId: string, id: string, now = new Date()): Promise<{ link: string | null } | null> {
  const prisma = await db();
  const n = await prisma.notification.findFirst({ where: { id, userId }, select: { link: true, readAt: true } });
  if (!n) return null;
  if (!n.readAt) await prisma.notification.updateMany({ where: { id, userId, readAt: null }, data: { readAt: now } });
  return { link: safeLink(n.link) };
}
