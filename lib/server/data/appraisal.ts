import "server-only";
import { can, type Actor } from "@/lib/auth/permissions";
import {
  answerRefusal, appraisalProgress, cycleStage, decisionProblem, decisionRound, finalScore, leafHistory, requestRefusal, toLeafAppraisal,
  type AppraisalProgress, type CycleStage, type HistoryEvent, type LeafAppraisal,
} from "@/lib/domain/appraisal";
import { leaves as leavesOf, type FrameworkDoc } from "@/lib/domain/framework";
import { vietnamTime } from "@/lib/domain/phases";
import { centiToDecimalString, centiToNumber, isCentiValue, toCenti, type Centi } from "@/lib/domain/points";
import { allowedScores, type Rule } from "@/lib/domain/rules";
import type { AssessmentStatus } from "@/lib/domain/worksheet";
import type { DecideInput, RequestExplanationInput } from "@/lib/schemas/appraisal";
import { db, type Tx } from "@/lib/server/db/client";
import { invalidateCompilation } from "./compilation";
import { discard, type ReceivedFile } from "@/lib/server/evidence/upload";
import { isPreviewable } from "@/lib/server/evidence/file-types";
import { evidenceStorage, type EvidenceStorage } from "@/lib/server/storage";
import { recordAudit } from "./audit";
import { UserError } from "./errors";
import { frameworkDocument } from "./frameworks";
import { notify, recipients } from "./notifications";

/**
 * The appraisal of one unit's assessment: round 1 (accept / adjust / request an explanation), the
 * unit's answers, round 2. Every decision: one transaction, one audit row; the assessment's status is
 * re-derived in the same transaction and a decision after the secretariat compiled the cycle sends it
 * back to be compiled again.
 */

type FileRef = { id: string; fileName: string; mimeType: string; sizeBytes: number; previewable: boolean };
type RoundView = { score: number; reason: string | null; at: string; by: string | null };

export type ReviewLeaf = {
  code: string;
  selfScored: boolean;
  max: number;
  rule: Rule;
  allowed: number[] | null;
  self: number | null;
  declared: number | null;
  explanation: string | null;
  r1: RoundView | null;
  r2: RoundView | null;
  final: number | null;
  request: { id: string; text: string; dueAt: string; at: string; by: string | null; answer: string | null; answeredAt: string | null;
    answeredBy: string | null; files: FileRef[] } | null;
  evidence: FileRef[];
  history: HistoryView[];
};

/** One step of a leaf's history, ready for a page (dates as ISO strings, points as numbers). */
export type HistoryView = { kind: HistoryEvent["kind"]; at: string; by: string | null; round?: number; score?: number | null;
  reason?: string | null; explanation?: string | null; text?: string; dueAt?: string; files?: number };

function historyView(ev: HistoryEvent): HistoryView {
  const base = { kind: ev.kind, at: ev.at.toISOString(), by: ev.by };
  switch (ev.kind) {
    case "self": return { ...base, score: ev.score === null ? null : centiToNumber(ev.score), explanation: ev.explanation };
    case "round": return { ...base, round: ev.round, score: centiToNumber(ev.score), reason: ev.reason };
    case "request": return { ...base, text: ev.text, dueAt: ev.dueAt.toISOString() };
    case "answer": return { ...base, text: ev.text, files: ev.files };
  }
}

export type Review = {
  assessment: { id: string; status: AssessmentStatus; submittedAt: Date | null; unitId: string; unitCode: string;
    unitNameVi: string; unitNameEn: string };
  cycle: { year: number; stage: CycleStage; deadlines: { phase: string; opensAt: Date; closesAt: Date }[] };
  progress: AppraisalProgress | null;
  /** The deadline a new explanation request proposes (YYYY-MM-DD, Vietnam date). */
  defaultDue: string;
  framework: FrameworkDoc;
  leaves: Record<string, ReviewLeaf>;
};

