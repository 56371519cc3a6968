import Link from "next/link";
import { getTranslations } from "next-intl/server";

export type DashboardTab = "rankings" | "overview" | "national" | "whatIf";

const HREF: Record<DashboardTab, string> = {
  rankings: "/leadership",
  overview: "/leadership/overview",
  national: "/leadership/national",
  whatIf: "/leadership/what-if",
};

/** The dashboards' sub-navigation; `year` is carried to the pages that take one. */
export async function DashboardTabs({ current, year }: { current: DashboardTab; year?: number }) {
  const t = await getTranslations("dashboardTabs");
  return (
    <nav aria-label={t("label")} className="mb-4 flex flex-wrap gap-1 border-b border-slate-300 text-sm">
      {(Object.keys(HREF) as DashboardTab[]).map((tab) => {
        const href = year && tab !== "national" ? `${HREF[tab]}?year=${year}` : HREF[tab];
        const active = tab === current;
        return (
          <Link key={tab} href={href} aria-current={active ? "page" : undefined}
            className={`-mb-px rounded-t border px-3 py-1.5 ${active ? "border-slate-300 border-b-white bg-white font-semibold text-brand-800" : "border-transparent text-brand-700 hover:bg-slate-100"}`}>
            {t(tab)}
          </Link>
        );
      })}
    </nav>
  );
}
