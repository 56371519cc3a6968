import { NextResponse } from "next/server";
import { healthReport } from "@/lib/server/data/system";

export const dynamic = "force-dynamic";

/** Public liveness/readiness probe for load balancers: no data beyond the database mode. */
export async function GET(): Promise<Response> {
  const report = await healthReport();
  return NextResponse.json(report, { status: report.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