const submitted = (s: AssessmentStatus) => s !== "NOT_STARTED" && s !== "IN_PROGRESS";
const num = (d: { toString(): string } | null) => (d === null ? null : centiToNumber(toCenti(d)));
const fileRef = (f: { id: string; fileName: string; mimeType: string; sizeBytes: number }): FileRef =>
  ({ id: f.id, fileName: f.fileName, mimeType: f.mimeType, sizeBytes: f.sizeBytes, previewable: isPreviewable(f.mimeType) });

const entryInclude = {
  criterion: { select: { code: true } },
  rounds: { orderBy: { round: "asc" } },
  requests: { include: { evidence: { orderBy: { createdAt: "asc" } } } },
  evidence: { include: { evidence: true } },
} as const;

/** A unit's assessment as the appraisers review it (the newest cycle by default), or null. */
export async function reviewOf(unitCode: string, year?: number, now = new Date()): Promise<Review | null> {
  const prisma = await db();
  const a = await prisma.assessment.findFirst({
    where: { unit: { code: unitCode }, ...(year ? { cycle: { year } } : {}) },
    orderBy: { cycle: { year: "desc" } },
    include: { unit: true, framework: { select: { code: true } }, cycle: { include: { deadlines: true } }, entries: { include: entryInclude } },
  });
  if (!a) return null;
  const framework = await frameworkDocument(a.framework.code);
  if (!framework) return null;
  const userIds = new Set<string>();
  for (const e of a.entries) {
    if (e.updatedById) userIds.add(e.updatedById);
    for (const r of e.rounds) if (r.appraiserId) userIds.add(r.appraiserId);
    for (const q of e.requests) { if (q.requestedById) userIds.add(q.requestedById); if (q.answeredById) userIds.add(q.answeredById); }
  }
  const names = new Map((await prisma.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  const name = (id: string | null) => (id ? names.get(id) ?? null : null);
  const byCode = new Map(a.entries.map((e) => [e.criterion.code, e]));

  const leaves: Record<string, ReviewLeaf> = {};
  const states: LeafAppraisal[] = [];
  for (const l of leavesOf(framework.tree)) {
    const e = byCode.get(l.code);
    const rule = l.node.rule!;
    const selfScored = (l.node.source ?? "SELF") === "SELF";
    const max = toCenti(l.node.maxPoints);
    const round = (n: number) => e?.rounds.find((r) => r.round === n) ?? null;
    const roundView = (n: number): RoundView | null => {
      const r = round(n);
      return r ? { score: num(r.score)!, reason: r.reason, at: r.createdAt.toISOString(), by: name(r.appraiserId) } : null;
    };
    const q = e?.requests[0] ?? null;
    const state = toLeafAppraisal({ code: l.code, source: l.node.source ?? "SELF" }, e);
    states.push(state);
    const events: HistoryEvent[] = [];
    if (e && e.selfScore !== null) events.push({ kind: "self", at: e.updatedAt, by: name(e.updatedById), score: state.self, explanation: e.explanation });
    for (const r of e?.rounds ?? []) events.push({ kind: "round", round: r.round, at: r.createdAt, by: name(r.appraiserId), score: toCenti(r.score), reason: r.reason });
    if (q) {
      events.push({ kind: "request", at: q.createdAt, by: name(q.requestedById), text: q.request, dueAt: q.dueAt });
      if (q.answeredAt) events.push({ kind: "answer", at: q.answeredAt, by: name(q.answeredById), text: q.answer ?? "", files: q.evidence.length });
    }
    const f = finalScore(state);
    leaves[l.code] = {
      code: l.code, selfScored, max: centiToNumber(max), rule,
      allowed: selfScored ? (allowedScores(rule, max)?.map(centiToNumber) ?? null) : null,
      self: num(e?.selfScore ?? null), declared: e?.declaredValue == null ? null : Number(e.declaredValue.toString()), explanation: e?.explanation ?? null,
      r1: roundView(1), r2: roundView(2), final: f === null ? null : centiToNumber(f),
      request: q ? { id: q.id, text: q.request, dueAt: q.dueAt.toISOString(), at: q.createdAt.toISOString(), by: name(q.requestedById),
        answer: q.answer, answeredAt: q.answeredAt?.toISOString() ?? null, answeredBy: name(q.answeredById), files: q.evidence.map(fileRef) } : null,
      evidence: (e?.evidence ?? []).map((x) => fileRef(x.evidence)),
      history: leafHistory(events).map(historyView),
    };
  }
  const progress = submitted(a.status) ? appraisalProgress(states, now) : null;
  const stage = cycleStage(a.cycle);
  return {
    assessment: { id: a.id, status: derivedStatus(a.status, progress, stage), submittedAt: a.submittedAt, unitId: a.unitId,
      unitCode: a.unit.code, unitNameVi: a.unit.nameVi, unitNameEn: a.unit.nameEn },
    cycle: { year: a.cycle.year, stage, deadlines: a.cycle.deadlines },
    progress, framework, leaves, defaultDue: defaultRequestDue(a.cycle.deadlines, now),
  };
}

/** A new request's deadline: the explanation phase's closing day while it is ahead, else a week from now. */
function defaultRequestDue(deadlines: readonly { phase: string; closesAt: Date }[], now: Date): string {
  const explanation = deadlines.find((d) => d.phase === "EXPLANATION");
  const due = explanation && explanation.closesAt > now ? explanation.closesAt : new Date(now.getTime() + 7 * 86_400_000);
  return new Date(due.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/** The status to show: the cycle's stage for approved/published cycles, else the appraisal as it stands now. */
function derivedStatus(stored: AssessmentStatus, progress: AppraisalProgress | null, stage: CycleStage): AssessmentStatus {
  if (stage === "published") return "PUBLISHED";
  if (stage === "approved" && progress) return "APPROVED";
  return progress?.status ?? stored;
}

/** The leaves of an assessment as the appraisal rules see them (inside a transaction). */
async function leafStates(tx: Tx, assessment: { id: string; frameworkId: string }) {
  const nodes = await tx.criterionNode.findMany({ where: { frameworkId: assessment.frameworkId, children: { none: {} } },
    select: { id: true, code: true, source: true, rule: true, maxPoints: true } });
  const entries = await tx.scoreEntry.findMany({ where: { assessmentId: assessment.id },
    include: { rounds: true, requests: true } });
  const byCriterion = new Map(entries.map((e) => [e.criterionId, e]));
  return nodes.map((n) => {
    const e = byCriterion.get(n.id) ?? null;
    return { node: n, entry: e, state: toLeafAppraisal(n, e) };
  });
}

/** Re-derives the assessment's status after a change and sends a compiled cycle back to be compiled. */
async function afterChange(tx: Tx, assessment: { id: string; frameworkId: string; cycleId: string; status: AssessmentStatus }, now: Date): Promise<AssessmentStatus> {
  const states = (await leafStates(tx, assessment)).map((l) => l.state);
  const status = appraisalProgress(states, now).status;
  if (status !== assessment.status) await tx.assessment.update({ where: { id: assessment.id }, data: { status, version: { increment: 1 } } });
  await invalidateCompilation(tx, { id: assessment.cycleId });
  return status;
}

async function loadForAppraisal(tx: Tx, assessmentId: string) {
  const a = await tx.assessment.findUnique({ where: { id: assessmentId }, include: { cycle: true, unit: true } });
  if (!a) throw new UserError("appraisal.errors.notFound");
  return a;
}

function leafOf(states: Awaited<ReturnType<typeof leafStates>>, code: string) {
  const l = states.find((s) => s.node.code === code);
  if (!l) throw new UserError("appraisal.errors.unknownCriterion", { code });
  return l;
}

/** A leaf the unit scored: the only kind a decision can be taken on. */
function scoredEntry(l: ReturnType<typeof leafOf>) {
  if (!l.entry || l.state.self === null || !l.state.selfScored) throw new UserError("appraisal.errors.notAppraisable", { code: l.node.code });
  return l.entry;
}

function scoreOf(value: number, code: string): Centi {
  if (!isCentiValue(value)) throw new UserError("appraisal.errors.scoreNotAllowed", { code });
  return toCenti(value);
}

export type Decision = { round: 1 | 2; score: number; status: AssessmentStatus };

/**
 * Accept or adjust one leaf: round 1, or round 2 once the unit answered an explanation request on it.
 * The score must be one the rule allows; a score other than the unit's needs a reason.
 */
export async function decideLeaf(input: DecideInput, actorId: string, now = new Date()): Promise<Decision> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const a = await loadForAppraisal(tx, input.assessmentId);
    const states = await leafStates(tx, a);
    const leaf = leafOf(states, input.criterion);
    const decided = decisionRound(cycleStage(a.cycle), a.status, leaf.state);
    if ("refusal" in decided) throw new UserError(decided.refusal, { code: input.criterion });
    const entry = scoredEntry(leaf);
    const score = scoreOf(input.score, input.criterion);
    const allowed = allowedScores(leaf.node.rule as Rule, toCenti(leaf.node.maxPoints)) ?? [];
    const problem = decisionProblem(score, leaf.state.self, allowed, input.reason);
    if (problem) throw new UserError(problem, { code: input.criterion });
    const reason = input.reason?.trim() ? input.reason.trim() : null;
    const before = entry.rounds.find((r) => r.round === decided.round);
    await tx.appraisalRound.upsert({
      where: { entryId_round: { entryId: entry.id, round: decided.round } },
      create: { entryId: entry.id, round: decided.round, score: centiToDecimalString(score), reason, appraiserId: actorId, createdAt: now },
      update: { score: centiToDecimalString(score), reason, appraiserId: actorId, createdAt: now },
    });
    await tx.scoreEntry.update({ where: { id: entry.id }, data: { finalScore: centiToDecimalString(score) } });
    const status = await afterChange(tx, a, now);
    await recordAudit(tx, { actorId, action: score === leaf.state.self ? "appraisal.accept" : "appraisal.adjust", entityType: "ScoreEntry", entityId: entry.id,
      before: before ? { code: input.criterion, round: decided.round, score: before.score.toString(), reason: before.reason } : { code: input.criterion, round: decided.round },
      after: { code: input.criterion, round: decided.round, score: centiToDecimalString(score), reason, self: leaf.state.self === null ? null : centiToDecimalString(leaf.state.self) } });
    return { round: decided.round, score: centiToNumber(score), status };
  });
}

/**
 * Round 1 on a leaf with a request for an explanation: the unit is asked to explain by 17:00 (Vietnam
 * time) on `due`; meanwhile `score` stands as the round-1 score, with the request as its reason.
 */
export async function requestExplanation(input: RequestExplanationInput, actorId: string, now = new Date()): Promise<{ requestId: string; dueAt: Date; status: AssessmentStatus }> {
  const [y, m, d] = input.due.split("-").map(Number) as [number, number, number];
  const dueAt = vietnamTime(y, m, d, 17, 0);
  if (dueAt <= now) throw new UserError("appraisal.errors.dueInPast");
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const a = await loadForAppraisal(tx, input.assessmentId);
    const states = await leafStates(tx, a);
    const leaf = leafOf(states, input.criterion);
    const refusal = requestRefusal(cycleStage(a.cycle), a.status, leaf.state);
    if (refusal) throw new UserError(refusal, { code: input.criterion });
    const entryId = scoredEntry(leaf).id;
    const score = scoreOf(input.score, input.criterion);
    const allowed = allowedScores(leaf.node.rule as Rule, toCenti(leaf.node.maxPoints)) ?? [];
    const problem = decisionProblem(score, leaf.state.self, allowed, input.request);
    if (problem) throw new UserError(problem, { code: input.criterion });
    await tx.appraisalRound.upsert({
      where: { entryId_round: { entryId, round: 1 } },
      create: { entryId, round: 1, score: centiToDecimalString(score), reason: input.request, appraiserId: actorId, createdAt: now },
      update: { score: centiToDecimalString(score), reason: input.request, appraiserId: actorId, createdAt: now },
    });
    await tx.scoreEntry.update({ where: { id: entryId }, data: { finalScore: centiToDecimalString(score) } });
    const request = await tx.explanationRequest.create({ data: { entryId, round: 1, request: input.request, dueAt, requestedById: actorId, createdAt: now } });
    const status = await afterChange(tx, a, now);
    await notify(tx, await recipients(tx, { roles: ["UNIT_STAFF"], unitIds: [a.unitId] }), {
      kind: "explanationRequested", params: { unit: a.unit.nameVi, unitEn: a.unit.nameEn, code: input.criterion, due: dueAt.toISOString(), year: a.cycle.year },
      link: `/worksheet/${a.unit.code}#explanations` });
    await recordAudit(tx, { actorId, action: "appraisal.requestExplanation", entityType: "ScoreEntry", entityId: entryId,
      after: { code: input.criterion, round: 1, score: centiToDecimalString(score), request: input.request, dueAt: dueAt.toISOString() } });
    return { requestId: request.id, dueAt, status };
  });
}

