import type { AppraisalProgress } from "./appraisal";
import { PHASES, type Phase } from "./phases";
import type { AssessmentStatus } from "./worksheet";

/**
 * The secretariat's status grid: every unit of a cycle against the phases (self-assessment → round 1 →
 * explanation → round 2 → council → publication), where it stands now, and what is late. Pure: the data
 * layer loads the facts, the page and the exports render the rows.
 *
 * The stored assessment status can lag behind the deadlines (an explanation request runs out without an
 * event), so the appraisal status is derived from the leaves (`appraisalProgress`), and approval and
 * publication come from the cycle.
 */

export const GRID_STATUSES = [
  "NOT_STARTED", "IN_PROGRESS", "SUBMITTED", "APPRAISED_R1", "EXPLANATION", "APPRAISED_R2", "APPROVED", "PUBLISHED",
] as const satisfies readonly AssessmentStatus[];

/** One phase of one unit: finished, where the unit is now, still to come, or not applicable. */
export type CellState = "done" | "current" | "pending" | "na";
export const CELL_STATES = ["done", "current", "pending", "na"] as const satisfies readonly CellState[];

/** A short figure of a cell: a message key under `statusGrid.figures` and its values (dates are formatted by the caller). */
export type FigurePart = {
  key: "scored" | "submittedOn" | "opensOn" | "noDeadline" | "decided" | "requestsOpen" | "requestsAnswered" | "requestsExpired"
    | "noRequests" | "compiledOn" | "approvedOn" | "publishedOn";
  values: Record<string, number | Date>;
};

export type GridCell = { phase: Phase; state: CellState; figure: FigurePart[]; late: boolean };

/** Something overdue: a message key under `statusGrid.late`. */
export type LateMarker =
  | { kind: "selfAssessment"; closesAt: Date }
  | { kind: "explanation"; count: number };

export type GridUnit = {
  code: string;
  nameVi: string;
  nameEn: string;
  group: string | null;
  storedStatus: AssessmentStatus;
  submittedAt: Date | null;
  /** The unit's self-assessment window, with its extension if any (see selfAssessmentWindow); null when the cycle has none. */
  selfAssessment: { opensAt: Date; closesAt: Date } | null;
  /** The unit was given a later self-assessment deadline than the cycle's. */
  extended: boolean;
  /** Self-scored leaves with a score, of all self-scored leaves. */
  selfProgress: { scored: number; total: number };
  /** Where its appraisal stands (appraisalProgress); null while not submitted. */
  progress: AppraisalProgress | null;
};

export type GridCycle = { compiledAt: Date | null; approvedAt: Date | null; publishedAt: Date | null };

export type GridRow = {
  code: string;
  nameVi: string;
  nameEn: string;
  group: string | null;
  status: AssessmentStatus;
  submittedAt: Date | null;
  extended: boolean;
  cells: GridCell[];
  late: LateMarker[];
};

export function isSubmitted(status: AssessmentStatus): boolean {
  return status !== "NOT_STARTED" && status !== "IN_PROGRESS";
}

