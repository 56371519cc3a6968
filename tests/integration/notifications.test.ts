/**
 * Notifications: the inbox (notify, read state, own rows only), deadline reminders (once each, only
 * to the right people) and e-mail delivery against a real SMTP server started here (smtp-server).
 */
import net, { type AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { vietnamTime } from "@/lib/domain/phases";
import { inboxOf, markRead, notify, remindDeadlines, unreadCount } from "@/lib/server/data/notifications";
import { afterCommitDeliver, deliverPendingEmails, renderEmail } from "@/lib/server/mail";
import seed from "../../scripts/db/seed";
import { createTestDatabase, DATABASE_MODES, type TestDatabase } from "../helpers/database";

// The demo 2026 self-assessment closes at 17:00 on 15/01/2027 (Vietnam time).
const THREE_DAYS_BEFORE = vietnamTime(2027, 1, 12, 8);
const TWO_DAYS_BEFORE = vietnamTime(2027, 1, 13, 8);
const DAY_BEFORE = vietnamTime(2027, 1, 14, 8);
const WEEK_BEFORE = vietnamTime(2027, 1, 8, 8);

type Received = { from: string; to: string[]; raw: string };

/** A local SMTP sink on a random port, with a login (as a real relay would ask). */
async function startSink(): Promise<{ port: number; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === "par" && auth.password === "s3cret") callback(null, { user: "par" });
      else callback(new Error("Invalid login"));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
        received.push({ from, to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8") });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** RFC 2047 encoded words ("=?UTF-8?Q?…?=" / "=?UTF-8?B?…?=") of a header, decoded. */
function decodeWords(value: string): string {
  return value.replace(/\?=\s+=\?/g, "?==?").replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, _charset: string, enc: string, text: string) =>
    enc.toUpperCase() === "B"
      ? Buffer.from(text, "base64").toString("utf8")
      : Buffer.from(text.replace(/_/g, " ").replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8"));
}

/** Header (unfolded, decoded) and text body (transfer encoding undone) of a single-part message. */
function parseMessage(raw: string): { header: (name: string) => string; text: string } {
  const split = raw.indexOf("\r\n\r\n");
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, " ");
  const header = (name: string) => decodeWords(head.split("\r\n").find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))?.slice(name.length + 1).trim() ?? "");
  const body = raw.slice(split + 4);
  const encoding = header("Content-Transfer-Encoding").toLowerCase();
  const text = encoding === "base64" ? Buffer.from(body, "base64").toString("utf8")
    : encoding === "quoted-printable" ? Buffer.from(body.replace(/=\r\n/g, "").replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16))), "latin1").toString("utf8")
      : body;
  return { header, text };
}

