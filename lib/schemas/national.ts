import { z } from "zod";
import { NATIONAL_FIRST_YEAR } from "@/lib/io/national";

const year = z.number().int().min(NATIONAL_FIRST_YEAR).max(2100);
const hundredths = z.number().int().min(0).max(10_000);
const rank = z.number().int().min(1).max(1000).nullable();
const text = z.string().trim().min(1).max(120);

/** One province's result in a year, as the preview answered it (indices in hundredths). */
export const nationalRowSchema = z.object({
  year,
  province: text,
  region: text.nullable(),
  indexHundredths: hundredths,
  rank,
  regionRank: rank,
  sipasHundredths: hundredths.nullable(),
  sipasRank: rank,
});

/**
 * National import, step 2 (confirm): the rows checked at preview, the years they replace (the user saw
 * them), whether the figures are partial and where they come from. Checked again on the server.
 */
export const nationalImportSchema = z.object({
  years: z.array(year).min(1).max(100),
  rows: z.array(nationalRowSchema).min(1).max(5000),
  /** Marks every year of the file as partial; a year with fewer rows than provinces is partial anyway. */
  partial: z.boolean(),
  source: z.string().trim().max(1000).nullable().optional(),
});
export type NationalImportInput = z.infer<typeof nationalImportSchema>;
