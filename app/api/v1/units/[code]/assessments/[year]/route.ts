import { NextResponse } from "next/server";
import { z } from "zod";
import { authorize } from "@/lib/server/auth/session";
import { assessmentForApi, findUnitByCode } from "@/lib/server/data/assessments";
import { handler, NotFoundError } from "@/lib/server/http/handler";

export const dynamic = "force-dynamic";

const params = z.object({ code: z.string().min(1).max(32), year: z.coerce.number().int().min(2000).max(2100) });

/** One unit's assessment for a year: self scores and appraisal rounds. Unit staff: own unit only. */
export const GET = handler(async (_request: Request, context: { params: Promise<{ code: string; year: string }> }) => {
  const { code, year } = params.parse(await context.params);
  const unit = await findUnitByCode(code);
  // Check the permission before saying whether anything exists, so other units' data stays invisible.
  await authorize("assessment.read", { unitId: unit?.id ?? "(unknown)" });
  if (!unit) throw new NotFoundError("unitNotFound", { code });
  const assessment = await assessmentForApi(unit.id, year);
  if (!assessment) throw new NotFoundError("assessmentNotFound", { code, year });
  return NextResponse.json(assessment, { headers: { "Cache-Control": "no-store" } });
});
