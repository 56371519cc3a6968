"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { recomputeCycle } from "@/lib/server/data/snapshots";
import { defineAction } from "./pipeline";

/** Recomputes a cycle's results from the current scores (drafts; a published cycle keeps its snapshot). */
export const recomputeResultsAction = defineAction({
  schema: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
  action: "cycle.manage",
  run: async ({ year }, user) => {
    const r = await recomputeCycle(year, user.id);
    revalidatePath("/secretariat");
    return r;
  },
});
