"use server";
import { revalidatePath } from "next/cache";
import { generateSchema, progressSchema, taskCancelSchema, taskCreateSchema, taskEditSchema } from "@/lib/schemas/plans";
import { cancelTask, createTask, editTask, generateTasks, reportProgress, taskLeadUnit } from "@/lib/server/data/plans";
import { defineAction } from "./pipeline";

/** The improvement plan's actions: tasks (plan.manage) and the lead unit's progress reports (plan.progress on the lead unit). */

export const createTaskAction = defineAction({
  schema: taskCreateSchema,
  action: "plan.manage",
  run: async (input, user) => {
    const r = await createTask(input, user.id);
    revalidatePath("/plans");
    return r;
  },
});

export const editTaskAction = defineAction({
  schema: taskEditSchema,
  action: "plan.manage",
  run: async (input, user) => {
    const r = await editTask(input, user.id);
    revalidatePath("/plans");
    revalidatePath(`/plans/${input.id}`);
    return r;
  },
});

export const cancelTaskAction = defineAction({
  schema: taskCancelSchema,
  action: "plan.manage",
  run: async (input, user) => {
    await cancelTask(input, user.id);
    revalidatePath("/plans");
    revalidatePath(`/plans/${input.id}`);
    return { id: input.id };
  },
});

/** Only the task's lead unit (or the secretariat): coordinating units read but do not report. */
export const reportProgressAction = defineAction({
  schema: progressSchema,
  action: "plan.progress",
  target: async (input) => ({ unitId: await taskLeadUnit(input.id) }),
  run: async (input, user) => {
    const r = await reportProgress(input, user.id);
    revalidatePath("/plans");
    revalidatePath(`/plans/${input.id}`);
    return r;
  },
});

export const generateTasksAction = defineAction({
  schema: generateSchema,
  action: "plan.manage",
  run: async (input, user) => {
    const r = await generateTasks(input, { id: user.id, unitId: user.unitId });
    revalidatePath("/plans");
    return r;
  },
});
