import { z } from "zod";

/** Inputs of the framework forms (clone, mapping), shared by the forms and the server actions. */
export const frameworkCodeSchema = z.string().trim().regex(/^[A-Z0-9][A-Z0-9._-]{1,31}$/, { message: "frameworks.issues.frameworkCode" });

export const cloneFrameworkSchema = z.object({
  source: frameworkCodeSchema,
  code: frameworkCodeSchema,
  fromYear: z.coerce.number({ message: "frameworks.issues.years" }).int().min(2000).max(2100),
});

const MAPPING_LINE = /^\s*([0-9.]+)\s*(?:→|->|=>|,|;|\t)\s*([0-9.]+)\s*$/;

/** "1.1.4 → 1.2.1" per line (also ->, =>, comma, tab). Blank lines are skipped. */
export function parseMappingText(text: string): { pairs: { from: string; to: string }[]; badLines: number[] } {
  const pairs: { from: string; to: string }[] = [];
  const badLines: number[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const m = MAPPING_LINE.exec(line);
    if (m) pairs.push({ from: m[1]!, to: m[2]! });
    else badLines.push(i + 1);
  });
  return { pairs, badLines };
}

export const mappingSchema = z.object({
  from: frameworkCodeSchema,
  to: frameworkCodeSchema,
  text: z.string().max(100_000),
}).transform((v, ctx) => {
  const { pairs, badLines } = parseMappingText(v.text);
  for (const line of badLines) ctx.addIssue({ code: "custom", path: ["text"], message: "frameworks.diffPage.mappingLine", params: { line } });
  return { from: v.from, to: v.to, pairs };
});

/** A new criterion set: its fields; the tree starts as one area with one leaf, edited next. */
export const newFrameworkSchema = z.object({
  code: frameworkCodeSchema,
  nameVi: z.string().trim().min(1, { message: "frameworks.newPage.required" }).max(300),
  nameEn: z.string().trim().min(1, { message: "frameworks.newPage.required" }).max(300),
  legalBasis: z.string().trim().min(1, { message: "frameworks.newPage.required" }).max(300),
  unitGroup: z.string().trim().min(1).max(32),
  fromYear: z.coerce.number({ message: "frameworks.issues.years" }).int().min(2000, { message: "frameworks.issues.years" }).max(2100, { message: "frameworks.issues.years" }),
});
