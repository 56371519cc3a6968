import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("errors");
  return (
    <main className="mx-auto mt-24 max-w-md card p-6 text-center">
      <h1 className="text-lg font-semibold">{t("notFoundTitle")}</h1>
      <Link href="/" className="btn-primary mt-4">{t("backHome")}</Link>
    </main>
  );
}
