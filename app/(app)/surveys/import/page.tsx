import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SurveyImport } from "@/components/imports/survey-import";
import { PageTitle } from "@/components/ui/card";
import { requirePage } from "@/lib/server/auth/session";
import { openCycleYears } from "@/lib/server/data/cycles";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("surveys"))("title") };
}

export default async function SurveyImportPage() {
  await requirePage("cycle.manage");
  const [t, years] = [await getTranslations("surveys"), await openCycleYears()];
  return (
    <>
      <PageTitle sub={t("intro")}>{t("title")}</PageTitle>
      <p className="mb-4 flex gap-4 text-sm">
        <a href="/api/v1/surveys/template.xlsx" className="text-brand-700 underline">{t("templateXlsx")}</a>
        <a href="/api/v1/surveys/template.csv" className="text-brand-700 underline">{t("templateCsv")}</a>
      </p>
      <SurveyImport years={years} />
    </>
  );
}
