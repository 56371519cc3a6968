import "server-only";
import nodemailer from "nodemailer";
import { markEmailed, pendingEmails } from "@/lib/server/data/notifications";
import { mailConfig, type MailConfig } from "./config";
import { renderEmail } from "./render";

export { mailConfig, type MailConfig } from "./config";
export { renderEmail } from "./render";

/** Notifications older than this are not e-mailed any more (a long SMTP outage does not end in a flood of stale mail). */
export const EMAIL_MAX_AGE_DAYS = 7;
const BATCH = 200;

export type DeliveryReport = { enabled: boolean; sent: number; failed: number };

/** Errors of the connection or the server as a whole: the other messages would fail the same way, so the run stops. */
const CONNECTION_ERRORS = new Set(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "ETLS", "EAUTH", "ENOAUTH", "EPROTOCOL", "EPROXY"]);

/**
 * Runs are chained in this process (an after-commit run and a CLI run never send the same
 * notification twice); `queued` is an after-commit run that has not started yet, which also covers
 * notifications committed meanwhile.
 */
type State = { tail: Promise<unknown>; queued: Promise<DeliveryReport> | null };
const g = globalThis as typeof globalThis & { __parMail?: State };
function state(): State {
  g.__parMail ??= { tail: Promise.resolve(), queued: null };
  return g.__parMail;
}

/**
 * E-mails every pending notification (not e-mailed yet, at most EMAIL_MAX_AGE_DAYS old, to an active
 * user with an address) in the user's language, and sets `emailedAt` after each successful send.
 * Never throws: failures are logged and the notifications stay pending for the next run. When mail
 * is off (PAR_SMTP_URL / PAR_MAIL_FROM unset) it does nothing. `config` overrides the environment.
 */
export function deliverPendingEmails(options: { now?: Date; config?: MailConfig | null } = {}): Promise<DeliveryReport> {
  const s = state();
  const run = s.tail.then(() => deliverOnce(options));
  s.tail = run.catch(() => undefined);
  return run;
}

/**
 * Call after a transaction that notified someone has committed: delivers the e-mails in the
 * background (fire-and-forget, errors only logged). A no-op when mail is off.
 */
export function afterCommitDeliver(): void {
  if (!mailConfig()) return;
  const s = state();
  if (s.queued) return;
  const run = s.tail.then(() => {
    s.queued = null;
    return deliverOnce({});
  });
  s.queued = run;
  s.tail = run.catch(() => undefined);
}

async function deliverOnce(options: { now?: Date; config?: MailConfig | null }): Promise<DeliveryReport> {
  const config = options.config === undefined ? mailConfig() : options.config;
  if (!config) return { enabled: false, sent: 0, failed: 0 };
  const now = options.now ?? new Date();
  const report: DeliveryReport = { enabled: true, sent: 0, failed: 0 };
  let transport: nodemailer.Transporter | null = null;
  try {
    const pending = await pendingEmails(new Date(now.getTime() - EMAIL_MAX_AGE_DAYS * 86_400_000), BATCH);
    if (pending.length === 0) return report;
    transport = nodemailer.createTransport({ url: config.url, pool: true, maxConnections: 1,
      connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 });
    for (const n of pending) {
      try {
        const { subject, text } = renderEmail(n, n.user, config.publicUrl);
        await transport.sendMail({ from: config.from, to: { name: n.user.name, address: n.user.email }, subject, text,
          headers: { "Auto-Submitted": "auto-generated" } });
      } catch (error) {
        report.failed++;
        const code = (error as { code?: string }).code;
        console.error(`[mail] notification ${n.id} not sent (${code ?? "error"}): ${error instanceof Error ? error.message : String(error)}`);
        if (code && CONNECTION_ERRORS.has(code)) {
          report.failed += pending.length - pending.indexOf(n) - 1;
          break;
        }
        continue;
      }
      await markEmailed(n.id, new Date());
      report.sent++;
    }
  } catch (error) {
    console.error(`[mail] delivery stopped: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    transport?.close();
  }
  return report;
}
