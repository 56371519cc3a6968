import { z } from "zod";
import { isCentiValue } from "@/lib/domain/points";
import { DEFAULT_BANDS, validateFramework, type CriterionDoc, type FrameworkDoc } from "@/lib/domain/framework";
import { ruleSchema } from "@/lib/domain/rules";

/**
 * The framework exchange format (JSON, "par-framework/v1"): used by the JSON and XLSX importers,
 * the API, the command line and the database layer. Structural errors come from zod; tree errors
 * (sums, codes, rule maxima) from validateFramework, as issues whose message is a catalogue key
 * under `frameworks.issues` and whose `params` carry the values.
 */
const points = z.number().nonnegative().refine(isCentiValue, { message: "frameworks.issues.decimals" });
const text = (max: number) => z.string().trim().min(1).max(max);

export const criterionDocSchema: z.ZodType<CriterionDoc> = z.lazy(() =>
  z.object({
    code: z.string().trim().min(1).max(16),
    titleVi: text(500),
    titleEn: text(500),
    maxPoints: points,
    rule: ruleSchema.optional(),
    evidenceVi: z.string().trim().max(2000).optional(),
    evidenceEn: z.string().trim().max(2000).optional(),
    evidenceMandatory: z.boolean().optional(),
    source: z.enum(["SELF", "SURVEY"]).optional(),
    children: z.array(criterionDocSchema).optional(),
  }),
) as z.ZodType<CriterionDoc>;

export const classificationBandSchema = z.object({
  code: text(8),
  labelVi: text(100),
  labelEn: text(100),
  minIndex: z.number().min(0).max(100),
});

export const frameworkDocSchema = z
  .object({
    format: z.literal("par-framework/v1"),
    code: z.string().trim().regex(/^[A-Z0-9][A-Z0-9._-]{1,31}$/, { message: "frameworks.issues.frameworkCode" }),
    nameVi: text(300),
    nameEn: text(300),
    legalBasis: text(300),
    unitGroup: text(32),
    fromYear: z.number().int().min(2000).max(2100),
    toYear: z.number().int().min(2000).max(2100).optional(),
    bonusCap: points.default(0),
    penaltyCap: points.default(0),
    classification: z.array(classificationBandSchema).min(1).default(DEFAULT_BANDS),
    tree: z.array(criterionDocSchema),
  })
  .superRefine((doc, ctx) => {
    for (const issue of validateFramework(doc)) {
      ctx.addIssue({ code: "custom", path: issue.code ? ["tree", issue.code] : [], message: `frameworks.issues.${issue.key}`,
        params: { criterion: issue.code, ...issue.values } });
    }
  }) satisfies z.ZodType<FrameworkDoc, unknown>;

export type FrameworkDocInput = z.input<typeof frameworkDocSchema>;

/** JSON Schema of the format, served at /api/v1/schemas/framework.json. */
export function frameworkJsonSchema(): unknown {
  return z.toJSONSchema(frameworkDocSchema, { io: "input", unrepresentable: "any" });
}
