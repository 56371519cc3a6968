import "server-only";
import { selfAssessmentWindow, writeRefusal, type AssessmentStatus } from "@/lib/domain/worksheet";
import type { Tx } from "@/lib/server/db/client";
import { UserError } from "./errors";

/**
 * Inside a write transaction: the assessment, once it is certain the unit may write to it now
 * (status and the self-assessment deadline, with the unit's extension). Throws a UserError otherwise.
 */
export async function writableAssessment(tx: Tx, assessmentId: string, now = new Date()) {
  const a = await tx.assessment.findUnique({ where: { id: assessmentId },
    include: { cycle: { include: { deadlines: true } }, extensions: { where: { phase: "SELF_ASSESSMENT" } } } });
  if (!a) throw new UserError("worksheet.errors.notFound");
  const window = selfAssessmentWindow(a.cycle.deadlines, a.extensions[0]?.closesAt ?? null);
  const refusal = writeRefusal(a.status as AssessmentStatus, window, now);
  if (refusal) throw new UserError(refusal.key, refusal.values);
  return a;
}
