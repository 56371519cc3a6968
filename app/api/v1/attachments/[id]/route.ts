import { Readable } from "node:stream";
import { z } from "zod";
import { authorizeOwner } from "@/lib/server/auth/attachments";
import { attachmentForDownload, ownerAccess } from "@/lib/server/data/attachments";
import { UserError } from "@/lib/server/data/errors";
import { contentDisposition } from "@/lib/server/evidence/api";
import { handler } from "@/lib/server/http/handler";
import { evidenceStorage, StorageNotFoundError } from "@/lib/server/storage";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };
const params = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

/** Download of an attached file, for whoever may read its owner (always as an attachment, never rendered). */
export const GET = handler(async (_request: Request, context: Context) => {
  const { id } = params.parse(await context.params);
  const found = await attachmentForDownload(id);
  await authorizeOwner(found ? await ownerAccess(found.owner) : null, "read");
  const file = found!;
  let body: Readable;
  try {
    body = await evidenceStorage().get(file.storageKey);
  } catch (error) {
    if (!(error instanceof StorageNotFoundError)) throw error;
    console.error(`attachment ${id}: stored object ${file.storageKey} is missing`);
    throw new UserError("evidence.errors.fileMissing", { name: file.fileName });
  }
  return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, { status: 200, headers: {
    "Content-Type": file.mimeType,
    "Content-Disposition": contentDisposition("attachment", file.fileName),
    "Content-Length": String(file.sizeBytes),
    "X-Content-Type-Options": "nosniff",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Content-Security-Policy": "sandbox; default-src 'none'; frame-ancestors 'none'",
    "Cache-Control": "private, no-cache",
  } });
});
