import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { publishedCycles } from "@/lib/server/data/cycles";

export const dynamic = "force-dynamic";

/** The public results page opens on the newest published year. */
export default async function PublicResultsIndex() {
  const [latest] = await publishedCycles();
  if (latest) redirect(`/results/${latest.year}`);
  const t = await getTranslations("publicResults");
  return <main className="mx-auto max-w-5xl p-6"><h1 className="text-xl font-semibold text-brand-800">{t("title")}</h1><p>{t("none")}</p></main>;
}
