import { frameworkToXlsx } from "@/lib/io/framework-xlsx";
import { authorize } from "@/lib/server/auth/session";
import { handler } from "@/lib/server/http/handler";
import { TEMPLATE_FRAMEWORK } from "@/lib/io/framework-template";

export const dynamic = "force-dynamic";

/** The Excel template: the real Cà Mau fragment as a filled-in example. */
export const GET = handler(async () => {
  await authorize("framework.manage");
  const body = await frameworkToXlsx(TEMPLATE_FRAMEWORK);
  return new Response(new Uint8Array(body), { headers: {
    "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "Content-Disposition": 'attachment; filename="mau-bo-tieu-chi.xlsx"',
  } });
});
