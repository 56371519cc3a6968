import type { FindingFlags, FindingSeverity, FindingStatus, InspectionStatus } from "@/lib/domain/inspections";

const BADGE = "inline-block whitespace-nowrap rounded border px-1.5 py-0.5 text-xs";

const SEVERITY_TONE: Record<FindingSeverity, string> = {
  HIGH: "border-red-400 bg-red-50 text-red-900 font-semibold",
  MEDIUM: "border-amber-400 bg-amber-50 text-amber-900",
  LOW: "border-slate-300 bg-slate-50 text-slate-800",
};

const FINDING_TONE: Record<FindingStatus, string> = {
  OPEN: "border-orange-300 bg-orange-50 text-orange-900",
  REMEDIATION_REPORTED: "border-sky-300 bg-sky-50 text-sky-900",
  CLOSED: "border-emerald-400 bg-emerald-50 text-emerald-900",
};

const INSPECTION_TONE: Record<InspectionStatus, string> = {
  PLANNED: "border-slate-300 bg-slate-100 text-slate-700",
  IN_PROGRESS: "border-amber-300 bg-amber-50 text-amber-900",
  REPORTED: "border-sky-300 bg-sky-50 text-sky-900",
  CLOSED: "border-emerald-400 bg-emerald-50 text-emerald-900",
};

/** Severity in words with a tone (the word carries the meaning; the colour only repeats it). */
export function SeverityBadge({ severity, label }: { severity: FindingSeverity; label: string }) {
  return <span className={`${BADGE} ${SEVERITY_TONE[severity]}`} data-severity={severity}>{label}</span>;
}

export function FindingStatusBadge({ status, label }: { status: FindingStatus; label: string }) {
  return <span className={`${BADGE} ${FINDING_TONE[status]}`} data-status={status}>{label}</span>;
}

export function InspectionStatusBadge({ status, label }: { status: InspectionStatus; label: string }) {
  return <span className={`${BADGE} ${INSPECTION_TONE[status]}`} data-status={status}>{label}</span>;
}

/** The flags of a finding: overdue remediation, awaiting the secretariat's closure, sent back. */
export function FindingFlagBadges({ flags, sentBack, labels }: { flags: FindingFlags; sentBack: boolean; labels: { overdue: string; awaiting: string; sentBack: string } }) {
  return (
    <>
      {flags.overdue && <span className={`${BADGE} border-red-500 bg-white font-semibold text-red-800`} data-flag="overdue">⚠ {labels.overdue}</span>}
      {flags.awaitingClosure && <span className={`${BADGE} border-sky-400 bg-white text-sky-900`} data-flag="awaiting">{labels.awaiting}</span>}
      {sentBack && <span className={`${BADGE} border-orange-400 bg-white text-orange-900`} data-flag="sentBack">↩ {labels.sentBack}</span>}
    </>
  );
}
