import { NextResponse } from "next/server";
import { z } from "zod";
import { can } from "@/lib/auth/permissions";
import { authorize } from "@/lib/server/auth/session";
import { assertEvidenceWritable, evidenceAssessment, listEvidence, recordUploadedEvidence } from "@/lib/server/data/evidence";
import { evidenceJson, uploadLimitsJson } from "@/lib/server/evidence/api";
import { evidenceLimits, receiveEvidenceUpload } from "@/lib/server/evidence/upload";
import { handler, NotFoundError } from "@/lib/server/http/handler";
import { evidenceStorage } from "@/lib/server/storage";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };
const params = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

/** The assessment, once the user may do `action` on its unit (checked before saying whether it exists). */
async function assessmentFor(context: Context, action: "assessment.read" | "assessment.edit") {
  const { id } = params.parse(await context.params);
  const assessment = await evidenceAssessment(id);
  const user = await authorize(action, { unitId: assessment?.unitId ?? "(unknown)" });
  if (!assessment) throw new NotFoundError("notFound");
  return { assessment, user };
}

/** The assessment's evidence files with the leaves they support, and the upload limits. */
export const GET = handler(async (_request: Request, context: Context) => {
  const { assessment, user } = await assessmentFor(context, "assessment.read");
  const evidence = await listEvidence(assessment.id);
  const writable = can(user, "assessment.edit", { unitId: assessment.unitId })
    && await assertEvidenceWritable(assessment.id).then(() => true, () => false);
  return NextResponse.json({ evidence: evidence.map(evidenceJson), writable, limits: uploadLimitsJson(evidenceLimits()) },
    { headers: { "Cache-Control": "no-store" } });
});

/**
 * Upload (multipart/form-data): one or more file parts and an optional `criterion` field (a leaf code)
 * to link them to. All or nothing: a refused file refuses the request and nothing is stored.
 */
export const POST = handler(async (request: Request, context: Context) => {
  const { assessment, user } = await assessmentFor(context, "assessment.edit");
  // Refuse at once when the worksheet is closed, before receiving the files (checked again when recording).
  await assertEvidenceWritable(assessment.id);
  const storage = evidenceStorage();
  const upload = await receiveEvidenceUpload(request, { storage, keyPrefix: assessment.id });
  const { items, reused } = await recordUploadedEvidence(assessment.id, upload.files, upload.criterion, user.id, { storage });
  return NextResponse.json({ evidence: items.map(evidenceJson), reused }, { status: 201, headers: { "Cache-Control": "no-store" } });
});
