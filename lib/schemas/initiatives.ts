import { z } from "zod";
import { INITIATIVE_STATUSES } from "@/lib/domain/initiatives";
import { isCentiValue } from "@/lib/domain/points";
import { parseDecimalInput } from "./decimal";

/** Inputs of the initiatives registry: shared by the forms, the server actions and the list filters. */

const id = z.string().min(1).max(64);
const year = z.coerce.number({ message: "initiatives.errors.year" }).int({ message: "initiatives.errors.year" })
  .min(2000, { message: "initiatives.errors.year" }).max(2100, { message: "initiatives.errors.year" });

/** What a unit writes about its initiative. */
const content = {
  title: z.string().trim().min(5, { message: "initiatives.errors.titleRequired" }).max(300, { message: "initiatives.errors.titleTooLong" }),
  areaCode: z.string().regex(/^\d{1,3}$/, { message: "initiatives.errors.area" }),
  description: z.string().trim().min(20, { message: "initiatives.errors.descriptionRequired" }).max(8000, { message: "initiatives.errors.textTooLong" }),
  results: z.string().trim().min(10, { message: "initiatives.errors.resultsRequired" }).max(8000, { message: "initiatives.errors.textTooLong" }),
};

/** A new proposal (the unit is the proposer's own). */
export const proposeInitiativeSchema = z.object({ year, ...content });
export type ProposeInitiativeInput = z.infer<typeof proposeInitiativeSchema>;

/** Changes to a proposal still open. */
export const editInitiativeSchema = z.object({ id, ...content });
export type EditInitiativeInput = z.infer<typeof editInitiativeSchema>;

const note = z.string().trim().max(2000, { message: "initiatives.errors.noteTooLong" });

/** "0,5" or "0.5" or 0.5 → 0.5 bonus points; empty → none. At most two decimals (the step is checked by the domain). */
const bonusPoints = z.preprocess(parseDecimalInput, z.number({ message: "initiatives.errors.bonusNumber" }).finite()
  .min(0, { message: "initiatives.errors.bonusNegative" })
  .refine((v) => isCentiValue(v), { message: "initiatives.errors.bonusNumber" }).nullable());

/** Recognise (optional bonus points, optional note) or reject (a note is required). */
export const decideInitiativeSchema = z.discriminatedUnion("decision", [
  z.object({ id, decision: z.literal("RECOGNISED"), bonusPoints: bonusPoints.optional(), note: note.optional().nullable() }),
  z.object({ id, decision: z.literal("REJECTED"), note: note.min(10, { message: "initiatives.errors.rejectNote" }) }),
]);
export type DecideInitiativeInput = z.infer<typeof decideInitiativeSchema>;

/** Reopen a decided initiative (back to PROPOSED; a bonus is withdrawn), with the reason. */
export const reopenInitiativeSchema = z.object({ id, note: note.min(10, { message: "initiatives.errors.reopenNote" }) });
export type ReopenInitiativeInput = z.infer<typeof reopenInitiativeSchema>;

/** The list's filters (a GET form): everything optional, bad values dropped. */
export const initiativeFilterSchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
  status: z.enum(INITIATIVE_STATUSES).optional().catch(undefined),
  area: z.string().regex(/^\d{1,3}$/).optional().catch(undefined),
  unit: z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
});
export type InitiativeFilter = z.infer<typeof initiativeFilterSchema>;
