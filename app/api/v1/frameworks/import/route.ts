import { NextResponse } from "next/server";
import { leaves, flatten, frameworkMax } from "@/lib/domain/framework";
import { centiToNumber } from "@/lib/domain/points";
import { parseFrameworkFile, tooLarge } from "@/lib/io/framework-file";
import { IMPORT_LIMITS } from "@/lib/io/framework-xlsx";
import { authorize } from "@/lib/server/auth/session";
import { handler } from "@/lib/server/http/handler";

export const dynamic = "force-dynamic";

/**
 * Import step 1 (preview): reads the uploaded file and answers the parsed criterion set or its
 * row-level errors. Saves nothing; the confirmation is a separate server action.
 */
export const POST = handler(async (request: Request) => {
  await authorize("framework.manage");
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > IMPORT_LIMITS.maxBytes) return NextResponse.json({ ok: false, errors: [tooLarge()] }, { status: 413 });
  const form = await request.formData();
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) {
    return NextResponse.json({ ok: false, errors: [{ sheet: "", row: 0, key: "frameworks.importPage.noFile" }] }, { status: 400 });
  }
  const result = await parseFrameworkFile(Buffer.from(await file.arrayBuffer()));
  if (!result.ok) return NextResponse.json(result, { status: 422 });
  const doc = result.value;
  return NextResponse.json({ ok: true, doc, summary: { nodes: flatten(doc.tree).length, leaves: leaves(doc.tree).length, max: centiToNumber(frameworkMax(doc.tree)) } });
});