/**
 * Accepts the unit's score on every leaf of `area` that has no round-1 decision yet and that the
 * actor may appraise. One transaction, one audit row listing the leaves.
 */
export async function bulkAccept(assessmentId: string, area: string, actor: Actor & { id: string }, now = new Date()): Promise<{ accepted: string[]; status: AssessmentStatus }> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const a = await loadForAppraisal(tx, assessmentId);
    const states = await leafStates(tx, a);
    const stage = cycleStage(a.cycle);
    const targets = states.filter((l) => (l.node.code === area || l.node.code.startsWith(`${area}.`))
      && l.state.selfScored && l.state.r1 === null && l.state.self !== null && l.entry
      && can(actor, "appraisal.score", { unitId: a.unitId, areaCode: l.node.code }));
    const first = targets[0];
    if (first) {
      const decided = decisionRound(stage, a.status, first.state);
      if ("refusal" in decided) throw new UserError(decided.refusal, { code: first.node.code });
    } else if (stage !== "open") {
      throw new UserError(stage === "published" ? "appraisal.errors.published" : "appraisal.errors.closed");
    }
    for (const l of targets) {
      await tx.appraisalRound.create({ data: { entryId: l.entry!.id, round: 1, score: l.entry!.selfScore!, reason: null, appraiserId: actor.id, createdAt: now } });
      await tx.scoreEntry.update({ where: { id: l.entry!.id }, data: { finalScore: l.entry!.selfScore } });
    }
    const status = targets.length ? await afterChange(tx, a, now) : a.status;
    const accepted = targets.map((l) => l.node.code);
    if (accepted.length) {
      await recordAudit(tx, { actorId: actor.id, action: "appraisal.bulkAccept", entityType: "Assessment", entityId: a.id, after: { area, accepted } });
    }
    return { accepted, status };
  });
}

