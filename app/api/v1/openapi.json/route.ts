import { NextResponse } from "next/server";
import { openApiDocument } from "@/lib/schemas/api";

export const dynamic = "force-static";

/** Public: the OpenAPI 3.1 document of the read API, generated from its zod schemas. Contains no data. */
export function GET(): Response {
  return NextResponse.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=3600" } });
}
