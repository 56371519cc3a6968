/**
 * The one permission table: every server action and route handler asks `can()` (through
 * lib/server/auth) before it reads or writes. Pure: no I/O, so it is tested exhaustively.
 *
 * A grant is a scope:
 * - "all": any unit;
 * - "ownUnit": only the user's own unit;
 * - "assignedAreas": only criteria the appraiser is assigned in the cycle (an area such as "2" covers
 *   every criterion under it; a single criterion such as "2.1" covers itself and its children), any unit.
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
  /** Answer the appraisers' explanation requests (giải trình) with text and supplementary files. */
  "assessment.explain": { UNIT_STAFF: "ownUnit" },
  /** Who appraises which area or criterion in a cycle. */
  "appraisal.assign": { ADMIN: "all", SECRETARIAT: "all" },
  /** Accept, adjust or request an explanation of a leaf; round 2. */
  "appraisal.score": { SECRETARIAT: "all", APPRAISER: "assignedAreas" },
  /** The units × phases status grid and its export. */
  "status.read": { ADMIN: "all", SECRETARIAT: "all", APPRAISER: "all", LEADERSHIP: "all" },
  /** Compile the appraised results for the council (the secretariat). */
  "results.compile": { SECRETARIAT: "all" },
  /** Approve the compiled results (the council chair: a provincial leader). */
  "results.approve": { LEADERSHIP: "all" },
  "results.publish": { SECRETARIAT: "all" },
  "results.unpublish": { ADMIN: "all" },
  /** One's own inbox. */
  "notification.read": { ADMIN: "all", SECRETARIAT: "all", APPRAISER: "all", UNIT_STAFF: "all", LEADERSHIP: "all" },
  /** Published rankings and dashboards. */
  "dashboard.read": { ADMIN: "all", SECRETARIAT: "all", APPRAISER: "all", LEADERSHIP: "all", UNIT_STAFF: "all" },
  /** The appraisers' reasons behind a unit's lost points on its profile (published cycles). */
  "reasons.read": { ADMIN: "all", SECRETARIAT: "all", APPRAISER: "all", LEADERSHIP: "all", UNIT_STAFF: "ownUnit" },
  /** Try other leaf scores on a published result and see the index and rank (nothing is saved). */
  "whatif.read": { ADMIN: "all", SECRETARIAT: "all", APPRAISER: "all", LEADERSHIP: "all", UNIT_STAFF: "ownUnit" },
  /** Import the national PAR INDEX results (Bộ Nội vụ) of a year. */
  "national.manage": { ADMIN: "all", SECRETARIAT: "all" },
  /** Issue and revoke bearer tokens for the read API. */
  "apiToken.manage": { ADMIN: "all" },
  /** The year's improvement plan: tasks (unit staff: the tasks their unit leads or coordinates). */
  "plan.read": { ADMIN: "all", SECRETARIAT: "all", APPRAISER: "all", LEADERSHIP: "all", UNIT_STAFF: "ownUnit" },
  /** Create, edit and cancel tasks; create tasks from last year's lost points. */
  "plan.manage": { ADMIN: "all", SECRETARIAT: "all" },
  /** Report a task's progress with evidence (the lead unit; the secretariat on its behalf). */
  "plan.progress": { SECRETARIAT: "all", UNIT_STAFF: "ownUnit" },
  /** Inspections, findings and remediation (unit staff: inspections of their own unit). */
  "inspection.read": { ADMIN: "all", SECRETARIAT: "all", APPRAISER: "all", LEADERSHIP: "all", UNIT_STAFF: "ownUnit" },
  /** Inspection plans, decisions, teams, findings and recommendations. */
  "inspection.manage": { ADMIN: "all", SECRETARIAT: "all" },
  /** Report the remediation of a finding with evidence (the inspected unit). */
  "inspection.remediate": { UNIT_STAFF: "ownUnit" },
  /** Close a finding once remediated (only the secretariat). */
  "inspection.close": { SECRETARIAT: "all" },
  /** The initiatives registry (unit staff: recognised initiatives and their own unit's proposals). */
  "initiative.read": { ADMIN: "all", SECRETARIAT: "all", APPRAISER: "all", LEADERSHIP: "all", UNIT_STAFF: "ownUnit" },
  /** Propose an initiative (sáng kiến, mô hình hay) with files. */
  "initiative.propose": { UNIT_STAFF: "ownUnit" },
  /** Recognise or reject a proposed initiative, with bonus points where the criterion set allows them (secretariat or council chair). */
  "initiative.recognise": { SECRETARIAT: "all", LEADERSHIP: "all" },
  "user.manage": { ADMIN: "all" },
  "audit.read": { ADMIN: "all", SECRETARIAT: "all" },
  "system.read": { ADMIN: "all" },
} as const satisfies Record<string, Partial<Record<Role, Scope>>>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as Action[];

/** `assignedCriteria`: the criterion codes assigned to an appraiser in the cycles being appraised. */
export type Actor = { role: Role; unitId: string | null; assignedCriteria: readonly string[] };

/** What the action touches, when it touches something scoped (`areaCode`: an area or a criterion code). */
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
  return !!target.areaCode && isAssigned(actor.assignedCriteria, target.areaCode);
}

/** Is criterion `code` covered by one of the assigned codes (itself or an ancestor)? */
export function isAssigned(assigned: readonly string[], code: string): boolean {
  return assigned.some((a) => code === a || code.startsWith(`${a}.`));
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