/** Whose an explanation request is: the unit (for the permission check) and the assessment, or null. */
export async function requestOwner(requestId: string): Promise<{ unitId: string; assessmentId: string } | null> {
  const prisma = await db();
  const q = await prisma.explanationRequest.findUnique({ where: { id: requestId }, select: { entry: { select: { assessment: { select: { id: true, unitId: true } } } } } });
  return q ? { unitId: q.entry.assessment.unitId, assessmentId: q.entry.assessment.id } : null;
}

async function openRequest(tx: Tx, requestId: string, now: Date) {
  const q = await tx.explanationRequest.findUnique({ where: { id: requestId },
    include: { entry: { include: { criterion: { select: { code: true } }, assessment: { include: { cycle: true, unit: true } } } } } });
  if (!q) throw new UserError("appraisal.errors.requestNotFound");
  const refusal = answerRefusal(cycleStage(q.entry.assessment.cycle), q, now);
  if (refusal) throw new UserError(refusal, { code: q.entry.criterion.code, due: q.dueAt.toISOString() });
  return q;
}

/** The unit's answer to an explanation request (final once sent); the appraisers are notified. */
export async function answerExplanation(requestId: string, answer: string, actorId: string, now = new Date()): Promise<{ answeredAt: Date; status: AssessmentStatus }> {
  const prisma = await db();
  return prisma.$transaction(async (tx) => {
    const q = await openRequest(tx, requestId, now);
    const { count } = await tx.explanationRequest.updateMany({ where: { id: requestId, answeredAt: null }, data: { answer: answer.trim(), answeredAt: now, answeredById: actorId } });
    if (count === 0) throw new UserError("appraisal.errors.answered", { code: q.entry.criterion.code });
    const a = q.entry.assessment;
    const status = await afterChange(tx, a, now);
    if (q.requestedById) {
      await notify(tx, [q.requestedById], { kind: "explanationAnswered", params: { unit: a.unit.nameVi, unitEn: a.unit.nameEn, code: q.entry.criterion.code, year: a.cycle.year },
        link: `/appraisal/${a.unit.code}?leaf=${encodeURIComponent(q.entry.criterion.code)}` });
    }
    await recordAudit(tx, { actorId, action: "appraisal.answer", entityType: "ExplanationRequest", entityId: requestId,
      after: { code: q.entry.criterion.code, answer: answer.trim() } });
    return { answeredAt: now, status };
  });
}

