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

/**
 * This route is left out of the site-wide Content-Security-Policy and X-Frame-Options (next.config.ts)
 * and sets its own, so that the app's own pages can frame a preview and no other site can.
 * Images: a sandboxed document with nothing allowed but the image itself. PDFs: Chromium refuses to
 * start its PDF viewer in a sandboxed document (any sandbox flags), so a PDF gets a strict policy without
 * `sandbox`; its scripts, if any, run inside the browser's isolated PDF viewer. Everything else
 * (downloads, 304s, errors) gets the strictest policy and may not be framed.
 */
const FRAMING = {
  pdf: { csp: "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; object-src 'self'; frame-ancestors 'self'", frame: "SAMEORIGIN" },
  image: { csp: "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'", frame: "SAMEORIGIN" },
  strict: { csp: "sandbox; default-src 'none'; frame-ancestors 'none'", frame: "DENY" },
} as const;

function setFraming(headers: Headers, kind: keyof typeof FRAMING): void {
  headers.set("Content-Security-Policy", FRAMING[kind].csp);
  headers.set("X-Frame-Options", FRAMING[kind].frame);
}

/** `handler`, and the strict policy on every response that has none of its own (errors included). */
function framed<C>(fn: (request: Request, context: C) => Promise<Response>) {
  const handled = handler(fn);
  return async (request: Request, context: C): Promise<Response> => {
    const response = await handled(request, context);
    if (!response.headers.has("Content-Security-Policy")) setFraming(response.headers, "strict");
    return response;
  };
}

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
 * as anything else. A preview may be framed by the app's own pages (see FRAMING).
 */
export const GET = framed(async (request: Request, context: Context) => {
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
  setFraming(headers, !inline ? "strict" : evidence.mimeType === "application/pdf" ? "pdf" : "image");
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
export const DELETE = framed(async (_request: Request, context: Context) => {
  const { evidence, user } = await evidenceFor(context, "assessment.edit");
  await deleteEvidence(evidence.id, user.id);
  return NextResponse.json({ deleted: evidence.id }, { headers: { "Cache-Control": "no-store" } });
});
