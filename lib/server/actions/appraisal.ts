"use server";
import { revalidatePath } from "next/cache";
import {
  answerSchema, assignmentSchema, bulkAcceptSchema, decideSchema, removeAssignmentSchema, requestExplanationSchema, unpublishSchema, yearSchema,
} from "@/lib/schemas/appraisal";
import { answerExplanation, bulkAccept, decideLeaf, requestExplanation, requestOwner } from "@/lib/server/data/appraisal";
import { addAssignment, removeAssignment } from "@/lib/server/data/assignments";
import { assessmentUnitId } from "@/lib/server/data/worksheet";
import { approveCycle, compileCycle, publishCycle, unpublishCycle } from "@/lib/server/data/council";
import { afterCommitDeliver } from "@/lib/server/mail";
import { defineAction } from "./pipeline";

/** Appraisal, explanation round and council actions: zod input → permission (with the leaf or unit) → data layer. */

const leafTarget = async (input: { assessmentId: string; criterion: string }) =>
  ({ unitId: (await assessmentUnitId(input.assessmentId)) ?? "(unknown)", areaCode: input.criterion });

export const decideLeafAction = defineAction({
  schema: decideSchema,
  action: "appraisal.score",
  target: leafTarget,
  run: (input, user) => decideLeaf(input, user.id),
});

export const requestExplanationAction = defineAction({
  schema: requestExplanationSchema,
  action: "appraisal.score",
  target: leafTarget,
  run: async (input, user) => {
    const r = await requestExplanation(input, user.id);
    afterCommitDeliver();
    return r;
  },
});

/** Bulk-accept: the role is checked here, each leaf against the user's assignment in the data layer. */
export const bulkAcceptAction = defineAction({
  schema: bulkAcceptSchema,
  action: "appraisal.score",
  run: ({ assessmentId, area }, user) => bulkAccept(assessmentId, area, user),
});

export const answerExplanationAction = defineAction({
  schema: answerSchema,
  action: "assessment.explain",
  target: async ({ requestId }) => ({ unitId: (await requestOwner(requestId))?.unitId ?? "(unknown)" }),
  run: async ({ requestId, answer }, user) => {
    const r = await answerExplanation(requestId, answer, user.id);
    afterCommitDeliver();
    return r;
  },
});

export const compileCycleAction = defineAction({
  schema: yearSchema,
  action: "results.compile",
  run: async ({ year }, user) => {
    const r = await compileCycle(year, user.id);
    revalidatePath("/secretariat");
    return r;
  },
});

export const approveCycleAction = defineAction({
  schema: yearSchema,
  action: "results.approve",
  run: async ({ year }, user) => {
    const r = await approveCycle(year, user.id);
    afterCommitDeliver();
    return r;
  },
});

export const publishCycleAction = defineAction({
  schema: yearSchema,
  action: "results.publish",
  run: async ({ year }, user) => {
    const r = await publishCycle(year, user.id);
    afterCommitDeliver();
    revalidatePath("/", "layout");
    return r;
  },
});

export const unpublishCycleAction = defineAction({
  schema: unpublishSchema,
  action: "results.unpublish",
  run: async ({ year, reason }, user) => {
    await unpublishCycle(year, reason, user.id);
    afterCommitDeliver();
    revalidatePath("/", "layout");
    return { unpublished: true };
  },
});

export const addAssignmentAction = defineAction({
  schema: assignmentSchema,
  action: "appraisal.assign",
  run: (input, user) => addAssignment(input, user.id),
});

export const removeAssignmentAction = defineAction({
  schema: removeAssignmentSchema,
  action: "appraisal.assign",
  run: async ({ id }, user) => {
    await removeAssignment(id, user.id);
    return { removed: true };
  },
});
