import { z } from "zod";
import { isPercentValue, type AdjustmentInput, type CycleUnitInput, type LeafInput, type SurveyInput } from "@/lib/domain/engine";
import { isCentiValue, toCenti } from "@/lib/domain/points";

/**
 * The score exchange formats (JSON), shared by the command line, the importers and the API:
 *
 * - "par-scores/v1": a year's self scores, declared values, appraisal rounds, bonus and penalty per unit;
 * - "par-surveys/v1": a year's survey results per unit (sociological survey per leaf, SIPAS).
 *
 * Only the shape is checked here; whether a score fits its criterion's rule is the engine's job
 * (lib/domain/engine.ts), which reports it per leaf. Messages of custom checks are catalogue keys under
 * `scores.issues`, with the values in `params`.
 */
const points = z
  .number()
  .min(0, { message: "scores.issues.negative" })
  .refine(isCentiValue, { message: "scores.issues.decimals" });
const positivePoints = points.refine((v) => v !== 0, { message: "scores.issues.positive" }); // negatives: "negative"
const percent = z
  .number()
  .min(0, { message: "scores.issues.percentRange" })
  .max(100, { message: "scores.issues.percentRange" })
  .refine((v) => v < 0 || v > 100 || isPercentValue(v), { message: "scores.issues.percentDecimals" }); // range: above
const unitCode = z.string().trim().min(1).max(32);
const criterionCode = z.string().trim().min(1).max(16);
const year = z.number().int().min(2000).max(2100);
const note = z.string().trim().max(2000);

export const appraisalRoundSchema = z.object({
  round: z.number().int().min(1),
  score: points,
  reason: note.optional(),
});

/** A leaf's entry: a bare number is a self score. Strict, so that a misspelt field is not lost silently. */
export const leafScoreSchema = z.union([
  points,
  z
    .strictObject({
      self: points.nullable().optional(),
      /** The figure a tiers rule is applied to (e.g. % of the plan completed). */
      declared: z.number().nullable().optional(),
      explanation: note.optional(),
      rounds: z.array(appraisalRoundSchema).optional(),
    })
    .superRefine((entry, ctx) => {
      const seen = new Set<number>();
      (entry.rounds ?? []).forEach((r, i) => {
        if (seen.has(r.round)) {
          ctx.addIssue({ code: "custom", path: ["rounds", i, "round"], message: "scores.issues.roundDuplicate", params: { round: r.round } });
        }
        seen.add(r.round);
      });
    }),
]);

export const adjustmentSchema = z.object({
  code: z.string().trim().min(1).max(32).optional(),
  points: positivePoints,
  unitNote: note.optional(),
  appraiserNote: note.optional(),
  /** Only accepted items count. */
  accepted: z.boolean().default(true),
});

export const unitScoresSchema = z.object({
  code: unitCode,
  nameVi: z.string().trim().min(1).max(300).optional(),
  nameEn: z.string().trim().min(1).max(300).optional(),
  group: z.string().trim().min(1).max(32).optional(),
  region: z.string().trim().min(1).max(64).optional(),
  scores: z.record(criterionCode, leafScoreSchema),
  bonus: z.array(adjustmentSchema).optional(),
  penalty: z.array(adjustmentSchema).optional(),
});

function uniqueUnitCodes(units: readonly { code: string }[], ctx: z.RefinementCtx) {
  const seen = new Set<string>();
  units.forEach((u, i) => {
    if (seen.has(u.code)) ctx.addIssue({ code: "custom", path: ["units", i, "code"], message: "scores.issues.unitDuplicate", params: { unit: u.code } });
    seen.add(u.code);
  });
}

export const scoresDocSchema = z
  .object({
    format: z.literal("par-scores/v1"),
    year,
    /** Code of the framework (criterion set) the leaf codes refer to. */
    framework: z.string().trim().regex(/^[A-Z0-9][A-Z0-9._-]{1,31}$/, { message: "scores.issues.frameworkCode" }),
    units: z.array(unitScoresSchema),
  })
  .superRefine((doc, ctx) => uniqueUnitCodes(doc.units, ctx));

