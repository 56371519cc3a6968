import { describe, expect, it } from "vitest";
import { ACTIONS, areaOf, can, isAssigned, HOME_BY_ROLE, PERMISSIONS, ROLES, scopeOf, type Actor } from "@/lib/auth/permissions";

const actor = (role: Actor["role"], unitId: string | null = null, assignedCriteria: string[] = []): Actor => ({ role, unitId, assignedCriteria });

describe("permission table", () => {
  it("grants every action to at least one role and names only known roles and scopes", () => {
    for (const action of ACTIONS) {
      const grants = Object.entries(PERMISSIONS[action]);
      expect(grants.length, action).toBeGreaterThan(0);
      for (const [role, scope] of grants) {
        expect(ROLES).toContain(role);
        expect(["all", "ownUnit", "assignedAreas"]).toContain(scope);
      }
    }
  });

  it("keeps unit staff inside their own unit", () => {
    const staff = actor("UNIT_STAFF", "u1");
    expect(can(staff, "assessment.read", { unitId: "u1" })).toBe(true);
    expect(can(staff, "assessment.read", { unitId: "u2" })).toBe(false);
    expect(can(staff, "assessment.edit", { unitId: "u2" })).toBe(false);
    expect(can(actor("UNIT_STAFF", null), "assessment.read", { unitId: "u1" })).toBe(false);
    expect(can(staff, "appraisal.score", { unitId: "u1", areaCode: "1.1.1" })).toBe(false);
    expect(can(staff, "results.publish")).toBe(false);
  });

  it("limits appraisers to their assigned areas", () => {
    const justice = actor("APPRAISER", "stp", ["2"]);
    expect(can(justice, "appraisal.score", { areaCode: "2.1.3" })).toBe(true);
    expect(can(justice, "appraisal.score", { areaCode: "3.1" })).toBe(false);
    expect(can(justice, "appraisal.score", { areaCode: "21.1" })).toBe(false); // area "21", not "2"
    expect(can(justice, "appraisal.score", {})).toBe(false);
    expect(can(justice, "assessment.edit", { unitId: "stp" })).toBe(false);
  });

  it("limits an appraiser assigned a single criterion to it and its children", () => {
    const one = actor("APPRAISER", "stc", ["6.2"]);
    expect(can(one, "appraisal.score", { areaCode: "6.2" })).toBe(true);
    expect(can(one, "appraisal.score", { areaCode: "6.2.1" })).toBe(true);
    expect(can(one, "appraisal.score", { areaCode: "6.1" })).toBe(false);
    expect(can(one, "appraisal.score", { areaCode: "6.21" })).toBe(false);
    expect(can(one, "appraisal.score", { areaCode: "6" })).toBe(false);
    expect(isAssigned(["1", "6.2"], "1.3.2")).toBe(true);
    expect(isAssigned([], "1")).toBe(false);
  });

  it("keeps leadership read-only, except the council chair's approval and recognition of initiatives", () => {
    const lead = actor("LEADERSHIP");
    const writes = ACTIONS.filter((a) => !a.endsWith(".read") && a !== "results.approve" && a !== "initiative.recognise");
    for (const a of writes) expect(can(lead, a, { unitId: "u1", areaCode: "1" }), a).toBe(false);
    expect(can(lead, "assessment.read", { unitId: "any" })).toBe(true);
  });

  it("reserves un-publishing and user management for admins, publication for the secretariat", () => {
    expect(ROLES.filter((r) => scopeOf(r, "results.unpublish"))).toEqual(["ADMIN"]);
    expect(ROLES.filter((r) => scopeOf(r, "user.manage"))).toEqual(["ADMIN"]);
    expect(ROLES.filter((r) => scopeOf(r, "results.publish"))).toEqual(["SECRETARIAT"]);
    expect(ROLES.filter((r) => scopeOf(r, "results.approve"))).toEqual(["LEADERSHIP"]);
    expect(ROLES.filter((r) => scopeOf(r, "assessment.explain"))).toEqual(["UNIT_STAFF"]);
    expect(ROLES.filter((r) => scopeOf(r, "inspection.close"))).toEqual(["SECRETARIAT"]);
    expect(ROLES.filter((r) => scopeOf(r, "inspection.remediate"))).toEqual(["UNIT_STAFF"]);
  });

  it("has a home page for every role and reads areas from criterion codes", () => {
    for (const r of ROLES) expect(HOME_BY_ROLE[r]).toMatch(/^\//);
    expect(areaOf("8.2.1")).toBe("8");
    expect(areaOf("8")).toBe("8");
  });
});
