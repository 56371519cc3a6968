/** Runs once when a server instance starts (see lib/server/startup.ts). */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { checkDatabaseAtStartup } = await import("./lib/server/startup");
    await checkDatabaseAtStartup();
    const { scheduleReminders } = await import("./lib/server/reminders");
    scheduleReminders();
  }
}
