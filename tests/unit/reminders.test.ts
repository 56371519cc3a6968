import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const remindDeadlines = vi.fn(async () => ({ created: 0 }));
const deliverPendingEmails = vi.fn(async () => ({ enabled: false, sent: 0, failed: 0 }));
vi.mock("@/lib/server/data/notifications", () => ({ remindDeadlines }));
const remindTasks = vi.fn(async () => ({ created: 0 }));
const remindFindings = vi.fn(async () => ({ created: 0 }));
vi.mock("@/lib/server/data/plans", () => ({ remindTasks }));
vi.mock("@/lib/server/data/inspections", () => ({ remindFindings }));
vi.mock("@/lib/server/mail", () => ({ deliverPendingEmails }));
const sweepOrphans = vi.fn(async () => ({ scanned: 0, referenced: 0, orphans: [], temporaries: [], deleted: 0 }));
vi.mock("@/lib/server/data/storage-sweep", () => ({ sweepOrphans }));

describe("in-server deadline reminders", () => {
  beforeEach(() => { vi.useFakeTimers(); remindDeadlines.mockClear(); deliverPendingEmails.mockClear(); sweepOrphans.mockClear(); });
  afterEach(() => vi.useRealTimers());

  it("run a minute after start-up, then every six hours, reminders before e-mails", async () => {
    const { scheduleReminders } = await import("@/lib/server/reminders");
    scheduleReminders({});
    await vi.advanceTimersByTimeAsync(59_000);
    expect(remindDeadlines).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(remindDeadlines).toHaveBeenCalledTimes(1);
    expect(remindTasks).toHaveBeenCalledTimes(1);
    expect(remindFindings).toHaveBeenCalledTimes(1);
    expect(deliverPendingEmails).toHaveBeenCalledTimes(1);
    expect(sweepOrphans).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(6 * 3_600_000);
    expect(remindDeadlines).toHaveBeenCalledTimes(2);
  });

  it("keep running after a failure, and can be switched off", async () => {
    const { scheduleReminders } = await import("@/lib/server/reminders");
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    remindDeadlines.mockRejectedValueOnce(new Error("database busy"));
    scheduleReminders({});
    await vi.advanceTimersByTimeAsync(60_000);
    expect(error).toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(6 * 3_600_000);
    expect(remindDeadlines).toHaveBeenCalledTimes(2);
    vi.clearAllTimers();
    remindDeadlines.mockClear();
    sweepOrphans.mockClear();
    scheduleReminders({ PAR_REMINDERS: "off" });
    await vi.advanceTimersByTimeAsync(7 * 3_600_000);
    expect(remindDeadlines).not.toHaveBeenCalled();
    expect(sweepOrphans).toHaveBeenCalledTimes(2);
    vi.clearAllTimers();
    sweepOrphans.mockClear();
    scheduleReminders({ PAR_REMINDERS: "off", PAR_SWEEP: "off" });
    await vi.advanceTimersByTimeAsync(7 * 3_600_000);
    expect(sweepOrphans).not.toHaveBeenCalled();
  });
});
