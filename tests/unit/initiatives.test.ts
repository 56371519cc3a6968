import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import {
  BONUS_STEP, bonusAvailability, bonusChoices, bonusCode, canDecide, canEdit, canReopen, canSee, effectiveBonus, INITIATIVE_STATUSES,
  isInitiativeBonusCode, recognition, type BonusContext,
} from "@/lib/domain/initiatives";
import type { Centi } from "@/lib/domain/points";

const c = (points: number) => Math.round(points * 100) as Centi;
const actor = (role: Actor["role"], unitId: string | null = null): Actor => ({ role, unitId, assignedCriteria: [] });

const SXD = actor("UNIT_STAFF", "sxd");
const STP = actor("UNIT_STAFF", "stp");
const SECRETARIAT = actor("SECRETARIAT", "snv");
const LEADERSHIP = actor("LEADERSHIP");
const APPRAISER = actor("APPRAISER", "stp");
const ADMIN = actor("ADMIN");

const OPEN: BonusContext = { cap: c(5), frozen: false, initiativeBonus: c(0), otherBonus: c(0) };

describe("who may do what with an initiative", () => {
  it("only the proposing unit edits, and only while PROPOSED", () => {
    expect(canEdit(SXD, { unitId: "sxd", status: "PROPOSED" })).toBe(true);
    expect(canEdit(SXD, { unitId: "sxd", status: "RECOGNISED" })).toBe(false);
    expect(canEdit(SXD, { unitId: "sxd", status: "REJECTED" })).toBe(false);
    expect(canEdit(STP, { unitId: "sxd", status: "PROPOSED" })).toBe(false);
    for (const a of [SECRETARIAT, LEADERSHIP, APPRAISER, ADMIN]) expect(canEdit(a, { unitId: "sxd", status: "PROPOSED" })).toBe(false);
  });

  it("the secretariat and leadership decide PROPOSED initiatives only; unit staff, appraisers and the administrator never", () => {
    for (const a of [SECRETARIAT, LEADERSHIP]) {
      expect(canDecide(a, { unitId: "sxd", status: "PROPOSED" })).toBe(true);
      expect(canDecide(a, { unitId: "sxd", status: "RECOGNISED" })).toBe(false);
      expect(canDecide(a, { unitId: "sxd", status: "REJECTED" })).toBe(false);
    }
    for (const a of [SXD, STP, APPRAISER, ADMIN]) expect(canDecide(a, { unitId: "sxd", status: "PROPOSED" })).toBe(false);
  });

  it("reopening: decided initiatives only, not when a bonus sits in frozen results", () => {
    expect(canReopen(SECRETARIAT, { unitId: "sxd", status: "RECOGNISED", bonus: c(0.5) }, false)).toBe(true);
    expect(canReopen(SECRETARIAT, { unitId: "sxd", status: "RECOGNISED", bonus: c(0.5) }, true)).toBe(false);
    expect(canReopen(SECRETARIAT, { unitId: "sxd", status: "RECOGNISED", bonus: null }, true)).toBe(true);
    expect(canReopen(LEADERSHIP, { unitId: "sxd", status: "REJECTED", bonus: null }, false)).toBe(true);
    expect(canReopen(SECRETARIAT, { unitId: "sxd", status: "PROPOSED", bonus: null }, false)).toBe(false);
    expect(canReopen(SXD, { unitId: "sxd", status: "REJECTED", bonus: null }, false)).toBe(false);
  });

  it("unit staff see recognised initiatives of every unit and their own unit's in any state; other roles see all", () => {
    for (const status of INITIATIVE_STATUSES) {
      expect(canSee(SXD, { unitId: "sxd", status })).toBe(true);
      expect(canSee(STP, { unitId: "sxd", status })).toBe(status === "RECOGNISED");
      for (const a of [SECRETARIAT, LEADERSHIP, APPRAISER, ADMIN]) expect(canSee(a, { unitId: "sxd", status })).toBe(true);
    }
    expect(canSee(actor("UNIT_STAFF", null), { unitId: "sxd", status: "PROPOSED" })).toBe(false);
  });
});

describe("bonus codes", () => {
  it("SK-<id> marks an initiative's bonus item", () => {
    expect(bonusCode("abc")).toBe("SK-abc");
    expect(isInitiativeBonusCode("SK-abc")).toBe(true);
    expect(isInitiativeBonusCode("TH-1")).toBe(false);
    expect(isInitiativeBonusCode(null)).toBe(false);
  });
});

describe("bonus availability", () => {
  it("needs an assessment, a criterion set with a bonus, and results not frozen", () => {
    expect(bonusAvailability({ ...OPEN, cap: null })).toEqual({ available: false, reason: "noAssessment" });
    expect(bonusAvailability({ ...OPEN, cap: c(0) })).toEqual({ available: false, reason: "noBonusInSet" });
    expect(bonusAvailability({ ...OPEN, frozen: true })).toEqual({ available: false, reason: "cycleFrozen" });
    expect(bonusAvailability(OPEN)).toEqual({ available: true, cap: 500, room: 500 });
    // Other recognised initiatives of the unit use part of the cap; other bonus items do not reduce the room.
    expect(bonusAvailability({ ...OPEN, initiativeBonus: c(4.25), otherBonus: c(3) })).toEqual({ available: true, cap: 500, room: 75 });
    expect(bonusAvailability({ ...OPEN, initiativeBonus: c(6) })).toEqual({ available: true, cap: 500, room: 0 });
  });

  it("offers 0.25-point steps up to the room left", () => {
    expect(bonusChoices(bonusAvailability({ ...OPEN, cap: c(1) }))).toEqual([25, 50, 75, 100]);
    expect(bonusChoices(bonusAvailability({ ...OPEN, initiativeBonus: c(4.5) }))).toEqual([25, 50]);
    expect(bonusChoices(bonusAvailability({ ...OPEN, frozen: true }))).toEqual([]);
    expect(bonusChoices(bonusAvailability({ ...OPEN, cap: c(0.2) }))).toEqual([]);
  });
});

