/**
 * The initiatives registry (sáng kiến, mô hình hay): who may change an initiative and when, and the bonus
 * points (điểm thưởng) a recognition may carry into the unit's score. Pure: no I/O.
 *
 * Decisions, as implemented:
 * - A unit proposes an initiative for a year; while it is PROPOSED, only that unit's staff edit it.
 * - The secretariat or the council chair (leadership) recognises or rejects a PROPOSED initiative, with a
 *   note. A decided initiative can be reopened (back to PROPOSED), which withdraws its bonus.
 * - Bonus points are granted only on recognition, in steps of 0.25 point, from 0.25 up to the criterion
 *   set's bonus cap, and only while the bonus can still reach the score: the unit has an assessment in
 *   that year's cycle, its criterion set gives a bonus (cap > 0), and the cycle's results are not frozen
 *   (approved by the council or published). When the bonus cannot apply, the recognition is still recorded,
 *   without bonus, and the outcome says why (`withheld`). A requested bonus that breaks the rules (not a
 *   step, above the cap, more than the room the unit's other recognised initiatives leave under the cap)
 *   is refused and nothing is written.
 * - The bonus flows into the score as an accepted bonus item of the unit's assessment; the engine applies
 *   Σ accepted bonus up to the cap. `effective` is what the item actually adds given the unit's other
 *   accepted bonus items.
 * - Reopening a recognised initiative whose bonus is in a frozen cycle is refused (published results are
 *   changed only after un-publication).
 */
import { can, type Actor } from "@/lib/auth/permissions";
import { toCenti, ZERO, type Centi } from "./points";

export const INITIATIVE_STATUSES = ["PROPOSED", "RECOGNISED", "REJECTED"] as const;
export type InitiativeStatus = (typeof INITIATIVE_STATUSES)[number];

/** The finest bonus step: a quarter of a point. */
export const BONUS_STEP = toCenti("0.25");

/** The code of an initiative's bonus item on the unit's assessment. */
export const BONUS_CODE_PREFIX = "SK-";
export function bonusCode(initiativeId: string): string {
  return `${BONUS_CODE_PREFIX}${initiativeId}`;
}
export function isInitiativeBonusCode(code: string | null | undefined): boolean {
  return !!code && code.startsWith(BONUS_CODE_PREFIX);
}

export type InitiativeRef = { unitId: string; status: InitiativeStatus };

/** May `actor` edit the initiative (or attach files to it)? Its own unit's staff, while it is PROPOSED. */
export function canEdit(actor: Actor, i: InitiativeRef): boolean {
  return i.status === "PROPOSED" && can(actor, "initiative.propose", { unitId: i.unitId });
}

/** May `actor` recognise or reject it? The secretariat or leadership, while it is PROPOSED. */
export function canDecide(actor: Actor, i: InitiativeRef): boolean {
  return i.status === "PROPOSED" && can(actor, "initiative.recognise", { unitId: i.unitId });
}

/** May `actor` reopen a decided initiative? The deciders; not when its bonus sits in frozen results. */
export function canReopen(actor: Actor, i: InitiativeRef & { bonus: Centi | null }, frozen: boolean): boolean {
  return i.status !== "PROPOSED" && can(actor, "initiative.recognise", { unitId: i.unitId }) && !(frozen && (i.bonus ?? 0) > 0);
}

/** May `actor` see the initiative? Everyone with the registry sees recognised ones; unit staff see their own unit's in any state. */
export function canSee(actor: Actor, i: InitiativeRef): boolean {
  if (!can(actor, "initiative.read")) return false;
  return i.status === "RECOGNISED" || can(actor, "initiative.read", { unitId: i.unitId });
}

/** Why a recognition carries no bonus even if one is asked for. */
export type WithheldReason = "noAssessment" | "noBonusInSet" | "cycleFrozen";

/**
 * What decides whether a bonus can reach the unit's score in the initiative's year:
 * - `cap`: the bonus cap of the unit's criterion set (0: none), null when the unit has no assessment that year;
 * - `frozen`: the cycle's results are approved or published;
 * - `initiativeBonus`: Σ bonus of the unit's OTHER recognised initiatives that year;
 * - `otherBonus`: Σ the unit's other accepted bonus items (not from initiatives).
 */
export type BonusContext = { cap: Centi | null; frozen: boolean; initiativeBonus: Centi; otherBonus: Centi };

export type BonusAvailability =
  | { available: true; cap: Centi; room: Centi }
  | { available: false; reason: WithheldReason };

/** Can a recognition carry a bonus, and how much room is left under the cap? */
export function bonusAvailability(ctx: BonusContext): BonusAvailability {
  if (ctx.cap === null) return { available: false, reason: "noAssessment" };
  if (ctx.cap <= 0) return { available: false, reason: "noBonusInSet" };
  if (ctx.frozen) return { available: false, reason: "cycleFrozen" };
  return { available: true, cap: ctx.cap, room: Math.max(0, ctx.cap - ctx.initiativeBonus) as Centi };
}

/** What `added` bonus points actually add to the score when `before` accepted bonus points exist: the engine caps Σ at `cap`. */
export function effectiveBonus(cap: Centi, before: Centi, added: Centi): Centi {
  const total = Math.min(cap, before + added);
  return Math.max(0, total - Math.min(cap, before)) as Centi;
}

export type BonusRefusal =
  | { key: "bonusNegative" }
  | { key: "bonusStep"; values: { step: number } }
  | { key: "bonusOverCap"; values: { cap: Centi } }
  | { key: "bonusOverRoom"; values: { room: Centi; cap: Centi } };

export type RecognitionOutcome = {
  /** The bonus granted (null: none). */
  bonus: Centi | null;
  /** What it adds to the score after the cap (0 when none). */
  effective: Centi;
  /** Set when a bonus was asked for but cannot apply; the recognition is recorded without it. */
  withheld: WithheldReason | null;
};

/**
 * The outcome of recognising an initiative with `requested` bonus points (null or 0: none), or the reason
 * the request is refused. Order: a request that cannot apply at all is withheld (not refused); a request
 * that could apply must be a positive multiple of the step within the cap and the room left.
 */
export function recognition(requested: Centi | null, ctx: BonusContext): { ok: true; outcome: RecognitionOutcome } | { ok: false; refusal: BonusRefusal } {
  const asked = requested ?? ZERO;
  if (asked < 0) return { ok: false, refusal: { key: "bonusNegative" } };
  if (asked === 0) return { ok: true, outcome: { bonus: null, effective: ZERO, withheld: null } };
  const availability = bonusAvailability(ctx);
  if (!availability.available) return { ok: true, outcome: { bonus: null, effective: ZERO, withheld: availability.reason } };
  if (asked % BONUS_STEP !== 0) return { ok: false, refusal: { key: "bonusStep", values: { step: BONUS_STEP } } };
  if (asked > availability.cap) return { ok: false, refusal: { key: "bonusOverCap", values: { cap: availability.cap } } };
  if (asked > availability.room) return { ok: false, refusal: { key: "bonusOverRoom", values: { room: availability.room, cap: availability.cap } } };
  const before = (ctx.initiativeBonus + ctx.otherBonus) as Centi;
  return { ok: true, outcome: { bonus: asked, effective: effectiveBonus(availability.cap, before, asked), withheld: null } };
}

/** The bonus values a recognition may offer (0.25, 0.5, … up to the room left), for a picker. */
export function bonusChoices(availability: BonusAvailability): Centi[] {
  if (!availability.available) return [];
  const out: Centi[] = [];
  for (let v = BONUS_STEP as number; v <= availability.room; v += BONUS_STEP) out.push(v as Centi);
  return out;
}