/** One unit's row of the grid at `now`. */
export function gridRow(unit: GridUnit, cycle: GridCycle, now: Date): GridRow {
  const submitted = isSubmitted(unit.storedStatus);
  const published = cycle.publishedAt !== null;
  // Appraisal closes at approval; a published cycle was approved even if the date was not kept.
  const closed = published || cycle.approvedAt !== null;
  const window = unit.selfAssessment;
  const selfClosed = window !== null && now >= window.closesAt;
  const selfLate = !submitted && selfClosed;
  const p = unit.progress;

  const status: AssessmentStatus = !submitted ? unit.storedStatus
    : published ? "PUBLISHED" : closed ? "APPROVED" : p?.status ?? "SUBMITTED";

  const cell = (phase: Phase, state: CellState, figure: FigurePart[] = [], late = false): GridCell => ({ phase, state, figure, late });
  const notSubmitted = (phase: Phase) => cell(phase, selfClosed ? "na" : "pending");

  // Self-assessment.
  let self: GridCell;
  if (submitted) self = cell("SELF_ASSESSMENT", "done", unit.submittedAt ? [part("submittedOn", { at: unit.submittedAt })] : []);
  else if (window === null) self = cell("SELF_ASSESSMENT", "pending", [part("noDeadline")]);
  else if (now < window.opensAt) self = cell("SELF_ASSESSMENT", "pending", [part("opensOn", { at: window.opensAt })]);
  else self = cell("SELF_ASSESSMENT", "current", [part("scored", { done: unit.selfProgress.scored, total: unit.selfProgress.total })], selfLate);

  let r1: GridCell, explanation: GridCell, r2: GridCell;
  const requests = p ? p.requestsOpen + p.requestsExpired + p.requestsAnswered : 0;
  if (!submitted || !p) {
    r1 = notSubmitted("APPRAISAL_R1");
    explanation = notSubmitted("EXPLANATION");
    r2 = notSubmitted("APPRAISAL_R2");
  } else {
    const r1Complete = p.r1Done >= p.r1Total;
    r1 = cell("APPRAISAL_R1", closed || r1Complete ? "done" : "current", [part("decided", { done: p.r1Done, total: p.r1Total })]);

    if (requests === 0) {
      explanation = closed || r1Complete ? cell("EXPLANATION", "na", [part("noRequests")]) : cell("EXPLANATION", "pending");
    } else {
      const figure = [
        ...(p.requestsOpen ? [part("requestsOpen", { count: p.requestsOpen })] : []),
        ...(p.requestsAnswered ? [part("requestsAnswered", { count: p.requestsAnswered })] : []),
        ...(p.requestsExpired ? [part("requestsExpired", { count: p.requestsExpired })] : []),
      ];
      explanation = cell("EXPLANATION", p.requestsOpen > 0 && !closed ? "current" : "done", figure, p.requestsExpired > 0);
    }

    if (p.requestsAnswered === 0) {
      // Round 2 only re-decides leaves whose explanation was answered.
      const none = closed || (requests === 0 ? r1Complete : p.requestsOpen === 0);
      r2 = cell("APPRAISAL_R2", none ? "na" : "pending");
    } else {
      const figure = [part("decided", { done: p.requestsAnswered - p.r2Pending, total: p.requestsAnswered })];
      const state: CellState = closed || (p.r2Pending === 0 && p.requestsOpen === 0) ? "done" : p.r2Pending > 0 ? "current" : "pending";
      r2 = cell("APPRAISAL_R2", state, figure);
    }
  }

  // Council and publication: the cycle's, for every unit (units that never submitted are scored on what they entered).
  const appraised = status === "APPRAISED_R1" || status === "APPRAISED_R2";
  const council = closed
    ? cell("COUNCIL_REVIEW", "done", cycle.approvedAt ? [part("approvedOn", { at: cycle.approvedAt })] : [])
    : cell("COUNCIL_REVIEW", appraised ? "current" : "pending", cycle.compiledAt ? [part("compiledOn", { at: cycle.compiledAt })] : []);
  const publication = published
    ? cell("PUBLICATION", "done", [part("publishedOn", { at: cycle.publishedAt! })])
    : cell("PUBLICATION", closed ? "current" : "pending");

  const late: LateMarker[] = [];
  if (selfLate) late.push({ kind: "selfAssessment", closesAt: window!.closesAt });
  if (submitted && p && p.requestsExpired > 0) late.push({ kind: "explanation", count: p.requestsExpired });

  return {
    code: unit.code, nameVi: unit.nameVi, nameEn: unit.nameEn, group: unit.group, status, submittedAt: unit.submittedAt,
    extended: unit.extended, cells: [self, r1, explanation, r2, council, publication], late,
  };
}

function part(key: FigurePart["key"], values: FigurePart["values"] = {}): FigurePart {
  return { key, values };
}

/** Every unit's row, ordered by group (units without one last), then code. */
export function gridRows(units: readonly GridUnit[], cycle: GridCycle, now: Date): GridRow[] {
  return units.map((u) => gridRow(u, cycle, now)).sort(compareRows);
}

