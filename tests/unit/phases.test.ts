import { describe, expect, it } from "vitest";
import { daysUntil, phaseAt, vietnamTime, type PhaseWindow } from "@/lib/domain/phases";

const windows: PhaseWindow[] = [
  { phase: "APPRAISAL_R1", opensAt: vietnamTime(2027, 1, 16), closesAt: vietnamTime(2027, 2, 10, 17) },
  { phase: "SELF_ASSESSMENT", opensAt: vietnamTime(2026, 12, 1), closesAt: vietnamTime(2027, 1, 15, 17) },
];

describe("phases", () => {
  it("uses Vietnam time (UTC+7)", () => {
    expect(vietnamTime(2027, 1, 15, 17).toISOString()).toBe("2027-01-15T10:00:00.000Z");
  });

  it("tells which phase is open, before, between and after", () => {
    expect(phaseAt(windows, vietnamTime(2026, 11, 30, 23, 59))).toMatchObject({ kind: "before", next: { phase: "SELF_ASSESSMENT" } });
    expect(phaseAt(windows, vietnamTime(2026, 12, 1))).toMatchObject({ kind: "open", window: { phase: "SELF_ASSESSMENT" } });
    // The deadline instant itself is closed.
    expect(phaseAt(windows, vietnamTime(2027, 1, 15, 17))).toMatchObject({ kind: "between", next: { phase: "APPRAISAL_R1" } });
    expect(phaseAt(windows, vietnamTime(2027, 3, 1))).toEqual({ kind: "after" });
  });

  it("counts calendar days in Vietnam, not UTC", () => {
    // 23:30 on 14 Jan in Hà Nội is still 14 Jan: one day before the 15 Jan deadline.
    expect(daysUntil(vietnamTime(2027, 1, 15, 17), vietnamTime(2027, 1, 14, 23, 30))).toBe(1);
    expect(daysUntil(vietnamTime(2027, 1, 15, 17), vietnamTime(2027, 1, 15, 0, 30))).toBe(0);
    expect(daysUntil(vietnamTime(2027, 1, 15, 17), vietnamTime(2027, 1, 17, 8))).toBe(-2);
  });
});
