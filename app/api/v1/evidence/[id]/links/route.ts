import { NextResponse } from "next/server";
import { z } from "zod";
import { authorize } from "@/lib/server/auth/session";
import { evidenceForDownload, linkEvidence, unlinkEvidence } from "@/lib/server/data/evidence";
import { evidenceJson } from "@/lib/server/evidence/api";
import { handler, NotFoundError } from "@/lib/server/http/handler";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };
const params = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
/** A leaf criterion code, e.g. "1.2.3". */
const criterion = z.string().trim().min(1).max(32);
const linkBody = z.object({ criterion });

async function evidenceFor(context: Context) {
  const { id } = params.parse(await context.params);
  const evidence = await evidenceForDownload(id);
  const user = await authorize("assessment.edit", { unitId: evidence?.unitId ?? "(unknown)" });
  if (!evidence) throw new NotFoundError("notFound");
  return { evidence, user };
}

/** Links the file to one more leaf: body `{ "criterion": "1.2" }`. */
export const POST = handler(async (request: Request, context: Context) => {
  const { evidence, user } = await evidenceFor(context);
  const input = linkBody.parse(await request.json().catch(() => ({})));
  const item = await linkEvidence(evidence.id, input.criterion, user.id);
  return NextResponse.json({ evidence: evidenceJson(item) }, { headers: { "Cache-Control": "no-store" } });
});

/** Unlinks the file from a leaf: `?criterion=1.2`. The file itself stays. */
export const DELETE = handler(async (request: Request, context: Context) => {
  const { evidence, user } = await evidenceFor(context);
  const code = criterion.parse(new URL(request.url).searchParams.get("criterion") ?? "");
  const item = await unlinkEvidence(evidence.id, code, user.id);
  return NextResponse.json({ evidence: evidenceJson(item) }, { headers: { "Cache-Control": "no-store" } });
});
