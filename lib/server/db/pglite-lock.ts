/**
 * Single-process guard for the embedded database. PGlite does not lock its data directory, and two
 * processes writing the same directory corrupt it, so whoever opens it (the server, a CLI command)
 * first writes `<dir>/../pglite.lock` holding its pid. Another process refuses while that pid is alive;
 * a lock left by a dead process (crash, kill -9) is taken over.
 */
import fs from "node:fs";
import path from "node:path";

type LockInfo = { pid: number; command: string; startedAt: string };

export function pgliteLockPath(dir: string): string {
  return path.join(path.resolve(dir), "..", "pglite.lock");
}

/**
 * Takes the lock for the PGlite data directory `dir`, naming `command` as the owner for the message
 * other processes get. Returns the release function (idempotent; also runs on process exit).
 * Throws when a live process holds the lock.
 */
export function acquirePgliteLock(dir: string, command: string): () => void {
  const lockPath = pgliteLockPath(dir);
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  const mine: LockInfo = { pid: process.pid, command, startedAt: new Date().toISOString() };

  // A few rounds: each either creates the file atomically (O_EXCL) or removes a stale one and retries.
  // Two processes taking over the same stale lock at the same instant could still both win; that window
  // is a few microseconds after a crash, which we accept.
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify(mine), { flag: "wx" });
      return releaser(lockPath);
    } catch (error) {
      if (!isErrno(error, "EEXIST")) throw error;
    }
    const holder = readLock(lockPath);
    if (holder === "missing") continue; // released between our write and read
    if (holder !== "unreadable" && isAlive(holder.pid)) {
      throw new Error(
        `The embedded database is in use by process ${holder.pid} (${holder.command}, since ${holder.startedAt}). ` +
          `Stop the server first (or wait for that command to finish), then try again. ` +
          `If no such process is running, delete ${lockPath}.`,
      );
    }
    if (holder === "unreadable" && Date.now() - mtimeMs(lockPath) < 10_000) {
      // Most likely another process between creating the file and writing its pid.
      throw new Error(`The embedded database lock ${lockPath} is being taken by another process; try again.`);
    }
    // Dead owner, or an old garbled file: stale.
    try {
      fs.unlinkSync(lockPath);
    } catch (error) {
      if (!isErrno(error, "ENOENT")) throw error;
    }
  }
  throw new Error(`Could not take the embedded database lock ${lockPath}; try again.`);
}

function releaser(lockPath: string): () => void {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.removeListener("exit", release);
    // Only remove the file if it is still ours (never someone else's takeover).
    const holder = readLock(lockPath);
    if (typeof holder === "object" && holder.pid === process.pid) {
      try {
        fs.unlinkSync(lockPath);
      } catch (error) {
        if (!isErrno(error, "ENOENT")) throw error;
      }
    }
  };
  // 'exit' also fires on process.exit(); signals need the caller to exit (e.g. SIGINT → process.exit).
  process.once("exit", release);
  return release;
}

function readLock(lockPath: string): LockInfo | "missing" | "unreadable" {
  let text: string;
  try {
    text = fs.readFileSync(lockPath, "utf8");
  } catch (error) {
    if (isErrno(error, "ENOENT")) return "missing";
    throw error;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === "object" && parsed !== null && "pid" in parsed && Number.isInteger(parsed.pid)) {
      const p = parsed as { pid: number; command?: unknown; startedAt?: unknown };
      return {
        pid: p.pid,
        command: typeof p.command === "string" ? p.command : "unknown command",
        startedAt: typeof p.startedAt === "string" ? p.startedAt : "unknown time",
      };
    }
  } catch {
    // fall through
  }
  return "unreadable";
}

function mtimeMs(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function isAlive(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0); // signal 0: existence check only
    return true;
  } catch (error) {
    return isErrno(error, "EPERM"); // exists, owned by another user
  }
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}
