import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { Card, PageTitle } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/server/auth/session";
import { listFrameworks } from "@/lib/server/data/frameworks";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("frameworks"))("title") };
}

export default async function FrameworksPage() {
  const user = await requirePage("cycle.read");
  const [t, locale, frameworks] = [await getTranslations("frameworks"), await getLocale(), await listFrameworks()];
  const manage = can(user, "framework.manage");
  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <PageTitle sub={t("subtitle")}>{t("title")}</PageTitle>
        <div className="flex flex-wrap gap-2">
          {manage && <Link href="/frameworks/new" className="btn-primary">{t("new")}</Link>}
          {manage && <Link href="/frameworks/import" className="btn-primary">{t("import")}</Link>}
          {manage && <a href="/api/v1/frameworks/template.xlsx" className="btn border border-slate-400 bg-white">{t("template")}</a>}
          <Link href="/frameworks/compare" className="btn border border-slate-400 bg-white">{t("compare")}</Link>
          <a href="/api/v1/schemas/framework.json" className="btn border border-slate-400 bg-white">{t("jsonSchema")}</a>
        </div>
      </div>
      <Card>
        <table className="table-dense" data-testid="framework-list">
          <thead><tr><th scope="col">{t("code")}</th><th scope="col">{t("name")}</th><th scope="col">{t("legalBasis")}</th>
            <th scope="col">{t("group")}</th><th scope="col">{t("years")}</th><th scope="col" className="num">{t("leaves")}</th>
            <th scope="col">{t("usedIn")}</th></tr></thead>
          <tbody>{frameworks.map((f) => (
            <tr key={f.id}>
              <td className="whitespace-nowrap font-mono text-xs"><Link href={`/frameworks/${encodeURIComponent(f.code)}`} className="text-brand-700 underline">{f.code}</Link></td>
              <td>{locale === "en" ? f.nameEn : f.nameVi}{f.isDemo && <span className="ml-2 rounded bg-amber-100 px-1 text-xs text-amber-900">{t("demo")}</span>}</td>
              <td className="text-xs">{f.legalBasis}</td>
              <td className="whitespace-nowrap text-xs">{locale === "en" ? f.groupNameEn : f.groupNameVi}</td>
              <td className="whitespace-nowrap">{f.toYear ? t("yearsClosed", { from: f.fromYear, to: f.toYear }) : t("yearsOpen", { from: f.fromYear })}</td>
              <td className="num">{f.leafCount}</td>
              <td className="text-xs">{f.years.join(", ")}</td>
            </tr>
          ))}</tbody>
        </table>
      </Card>
    </>
  );
}
