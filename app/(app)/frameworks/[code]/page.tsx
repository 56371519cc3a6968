import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { RuleText } from "@/components/frameworks/rule-text";
import { Card, PageTitle, Stat } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { flatten, frameworkMax, leaves } from "@/lib/domain/framework";
import { centiToNumber } from "@/lib/domain/points";
import { requirePage } from "@/lib/server/auth/session";
import { frameworkDocument } from "@/lib/server/data/frameworks";

type Props = { params: Promise<{ code: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: decodeURIComponent((await params).code) };
}

export default async function FrameworkPage({ params }: Props) {
  const user = await requirePage("cycle.read");
  const code = decodeURIComponent((await params).code);
  const doc = await frameworkDocument(code);
  if (!doc) notFound();
  const [t, locale] = [await getTranslations("frameworks"), await getLocale()];
  const number = new Intl.NumberFormat(locale, { minimumFractionDigits: 0, maximumFractionDigits: 2 });
  const rows = flatten(doc.tree);
  const href = `/api/v1/frameworks/${encodeURIComponent(doc.code)}`;
  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <PageTitle sub={`${doc.legalBasis} · ${t("yearsOpen", { from: doc.fromYear })}`}>{locale === "en" ? doc.nameEn : doc.nameVi}</PageTitle>
        <div className="flex flex-wrap gap-2">
          <a href={`${href}?format=xlsx`} className="btn border border-slate-400 bg-white">{t("exportXlsx")}</a>
          <a href={href} className="btn border border-slate-400 bg-white">{t("exportJson")}</a>
          {can(user, "framework.manage") && <Link href={`/frameworks/${encodeURIComponent(doc.code)}/edit`} className="btn border border-slate-400 bg-white">{t("editor.link")}</Link>}
          {can(user, "framework.manage") && <Link href={`/frameworks/${encodeURIComponent(doc.code)}/clone`} className="btn-primary">{t("clone")}</Link>}
        </div>
      </div>
      <div className="mb-4 grid grid-cols-2 gap-3 md:grid-cols-5">
        <Stat label={t("code")} value={<span className="font-mono text-lg">{doc.code}</span>} />
        <Stat label={t("maxPoints")} value={number.format(centiToNumber(frameworkMax(doc.tree)))} />
        <Stat label={t("leaves")} value={leaves(doc.tree).length} />
        <Stat label={t("bonusCap")} value={number.format(doc.bonusCap)} hint={`${t("penaltyCap")}: ${number.format(doc.penaltyCap)}`} />
        <Stat label={t("classification")} value={<span className="text-sm">{doc.classification.map((b) => `${locale === "en" ? b.labelEn : b.labelVi} ${t("bandMin", { min: b.minIndex })}`).join(" · ")}</span>} />
      </div>
      <Card title={t("tree")} id="tree">
        <table className="table-dense" data-testid="criterion-tree">
          <thead><tr><th scope="col">{t("criterionCode")}</th><th scope="col">{t("content")}</th><th scope="col" className="num">{t("maxPoints")}</th>
            <th scope="col">{t("source")}</th><th scope="col">{t("rule")}</th><th scope="col">{t("evidence")}</th></tr></thead>
          <tbody>{rows.map((r) => (
            <tr key={r.code} className={r.depth === 1 ? "bg-brand-50 font-semibold" : r.depth === 2 ? "font-medium" : ""}>
              <td className="whitespace-nowrap font-mono text-xs">{r.code}</td>
              <td style={{ paddingLeft: `${0.75 + (r.depth - 1) * 1}rem` }}>{locale === "en" ? r.node.titleEn : r.node.titleVi}</td>
              <td className="num">{number.format(r.node.maxPoints)}</td>
              <td className="whitespace-nowrap text-xs">{r.isLeaf ? t(`sources.${r.node.source ?? "SELF"}`) : ""}</td>
              <td>{r.isLeaf && <RuleText rule={r.node.rule} max={r.node.maxPoints} />}</td>
              <td className="text-xs">{locale === "en" ? r.node.evidenceEn : r.node.evidenceVi}
                {r.node.evidenceMandatory && <span className="ml-1 text-accent-600">({t("mandatory")})</span>}</td>
            </tr>
          ))}</tbody>
        </table>
      </Card>
    </>
  );
}
