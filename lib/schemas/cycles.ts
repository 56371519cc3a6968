import { z } from "zod";
import { PHASES } from "@/lib/domain/phases";

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: "worksheet.errors.date" });

/** A cycle's phase dates: each phase opens at 00:00 and closes at 17:00 (Vietnam time) on the given days. */
export const deadlinesSchema = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
  phases: z.array(z.object({ phase: z.enum(PHASES), opens: date, closes: date })).length(PHASES.length),
});
export type DeadlinesInput = z.infer<typeof deadlinesSchema>;
