import { nationalTemplateCsv } from "@/lib/io/national";
import { authorize } from "@/lib/server/auth/session";
import { handler } from "@/lib/server/http/handler";

export const dynamic = "force-dynamic";

/** The CSV template of the national import (UTF-8 with BOM, ";" separator, decimal comma). */
export const GET = handler(async () => {
  await authorize("national.manage");
  return new Response(nationalTemplateCsv(), { headers: { "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": 'attachment; filename="mau-chi-so-cchc-toan-quoc.csv"' } });
});
