import { z } from "zod";
import { FINDING_SEVERITIES, INSPECTION_STATUSES } from "@/lib/domain/inspections";

/** Inputs of the inspections: the form, the server action and the data layer share them. Dates are Vietnam calendar days. */

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: "inspections.errors.date" })
  .refine((s) => { const d = new Date(`${s}T00:00:00Z`); return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s); }, { message: "inspections.errors.date" });
const id = z.string().min(1).max(64);
const text = (max: number, message: string) => z.string().trim().min(1, { message }).max(max, { message: "inspections.errors.tooLong" });

export const inspectionFieldsSchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  decisionNumber: text(100, "inspections.errors.decisionNumber"),
  decisionDate: day,
  team: text(4000, "inspections.errors.team"),
  targetUnitId: id,
  startsAt: day,
  endsAt: day,
});

export const createInspectionSchema = inspectionFieldsSchema;
export type CreateInspectionInput = z.infer<typeof createInspectionSchema>;

export const updateInspectionSchema = inspectionFieldsSchema.extend({ id });
export type UpdateInspectionInput = z.infer<typeof updateInspectionSchema>;

export const inspectionConclusionSchema = z.object({
  id,
  status: z.enum(INSPECTION_STATUSES),
  conclusion: z.string().trim().max(8000, { message: "inspections.errors.tooLong" }),
});
export type InspectionConclusionInput = z.infer<typeof inspectionConclusionSchema>;

const findingFields = {
  areaCode: z.string().trim().regex(/^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$/, { message: "inspections.errors.areaCode" }).max(20),
  limitation: text(4000, "inspections.errors.limitation"),
  severity: z.enum(FINDING_SEVERITIES, { message: "inspections.errors.severity" }),
  recommendation: text(4000, "inspections.errors.recommendation"),
  dueAt: day,
};

export const addFindingSchema = z.object({ inspectionId: id, ...findingFields });
export type AddFindingInput = z.infer<typeof addFindingSchema>;

export const updateFindingSchema = z.object({ id, ...findingFields });
export type UpdateFindingInput = z.infer<typeof updateFindingSchema>;

export const remediationSchema = z.object({ findingId: id, report: text(8000, "inspections.errors.report") });
export type RemediationInput = z.infer<typeof remediationSchema>;

/** The secretariat's decision on a reported remediation: close the finding, or send it back with a note (required). */
export const decideFindingSchema = z.object({
  findingId: id,
  decision: z.enum(["close", "sendBack"]),
  note: z.string().trim().max(4000, { message: "inspections.errors.tooLong" }),
});
export type DecideFindingInput = z.infer<typeof decideFindingSchema>;

/** List filters (the page's query string). */
export const inspectionFilterSchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  status: z.enum(INSPECTION_STATUSES).optional(),
  unitId: id.optional(),
  /** Only inspections with an overdue remediation. */
  overdue: z.enum(["1"]).optional(),
});
export type InspectionFilter = z.infer<typeof inspectionFilterSchema>;