/**
 * Supplementary files sent with an explanation: stored against the request (the original submission
 * is not changed). All or nothing; the stored copies are removed when the request may not take them.
 */
export async function recordSupplementaryEvidence(requestId: string, files: readonly ReceivedFile[], actorId: string,
  options: { storage?: EvidenceStorage; now?: Date } = {}): Promise<FileRef[]> {
  const storage = options.storage ?? evidenceStorage();
  const prisma = await db();
  try {
    return await prisma.$transaction(async (tx) => {
      const q = await openRequest(tx, requestId, options.now ?? new Date());
      const rows = [];
      for (const f of files) {
        rows.push(await tx.evidence.create({ data: { assessmentId: q.entry.assessmentId, requestId, fileName: f.fileName, mimeType: f.mimeType,
          sizeBytes: f.sizeBytes, sha256: f.sha256, storageKey: f.storageKey, uploadedById: actorId } }));
      }
      await recordAudit(tx, { actorId, action: "appraisal.supplementaryEvidence", entityType: "ExplanationRequest", entityId: requestId,
        after: { code: q.entry.criterion.code, files: rows.map((r) => ({ id: r.id, fileName: r.fileName, sha256: r.sha256 })) } });
      return rows.map(fileRef);
    });
  } catch (error) {
    await discard(storage, files.map((f) => f.storageKey));
    throw error;
  }
}

export type OpenRequest = { id: string; code: string; text: string; dueAt: Date; at: Date; r1: number | null; r1Reason: string | null;
  answer: string | null; answeredAt: Date | null; files: FileRef[]; expired: boolean };

/** The explanation requests of a unit's assessment, for the unit's worksheet. */
export async function requestsOf(assessmentId: string, now = new Date()): Promise<OpenRequest[]> {
  const prisma = await db();
  const rows = await prisma.explanationRequest.findMany({ where: { entry: { assessmentId } },
    include: { evidence: { orderBy: { createdAt: "asc" } }, entry: { include: { criterion: { select: { code: true, sortOrder: true } }, rounds: { where: { round: 1 } } } } } });
  return rows.map((q) => ({ id: q.id, code: q.entry.criterion.code, text: q.request, dueAt: q.dueAt, at: q.createdAt,
    r1: q.entry.rounds[0] ? num(q.entry.rounds[0].score) : null, r1Reason: q.entry.rounds[0]?.reason ?? null,
    answer: q.answer, answeredAt: q.answeredAt, files: q.evidence.map(fileRef), expired: q.answeredAt === null && now >= q.dueAt }))
    .sort((x, y) => x.code.localeCompare(y.code, "en", { numeric: true }));
}
