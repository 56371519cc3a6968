import { z } from "zod";
import { parseDecimalInput } from "./decimal";

/** Inputs of the appraisal, the explanation round and the council: shared by forms, actions and the API. */

const id = z.string().min(1).max(64);
const code = z.string().regex(/^\d+(\.\d+){0,3}$/, { message: "appraisal.errors.code" });

/** "2,5" or "2.5" or 2.5 → 2.5 (a score in points); empty or not a number is refused. */
const points = z.preprocess(parseDecimalInput,
  z.number({ message: "appraisal.errors.scoreRequired" }).finite().min(0, { message: "appraisal.errors.scoreNegative" }));

const reason = z.string().trim().max(2000, { message: "appraisal.errors.reasonTooLong" });

/** Accept (score = the unit's) or adjust (another score the rule allows, with a reason) one leaf. */
export const decideSchema = z.object({
  assessmentId: id,
  criterion: code,
  score: points,
  reason: reason.optional().nullable(),
});
export type DecideInput = z.infer<typeof decideSchema>;

/** Ask the unit to explain a leaf by a deadline; the round-1 score given meanwhile (often the unit's). */
export const requestExplanationSchema = z.object({
  assessmentId: id,
  criterion: code,
  score: points,
  request: z.string().trim().min(10, { message: "appraisal.errors.requestRequired" }).max(2000, { message: "appraisal.errors.reasonTooLong" }),
  /** A date (YYYY-MM-DD): the unit answers before 17:00 that day, Vietnam time. */
  due: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: "appraisal.errors.date" }),
});
export type RequestExplanationInput = z.infer<typeof requestExplanationSchema>;

/** Accept the unit's score on every undecided leaf of an area the appraiser is assigned. */
export const bulkAcceptSchema = z.object({ assessmentId: id, area: z.string().regex(/^\d+$/, { message: "appraisal.errors.code" }) });

/** The unit's answer to a request. */
export const answerSchema = z.object({
  requestId: id,
  answer: z.string().trim().min(10, { message: "appraisal.errors.answerRequired" }).max(4000, { message: "appraisal.errors.reasonTooLong" }),
});

export const yearSchema = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

export const unpublishSchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  reason: z.string().trim().min(10, { message: "council.errors.reasonRequired" }).max(2000),
});

/** An assignment: a criterion code of the cycle to an appraiser or to an appraising department. */
export const assignmentSchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  criterionCode: code,
  assignee: z.string().regex(/^(user|unit):[A-Za-z0-9_-]{1,64}$/, { message: "assignments.errors.assignee" }),
});

export const removeAssignmentSchema = z.object({ id });
