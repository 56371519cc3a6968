import Link from "next/link";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { LanguageSwitcher } from "@/components/layout/language-switcher";
import { NavLink } from "@/components/layout/nav-link";
import { can, HOME_BY_ROLE } from "@/lib/auth/permissions";
import { signOutAction } from "@/lib/server/actions/auth";
import { currentUser } from "@/lib/server/auth/session";
import { unreadCount } from "@/lib/server/data/notifications";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  if (!user) redirect("/signin");
  const [t, tApp, tRoles, locale] = [await getTranslations("nav"), await getTranslations("app"), await getTranslations("roles"), await getLocale()];
  const unitName = locale === "en" ? user.unitNameEn : user.unitNameVi;
  const unread = await unreadCount(user.id);
  const home = HOME_BY_ROLE[user.role];
  return (
    <div className="flex min-h-screen flex-col">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:bg-white focus:px-3 focus:py-2">
        {tApp("skipToContent")}
      </a>
      <header className="bg-brand-800 text-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-2">
          <Link href={home} className="font-semibold leading-tight">
            <span className="block text-base">{tApp("name")}</span>
            <span className="block text-xs font-normal text-brand-100">{tApp("province")}</span>
          </Link>
          <div className="ml-auto flex items-center gap-4">
            <Link href="/inbox" data-testid="inbox-link" className="flex items-center gap-1.5 rounded px-2 py-1 text-sm hover:bg-white/10">
              {t("inbox")}
              {unread > 0 && (
                <>
                  {" "}
                  <span className="min-w-5 rounded-full bg-accent-600 px-1.5 text-center text-xs font-semibold leading-5 tabular-nums">
                    {unread > 99 ? "99+" : unread}
                  </span>
                  <span className="sr-only"> {t("inboxUnreadSuffix")}</span>
                </>
              )}
            </Link>
            <p className="text-right text-xs leading-tight" data-testid="user-badge">
              <span className="block font-medium text-white">{user.name}</span>
              <span className="block text-brand-100">{tRoles(user.role)}{unitName ? ` · ${unitName}` : ""}</span>
            </p>
            <LanguageSwitcher />
            <form action={signOutAction}>
              <button type="submit" className="btn-ghost border border-white/30">{t("signOut")}</button>
            </form>
          </div>
        </div>
        <nav aria-label={t("label")} className="border-t border-white/15 bg-brand-700">
          <ul className="mx-auto flex max-w-7xl flex-wrap px-2 text-sm">
            <li><NavLink href={home} exact={home !== "/leadership"} except={["/leadership/national"]}>{t("home")}</NavLink></li>
            {user.role !== "LEADERSHIP" && can(user, "dashboard.read") && <li><NavLink href="/leadership" except={["/leadership/national"]}>{t("dashboards")}</NavLink></li>}
            {can(user, "dashboard.read") && <li><NavLink href="/leadership/national">{t("national")}</NavLink></li>}
            {can(user, "status.read") && <li><NavLink href="/secretariat/status">{t("status")}</NavLink></li>}
            {can(user, "status.read") && <li><NavLink href="/council">{t("council")}</NavLink></li>}
            {can(user, "appraisal.assign") && <li><NavLink href="/secretariat/assignments">{t("assignments")}</NavLink></li>}
            {can(user, "plan.read") && <li><NavLink href="/plans">{t("plans")}</NavLink></li>}
            {can(user, "inspection.read") && <li><NavLink href="/inspections">{t("inspections")}</NavLink></li>}
            {can(user, "initiative.read") && <li><NavLink href="/initiatives">{t("initiatives")}</NavLink></li>}
            {can(user, "apiToken.manage") && <li><NavLink href="/admin/api-tokens">{t("apiTokens")}</NavLink></li>}
            <li><NavLink href="/frameworks">{t("frameworks")}</NavLink></li>
            <li><NavLink href="/glossary">{t("glossary")}</NavLink></li>
          </ul>
        </nav>
      </header>
      <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-5">{children}</main>
    </div>
  );
}