describe("effective bonus (the engine caps Σ accepted bonus)", () => {
  it("hand-computed cases", () => {
    expect(effectiveBonus(c(5), c(0), c(0.5))).toBe(50);
    expect(effectiveBonus(c(5), c(4.75), c(0.5))).toBe(25); // only 0.25 fits under 5
    expect(effectiveBonus(c(5), c(5), c(1))).toBe(0);
    expect(effectiveBonus(c(5), c(7), c(1))).toBe(0); // already over the cap
    expect(effectiveBonus(c(2), c(1.5), c(0.5))).toBe(50);
  });
});

describe("recognition", () => {
  it("without bonus: recorded, nothing withheld", () => {
    expect(recognition(null, OPEN)).toEqual({ ok: true, outcome: { bonus: null, effective: 0, withheld: null } });
    expect(recognition(c(0), { ...OPEN, frozen: true })).toEqual({ ok: true, outcome: { bonus: null, effective: 0, withheld: null } });
  });

  it("with a bonus that applies: granted, with what it adds after the cap", () => {
    expect(recognition(c(0.5), OPEN)).toEqual({ ok: true, outcome: { bonus: 50, effective: 50, withheld: null } });
    // Other (non-initiative) bonus of 4.75: the 0.5 granted adds only 0.25 under the cap of 5.
    expect(recognition(c(0.5), { ...OPEN, otherBonus: c(4.75) })).toEqual({ ok: true, outcome: { bonus: 50, effective: 25, withheld: null } });
    // Another initiative already holds 4.5: 0.5 is exactly the room left.
    expect(recognition(c(0.5), { ...OPEN, initiativeBonus: c(4.5) })).toEqual({ ok: true, outcome: { bonus: 50, effective: 50, withheld: null } });
    expect(recognition(c(5), OPEN)).toEqual({ ok: true, outcome: { bonus: 500, effective: 500, withheld: null } });
  });

  it("with a bonus that cannot apply: recorded without it, and says why", () => {
    expect(recognition(c(0.5), { ...OPEN, frozen: true })).toEqual({ ok: true, outcome: { bonus: null, effective: 0, withheld: "cycleFrozen" } });
    expect(recognition(c(0.5), { ...OPEN, cap: c(0) })).toEqual({ ok: true, outcome: { bonus: null, effective: 0, withheld: "noBonusInSet" } });
    expect(recognition(c(0.5), { ...OPEN, cap: null })).toEqual({ ok: true, outcome: { bonus: null, effective: 0, withheld: "noAssessment" } });
  });

  it("refuses a bonus that breaks the rules", () => {
    expect(recognition(c(-0.5), OPEN)).toEqual({ ok: false, refusal: { key: "bonusNegative" } });
    expect(recognition(c(0.3), OPEN)).toEqual({ ok: false, refusal: { key: "bonusStep", values: { step: 25 } } });
    expect(recognition(c(5.25), OPEN)).toEqual({ ok: false, refusal: { key: "bonusOverCap", values: { cap: 500 } } });
    expect(recognition(c(0.75), { ...OPEN, initiativeBonus: c(4.5) })).toEqual({ ok: false, refusal: { key: "bonusOverRoom", values: { room: 50, cap: 500 } } });
  });

  it("property: a granted bonus is a positive multiple of 0.25, the unit's initiatives never exceed the cap, and the effective amount is what the engine adds", () => {
    const centi = (max: number) => fc.integer({ min: 0, max }).map((n) => n as Centi);
    fc.assert(fc.property(
      fc.option(centi(1000), { nil: null }), fc.boolean(), centi(800), centi(800), fc.integer({ min: 0, max: 10 }).map((n) => n * 50 as Centi),
      (requested, frozen, initiativeBonus, otherBonus, cap) => {
        const ctx: BonusContext = { cap, frozen, initiativeBonus, otherBonus };
        const r = recognition(requested, ctx);
        if (!r.ok) {
          expect(requested).not.toBeNull();
          expect(requested! > 0).toBe(true);
          return;
        }
        const { bonus, effective, withheld } = r.outcome;
        if (bonus === null) {
          expect(effective).toBe(0);
          if (withheld) expect(requested! > 0).toBe(true);
          return;
        }
        expect(bonus % BONUS_STEP).toBe(0);
        expect(bonus).toBeGreaterThan(0);
        expect(frozen).toBe(false);
        expect(initiativeBonus + bonus).toBeLessThanOrEqual(cap);
        // What the engine applies after the grant, minus what it applied before.
        const applied = (total: number) => Math.min(cap, total);
        expect(effective).toBe(applied(initiativeBonus + otherBonus + bonus) - applied(initiativeBonus + otherBonus));
        expect(effective).toBeLessThanOrEqual(bonus);
      }));
  });
});
