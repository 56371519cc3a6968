import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { DeadlinesForm } from "@/components/cycles/deadlines-form";
import { Card, PageTitle } from "@/components/ui/card";
import { PHASES } from "@/lib/domain/phases";
import { requirePage } from "@/lib/server/auth/session";
import { cycleByYear } from "@/lib/server/data/cycles";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("cycles"))("title") };
}

/** YYYY-MM-DD of an instant in Vietnam time (UTC+7). */
function vnDay(d: Date): string {
  return new Date(d.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

export default async function CyclePage({ params }: { params: Promise<{ year: string }> }) {
  await requirePage("cycle.manage");
  const year = Number((await params).year);
  const cycle = Number.isInteger(year) ? await cycleByYear(year) : null;
  if (!cycle) notFound();
  const t = await getTranslations("cycles");
  const rows = PHASES.map((phase) => {
    const w = cycle.deadlines.find((d) => d.phase === phase);
    return { phase, opens: w ? vnDay(w.opensAt) : "", closes: w ? vnDay(new Date(w.closesAt.getTime() - 1)) : "" };
  });
  return (
    <>
      <PageTitle sub={t("intro")}>{t("titleYear", { year })}</PageTitle>
      <Card title={t("deadlines")}>
        {cycle.publishedAt ? <p className="text-sm">{t("published")}</p> : <DeadlinesForm year={year} rows={rows} />}
      </Card>
    </>
  );
}
