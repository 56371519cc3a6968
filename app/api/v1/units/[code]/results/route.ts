import { UnitCodeParam, UnitResultsSchema } from "@/lib/schemas/api";
import { authorizeToken } from "@/lib/server/auth/api-token";
import { unitResultsForApi } from "@/lib/server/data/api-results";
import { ApiError, handler, validatedJson } from "@/lib/server/http/handler";

export const dynamic = "force-dynamic";

/** Read API: a unit's own published results over the years, newest first, with its lineage. Needs an API token. */
export const GET = handler(async (request: Request, context: { params: Promise<{ code: string }> }) => {
  await authorizeToken(request);
  const raw = (await context.params).code;
  const code = UnitCodeParam.safeParse(raw);
  if (!code.success) throw new ApiError(400, "invalidUnitCode", "invalidUnitCode", { code: raw.slice(0, 40) });
  const results = await unitResultsForApi(code.data);
  if (!results) throw new ApiError(404, "notFound", "unitNotFound", { code: code.data.toUpperCase() });
  return validatedJson(UnitResultsSchema, results, { headers: { "Cache-Control": "no-store" } });
});
