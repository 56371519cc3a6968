import { z } from "zod";

/*
 * The read API (`/api/v1/cycles…`, `/api/v1/units/…/results`): its parameters and responses as zod
 * schemas. The route handlers validate every response against them, and the OpenAPI document
 * (`/api/v1/openapi.json`) is generated from the same schemas, so the two cannot drift apart.
 * Also the admin's input for issuing and revoking API tokens.
 */

// ---- Parameters ---------------------------------------------------------------------------------

export const YearParam = z.coerce.number().int().min(2000).max(2100)
  .meta({ id: "Year", description: "Year of an assessment cycle (kỳ đánh giá), four digits.", examples: [2025] });

export const UnitCodeParam = z.string().trim().min(1).max(32).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/)
  .meta({ id: "UnitCode", description: "Code of a department, agency or commune (mã cơ quan, đơn vị), case-insensitive.", examples: ["STC"] });

export const GroupParam = z.string().trim().min(1).max(32).regex(/^[A-Za-z0-9_-]+$/)
  .meta({ id: "GroupCode", description: "Code of a unit group (nhóm đơn vị): SBN for departments and agencies, XA for communes and wards.", examples: ["SBN"] });

// ---- Responses ----------------------------------------------------------------------------------

const index = z.number().min(0).max(100)
  .describe("PAR index in percent, rounded half up to 2 decimals (87.14 means 87.14 %).");
const points = z.number().describe("Points, exact to 2 decimals.");
const year = z.number().int().min(2000).max(2100);

export const ApiErrorSchema = z.object({
  error: z.object({
    code: z.string().describe("Machine-readable error code, e.g. notFound, invalidToken."),
    message: z.string().describe("What went wrong, in the request's language (Vietnamese by default)."),
    values: z.record(z.string(), z.union([z.string(), z.number()])).optional().describe("Parameters of the message."),
    issues: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })).optional()
      .describe("Each problem of a refused input."),
  }),
}).meta({ id: "Error", description: "Every refusal: a code and a message for people." });

export const LocalizedNameSchema = z.object({
  vi: z.string().describe("Vietnamese name."),
  en: z.string().describe("English name."),
}).meta({ id: "LocalizedName", description: "A name in Vietnamese and English." });

export const PublishedCycleSchema = z.object({
  year,
  name: LocalizedNameSchema,
  publishedAt: z.iso.datetime().describe("When the results were published (ISO 8601, UTC)."),
  unitCount: z.number().int().min(0).describe("Number of units with published results."),
  averageIndex: index.nullable().describe("Mean index of the units (each unit counts once), rounded half up to 2 decimals; null without units."),
}).meta({ id: "PublishedCycle", description: "A cycle whose results are published." });

export const CycleListSchema = z.object({
  cycles: z.array(PublishedCycleSchema).describe("Newest first."),
}).meta({ id: "CycleList", description: "The published cycles." });

export const AreaSchema = z.object({
  code: z.string().describe("Code of the area (lĩnh vực), a top-level criterion."),
  title: LocalizedNameSchema,
  max: points.describe("Maximum points of the area."),
}).meta({ id: "Area", description: "An area of a criterion set: its component index is reported per unit." });

export const AreaIndicesSchema = z.record(z.string(), index.nullable())
  .meta({ id: "AreaIndices", description: "Component index of each area, by area code; null when the area has no points." });

export const ChangeSchema = z.object({
  basis: z.enum(["same", "lineage", "merged", "none"])
    .describe("same: the unit's own previous result; lineage: its predecessors' (renamed or newly merged unit); merged: its own plus the units it absorbed; none: nothing comparable."),
  previousCodes: z.array(z.string()).describe("Units whose previous results were compared (combined as Σ points ÷ Σ maximum)."),
  previousIndex: index.nullable().describe("The comparable previous index."),
  indexDelta: z.number().nullable().describe("Index minus previous index, in percentage points (2 decimals)."),
  rankDelta: z.number().int().nullable().describe("Previous rank minus current rank (positive: moved up); null for a combined previous result."),
}).meta({ id: "Change", description: "Change against the previous published cycle, following unit lineage (mergers)." });

