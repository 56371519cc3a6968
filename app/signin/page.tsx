import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { SignInForm } from "@/components/auth/sign-in-form";
import { LanguageSwitcher } from "@/components/layout/language-switcher";
import { HOME_BY_ROLE } from "@/lib/auth/permissions";
import { currentUser } from "@/lib/server/auth/session";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signin"))("title") };
}

export default async function SignInPage() {
  const user = await currentUser().catch(() => null);
  if (user) redirect(HOME_BY_ROLE[user.role]);
  const [t, tApp] = [await getTranslations("signin"), await getTranslations("app")];
  return (
    <div className="flex min-h-screen flex-col">
      <header className="bg-brand-800 text-white">
        <div className="mx-auto flex max-w-5xl items-center justify-between px-4 py-3">
          <p className="font-semibold">{tApp("fullName")}</p>
          <LanguageSwitcher />
        </div>
      </header>
      <main className="flex flex-1 items-start justify-center px-4 pt-16">
        <div className="card w-full max-w-sm p-6">
          <h1 className="text-xl font-semibold text-brand-800">{t("title")}</h1>
          <p className="mb-5 mt-1 text-sm text-slate-600">{t("subtitle")}</p>
          <SignInForm />
        </div>
      </main>
      <footer className="py-4 text-center text-xs text-slate-600">{tApp("province")}</footer>
    </div>
  );
}
