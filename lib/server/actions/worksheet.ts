"use server";
import { revalidatePath } from "next/cache";
import { assessmentIdSchema, extendSchema, reopenSchema, saveLeafSchema } from "@/lib/schemas/worksheet";
import { assessmentUnitId, extendDeadline, reopenAssessment, saveLeaf, submitAssessment } from "@/lib/server/data/worksheet";
import { defineAction } from "./pipeline";

const unitOf = async (input: { assessmentId: string }) => ({ unitId: (await assessmentUnitId(input.assessmentId)) ?? "(unknown)" });

/** Autosave of one leaf (score, declared figure or explanation), with the version the user edited. */
export const saveLeafAction = defineAction({
  schema: saveLeafSchema,
  action: "assessment.edit",
  target: unitOf,
  run: (input, user) => saveLeaf(input, user.id),
});

export const submitAssessmentAction = defineAction({
  schema: assessmentIdSchema,
  action: "assessment.submit",
  target: unitOf,
  run: async ({ assessmentId }, user) => {
    const r = await submitAssessment(assessmentId, user.id);
    revalidatePath("/unit");
    return r;
  },
});

export const reopenAssessmentAction = defineAction({
  schema: reopenSchema,
  action: "assessment.reopen",
  target: unitOf,
  run: async ({ assessmentId, reason }, user) => {
    await reopenAssessment(assessmentId, reason, user.id);
    revalidatePath("/worksheet");
    return { reopened: true };
  },
});

export const extendDeadlineAction = defineAction({
  schema: extendSchema,
  action: "assessment.reopen",
  target: unitOf,
  run: ({ assessmentId, until, reason }, user) => extendDeadline(assessmentId, until, reason, user.id),
});
