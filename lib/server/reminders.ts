import { remindFindings } from "./data/inspections";
import { remindDeadlines } from "./data/notifications";
import { remindTasks } from "./data/plans";
import { sweepOrphans } from "./data/storage-sweep";
import { deliverPendingEmails } from "./mail";

/**
 * Deadline reminders inside the server, so the embedded quick start needs no cron: shortly after
 * start-up and then every few hours. Reminders are stored once per person and step (dedupe key), so
 * several instances, or `npx par remind` as well, never remind twice. `PAR_REMINDERS=off` disables it.
 * The same timer sweeps stored files that no record refers to (`npx par sweep`; `PAR_SWEEP=off`).
 */
const FIRST_DELAY_MS = 60_000;
const EVERY_MS = 6 * 3_600_000;

export function scheduleReminders(env: Readonly<Record<string, string | undefined>> = process.env): void {
  const reminders = env.PAR_REMINDERS !== "off";
  const sweep = env.PAR_SWEEP !== "off";
  if (!reminders && !sweep) return;
  const run = async () => {
    if (reminders) {
      // Each kind on its own: one failing does not hold back the others or the e-mails.
      for (const [name, step] of [["deadlines", remindDeadlines], ["tasks", remindTasks], ["findings", remindFindings],
        ["e-mails", deliverPendingEmails]] as const) {
        try {
          await step();
        } catch (error) {
          console.error(`Reminders (${name}) failed (retried later):`, error instanceof Error ? error.message : error);
        }
      }
    }
    if (sweep) {
      try {
        const r = await sweepOrphans();
        if (r.deleted > 0) console.log(`Removed ${r.deleted} stored file(s) no record refers to.`);
      } catch (error) {
        console.error("Storage sweep failed (retried later):", error instanceof Error ? error.message : error);
      }
    }
  };
  setTimeout(() => { void run(); setInterval(() => void run(), EVERY_MS).unref(); }, FIRST_DELAY_MS).unref();
}
