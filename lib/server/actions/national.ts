"use server";
import { revalidatePath } from "next/cache";
import type { RowError } from "@/lib/io/import-cells";
import { nationalImportSchema } from "@/lib/schemas/national";
import { importNational, NationalRejectedError } from "@/lib/server/data/national";
import { defineAction } from "./pipeline";

export type NationalImportOutcome = { saved: { years: number[]; results: number } } | { issues: RowError[] };

/**
 * National import step 2: the user confirmed the preview. The rows are checked again on the server and
 * the years of the file replaced in one transaction; refused rows come back as issues, nothing saved.
 */
export const confirmNationalImport = defineAction({
  schema: nationalImportSchema,
  action: "national.manage",
  run: async (input, user): Promise<NationalImportOutcome> => {
    try {
      const saved = await importNational(input, user.id);
      revalidatePath("/leadership/national");
      return { saved };
    } catch (error) {
      if (error instanceof NationalRejectedError) return { issues: error.issues };
      throw error;
    }
  },
});
