import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { FrameworkImport } from "@/components/frameworks/framework-import";
import { PageTitle } from "@/components/ui/card";
import { requirePage } from "@/lib/server/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("frameworks.importPage"))("title") };
}

export default async function FrameworkImportPage() {
  await requirePage("framework.manage");
  const t = await getTranslations("frameworks");
  return (
    <>
      <PageTitle sub={t("importPage.intro")}>{t("importPage.title")}</PageTitle>
      <p className="mb-4 text-sm"><a href="/api/v1/frameworks/template.xlsx" className="text-brand-700 underline">{t("template")}</a></p>
      <FrameworkImport />
    </>
  );
}
