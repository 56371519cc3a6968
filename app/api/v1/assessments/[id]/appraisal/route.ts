import { NextResponse } from "next/server";
import { z } from "zod";
import { decideSchema } from "@/lib/schemas/appraisal";
import { authorize } from "@/lib/server/auth/session";
import { decideLeaf } from "@/lib/server/data/appraisal";
import { assessmentUnitId } from "@/lib/server/data/worksheet";
import { handler, NotFoundError } from "@/lib/server/http/handler";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };
const params = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

/**
 * One appraisal decision (JSON `{ criterion, score, reason? }`), the same as the review screen's: round 1,
 * or round 2 on a leaf the unit explained. The appraiser must be assigned the criterion (403 otherwise);
 * a closed or published cycle answers 409.
 */
export const POST = handler(async (request: Request, context: Context) => {
  const { id } = params.parse(await context.params);
  const body = decideSchema.omit({ assessmentId: true }).parse(await request.json().catch(() => ({})));
  const unitId = await assessmentUnitId(id);
  const user = await authorize("appraisal.score", { unitId: unitId ?? "(unknown)", areaCode: body.criterion });
  if (!unitId) throw new NotFoundError("notFound");
  const decision = await decideLeaf({ ...body, assessmentId: id }, user.id);
  return NextResponse.json(decision, { headers: { "Cache-Control": "no-store" } });
});
