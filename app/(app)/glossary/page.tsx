import type { Metadata } from "next";
import { getMessages, getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { requirePage } from "@/lib/server/auth/session";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("glossary"))("title") };
}

export default async function GlossaryPage() {
  await requirePage("cycle.read");
  const t = await getTranslations("glossary");
  const messages = (await getMessages()) as { glossary: { entries: Record<string, unknown> } };
  const keys = Object.keys(messages.glossary.entries);
  return (
    <>
      <PageTitle sub={t("intro")}>{t("title")}</PageTitle>
      <Card>
        <table className="table-dense">
          <thead><tr><th scope="col">{t("term")}</th><th scope="col">{t("translation")}</th><th scope="col">{t("meaning")}</th></tr></thead>
          <tbody>{keys.map((k) => (
            <tr key={k}><td className="font-medium">{t(`entries.${k}.term`)}</td><td>{t(`entries.${k}.other`)}</td><td>{t(`entries.${k}.meaning`)}</td></tr>
          ))}</tbody>
        </table>
      </Card>
    </>
  );
}
