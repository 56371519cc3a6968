import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { NewFrameworkForm } from "@/components/frameworks/new-framework-form";
import { PageTitle } from "@/components/ui/card";
import { requirePage } from "@/lib/server/auth/session";
import { unitGroups } from "@/lib/server/data/frameworks";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("frameworks.newPage"))("title") };
}

export default async function NewFrameworkPage() {
  await requirePage("framework.manage");
  const [t, locale, groups] = [await getTranslations("frameworks.newPage"), await getLocale(), await unitGroups()];
  return (
    <>
      <PageTitle sub={t("intro")}>{t("title")}</PageTitle>
      <NewFrameworkForm groups={groups.map((g) => ({ code: g.code, name: locale === "en" ? g.nameEn : g.nameVi }))} year={new Date().getFullYear() + 1} />
    </>
  );
}
