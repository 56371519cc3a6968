import { NextResponse } from "next/server";
import { Readable } from "node:stream";
import { z } from "zod";
import { authorize } from "@/lib/server/auth/session";
import { deleteEvidence, evidenceForDownload } from "@/lib/server/data/evidence";
import { UserError } from "@/lib/server/data/errors";
import { contentDisposition } from "@/lib/server/evidence/api";
import { isPreviewable } from "@/lib/server/evidence/file-types";
import { handler, NotFoundError } from "@/lib/server/http/handler";
import { evidenceStorage, StorageNotFoundError } from "@/lib/server/storage";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };
const params = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

async function evidenceFor(context: Context, action: "assessment.read" | "assessment.edit") {
  const { id } = params.parse(await context.params);
  const evidence = await evidenceForDownload(id);
  const user = await authorize(action, { unitId: evidence?.unitId ?? "(unknown)" });
  if (!evidence) throw new NotFoundError("notFound");
  return { evidence, user };
}

/**
 * Download (attachment), or `?inline=1` to preview a PDF, JPEG or PNG in the browser (other types are
 * always downloaded). The content was checked at upload; `nosniff` keeps the browser from reading it
 * as anything else.
 */
export const GET = handler(async (request: Request, context: Context) => {
  const { evidence } = await evidenceFor(context, "assessment.read");
  const inline = new URL(request.url).searchParams.get("inline") === "1" && isPreviewable(evidence.mimeType);
  const etag = `"${evidence.sha256}"`;
  const headers = new Headers({
    "Content-Type": evidence.mimeType,
    "Content-Disposition": contentDisposition(inline ? "inline" : "attachment", evidence.fileName),
    "X-Content-Type-Options": "nosniff",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cache-Control": "private, no-cache",
    ETag: etag,
  });
  if (inline) {
    // Images: a sandboxed document with nothing allowed but the image itself. PDFs: Chromium refuses
    // to start its PDF viewer in a sandboxed document (any sandbox flags), so a PDF gets a strict policy
    // without `sandbox`; its scripts, if any, run inside the browser's isolated PDF viewer.
    headers.set("Content-Security-Policy", evidence.mimeType === "application/pdf"
      ? "default-src 'none'; img-src 'self' data: blob:; style-src 'unsafe-inline'; frame-ancestors 'self'"
      : "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'");
  }
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  let body: Readable;
  try {
    body = await evidenceStorage().get(evidence.storageKey);
  } catch (error) {
    if (!(error instanceof StorageNotFoundError)) throw error;
    console.error(`evidence ${evidence.id}: stored object ${evidence.storageKey} is missing`);
    throw new UserError("evidence.errors.fileMissing", { name: evidence.fileName });
  }
  headers.set("Content-Length", String(evidence.sizeBytes));
  return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, { status: 200, headers });
});

/** Deletes the file (and its links to leaves); only while the unit may still change its worksheet. */
export const DELETE = handler(async (_request: Request, context: Context) => {
  const { evidence, user } = await evidenceFor(context, "assessment.edit");
  await deleteEvidence(evidence.id, user.id);
  return NextResponse.json({ deleted: evidence.id }, { headers: { "Cache-Control": "no-store" } });
});
