import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { AssignmentForm, RemoveAssignment } from "@/components/appraisal/assignment-form";
import { Card, PageTitle } from "@/components/ui/card";
import { YearPicker } from "@/components/ui/year-picker";
import { requirePage } from "@/lib/server/auth/session";
import { assignees, assignmentsOf, criterionTitles } from "@/lib/server/data/assignments";
import { cycleYears } from "@/lib/server/data/cycles";

type Props = { searchParams: Promise<{ year?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("assignments"))("title") };
}

/** Who appraises what in a year: areas or single criteria to appraising departments or appraisers. */
export default async function AssignmentsPage({ searchParams }: Props) {
  await requirePage("appraisal.assign");
  const years = await cycleYears();
  const asked = Number((await searchParams).year);
  const year = years.includes(asked) ? asked : years[0];
  const [t, locale] = [await getTranslations("assignments"), await getLocale()];
  if (!year) return <PageTitle>{t("title")}</PageTitle>;
  const [rows, titles, people] = [await assignmentsOf(year), await criterionTitles(year), await assignees()];
  const title = (x: { titleVi: string | null; titleEn: string | null }) => (locale === "en" ? x.titleEn : x.titleVi) ?? "";
  const criteria = [...titles].filter(([, v]) => v.depth <= 2)
    .map(([code, v]) => ({ value: code, label: `${"\u2003".repeat(v.depth - 1)}${code}. ${title(v)}` }));
  return (
    <>
      <PageTitle sub={t("sub")}>{t("title")}</PageTitle>
      <YearPicker id="assign-year" years={years} year={year} label={t("year")} submit={t("show")} />
      <Card title={t("list", { year })} id="assignments" className="mb-4">
        {rows.length === 0 ? <p className="text-sm">{t("empty")}</p> : (
          <table className="table-dense" data-testid="assignments-table">
            <thead><tr><th scope="col">{t("code")}</th><th scope="col">{t("criterion")}</th><th scope="col">{t("assignee")}</th><th scope="col"><span className="sr-only">{t("remove")}</span></th></tr></thead>
            <tbody>{rows.map((r) => {
              const who = r.unit ? `${locale === "en" ? r.unit.nameEn : r.unit.nameVi} (${t("department")})` : `${r.appraiser!.name} (${r.appraiser!.username})`;
              return (
                <tr key={r.id}>
                  <td className="font-mono text-xs">{r.criterionCode}</td>
                  <td>{title(r)}</td>
                  <td>{who}</td>
                  <td className="text-right"><RemoveAssignment id={r.id} label={`${r.criterionCode} · ${who}`} /></td>
                </tr>
              );
            })}</tbody>
          </table>
        )}
      </Card>
      <Card title={t("addTitle")} id="add-assignment">
        <AssignmentForm year={year} criteria={criteria}
          departments={people.departments.map((d) => ({ value: `unit:${d.id}`, label: locale === "en" ? d.nameEn : d.nameVi }))}
          appraisers={people.appraisers.map((a) => ({ value: `user:${a.id}`, label: `${a.name}${a.unitCode ? ` (${a.unitCode})` : ""}` }))} />
      </Card>
    </>
  );
}
