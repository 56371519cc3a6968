import type { PhaseWindow } from "./phases";

/**
 * Rules of the unit's self-assessment worksheet. Pure: the server data layer asks these before any
 * write, and the page uses the same answers to show why it is read-only.
 */
export type AssessmentStatus = "NOT_STARTED" | "IN_PROGRESS" | "SUBMITTED" | "APPRAISED_R1" | "EXPLANATION" | "APPRAISED_R2" | "APPROVED" | "PUBLISHED";

export type WriteRefusal =
  | { key: "worksheet.errors.notOpen"; values: { opensAt: string } }
  | { key: "worksheet.errors.closed"; values: { closesAt: string } }
  | { key: "worksheet.errors.submitted"; values: Record<string, never> }
  | { key: "worksheet.errors.noDeadline"; values: Record<string, never> };

/** The self-assessment window of one unit: the cycle's, with the unit's extension if later. */
export function selfAssessmentWindow(windows: readonly PhaseWindow[], extendedTo: Date | null): PhaseWindow | null {
  const w = windows.find((x) => x.phase === "SELF_ASSESSMENT");
  if (!w) return null;
  return extendedTo && extendedTo > w.closesAt ? { ...w, closesAt: extendedTo } : w;
}

/** Why the unit may not write to its worksheet now, or null when it may. Deadlines are exclusive. */
export function writeRefusal(status: AssessmentStatus, window: PhaseWindow | null, now: Date): WriteRefusal | null {
  if (status !== "NOT_STARTED" && status !== "IN_PROGRESS") return { key: "worksheet.errors.submitted", values: {} };
  if (!window) return { key: "worksheet.errors.noDeadline", values: {} };
  if (now < window.opensAt) return { key: "worksheet.errors.notOpen", values: { opensAt: window.opensAt.toISOString() } };
  if (now >= window.closesAt) return { key: "worksheet.errors.closed", values: { closesAt: window.closesAt.toISOString() } };
  return null;
}

export type SubmissionLeaf = {
  code: string;
  selfScored: boolean;
  hasScore: boolean;
  evidenceMandatory: boolean;
  evidenceCount: number;
  explanation: string | null;
};

export type SubmissionProblem = { code: string; key: "worksheet.problems.missingScore" | "worksheet.problems.missingEvidence" };

/**
 * What stops a submission: a self-scored leaf without a score; a leaf whose evidence is mandatory with
 * neither a file nor an explanation of why none exists.
 */
export function submissionProblems(leaves: readonly SubmissionLeaf[]): SubmissionProblem[] {
  const out: SubmissionProblem[] = [];
  for (const l of leaves) {
    if (!l.selfScored) continue;
    if (!l.hasScore) out.push({ code: l.code, key: "worksheet.problems.missingScore" });
    else if (l.evidenceMandatory && l.evidenceCount === 0 && !(l.explanation ?? "").trim()) {
      out.push({ code: l.code, key: "worksheet.problems.missingEvidence" });
    }
  }
  return out;
}