function compareRows(a: GridRow, b: GridRow): number {
  if (a.group !== b.group) {
    if (a.group === null) return 1;
    if (b.group === null) return -1;
    return a.group < b.group ? -1 : 1;
  }
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

export type GridCounts = { total: number; late: number; byStatus: Record<AssessmentStatus, number> };

/** How many rows are in each status, and how many have something late. */
export function gridCounts(rows: readonly GridRow[]): GridCounts {
  const byStatus = Object.fromEntries(GRID_STATUSES.map((s) => [s, 0])) as Record<AssessmentStatus, number>;
  for (const r of rows) byStatus[r.status] += 1;
  return { total: rows.length, late: rows.filter((r) => r.late.length > 0).length, byStatus };
}

export type GridFilter = { status?: AssessmentStatus; group?: string; lateOnly?: boolean; q?: string };

/** Folds text for searching: lower case, without Vietnamese diacritics ("Sở Xây dựng" ~ "so xay dung"). */
export function searchFold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
}

/** The rows that pass every given filter, in their order. `q` matches the code or either name. */
export function filterRows(rows: readonly GridRow[], filter: GridFilter): GridRow[] {
  const q = searchFold(filter.q?.trim() ?? "");
  return rows.filter((r) => (!filter.status || r.status === filter.status)
    && (!filter.group || r.group === filter.group)
    && (!filter.lateOnly || r.late.length > 0)
    && (!q || [r.code, r.nameVi, r.nameEn].some((text) => searchFold(text).includes(q))));
}

type Params = Record<string, string | string[] | undefined> | URLSearchParams;

/** The filter of a query string (`status`, `group`, `late=1`, `q`); values that make no sense are ignored. */
export function gridFilterFrom(params: Params): GridFilter {
  const get = (name: string): string | undefined => {
    const v = params instanceof URLSearchParams ? params.get(name) ?? undefined : params[name];
    return (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
  };
  const status = get("status");
  const group = get("group");
  const late = get("late");
  const q = get("q")?.slice(0, 100);
  return {
    ...(status && (GRID_STATUSES as readonly string[]).includes(status) ? { status: status as AssessmentStatus } : {}),
    ...(group && /^[A-Za-z0-9_-]{1,16}$/.test(group) ? { group } : {}),
    ...(late === "1" || late === "on" || late === "true" ? { lateOnly: true } : {}),
    ...(q ? { q } : {}),
  };
}

/** The query string of a filter (for links and exports), without a leading "?". */
export function gridFilterQuery(filter: GridFilter, extra: Record<string, string | number> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(extra)) params.set(k, String(v));
  if (filter.status) params.set("status", filter.status);
  if (filter.group) params.set("group", filter.group);
  if (filter.lateOnly) params.set("late", "1");
  if (filter.q) params.set("q", filter.q);
  return params.toString();
}

/** How the page and the exports turn a row into words: a message under `statusGrid` and a date format. */
export type GridWords = { message: (key: string, values?: Record<string, string | number>) => string; date: (d: Date) => string };

function wordsValues(values: Record<string, number | Date>, words: GridWords): Record<string, string | number> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v instanceof Date ? words.date(v) : v]));
}

/** "20/11" (Vietnamese) or "11/20" (English): day and month in Vietnam time, the locale's order, always with a slash. */
export function shortDate(d: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, { day: "2-digit", month: "2-digit", timeZone: "Asia/Ho_Chi_Minh" }).formatToParts(d)
    .map((p) => (p.type === "literal" ? "/" : p.value)).join("");
}

/** A cell's figure in words: "12/40 tiêu chí", "1 chờ trả lời · 2 đã trả lời"; "" when it has none. */
export function figureText(parts: readonly FigurePart[], words: GridWords): string {
  return parts.map((p) => words.message(`figures.${p.key}`, wordsValues(p.values, words))).join(" · ");
}

/** A late marker in words. */
export function lateText(marker: LateMarker, words: GridWords): string {
  return marker.kind === "selfAssessment"
    ? words.message("lateMarkers.selfAssessment", { at: words.date(marker.closesAt) })
    : words.message("lateMarkers.explanation", { count: marker.count });
}

export { PHASES as GRID_PHASES };
