import { describe, expect, it } from "vitest";
import { DEFAULT_LOCKOUT, isLocked, lockAfterFailure, lockExpired, lockoutPolicy, minutesLeft } from "@/lib/auth/lockout";
import { databaseTarget } from "@/lib/server/db/config";
import { resolveLocale } from "@/lib/i18n/locales";
import en from "@/lib/i18n/messages/en.json";
import vi from "@/lib/i18n/messages/vi.json";

describe("lock-out policy", () => {
  const now = new Date("2026-11-22T03:00:00Z");
  it("locks at the threshold for the configured minutes", () => {
    const policy = { maxFailures: 5, lockMinutes: 15 };
    expect(lockAfterFailure(4, now, policy)).toBeNull();
    expect(lockAfterFailure(5, now, policy)?.toISOString()).toBe("2026-11-22T03:15:00.000Z");
  });
  it("knows when a lock holds and when it ran out", () => {
    const until = new Date(now.getTime() + 60_000);
    expect(isLocked({ failedSignIns: 5, lockedUntil: until }, now)).toBe(true);
    expect(isLocked({ failedSignIns: 5, lockedUntil: until }, until)).toBe(false);
    expect(lockExpired({ failedSignIns: 5, lockedUntil: until }, until)).toBe(true);
    expect(minutesLeft(new Date(now.getTime() + 61_000), now)).toBe(2);
    expect(minutesLeft(new Date(now.getTime() + 1_000), now)).toBe(1);
  });
  it("reads the policy from the environment, ignoring nonsense", () => {
    expect(lockoutPolicy({ PAR_LOCKOUT_MAX_FAILURES: "3", PAR_LOCKOUT_MINUTES: "1" })).toEqual({ maxFailures: 3, lockMinutes: 1 });
    expect(lockoutPolicy({ PAR_LOCKOUT_MAX_FAILURES: "-2", PAR_LOCKOUT_MINUTES: "x" })).toEqual(DEFAULT_LOCKOUT);
  });
});

describe("database configuration", () => {
  it("uses the embedded database without DATABASE_URL, a server with one", () => {
    expect(databaseTarget({ PAR_DATA_DIR: "/tmp/x" })).toEqual({ kind: "pglite", dir: "/tmp/x/pglite" });
    expect(databaseTarget({ DATABASE_URL: "  " , PAR_DATA_DIR: "/tmp/x" })).toMatchObject({ kind: "pglite" });
    expect(databaseTarget({ DATABASE_URL: "postgresql://u@h:5432/db" })).toEqual({ kind: "postgresql", url: "postgresql://u@h:5432/db" });
    expect(() => databaseTarget({ DATABASE_URL: "mysql://h/db" })).toThrow(/postgresql:\/\//);
  });
});

describe("message catalogues", () => {
  const flat = (o: object, p = ""): Record<string, string> =>
    Object.entries(o).reduce<Record<string, string>>((acc, [k, v]) =>
      typeof v === "object" && v !== null ? { ...acc, ...flat(v, `${p}${k}.`) } : { ...acc, [`${p}${k}`]: String(v) }, {});
  it("have the same keys in Vietnamese and English, none empty", () => {
    const v = flat(vi), e = flat(en);
    expect(Object.keys(e).sort()).toEqual(Object.keys(v).sort());
    for (const [k, text] of [...Object.entries(v), ...Object.entries(e)]) expect(text.trim(), k).not.toBe("");
  });
  it("default to Vietnamese", () => {
    expect(resolveLocale(undefined)).toBe("vi");
    expect(resolveLocale("fr")).toBe("vi");
    expect(resolveLocale("en")).toBe("en");
  });
  it("keep the glossary's core terms", () => {
    expect(vi.glossary.entries.appraisal.term).toBe("Thẩm định");
    expect(en.glossary.entries.appraisal.term).toBe("Appraisal");
    expect(vi.glossary.entries.explanation.term).toBe("Giải trình");
    expect(vi.glossary.entries.evidence.term).toBe("Tài liệu kiểm chứng");
  });
});
