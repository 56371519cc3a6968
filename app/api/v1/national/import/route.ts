import { NextResponse } from "next/server";
import { parseNationalCsv } from "@/lib/io/national";
import { IMPORT_LIMITS, tooLargeError } from "@/lib/io/import-cells";
import { authorize } from "@/lib/server/auth/session";
import { nationalStoredCounts } from "@/lib/server/data/national";
import { handler } from "@/lib/server/http/handler";

export const dynamic = "force-dynamic";

/**
 * National import step 1 (preview): parses and checks the CSV, and answers the rows with, per year,
 * how many results it holds and how many stored results it would replace; or the issues by row and
 * column. Saves nothing.
 */
export const POST = handler(async (request: Request) => {
  await authorize("national.manage");
  if (Number(request.headers.get("content-length") ?? 0) > IMPORT_LIMITS.maxBytes) {
    return NextResponse.json({ ok: false, errors: [tooLargeError()] }, { status: 413 });
  }
  const form = await request.formData();
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) {
    return NextResponse.json({ ok: false, errors: [{ sheet: "", row: 0, key: "frameworks.importPage.noFile" }] }, { status: 400 });
  }
  const parsed = parseNationalCsv(new Uint8Array(await file.arrayBuffer()), { maxYear: new Date().getFullYear() });
  if (!parsed.ok) return NextResponse.json({ ok: false, errors: parsed.issues }, { status: 422 });
  const stored = await nationalStoredCounts(parsed.years.map((y) => y.year));
  return NextResponse.json({ ok: true, rows: parsed.rows, years: parsed.years.map((y) => ({ ...y, stored: stored.get(y.year) ?? null })) });
});
