import { NextResponse } from "next/server";
import { frameworkJsonSchema } from "@/lib/schemas/framework";

export const dynamic = "force-static";

/** Public: the JSON Schema of the framework exchange format (par-framework/v1). Contains no data. */
export function GET(): Response {
  return NextResponse.json(
    { $id: "/api/v1/schemas/framework.json", title: "PAR INDEX criterion set (par-framework/v1)", ...(frameworkJsonSchema() as object) },
    { headers: { "Cache-Control": "public, max-age=3600" } },
  );
}
