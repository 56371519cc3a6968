import type { InitiativeStatus } from "@/lib/domain/initiatives";

/** Colour and glyph per status; the status is also spelled out. */
const TONE: Record<InitiativeStatus, { glyph: string; tone: string }> = {
  PROPOSED: { glyph: "○", tone: "border-amber-300 bg-amber-50 text-amber-900" },
  RECOGNISED: { glyph: "✓", tone: "border-emerald-300 bg-emerald-50 text-emerald-900" },
  REJECTED: { glyph: "✕", tone: "border-slate-300 bg-slate-100 text-slate-800" },
};

export function StatusBadge({ status, label }: { status: InitiativeStatus; label: string }) {
  const s = TONE[status];
  return (
    <span className={`inline-flex items-center gap-1 whitespace-nowrap rounded border px-1.5 py-px text-xs ${s.tone}`} data-status={status}>
      <span aria-hidden="true">{s.glyph}</span>{label}
    </span>
  );
}