export const sipasSchema = z.object({
  overall: percent,
  /** The five elements in the methodology's order: access, procedures, civil servants, results, feedback. */
  elements: z.array(percent).length(5, { message: "scores.issues.sipasElements" }).optional(),
  respondents: z.number().int().min(0).optional(),
});

export const unitSurveysSchema = z.object({
  code: unitCode,
  /** Sociological survey result (percent) per survey-derived leaf code. */
  sociological: z.record(criterionCode, percent).optional(),
  sipas: sipasSchema.optional(),
});

export const surveysDocSchema = z
  .object({
    format: z.literal("par-surveys/v1"),
    year,
    units: z.array(unitSurveysSchema),
  })
  .superRefine((doc, ctx) => uniqueUnitCodes(doc.units, ctx));

export type ScoresDoc = z.infer<typeof scoresDocSchema>;
export type ScoresDocInput = z.input<typeof scoresDocSchema>;
export type UnitScores = z.infer<typeof unitScoresSchema>;
export type LeafScore = z.infer<typeof leafScoreSchema>;
export type Adjustment = z.infer<typeof adjustmentSchema>;
export type SurveysDoc = z.infer<typeof surveysDocSchema>;
export type SurveysDocInput = z.input<typeof surveysDocSchema>;
export type UnitSurveys = z.infer<typeof unitSurveysSchema>;

/** JSON Schemas of the formats (for the API's schema endpoints). */
export function scoresJsonSchema(): unknown {
  return z.toJSONSchema(scoresDocSchema, { io: "input", unrepresentable: "any" });
}

export function surveysJsonSchema(): unknown {
  return z.toJSONSchema(surveysDocSchema, { io: "input", unrepresentable: "any" });
}

/**
 * Engine inputs from parsed documents (points become exact hundredths). Survey results are matched by
 * unit code; `surveyOnly` lists surveyed units that have no scores entry (they are not scored).
 * Throws RangeError when the two documents are for different years.
 */
export function toUnitInputs(scores: ScoresDoc, surveys?: SurveysDoc): { inputs: CycleUnitInput[]; surveyOnly: string[] } {
  if (surveys && surveys.year !== scores.year) throw new RangeError(`Scores are for ${scores.year}, surveys for ${surveys.year}`);
  const surveyByUnit = new Map((surveys?.units ?? []).map((u) => [u.code, u]));
  const inputs = scores.units.map((u): CycleUnitInput => {
    const leafScores = new Map<string, LeafInput>();
    for (const [code, entry] of Object.entries(u.scores)) {
      leafScores.set(code, typeof entry === "number" ? { self: toCenti(entry) } : {
        self: entry.self === undefined || entry.self === null ? null : toCenti(entry.self),
        declared: entry.declared ?? null,
        rounds: (entry.rounds ?? []).map((r) => ({ round: r.round, score: toCenti(r.score), ...(r.reason ? { reason: r.reason } : {}) })),
      });
    }
    const s = surveyByUnit.get(u.code);
    const input: CycleUnitInput = { code: u.code, scores: leafScores, group: u.group ?? null, region: u.region ?? null };
    if (s) {
      const survey: SurveyInput = {};
      if (s.sociological) survey.sociological = s.sociological;
      if (s.sipas) survey.sipas = s.sipas.elements ? { overall: s.sipas.overall, elements: s.sipas.elements } : { overall: s.sipas.overall };
      input.surveys = survey;
    }
    if (u.bonus) input.bonus = u.bonus.map(adjustment);
    if (u.penalty) input.penalty = u.penalty.map(adjustment);
    return input;
  });
  const scored = new Set(scores.units.map((u) => u.code));
  return { inputs, surveyOnly: (surveys?.units ?? []).map((u) => u.code).filter((c) => !scored.has(c)) };
}

function adjustment(a: Adjustment): AdjustmentInput {
  const out: AdjustmentInput = { points: toCenti(a.points), accepted: a.accepted };
  if (a.code !== undefined) out.code = a.code;
  if (a.unitNote !== undefined) out.unitNote = a.unitNote;
  if (a.appraiserNote !== undefined) out.appraiserNote = a.appraiserNote;
  return out;
}