export const RankedUnitSchema = z.object({
  code: z.string(),
  name: LocalizedNameSchema,
  group: z.string().nullable().describe("Unit group code."),
  region: z.string().nullable().describe("Region code (communes): DOTHI, DONGBANG or MIENNUI."),
  achieved: points.describe("Points achieved."),
  max: points.describe("Maximum points."),
  index,
  band: z.string().nullable().describe("Classification band (xếp loại), e.g. A, B."),
  rank: z.number().int().min(1).describe("Rank within the unit group (the published rank); ties share a rank."),
  groupSize: z.number().int().min(1).describe("Number of ranked units in the group."),
  areas: AreaIndicesSchema,
  change: ChangeSchema.nullable().describe("Null for the first published cycle."),
}).meta({ id: "RankedUnit", description: "One unit's published result in a cycle ranking." });

export const CycleResultsSchema = z.object({
  year,
  name: LocalizedNameSchema,
  publishedAt: z.iso.datetime(),
  previousYear: year.nullable().describe("The published cycle the changes compare with."),
  groups: z.array(z.object({ code: z.string(), areas: z.array(AreaSchema) }))
    .describe("Unit groups present, each with the areas of its criterion set."),
  units: z.array(RankedUnitSchema).describe("By group, then rank, then code."),
}).meta({ id: "CycleResults", description: "The published ranking of a cycle with component indices." });

export const UnitYearResultSchema = z.object({
  year,
  achieved: points,
  max: points,
  index,
  band: z.string().nullable(),
  rank: z.number().int().min(1).describe("Rank within the unit group."),
  groupSize: z.number().int().min(1),
  areas: AreaIndicesSchema,
}).meta({ id: "UnitYearResult", description: "A unit's published result in one cycle." });

export const UnitResultsSchema = z.object({
  unit: z.object({
    code: z.string(),
    name: LocalizedNameSchema,
    group: z.string().nullable(),
    region: z.string().nullable(),
    activeFrom: z.number().int().describe("First year the unit exists."),
    activeTo: z.number().int().nullable().describe("Last year the unit exists (e.g. merged into another); null while active."),
    predecessors: z.array(z.string()).describe("Codes of the units it continues (renamed, merged into it)."),
    successors: z.array(z.string()).describe("Codes of the units that continue it."),
  }),
  results: z.array(UnitYearResultSchema).describe("The unit's own published results, newest first (predecessors' results are under their own codes)."),
}).meta({ id: "UnitResults", description: "A unit's published results over the years." });

export type PublishedCycle = z.input<typeof PublishedCycleSchema>;
export type CycleList = z.input<typeof CycleListSchema>;
export type CycleResults = z.input<typeof CycleResultsSchema>;
export type RankedUnit = z.input<typeof RankedUnitSchema>;
export type UnitResults = z.input<typeof UnitResultsSchema>;
export type UnitYearResult = z.input<typeof UnitYearResultSchema>;

// ---- OpenAPI ------------------------------------------------------------------------------------

/** The schemas published under components.schemas, each under its `.meta()` id. */
const COMPONENTS = [YearParam, UnitCodeParam, GroupParam, ApiErrorSchema, LocalizedNameSchema, PublishedCycleSchema, CycleListSchema,
  AreaSchema, AreaIndicesSchema, ChangeSchema, RankedUnitSchema, CycleResultsSchema, UnitYearResultSchema, UnitResultsSchema] as const;

type JsonObject = { [key: string]: unknown };

/** JSON Schema (2020-12, as OpenAPI 3.1 uses) of each component, generated by zod, `$ref`s between them. */
export function componentSchemas(): Record<string, JsonObject> {
  const registry = z.registry<{ id: string }>();
  for (const schema of COMPONENTS) registry.add(schema, { id: idOf(schema) });
  const { schemas } = z.toJSONSchema(registry, { target: "draft-2020-12", uri: (id) => `#/components/schemas/${id}` });
  return Object.fromEntries(Object.entries(schemas).map(([id, schema]) => {
    const { $id: _id, $schema: _schema, ...rest } = schema as JsonObject;
    return [id, rest];
  }));
}

function idOf(schema: z.ZodType): string {
  const id = z.globalRegistry.get(schema)?.id;
  if (!id) throw new Error("An API component schema has no .meta({ id })");
  return id;
}

