import { z } from "zod";
import { TASK_FLAGS, TASK_STATUSES } from "@/lib/domain/plans";

/** Improvement plan inputs: a task (create, edit), a progress report, a cancellation, tasks from lost points. */

const id = z.string().trim().regex(/^[A-Za-z0-9_-]{1,64}$/, { message: "plans.errors.notFound" });
const year = z.coerce.number().int().min(2000, { message: "plans.errors.year" }).max(2100, { message: "plans.errors.year" });
const date = z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, { message: "plans.errors.date" })
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), { message: "plans.errors.date" });
export const criterionCode = z.string().trim().regex(/^\d{1,2}(\.\d{1,2}){0,4}$/, { message: "plans.errors.criterionCode" });

const taskFields = {
  criterionCode,
  title: z.string().trim().min(5, { message: "plans.errors.title" }).max(300, { message: "plans.errors.title" }),
  deliverable: z.string().trim().min(3, { message: "plans.errors.deliverable" }).max(1000, { message: "plans.errors.deliverable" }),
  leadUnitId: z.string().trim().min(1, { message: "plans.errors.leadUnit" }).regex(/^[A-Za-z0-9_-]{1,64}$/, { message: "plans.errors.leadUnit" }),
  coordinatingUnitIds: z.array(id).max(30).default([]),
  /** Start (00:00) and deadline (17:00) dates, Vietnam time. */
  startsAt: date,
  dueAt: date,
};

type Dated = { startsAt: string; dueAt: string; leadUnitId: string; coordinatingUnitIds: string[] };
const checks = <T extends Dated>(s: z.ZodType<T>) => s
  .refine((t) => t.startsAt <= t.dueAt, { message: "plans.errors.dates", path: ["dueAt"] })
  .refine((t) => !t.coordinatingUnitIds.includes(t.leadUnitId), { message: "plans.errors.coordinatingLead", path: ["coordinatingUnitIds"] })
  .refine((t) => new Set(t.coordinatingUnitIds).size === t.coordinatingUnitIds.length, { message: "plans.errors.coordinatingTwice", path: ["coordinatingUnitIds"] });

export const taskCreateSchema = checks(z.object({ year, ...taskFields }));
export type TaskCreateInput = z.infer<typeof taskCreateSchema>;

export const taskEditSchema = checks(z.object({ id, ...taskFields }));
export type TaskEditInput = z.infer<typeof taskEditSchema>;

export const taskCancelSchema = z.object({
  id,
  reason: z.string().trim().min(5, { message: "plans.errors.reason" }).max(1000, { message: "plans.errors.reason" }),
});
export type TaskCancelInput = z.infer<typeof taskCancelSchema>;

/** A progress report of the lead unit: whole percent, status (not CANCELLED: that is the plan's decision) and a note. */
export const progressSchema = z.object({
  id,
  progress: z.coerce.number({ message: "plans.errors.progressRange" }).int({ message: "plans.errors.progressRange" })
    .min(0, { message: "plans.errors.progressRange" }).max(100, { message: "plans.errors.progressRange" }),
  status: z.enum(["NOT_STARTED", "IN_PROGRESS", "DONE"], { message: "plans.errors.status" }),
  note: z.string().trim().min(10, { message: "plans.errors.note" }).max(4000, { message: "plans.errors.note" }),
}).refine((r) => (r.status === "DONE") === (r.progress === 100), { message: "plans.errors.doneIs100", path: ["status"] })
  .refine((r) => r.status !== "NOT_STARTED" || r.progress === 0, { message: "plans.errors.notStartedIs0", path: ["status"] });
export type ProgressInput = z.infer<typeof progressSchema>;

/** Create the chosen proposals (criterion codes) of the plan year; the server recomputes everything else. */
export const generateSchema = z.object({
  year,
  codes: z.array(criterionCode).min(1, { message: "plans.errors.noneChosen" }).max(50),
});
export type GenerateInput = z.infer<typeof generateSchema>;

/** The list's filters (GET parameters); anything unknown is dropped, not refused. */
export const planFilterSchema = z.object({
  status: z.enum(TASK_STATUSES).optional().catch(undefined),
  flag: z.enum(TASK_FLAGS).optional().catch(undefined),
  lead: z.string().trim().max(40).optional().catch(undefined),
  code: z.string().trim().regex(/^\d{1,2}(\.\d{1,2}){0,4}$/).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
});
export type PlanFilter = z.infer<typeof planFilterSchema>;
