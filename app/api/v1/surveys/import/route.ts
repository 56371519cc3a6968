import { NextResponse } from "next/server";
import { z } from "zod";
import { tooLarge } from "@/lib/io/framework-file";
import { IMPORT_LIMITS } from "@/lib/io/framework-xlsx";
import { surveyRowsToDoc } from "@/lib/io/survey-doc";
import { surveyFromFile } from "@/lib/io/survey-import";
import { authorize } from "@/lib/server/auth/session";
import { planSurveys } from "@/lib/server/data/exchange";
import { handler } from "@/lib/server/http/handler";

export const dynamic = "force-dynamic";

const yearSchema = z.coerce.number().int().min(2000).max(2100);

/**
 * Survey import step 1 (preview): parses the CSV/XLSX file, converts sociological results to points
 * with each unit's framework and answers the plan or the errors. Saves nothing.
 */
export const POST = handler(async (request: Request) => {
  await authorize("cycle.manage");
  if (Number(request.headers.get("content-length") ?? 0) > IMPORT_LIMITS.maxBytes) {
    return NextResponse.json({ ok: false, errors: [tooLarge()] }, { status: 413 });
  }
  const form = await request.formData();
  const year = yearSchema.parse(form.get("year"));
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) {
    return NextResponse.json({ ok: false, errors: [{ sheet: "", row: 0, key: "frameworks.importPage.noFile" }] }, { status: 400 });
  }
  const parsed = await surveyFromFile(new Uint8Array(await file.arrayBuffer()));
  if (!parsed.ok) return NextResponse.json(parsed, { status: 422 });
  const converted = surveyRowsToDoc(year, parsed.value);
  if (!converted.ok) return NextResponse.json({ ok: false, errors: converted.errors }, { status: 422 });
  const plan = await planSurveys(converted.doc);
  if (plan.issues.length) {
    return NextResponse.json({ ok: false, errors: plan.issues.map((i) => ({ sheet: i.unit, row: 0, column: i.code || undefined,
      key: `scores.issues.${i.key}`, values: { code: i.code, ...i.values } })) }, { status: 422 });
  }
  return NextResponse.json({ ok: true, doc: converted.doc, rows: plan.rows.map(({ unitId: _u, criterionId: _c, ...r }) => r) });
});
