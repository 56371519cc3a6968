import { z } from "zod";
import { parseDecimalInput } from "./decimal";

/** "95,5" or "95.5" or 95.5 → 95.5; empty → null. Shared by the worksheet form and the action. */
const decimal = z.preprocess(parseDecimalInput, z.number({ message: "worksheet.errors.notNumber" }).finite().nullable());

export const saveLeafSchema = z.object({
  assessmentId: z.string().min(1).max(64),
  criterion: z.string().regex(/^\d+(\.\d+){0,3}$/),
  /** Omitted fields are left as they are. */
  selfScore: decimal.optional(),
  declaredValue: decimal.optional(),
  explanation: z.string().max(4000, { message: "worksheet.errors.explanationTooLong" }).nullable().optional(),
  /** The entry's version the user edited (0 when it did not exist). */
  expectedVersion: z.number().int().min(0),
});
export type SaveLeafInput = z.infer<typeof saveLeafSchema>;

export const assessmentIdSchema = z.object({ assessmentId: z.string().min(1).max(64) });

export const reopenSchema = z.object({
  assessmentId: z.string().min(1).max(64),
  reason: z.string().trim().min(5, { message: "worksheet.errors.reasonRequired" }).max(1000),
});

export const extendSchema = z.object({
  assessmentId: z.string().min(1).max(64),
  /** A date (YYYY-MM-DD): the new deadline is 17:00 that day, Vietnam time. */
  until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: "worksheet.errors.date" }),
  reason: z.string().trim().min(5, { message: "worksheet.errors.reasonRequired" }).max(1000),
});
