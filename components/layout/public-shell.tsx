import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { LanguageSwitcher } from "@/components/layout/language-switcher";

/** Frame of the public pages (no sign-in): the app's name, the language switcher and a sign-in link. */
export async function PublicShell({ children }: { children: React.ReactNode }) {
  const [t, tApp] = [await getTranslations("publicResults"), await getTranslations("app")];
  return (
    <div className="min-h-screen">
      <header className="bg-brand-800 text-white">
        <div className="mx-auto flex max-w-6xl items-center gap-4 px-4 py-2">
          <Link href="/results" className="font-semibold leading-tight">{tApp("fullName")}<span className="block text-xs font-normal text-brand-100">{tApp("province")}</span></Link>
          <div className="ml-auto flex items-center gap-3"><LanguageSwitcher /><Link href="/signin" className="text-sm underline">{t("signIn")}</Link></div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-5">{children}</main>
    </div>
  );
}
