"use server";
import { revalidatePath } from "next/cache";
import { surveysDocSchema } from "@/lib/schemas/scores";
import { importSurveys } from "@/lib/server/data/exchange";
import { defineAction } from "./pipeline";

/** Survey import step 2: the user confirmed the preview; checked again and saved in one transaction. */
export const confirmSurveyImport = defineAction({
  schema: surveysDocSchema,
  action: "cycle.manage",
  run: async (doc, user) => {
    const r = await importSurveys(doc, user.id);
    revalidatePath("/secretariat");
    return r;
  },
});
