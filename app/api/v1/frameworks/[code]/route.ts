import { NextResponse } from "next/server";
import { frameworkToXlsx } from "@/lib/io/framework-xlsx";
import { authorize } from "@/lib/server/auth/session";
import { frameworkDocument } from "@/lib/server/data/frameworks";
import { handler, NotFoundError } from "@/lib/server/http/handler";

export const dynamic = "force-dynamic";

/** Export a criterion set: JSON (par-framework/v1) by default, `?format=xlsx` for the Excel layout. */
export const GET = handler(async (request: Request, context: { params: Promise<{ code: string }> }) => {
  await authorize("cycle.read");
  const { code } = await context.params;
  const doc = await frameworkDocument(decodeURIComponent(code));
  if (!doc) throw new NotFoundError("frameworkNotFound", { code });
  const format = new URL(request.url).searchParams.get("format");
  if (format === "xlsx") {
    const body = await frameworkToXlsx(doc);
    return new Response(new Uint8Array(body), { headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="${doc.code}.xlsx"`,
    } });
  }
  return NextResponse.json(doc, { headers: { "Content-Disposition": `attachment; filename="${doc.code}.json"` } });
});
