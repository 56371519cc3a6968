import { GroupParam, CycleResultsSchema, YearParam } from "@/lib/schemas/api";
import { authorizeToken } from "@/lib/server/auth/api-token";
import { cycleResultsForApi } from "@/lib/server/data/api-results";
import { ApiError, handler, validatedJson } from "@/lib/server/http/handler";

export const dynamic = "force-dynamic";

/**
 * Read API: the published ranking of a cycle with component indices and year-over-year change;
 * `?group=SBN|XA` for one unit group. Needs an API token.
 */
export const GET = handler(async (request: Request, context: { params: Promise<{ year: string }> }) => {
  await authorizeToken(request);
  const raw = (await context.params).year;
  const year = /^\d{4}$/.test(raw) ? YearParam.safeParse(raw) : null;
  if (!year?.success) throw new ApiError(400, "invalidYear", "invalidYear", { year: raw });
  const groupText = new URL(request.url).searchParams.get("group");
  const group = groupText === null ? null : GroupParam.safeParse(groupText);
  if (group && !group.success) throw new ApiError(400, "invalidGroup", "invalidGroup", { group: groupText ?? "" });

  const results = await cycleResultsForApi(year.data);
  if (!results) throw new ApiError(404, "notPublished", "resultsNotPublished", { year: year.data });
  if (group) {
    const code = group.data.toUpperCase();
    if (!results.groups.some((g) => g.code === code)) {
      throw new ApiError(404, "groupNotFound", "groupNotInResults", { group: code, year: year.data, groups: results.groups.map((g) => g.code).join(", ") });
    }
    results.groups = results.groups.filter((g) => g.code === code);
    results.units = results.units.filter((u) => u.group === code);
  }
  return validatedJson(CycleResultsSchema, results, { headers: { "Cache-Control": "no-store" } });
});
