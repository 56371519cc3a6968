"use server";
import { revalidatePath } from "next/cache";
import { deadlinesSchema } from "@/lib/schemas/cycles";
import { updateDeadlines } from "@/lib/server/data/cycle-admin";
import { defineAction } from "./pipeline";

export const updateDeadlinesAction = defineAction({
  schema: deadlinesSchema,
  action: "cycle.manage",
  run: async (input, user) => {
    await updateDeadlines(input, user.id);
    revalidatePath("/", "layout");
    return { saved: true };
  },
});
