import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { PublicShell } from "@/components/layout/public-shell";
import { publishedCycles } from "@/lib/server/data/cycles";
import { cycleResults } from "@/lib/server/data/results";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ year: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: (await getTranslations("publicResults"))("heading", { year: (await params).year }) };
}

/**
 * The published PAR INDEX of a year, for anyone (no sign-in): units ranked within their group with
 * index and classification. Only published cycles; no appraisal notes.
 */
export default async function PublicResults({ params }: Props) {
  const year = Number((await params).year);
  const cycles = await publishedCycles();
  const cycle = cycles.find((c) => c.year === year);
  if (!cycle) notFound();
  const [t, tc, tGroups, locale, format] = [await getTranslations("publicResults"), await getTranslations("common"), await getTranslations("groups"),
    await getLocale(), await getFormatter()];
  const results = await cycleResults(cycle.id);
  const groups = [...new Set(results.map((r) => r.groupCode ?? ""))].sort();
  const pct = (h: number) => format.number(h / 100, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return (
    <PublicShell>
        <h1 className="text-xl font-semibold text-brand-800">{t("heading", { year })}</h1>
        <p className="mb-3 text-sm text-slate-700">{t("publishedAt", { date: format.dateTime(cycle.publishedAt!, { dateStyle: "long" }) })}</p>
        <nav aria-label={t("years")} className="mb-4 flex gap-2 text-sm">
          {cycles.map((c) => <Link key={c.year} href={`/results/${c.year}`} aria-current={c.year === year ? "page" : undefined}
            className={`rounded border px-2 py-0.5 ${c.year === year ? "border-brand-700 bg-brand-700 text-white" : "border-slate-400 bg-white"}`}>{c.year}</Link>)}
        </nav>
        {groups.map((g) => (
          <section key={g} className="card mb-4" aria-labelledby={`group-${g}`}>
            <h2 id={`group-${g}`} className="card-title">{g ? tGroups(g) : "—"}</h2>
            <table className="table-dense" data-testid={`public-${g}`}>
              <thead><tr><th scope="col" className="num">{tc("rank")}</th><th scope="col">{tc("unit")}</th><th scope="col" className="num">{tc("points")}</th>
                <th scope="col" className="num">{tc("index")}</th><th scope="col">{t("band")}</th></tr></thead>
              <tbody>{results.filter((r) => (r.groupCode ?? "") === g).sort((a, b) => a.rank - b.rank || a.unitCode.localeCompare(b.unitCode)).map((r) => (
                <tr key={r.unitCode}>
                  <td className="num">{r.rank}</td>
                  <td>{locale === "en" ? r.unitNameEn : r.unitNameVi}</td>
                  <td className="num">{format.number(r.achieved / 100, { maximumFractionDigits: 2 })}/{format.number(r.max / 100, { maximumFractionDigits: 2 })}</td>
                  <td className="num font-semibold">{pct(r.indexHundredths)}</td>
                  <td>{r.band ? t("bandLabel", { code: r.band }) : ""}</td>
                </tr>
              ))}</tbody>
            </table>
          </section>
        ))}
    </PublicShell>
  );
}