const ref = (schema: z.ZodType) => ({ $ref: `#/components/schemas/${idOf(schema)}` });
const jsonOf = (schema: z.ZodType) => ({ "application/json": { schema: ref(schema) } });

const ERRORS = {
  400: "The parameters are malformed.",
  401: "The API token is missing, wrong, revoked or expired.",
  404: "Unknown or unpublished year, unknown unit group in that year, or unknown unit code.",
} as const;

type ResponseObject = { description: string; headers?: Record<string, unknown>; content: { "application/json": { schema: { $ref: string } } } };

function errorResponses(codes: (keyof typeof ERRORS)[]): Record<string, ResponseObject> {
  return Object.fromEntries(codes.map((code) => [String(code), {
    description: ERRORS[code],
    ...(code === 401 ? { headers: { "WWW-Authenticate": { description: "Bearer", schema: { type: "string" } } } } : {}),
    content: jsonOf(ApiErrorSchema),
  }]));
}

function readOperation(operationId: string, summary: string, description: string, success: z.ZodType, parameters: JsonObject[], errors: (keyof typeof ERRORS)[]) {
  return {
    get: {
      operationId, summary, description, tags: ["results"], parameters,
      responses: { "200": { description: "OK", content: jsonOf(success) }, ...errorResponses(errors) } as Record<string, ResponseObject>,
    },
  };
}

/** The OpenAPI 3.1 document of the read API, served at /api/v1/openapi.json. */
export function openApiDocument() {
  const yearParam = { name: "year", in: "path", required: true, description: idDescription(YearParam), schema: ref(YearParam) };
  const codeParam = { name: "code", in: "path", required: true, description: idDescription(UnitCodeParam), schema: ref(UnitCodeParam) };
  const groupParam = { name: "group", in: "query", required: false, description: "Only this unit group.", schema: ref(GroupParam) };
  return {
    openapi: "3.1.0",
    info: {
      title: "PAR INDEX — read API",
      version: "1.0.0",
      description: "Published results of the provincial Administrative Reform Index (Chỉ số CCHC): cycles, rankings with component "
        + "indices and year-over-year change, and each unit's results over the years. Every call needs an API token issued by an "
        + "administrator (Quản trị → Khóa API), sent as `Authorization: Bearer par_…`. Error messages follow the language "
        + "of the request (Vietnamese by default).",
    },
    servers: [{ url: "/api/v1", description: "This server" }],
    security: [{ bearerAuth: [] }],
    tags: [{ name: "results", description: "Published results (kết quả đã công bố)" }],
    paths: {
      "/cycles": readOperation("listCycles", "Published cycles", "The cycles whose results are published, newest first.", CycleListSchema, [], [401]),
      "/cycles/{year}/results": readOperation("cycleResults", "Ranking of a cycle",
        "Every unit's published index, band, rank in its group, component index per area and change against the previous "
        + "published cycle (merged units compared with their predecessors combined).", CycleResultsSchema, [yearParam, groupParam], [400, 401, 404]),
      "/units/{code}/results": readOperation("unitResults", "A unit's results over the years",
        "The unit's own published results, newest first, with its lineage.", UnitResultsSchema, [codeParam], [400, 401, 404]),
    },
    components: {
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "par_…", description: "API token issued by an administrator." } },
      schemas: componentSchemas(),
    },
  };
}

function idDescription(schema: z.ZodType): string {
  return z.globalRegistry.get(schema)?.description ?? "";
}

// ---- Admin input ---------------------------------------------------------------------------------

/** Issuing an API token: a name saying who or what uses it, and an optional lifetime in days. */
export const issueApiTokenSchema = z.object({
  name: z.string({ error: "apiTokens.errors.nameRequired" }).trim()
    .min(1, { error: "apiTokens.errors.nameRequired" }).max(80, { error: "apiTokens.errors.nameTooLong" }),
  expiresInDays: z.preprocess((v) => (v === "" || v === null ? undefined : v),
    z.coerce.number({ error: "apiTokens.errors.expiry" }).int({ error: "apiTokens.errors.expiry" })
      .min(1, { error: "apiTokens.errors.expiry" }).max(730, { error: "apiTokens.errors.expiry" }).optional()),
});
export type IssueApiTokenInput = z.infer<typeof issueApiTokenSchema>;

export const revokeApiTokenSchema = z.object({ id: z.string().min(1).max(64) });
