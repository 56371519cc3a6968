import { surveyTemplateCsv } from "@/lib/io/survey-import";
import { authorize } from "@/lib/server/auth/session";
import { handler } from "@/lib/server/http/handler";

export const dynamic = "force-dynamic";

export const GET = handler(async () => {
  await authorize("cycle.manage");
  return new Response(surveyTemplateCsv(), { headers: { "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": 'attachment; filename="mau-ket-qua-dieu-tra.csv"' } });
});
