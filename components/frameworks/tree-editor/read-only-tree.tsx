import { getLocale, getTranslations } from "next-intl/server";
import { RuleText } from "@/components/frameworks/rule-text";
import { Card } from "@/components/ui/card";
import { flatten, type FrameworkDoc } from "@/lib/domain/framework";

/** The tree without editing (a framework in use): code, content, maximum, rule. */
export async function ReadOnlyTree({ doc }: { doc: FrameworkDoc }) {
  const [t, locale] = [await getTranslations("frameworks"), await getLocale()];
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  return (
    <Card title={t("editor.readOnly")} id="tree">
      <table className="table-dense" data-testid="criterion-tree">
        <thead><tr><th scope="col">{t("criterionCode")}</th><th scope="col">{t("content")}</th><th scope="col" className="num">{t("maxPoints")}</th>
          <th scope="col">{t("rule")}</th></tr></thead>
        <tbody>{flatten(doc.tree).map((r) => (
          <tr key={`${r.parentCode}/${r.order}`} className={r.depth === 1 ? "bg-brand-50 font-semibold" : r.depth === 2 ? "font-medium" : ""}>
            <td className="whitespace-nowrap font-mono text-xs">{r.code}</td>
            <td style={{ paddingLeft: `${0.75 + (r.depth - 1)}rem` }}>{locale === "en" ? r.node.titleEn : r.node.titleVi}</td>
            <td className="num">{number.format(r.node.maxPoints)}</td>
            <td className="font-normal">{r.isLeaf && <RuleText rule={r.node.rule} max={r.node.maxPoints} />}</td>
          </tr>
        ))}</tbody>
      </table>
    </Card>
  );
}
