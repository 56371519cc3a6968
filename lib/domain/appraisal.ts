import { toCenti, type Centi } from "./points";
import type { AssessmentStatus } from "./worksheet";

/**
 * Rules of the appraisal: round 1 on every self-scored leaf (accept, adjust with a reason, or ask for
 * an explanation), the explanation round (the unit answers before the request's deadline), round 2 on
 * the leaves with answers, then the council. Pure: the data layer asks these before every write and the
 * pages and the status grid use the same answers.
 */

export type RequestState = { dueAt: Date; answeredAt: Date | null };

/** One leaf as the appraisal sees it. */
export type LeafAppraisal = {
  code: string;
  /** Scored by the unit (survey leaves are not appraised). */
  selfScored: boolean;
  self: Centi | null;
  r1: Centi | null;
  r2: Centi | null;
  request: RequestState | null;
};

type Decimalish = string | number | { toString(): string };

/** A stored leaf (criterion + its score entry, rounds and request) as the appraisal rules see it. */
export function toLeafAppraisal(node: { code: string; source: string },
  entry: { selfScore: Decimalish | null; rounds: readonly { round: number; score: Decimalish }[]; requests: readonly RequestState[] } | null | undefined): LeafAppraisal {
  const round = (k: number) => entry?.rounds.find((r) => r.round === k)?.score;
  const r1 = round(1);
  const r2 = round(2);
  const request = entry?.requests[0];
  return {
    code: node.code, selfScored: node.source === "SELF",
    self: entry?.selfScore == null ? null : toCenti(entry.selfScore),
    r1: r1 === undefined ? null : toCenti(r1), r2: r2 === undefined ? null : toCenti(r2),
    request: request ? { dueAt: request.dueAt, answeredAt: request.answeredAt } : null,
  };
}

/** The stage of a cycle: open for appraisal, approved by the council, or published. */
export function cycleStage(c: { publishedAt: Date | null; approvedAt: Date | null }): CycleStage {
  return c.publishedAt ? "published" : c.approvedAt ? "approved" : "open";
}

export type AppraisalProgress = {
  status: Extract<AssessmentStatus, "SUBMITTED" | "APPRAISED_R1" | "EXPLANATION" | "APPRAISED_R2">;
  /** Round 1: decided leaves of all self-scored leaves. */
  r1Done: number;
  r1Total: number;
  /** Requests still waiting for the unit's answer (deadline not passed). */
  requestsOpen: number;
  /** Requests past their deadline without an answer (round 1 stays final on those leaves). */
  requestsExpired: number;
  requestsAnswered: number;
  /** Answered requests whose leaf has no round-2 score yet. */
  r2Pending: number;
};

/** Has the unit's time to answer `request` run out (deadlines are exclusive)? */
export function requestExpired(request: RequestState, now: Date): boolean {
  return request.answeredAt === null && now >= request.dueAt;
}

/** Where the appraisal of one submitted assessment stands. */
export function appraisalProgress(leaves: readonly LeafAppraisal[], now: Date): AppraisalProgress {
  const appraised = leaves.filter((l) => l.selfScored);
  const r1Done = appraised.filter((l) => l.r1 !== null).length;
  const requests = appraised.filter((l) => l.request !== null);
  const requestsAnswered = requests.filter((l) => l.request!.answeredAt !== null).length;
  const requestsExpired = requests.filter((l) => requestExpired(l.request!, now)).length;
  const requestsOpen = requests.length - requestsAnswered - requestsExpired;
  const r2Pending = requests.filter((l) => l.request!.answeredAt !== null && l.r2 === null).length;
  const base = { r1Done, r1Total: appraised.length, requestsOpen, requestsExpired, requestsAnswered, r2Pending };
  if (r1Done < appraised.length) return { status: "SUBMITTED", ...base };
  if (requests.length === 0) return { status: "APPRAISED_R1", ...base };
  if (requestsOpen > 0 || r2Pending > 0) return { status: "EXPLANATION", ...base };
  return { status: "APPRAISED_R2", ...base };
}

/** The score that counts for a leaf: the last round's, else the self score. */
export function finalScore(leaf: Pick<LeafAppraisal, "self" | "r1" | "r2">): Centi | null {
  return leaf.r2 ?? leaf.r1 ?? leaf.self;
}

export type CycleStage = "open" | "approved" | "published";

export type DecisionRefusalKey =
  | "appraisal.errors.closed"
  | "appraisal.errors.published"
  | "appraisal.errors.notSubmitted"
  | "appraisal.errors.notAppraisable"
  | "appraisal.errors.alreadyRequested"
  | "appraisal.errors.answered";

/**
 * Which round a decision on `leaf` goes into now, or why none may be taken. Round 1 until the unit
 * has answered an explanation request on the leaf; round 2 after that.
 */
