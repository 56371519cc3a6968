import { NextResponse } from "next/server";
import { z } from "zod";
import { authorize } from "@/lib/server/auth/session";
import { recordSupplementaryEvidence, requestOwner } from "@/lib/server/data/appraisal";
import { receiveEvidenceUpload } from "@/lib/server/evidence/upload";
import { handler, NotFoundError } from "@/lib/server/http/handler";
import { evidenceStorage } from "@/lib/server/storage";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };
const params = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

/**
 * Supplementary evidence with an explanation (multipart/form-data, one or more files): the unit's own
 * staff, while the request is open (before its deadline, not yet answered). Checked by content and size
 * like any evidence; all or nothing.
 */
export const POST = handler(async (request: Request, context: Context) => {
  const { id } = params.parse(await context.params);
  const owner = await requestOwner(id);
  const user = await authorize("assessment.explain", { unitId: owner?.unitId ?? "(unknown)" });
  if (!owner) throw new NotFoundError("notFound");
  const storage = evidenceStorage();
  const upload = await receiveEvidenceUpload(request, { storage, keyPrefix: owner.assessmentId });
  const files = await recordSupplementaryEvidence(id, upload.files, user.id, { storage });
  return NextResponse.json({ files: files.map((f) => ({ ...f, url: `/api/v1/evidence/${encodeURIComponent(f.id)}` })) },
    { status: 201, headers: { "Cache-Control": "no-store" } });
});
