import type { TaskFlag, TaskStatus } from "@/lib/domain/plans";

const STATUS_TONE: Record<TaskStatus, string> = {
  NOT_STARTED: "border-slate-300 bg-slate-100 text-slate-800",
  IN_PROGRESS: "border-sky-300 bg-sky-50 text-sky-900",
  DONE: "border-emerald-300 bg-emerald-50 text-emerald-900",
  CANCELLED: "border-slate-300 bg-white text-slate-700 line-through",
};

/** Warnings stand out (red overdue, orange at risk, with a glyph); the others stay quiet. */
const FLAG_TONE: Partial<Record<TaskFlag, string>> = {
  overdue: "border-red-400 bg-red-50 text-red-800 font-semibold",
  atRisk: "border-orange-400 bg-orange-50 text-orange-900 font-semibold",
};
const FLAG_GLYPH: Partial<Record<TaskFlag, string>> = { overdue: "⚠", atRisk: "▼" };

export function TaskStatusBadge({ status, label }: { status: TaskStatus; label: string }) {
  return <span className={`inline-block whitespace-nowrap rounded border px-1.5 py-px text-xs ${STATUS_TONE[status]}`} data-status={status}>{label}</span>;
}

/** The warning of a task: a badge for overdue and at risk, plain text otherwise. */
export function TaskFlagBadge({ flag, label }: { flag: TaskFlag; label: string }) {
  const tone = FLAG_TONE[flag];
  if (!tone) return <span className="text-xs text-slate-700" data-flag={flag}>{label}</span>;
  return (
    <span className={`inline-block whitespace-nowrap rounded border px-1.5 py-px text-xs ${tone}`} data-flag={flag}>
      <span aria-hidden="true">{FLAG_GLYPH[flag]} </span>{label}
    </span>
  );
}