describe.each(DATABASE_MODES)("notifications on %s", (mode) => {
  let database: TestDatabase;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    database = await createTestDatabase(mode);
    database.install();
    await seed(database.prisma, () => {});
    for (const u of await database.prisma.user.findMany({ select: { id: true, username: true } })) ids[u.username] = u.id;
  });
  afterAll(async () => database?.close());

  describe("inbox", () => {
    it("notifies each user once, shows only their own rows and marks only their own rows read", async () => {
      const { prisma } = database;
      const count = await prisma.$transaction((tx) => notify(tx, [ids["cb.sxd"]!, ids["cb.stp"]!, ids["cb.sxd"]!],
        { kind: "resultsPublished", params: { year: 2026 }, link: "/results/2026" }));
      expect(count).toBe(2);
      const mine = await inboxOf(ids["cb.sxd"]!);
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({ kind: "resultsPublished", params: { year: 2026 }, link: "/results/2026", readAt: null });
      const theirs = (await inboxOf(ids["cb.stp"]!))[0]!;
      expect(await unreadCount(ids["cb.sxd"]!)).toBe(1);

      // Someone else's id is ignored.
      expect(await markRead(ids["cb.sxd"]!, [theirs.id])).toBe(0);
      expect(await unreadCount(ids["cb.stp"]!)).toBe(1);

      expect(await markRead(ids["cb.sxd"]!, [mine[0]!.id])).toBe(1);
      expect(await markRead(ids["cb.sxd"]!, [mine[0]!.id])).toBe(0);
      expect(await unreadCount(ids["cb.sxd"]!)).toBe(0);
      expect((await inboxOf(ids["cb.sxd"]!))[0]!.readAt).toBeInstanceOf(Date);

      await prisma.$transaction((tx) => notify(tx, [ids["cb.sxd"]!], { kind: "resultsApproved", params: { year: 2026 } }));
      await prisma.$transaction((tx) => notify(tx, [ids["cb.sxd"]!], { kind: "resultsUnpublished", params: { year: 2026, reason: "Sai số liệu" } }));
      expect(await unreadCount(ids["cb.sxd"]!)).toBe(2);
      const newest = await inboxOf(ids["cb.sxd"]!, { limit: 2 });
      expect(newest.map((n) => n.kind)).toEqual(["resultsUnpublished", "resultsApproved"]);
      expect(await markRead(ids["cb.sxd"]!, "all")).toBe(2);
      expect(await unreadCount(ids["cb.sxd"]!)).toBe(0);
      expect(await unreadCount(ids["cb.stp"]!)).toBe(1);
    });

    it("stores a notification with a dedupe key once per user", async () => {
      const n = { kind: "resultsApproved" as const, params: { year: 2026 }, dedupeKey: "test:once" };
      expect(await database.prisma.$transaction((tx) => notify(tx, [ids.sonoivu!], n))).toBe(1);
      expect(await database.prisma.$transaction((tx) => notify(tx, [ids.sonoivu!, ids.admin!], n))).toBe(1);
      expect(await database.prisma.notification.count({ where: { dedupeKey: "test:once" } })).toBe(2);
    });
  });

  describe("deadline reminders", () => {
    let expected: string[];
    let extendedUser: string;
    let explainingUnit: { assessmentId: string; code: string; users: string[] };

    beforeAll(async () => {
      const { prisma } = database;
      const cycle = await prisma.cycle.findUniqueOrThrow({ where: { year: 2026 } });
      const open = await prisma.assessment.findMany({ where: { cycleId: cycle.id, status: { in: ["NOT_STARTED", "IN_PROGRESS"] } },
        include: { unit: { include: { users: true } } }, orderBy: { unit: { code: "asc" } } });
      // One unit not yet submitted got a later deadline: no reminder for it.
      const extended = open.find((a) => a.unit.users.length > 0 && a.unit.code !== "SXD")!;
      await prisma.deadlineExtension.create({ data: { assessmentId: extended.id, phase: "SELF_ASSESSMENT", closesAt: vietnamTime(2027, 1, 30, 17),
        reason: "Đơn vị sáp nhập" } });
      extendedUser = extended.unit.users[0]!.id;
      expected = open.filter((a) => a !== extended).flatMap((a) => a.unit.users.filter((u) => u.role === "UNIT_STAFF" && u.active).map((u) => u.id)).sort();
      expect(expected.length).toBeGreaterThan(3);

      // A submitted unit with an unanswered explanation request due in 2 days, and an answered one elsewhere.
      const submitted = await prisma.assessment.findMany({ where: { cycleId: cycle.id, status: "SUBMITTED" },
        include: { unit: { include: { users: true } }, entries: { take: 2, orderBy: { id: "asc" } } }, orderBy: { unit: { code: "asc" } } });
      const [asking, answered] = submitted.filter((a) => a.unit.users.length > 0 && a.entries.length > 1);
      for (const e of asking!.entries) {
        await prisma.explanationRequest.create({ data: { entryId: e.id, request: "Bổ sung tài liệu", dueAt: vietnamTime(2027, 1, 15, 17) } });
      }
      await prisma.explanationRequest.create({ data: { entryId: answered!.entries[0]!.id, request: "Bổ sung tài liệu", dueAt: vietnamTime(2027, 1, 15, 17),
        answer: "Đã bổ sung", answeredAt: vietnamTime(2027, 1, 10, 9) } });
      explainingUnit = { assessmentId: asking!.id, code: asking!.unit.code, users: asking!.unit.users.map((u) => u.id) };
    });

    const reminders = () => database.prisma.notification.findMany({ where: { kind: "deadlineApproaching" }, orderBy: { id: "asc" } });

    it("reminds nobody while the deadlines are more than 3 days away", async () => {
      expect(await remindDeadlines(WEEK_BEFORE)).toEqual({ created: 0 });
      expect(await reminders()).toHaveLength(0);
    });

    it("reminds the staff of units that have not submitted, and of units with an open explanation request, once", async () => {
      const first = await remindDeadlines(TWO_DAYS_BEFORE);
      const rows = await reminders();
      const self = rows.filter((r) => (r.params as { phase: string }).phase === "SELF_ASSESSMENT");
      const explain = rows.filter((r) => (r.params as { phase: string }).phase === "EXPLANATION");
      expect(first.created).toBe(rows.length);
      expect(self.map((r) => r.userId).sort()).toEqual(expected);
      expect(self.map((r) => r.userId)).not.toContain(extendedUser);
      expect(self[0]!.params).toEqual({ phase: "SELF_ASSESSMENT", due: vietnamTime(2027, 1, 15, 17).toISOString(), days: 2 });
      expect(self[0]!.link).toMatch(/^\/worksheet\/[A-Z0-9-]+$/);
      // Two requests due at the same time → one reminder per person of that unit only.
      expect(explain.map((r) => r.userId).sort()).toEqual([...explainingUnit.users].sort());
      expect(explain[0]).toMatchObject({ link: `/worksheet/${explainingUnit.code}#explanations`, params: { phase: "EXPLANATION", days: 2 } });
      // Nobody but unit staff.
      const roles = await database.prisma.user.findMany({ where: { id: { in: rows.map((r) => r.userId) } }, select: { role: true } });
      expect(new Set(roles.map((r) => r.role))).toEqual(new Set(["UNIT_STAFF"]));
      expect(await database.prisma.auditEvent.count({ where: { action: "notification.remind" } })).toBe(1);

      // The same day, or the next day in the same step (3 days): nothing new.
      expect(await remindDeadlines(TWO_DAYS_BEFORE)).toEqual({ created: 0 });
      expect(await remindDeadlines(THREE_DAYS_BEFORE)).toEqual({ created: 0 });
      expect(await reminders()).toHaveLength(rows.length);
    });

    it("reminds again at the next step (1 day before), once", async () => {
      const before = (await reminders()).length;
      const r = await remindDeadlines(DAY_BEFORE);
      expect(r.created).toBe(expected.length + explainingUnit.users.length);
      expect(await remindDeadlines(DAY_BEFORE)).toEqual({ created: 0 });
      const rows = await reminders();
      expect(rows).toHaveLength(before + r.created);
      expect(rows.at(-1)!.params).toMatchObject({ days: 1 });
    });

    it("stops when the worksheet is submitted, the request answered, or the deadline passed", async () => {
      const { prisma } = database;
      await prisma.explanationRequest.updateMany({ where: { entry: { assessmentId: explainingUnit.assessmentId } },
        data: { answer: "Đã bổ sung", answeredAt: DAY_BEFORE } });
      const unitId = (await prisma.user.findUniqueOrThrow({ where: { id: expected[0]! } })).unitId!;
      await prisma.assessment.updateMany({ where: { unitId, cycle: { year: 2026 } }, data: { status: "SUBMITTED" } });
      const onTheDay = vietnamTime(2027, 1, 15, 8);
      const r = await remindDeadlines(onTheDay);
      const today = await prisma.notification.findMany({ where: { kind: "deadlineApproaching", dedupeKey: { endsWith: ":0" } } });
      expect(r.created).toBe(today.length);
      expect(today.map((n) => n.userId)).not.toContain(expected[0]);
      expect(today.some((n) => (n.params as { phase: string }).phase === "EXPLANATION")).toBe(false);
      expect(today[0]!.params).toMatchObject({ days: 0 });
      expect(await remindDeadlines(vietnamTime(2027, 1, 15, 18))).toEqual({ created: 0 });
    });
  });

  describe("e-mail", () => {
    let sink: Awaited<ReturnType<typeof startSink>>;
    const env = { ...process.env };

    beforeAll(async () => {
      sink = await startSink();
      const { prisma } = database;
      // Only what these tests create is pending.
      await prisma.notification.updateMany({ where: { emailedAt: null }, data: { emailedAt: new Date() } });
      await prisma.user.update({ where: { id: ids["cb.sxd"] }, data: { email: "lan.pt@sxd.phuan.gov.vn" } });
      await prisma.user.update({ where: { id: ids.sonoivu }, data: { email: "ha.ttt@snv.phuan.gov.vn", locale: "en" } });
    });
    afterEach(() => {
      process.env = { ...env };
      vi.restoreAllMocks();
    });
    afterAll(async () => sink?.close());

    const configure = (port: number) => {
      process.env.PAR_SMTP_URL = `smtp://par:s3cret@127.0.0.1:${port}`;
      process.env.PAR_MAIL_FROM = "\"Chỉ số CCHC Phú An\" <cchc@phuan.gov.vn>";
      process.env.PAR_PUBLIC_URL = "https://cchc.phuan.gov.vn/";
    };

    it("renders reminders with the date in Vietnam time and the days left", () => {
      const n = { kind: "deadlineApproaching", params: { phase: "SELF_ASSESSMENT", due: vietnamTime(2027, 1, 15, 17).toISOString(), days: 2 }, link: "/worksheet/SXD" };
      const viMail = renderEmail(n, { name: "Phạm Thị Lan", locale: null }, "https://cchc.phuan.gov.vn");
      expect(viMail.subject).toBe("[Chỉ số CCHC] Sắp hết hạn tự đánh giá, chấm điểm");
      expect(viMail.text).toContain("Hạn tự đánh giá, chấm điểm Chỉ số CCHC: 17:00 15/01/2027 (còn 2 ngày).");
      expect(viMail.text).toContain("Xem chi tiết: https://cchc.phuan.gov.vn/worksheet/SXD");
      const today = renderEmail({ ...n, params: { ...n.params, phase: "EXPLANATION", days: 0 } }, { name: "Lan", locale: "en" }, "https://x.example");
      expect(today.subject).toBe("[PAR Index] Explanation deadline approaching");
      expect(today.text).toMatch(/is 01\/15\/2027, 05:00\sPM \(today\)\./);
    });

    it("does nothing when mail is not configured", async () => {
      delete process.env.PAR_SMTP_URL;
      await database.prisma.$transaction((tx) => notify(tx, [ids["cb.sxd"]!], { kind: "resultsPublished", params: { year: 2026 } }));
      expect(await deliverPendingEmails()).toEqual({ enabled: false, sent: 0, failed: 0 });
      afterCommitDeliver();
      expect(await database.prisma.notification.count({ where: { emailedAt: null } })).toBe(1);
      await database.prisma.notification.updateMany({ where: { emailedAt: null }, data: { emailedAt: new Date() } });
    });

    it("sends pending notifications in the user's language with absolute links, and marks them e-mailed", async () => {
      configure(sink.port);
      const { prisma } = database;
      const due = vietnamTime(2027, 2, 20, 17);
      await prisma.$transaction(async (tx) => {
        await notify(tx, [ids["cb.sxd"]!], { kind: "explanationRequested", params: { unit: "Sở Xây dựng", code: "2.1.3", due: due.toISOString(), year: 2026 },
          link: "/worksheet/SXD#explanations" });
        await notify(tx, [ids.sonoivu!], { kind: "resultsApproved", params: { year: 2026 }, link: "/secretariat/council?year=2026" });
        // No e-mail address: stays in the inbox only.
        await notify(tx, [ids["cb.stp"]!], { kind: "resultsApproved", params: { year: 2026 } });
      });
      // Too old to be worth an e-mail.
      const old = await prisma.notification.create({ data: { userId: ids["cb.sxd"]!, kind: "resultsPublished", params: { year: 2025 },
        createdAt: new Date(Date.now() - 8 * 86_400_000) } });

      const report = await deliverPendingEmails();
      expect(report).toEqual({ enabled: true, sent: 2, failed: 0 });
      expect(sink.received).toHaveLength(2);

      const toLan = sink.received.find((m) => m.to.includes("lan.pt@sxd.phuan.gov.vn"))!;
      expect(toLan.to).toEqual(["lan.pt@sxd.phuan.gov.vn"]);
      expect(toLan.from).toBe("cchc@phuan.gov.vn");
      const lan = parseMessage(toLan.raw);
      expect(lan.header("Subject")).toBe("[Chỉ số CCHC] Yêu cầu giải trình tiêu chí 2.1.3");
      expect(lan.header("From")).toContain("Chỉ số CCHC Phú An");
      expect(lan.text).toContain("Kính gửi Phạm Thị Lan,");
      expect(lan.text).toContain("Đoàn thẩm định đề nghị Sở Xây dựng giải trình");
      expect(lan.text).toContain("Hạn giải trình: 17:00 20/02/2027.");
      expect(lan.text).toContain("https://cchc.phuan.gov.vn/worksheet/SXD#explanations");
      expect(lan.text).toContain("https://cchc.phuan.gov.vn/inbox");

      const ha = parseMessage(sink.received.find((m) => m.to.includes("ha.ttt@snv.phuan.gov.vn"))!.raw);
      expect(ha.header("Subject")).toBe("[PAR Index] PAR Index 2026 results approved");
      expect(ha.text).toContain("Dear Trần Thị Thu Hà,");

      const rows = await prisma.notification.findMany({ where: { userId: { in: [ids["cb.sxd"]!, ids.sonoivu!, ids["cb.stp"]!] } } });
      const byUser = (u: string) => rows.filter((r) => r.userId === ids[u]);
      expect(byUser("cb.sxd").find((r) => r.kind === "explanationRequested")!.emailedAt).toBeInstanceOf(Date);
      expect(byUser("sonoivu").find((r) => r.kind === "resultsApproved" && !r.dedupeKey)!.emailedAt).toBeInstanceOf(Date);
      expect(byUser("cb.stp").find((r) => r.kind === "resultsApproved")!.emailedAt).toBeNull();
      expect(rows.find((r) => r.id === old.id)!.emailedAt).toBeNull();

      // Nothing is sent twice.
      expect(await deliverPendingEmails()).toEqual({ enabled: true, sent: 0, failed: 0 });
      expect(sink.received).toHaveLength(2);
    });

    it("keeps the notification pending, without throwing, when the SMTP server cannot be reached; sends it next time", async () => {
      configure(await closedPort());
      const logged = vi.spyOn(console, "error").mockImplementation(() => {});
      const { prisma } = database;
      await prisma.$transaction((tx) => notify(tx, [ids["cb.sxd"]!], { kind: "resultsUnpublished", params: { year: 2026, reason: "Sai số liệu khảo sát" } }));
      const row = await prisma.notification.findFirstOrThrow({ where: { kind: "resultsUnpublished", userId: ids["cb.sxd"], emailedAt: null } });
      const report = await deliverPendingEmails();
      expect(report).toEqual({ enabled: true, sent: 0, failed: 1 });
      expect(logged).toHaveBeenCalledWith(expect.stringContaining(`notification ${row.id} not sent`));
      expect((await prisma.notification.findUniqueOrThrow({ where: { id: row.id } })).emailedAt).toBeNull();

      // A wrong password is a failure too.
      process.env.PAR_SMTP_URL = `smtp://par:wrong@127.0.0.1:${sink.port}`;
      expect(await deliverPendingEmails()).toMatchObject({ sent: 0 });
      expect((await prisma.notification.findUniqueOrThrow({ where: { id: row.id } })).emailedAt).toBeNull();

      // After a commit, in the background: the next run (queued behind it) finds nothing left.
      configure(sink.port);
      const before = sink.received.length;
      afterCommitDeliver();
      expect(await deliverPendingEmails()).toMatchObject({ sent: 0, failed: 0 });
      expect(sink.received).toHaveLength(before + 1);
      expect(parseMessage(sink.received.at(-1)!.raw).header("Subject")).toBe("[Chỉ số CCHC] Hủy công bố Chỉ số CCHC năm 2026");
      expect((await prisma.notification.findUniqueOrThrow({ where: { id: row.id } })).emailedAt).toBeInstanceOf(Date);
    });
  });
});
