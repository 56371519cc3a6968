import { CycleListSchema } from "@/lib/schemas/api";
import { authorizeToken } from "@/lib/server/auth/api-token";
import { publishedCycleList } from "@/lib/server/data/api-results";
import { handler, validatedJson } from "@/lib/server/http/handler";

export const dynamic = "force-dynamic";

/** Read API: the published cycles, newest first. Needs an API token (Authorization: Bearer par_…). */
export const GET = handler(async (request: Request) => {
  await authorizeToken(request);
  return validatedJson(CycleListSchema, await publishedCycleList(), { headers: { "Cache-Control": "no-store" } });
});
