import { NextResponse } from "next/server";
import { z } from "zod";
import { authorizeOwner } from "@/lib/server/auth/attachments";
import { ATTACHMENT_OWNERS, ownerAccess, recordAttachments } from "@/lib/server/data/attachments";
import { UserError } from "@/lib/server/data/errors";
import { receiveEvidenceUpload } from "@/lib/server/evidence/upload";
import { handler } from "@/lib/server/http/handler";
import { evidenceStorage } from "@/lib/server/storage";

export const dynamic = "force-dynamic";

const query = z.object({ owner: z.enum(ATTACHMENT_OWNERS), id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

/**
 * Files for a task's progress report, a finding's remediation report or an initiative:
 * `POST /api/v1/attachments?owner=taskUpdate|remediation|initiative&id=…` (multipart/form-data, one or
 * more files). Only the owner's unit (the lead unit, the inspected unit, the proposing unit) while the
 * owner is open; checked by content and size like evidence; all or nothing.
 */
export const POST = handler(async (request: Request) => {
  const q = query.parse(Object.fromEntries(new URL(request.url).searchParams));
  const owner = { kind: q.owner, id: q.id };
  const access = await ownerAccess(owner);
  const user = await authorizeOwner(access, "write");
  // Refused before reading the body: a closed owner takes no files (checked again when recording).
  if (!access!.open) throw new UserError("attachments.errors.closed");
  const storage = evidenceStorage();
  const upload = await receiveEvidenceUpload(request, { storage, keyPrefix: `attachments/${owner.kind}/${owner.id}` });
  const files = await recordAttachments(owner, upload.files, user.id, { storage });
  return NextResponse.json({ files }, { status: 201, headers: { "Cache-Control": "no-store" } });
});
