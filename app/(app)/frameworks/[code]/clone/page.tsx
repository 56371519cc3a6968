import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CloneForm } from "@/components/frameworks/clone-form";
import { PageTitle } from "@/components/ui/card";
import { requirePage } from "@/lib/server/auth/session";
import { frameworkDocument } from "@/lib/server/data/frameworks";

export default async function ClonePage({ params }: { params: Promise<{ code: string }> }) {
  await requirePage("framework.manage");
  const code = decodeURIComponent((await params).code);
  const doc = await frameworkDocument(code);
  if (!doc) notFound();
  const t = await getTranslations("frameworks.clonePage");
  const year = new Date().getFullYear() + 1;
  const base = doc.code.replace(/-\d{4}$/, "");
  return (
    <>
      <PageTitle sub={t("intro")}>{t("title", { code: doc.code })}</PageTitle>
      <CloneForm source={doc.code} suggestedCode={`${base}-${year}`} suggestedYear={year} />
    </>
  );
}
