import { getFormatter, getTranslations } from "next-intl/server";
import { daysUntil, phaseAt, type PhaseWindow } from "@/lib/domain/phases";

/** Which phase of the cycle is open now, with its deadline and the days left. */
export async function PhaseBanner({ deadlines, now = new Date() }: { deadlines: PhaseWindow[]; now?: Date }) {
  const [t, tPhases, format] = [await getTranslations("phase"), await getTranslations("phases"), await getFormatter()];
  const state = phaseAt(deadlines, now);
  const date = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short" });
  let text: string;
  let extra = "";
  if (state.kind === "open") {
    text = t("open", { phase: tPhases(state.window.phase), deadline: date(state.window.closesAt) });
    extra = t("daysLeft", { days: Math.max(0, daysUntil(state.window.closesAt, now)) });
  } else if (state.kind === "after") {
    text = t("after");
  } else {
    text = t(state.kind, { phase: tPhases(state.next.phase), opens: date(state.next.opensAt) });
  }
  return (
    <p className="rounded border border-brand-100 bg-brand-50 px-3 py-2 text-sm text-brand-800" data-testid="phase-banner">
      {text}{extra && <strong className="ml-2">({extra})</strong>}
    </p>
  );
}

export async function DeadlineTable({ deadlines }: { deadlines: PhaseWindow[] }) {
  const [t, tPhases, format] = [await getTranslations("common"), await getTranslations("phases"), await getFormatter()];
  const date = (d: Date) => format.dateTime(d, { dateStyle: "short", timeStyle: "short" });
  return (
    <table className="table-dense">
      <thead><tr><th scope="col">{t("phase")}</th><th scope="col">{t("opens")}</th><th scope="col">{t("closes")}</th></tr></thead>
      <tbody>
        {deadlines.map((d) => (
          <tr key={d.phase}><td>{tPhases(d.phase)}</td><td className="whitespace-nowrap tabular-nums">{date(d.opensAt)}</td><td className="whitespace-nowrap tabular-nums">{date(d.closesAt)}</td></tr>
        ))}
      </tbody>
    </table>
  );
}
