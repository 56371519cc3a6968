import { surveyTemplateXlsx } from "@/lib/io/survey-import";
import { authorize } from "@/lib/server/auth/session";
import { handler } from "@/lib/server/http/handler";

export const dynamic = "force-dynamic";

export const GET = handler(async () => {
  await authorize("cycle.manage");
  return new Response(new Uint8Array(await surveyTemplateXlsx()), { headers: {
    "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "Content-Disposition": 'attachment; filename="mau-ket-qua-dieu-tra.xlsx"' } });
});