export function decisionRound(stage: CycleStage, status: AssessmentStatus, leaf: LeafAppraisal):
  { round: 1 | 2 } | { refusal: DecisionRefusalKey } {
  const common = commonRefusal(stage, status, leaf);
  if (common) return { refusal: common };
  if (leaf.request?.answeredAt) return { round: 2 };
  return { round: 1 };
}

/** Why an explanation may not be requested on `leaf` now, or null. One request per leaf. */
export function requestRefusal(stage: CycleStage, status: AssessmentStatus, leaf: LeafAppraisal): DecisionRefusalKey | null {
  const common = commonRefusal(stage, status, leaf);
  if (common) return common;
  if (leaf.request) return "appraisal.errors.alreadyRequested";
  return null;
}

function commonRefusal(stage: CycleStage, status: AssessmentStatus, leaf: LeafAppraisal): DecisionRefusalKey | null {
  if (stage === "published") return "appraisal.errors.published";
  if (stage === "approved") return "appraisal.errors.closed";
  if (status === "NOT_STARTED" || status === "IN_PROGRESS") return "appraisal.errors.notSubmitted";
  if (!leaf.selfScored) return "appraisal.errors.notAppraisable";
  return null;
}

export type DecisionProblem = "appraisal.errors.scoreNotAllowed" | "appraisal.errors.reasonRequired";

/**
 * Checks a decision: the score must be one the rule allows; a score other than the unit's own needs a
 * reason (why points were cut or given back).
 */
export function decisionProblem(score: Centi, self: Centi | null, allowed: readonly Centi[], reason: string | null | undefined): DecisionProblem | null {
  if (!allowed.includes(score)) return "appraisal.errors.scoreNotAllowed";
  if (score !== self && !(reason ?? "").trim()) return "appraisal.errors.reasonRequired";
  return null;
}

/** Why the unit may not answer a request now, or null. */
export function answerRefusal(stage: CycleStage, request: RequestState, now: Date):
  "appraisal.errors.published" | "appraisal.errors.closed" | "appraisal.errors.answered" | "appraisal.errors.requestExpired" | null {
  if (stage === "published") return "appraisal.errors.published";
  if (stage === "approved") return "appraisal.errors.closed";
  if (request.answeredAt) return "appraisal.errors.answered";
  if (now >= request.dueAt) return "appraisal.errors.requestExpired";
  return null;
}

export type CouncilBlocker =
  | { key: "council.blockers.selfAssessmentOpen"; units: string[] }
  | { key: "council.blockers.appraisalUnfinished"; units: string[] }
  | { key: "council.blockers.explanationPending"; units: string[] };

export type CouncilUnit = { unitCode: string; status: AssessmentStatus; selfAssessmentClosesAt: Date | null };

/**
 * What keeps the secretariat from compiling a cycle for the council: units that may still write their
 * self-assessment, submitted units whose round 1 is unfinished, explanations or round 2 outstanding.
 * `units` lists the appraisal status as derived now (see appraisalProgress). Units that never submitted
 * are not blockers: they are scored on what they entered.
 */
export function councilBlockers(units: readonly CouncilUnit[], now: Date): CouncilBlocker[] {
  const out: CouncilBlocker[] = [];
  const open = units.filter((u) => (u.status === "NOT_STARTED" || u.status === "IN_PROGRESS")
    && (u.selfAssessmentClosesAt === null || now < u.selfAssessmentClosesAt)).map((u) => u.unitCode);
  if (open.length) out.push({ key: "council.blockers.selfAssessmentOpen", units: open });
  const r1 = units.filter((u) => u.status === "SUBMITTED").map((u) => u.unitCode);
  if (r1.length) out.push({ key: "council.blockers.appraisalUnfinished", units: r1 });
  const ex = units.filter((u) => u.status === "EXPLANATION").map((u) => u.unitCode);
  if (ex.length) out.push({ key: "council.blockers.explanationPending", units: ex });
  return out;
}

export type HistoryEvent =
  | { kind: "self"; at: Date; by: string | null; score: Centi | null; explanation: string | null }
  | { kind: "round"; round: number; at: Date; by: string | null; score: Centi; reason: string | null }
  | { kind: "request"; at: Date; by: string | null; text: string; dueAt: Date }
  | { kind: "answer"; at: Date; by: string | null; text: string; files: number };

/** A leaf's history in the order it happened: self → round 1 → explanation → round 2. */
export function leafHistory(events: readonly HistoryEvent[]): HistoryEvent[] {
  const order = (e: HistoryEvent) => (e.kind === "self" ? 0 : e.kind === "round" ? e.round * 10 : e.kind === "request" ? 11 : 12);
  return [...events].sort((a, b) => order(a) - order(b) || a.at.getTime() - b.at.getTime());
}
