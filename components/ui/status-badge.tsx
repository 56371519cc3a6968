import { getTranslations } from "next-intl/server";

const TONE: Record<string, string> = {
  NOT_STARTED: "bg-slate-100 text-slate-700 border-slate-300",
  IN_PROGRESS: "bg-amber-50 text-amber-900 border-amber-300",
  SUBMITTED: "bg-sky-50 text-sky-900 border-sky-300",
  APPRAISED_R1: "bg-indigo-50 text-indigo-900 border-indigo-300",
  EXPLANATION: "bg-orange-50 text-orange-900 border-orange-300",
  APPRAISED_R2: "bg-indigo-50 text-indigo-900 border-indigo-300",
  APPROVED: "bg-emerald-50 text-emerald-900 border-emerald-300",
  PUBLISHED: "bg-emerald-100 text-emerald-900 border-emerald-400",
};

export async function StatusBadge({ status }: { status: string }) {
  const t = await getTranslations("status");
  return (
    <span className={`inline-block whitespace-nowrap rounded border px-1.5 py-0.5 text-xs ${TONE[status] ?? TONE.NOT_STARTED}`}>
      {t(status)}
    </span>
  );
}

export function ProgressBar({ value, total, label }: { value: number; total: number; label: string }) {
  const pct = total > 0 ? Math.round((value / total) * 100) : 0;
  return (
    <div className="flex items-center gap-2">
      <div className="h-2 w-24 overflow-hidden rounded bg-slate-200" role="progressbar" aria-label={label}
        aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
        <div className="h-full bg-brand-600" style={{ width: `${pct}%` }} />
      </div>
      <span className="text-xs tabular-nums text-slate-700">{pct}%</span>
    </div>
  );
}
