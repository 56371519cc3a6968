/**
 * The one permission table: every server action and route handler asks `can()` (through
 * lib/server/auth) before it reads or writes. Pure: no I/O, so it is tested exhaustively.
 *
 * A grant is a scope:
 * - "all": any unit;
 * - "ownUnit": only the user's own unit;
 * - "assignedAreas": only criteria in the areas the appraiser is assigned to (any unit).
 */
export const ROLES = ["ADMIN", "SECRETARIAT", "APPRAISER", "UNIT_STAFF", "LEADERSHIP"] as const;
export type Role = (typeof ROLES)[number];

export type Scope = "all" | "ownUnit" | "assignedAreas";

export const PERMISSIONS = {
  /** See cycles, deadlines and the criterion sets. */
  "cycle.read": { ADMIN: "all", SECRETARIAT: "all", APPRAISER: "all", UNIT_STAFF: "all", LEADERSHIP: "all" },
  "cycle.manage": { ADMIN: "all", SECRETARIAT: "all" },
  "framework.manage": { ADMIN: "all", SECRETARIAT: "all" },
  /** See the unit list and unit profiles. */
  "unit.read": { ADMIN: "all", SECRETARIAT: "all", APPRAISER: "all", UNIT_STAFF: "all", LEADERSHIP: "all" },
  "unit.manage": { ADMIN: "all", SECRETARIAT: "all" },
  /** Read a unit's assessment (self scores, evidence, appraisal notes before publication). */
  "assessment.read": { ADMIN: "all", SECRETARIAT: "all", APPRAISER: "all", UNIT_STAFF: "ownUnit", LEADERSHIP: "all" },
  "assessment.edit": { UNIT_STAFF: "ownUnit" },
  "assessment.submit": { UNIT_STAFF: "ownUnit" },
  "assessment.reopen": { ADMIN: "all", SECRETARIAT: "all" },
  "appraisal.score": { SECRETARIAT: "all", APPRAISER: "assignedAreas" },
  "results.publish": { SECRETARIAT: "all" },
  "results.unpublish": { ADMIN: "all" },
  /** Published rankings and dashboards. */
  "dashboard.read": { ADMIN: "all", SECRETARIAT: "all", APPRAISER: "all", LEADERSHIP: "all", UNIT_STAFF: "all" },
  "user.manage": { ADMIN: "all" },
  "audit.read": { ADMIN: "all", SECRETARIAT: "all" },
  "system.read": { ADMIN: "all" },
} as const satisfies Record<string, Partial<Record<Role, Scope>>>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

export type Actor = { role: Role; unitId: string | null; appraisalAreas: readonly string[] };

/** What the action touches, when it touches something scoped. */
export type Target = { unitId?: string | null; areaCode?: string | null };

export function scopeOf(role: Role, action: Action): Scope | null {
  const grants: Partial<Record<Role, Scope>> = PERMISSIONS[action];
  return grants[role] ?? null;
}

/**
 * May `actor` perform `action` on `target`? Without a target, answers whether the role has the
 * action at all (e.g. to show a menu entry); scoped actions must pass their target.
 */
export function can(actor: Actor, action: Action, target?: Target): boolean {
  const scope = scopeOf(actor.role, action);
  if (scope === null) return false;
  if (scope === "all" || target === undefined) return true;
  if (scope === "ownUnit") return actor.unitId !== null && target.unitId === actor.unitId;
  // assignedAreas
  const area = target.areaCode ? areaOf(target.areaCode) : null;
  return area !== null && actor.appraisalAreas.includes(area);
}

/** "2.1.3" → "2": the area (top-level criterion) a criterion code belongs to. */
export function areaOf(criterionCode: string): string {
  return criterionCode.split(".")[0] ?? criterionCode;
}

/** The home page each role lands on after signing in. */
export const HOME_BY_ROLE: Record<Role, string> = {
  ADMIN: "/admin",
  SECRETARIAT: "/secretariat",
  APPRAISER: "/appraisal",
  UNIT_STAFF: "/unit",
  LEADERSHIP: "/leadership",
};
