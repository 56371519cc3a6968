import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { MappingForm } from "@/components/frameworks/mapping-form";
import { Card, PageTitle } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { diffFrameworks } from "@/lib/domain/framework-diff";
import { requirePage } from "@/lib/server/auth/session";
import { criterionMapping, frameworkDocument, listFrameworks } from "@/lib/server/data/frameworks";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("frameworks.diffPage"))("title") };
}

export default async function ComparePage({ searchParams }: { searchParams: Promise<{ from?: string; to?: string }> }) {
  const user = await requirePage("cycle.read");
  const { from, to } = await searchParams;
  const [t, locale, all] = [await getTranslations("frameworks.diffPage"), await getLocale(), await listFrameworks()];
  const [a, b] = from && to ? [await frameworkDocument(from), await frameworkDocument(to)] : [null, null];
  const mapping = a && b ? await criterionMapping(a.code, b.code) : new Map<string, string>();
  const rows = a && b ? diffFrameworks(a.tree, b.tree, mapping) : [];
  const show = (v: unknown) => (v === null || v === undefined ? "—" : typeof v === "object" ? JSON.stringify(v) : String(v));
  return (
    <>
      <PageTitle>{t("title")}</PageTitle>
      <form className="card mb-4 flex flex-wrap items-end gap-3 p-4" method="get">
        {(["from", "to"] as const).map((k) => (
          <div key={k}>
            <label htmlFor={k} className="field-label">{t(k)}</label>
            <select id={k} name={k} defaultValue={k === "from" ? from : to} className="field-input">
              {all.map((f) => <option key={f.code} value={f.code}>{f.code} — {locale === "en" ? f.nameEn : f.nameVi}</option>)}
            </select>
          </div>
        ))}
        <button type="submit" className="btn-primary">{t("submit")}</button>
      </form>
      {a && b && (
        <div className="grid gap-4 xl:grid-cols-3">
          <Card title={`${a.code} → ${b.code}`} className="xl:col-span-2">
            {rows.length === 0 ? <p className="text-sm">{t("none")}</p> : (
              <table className="table-dense" data-testid="diff">
                <thead><tr><th scope="col">{t("from")}</th><th scope="col">{t("to")}</th><th scope="col">{t("field")}</th><th scope="col">{t("before")}</th><th scope="col">{t("after")}</th></tr></thead>
                <tbody>{rows.flatMap((r) => r.kind === "changed"
                  ? r.changes.map((c, i) => (
                    <tr key={`${r.code}-${c.field}`}>
                      {i === 0 && <td rowSpan={r.changes.length} className="font-mono text-xs">{r.code}</td>}
                      {i === 0 && <td rowSpan={r.changes.length} className="font-mono text-xs">{r.newCode}</td>}
                      <td className="text-xs">{t(`fields.${c.field}`)}</td>
                      <td className="text-xs text-accent-600">{show(c.before)}</td><td className="text-xs text-emerald-800">{show(c.after)}</td>
                    </tr>))
                  : [<tr key={r.code}>
                      <td className="font-mono text-xs">{r.kind === "added" ? "" : r.code}</td>
                      <td className="font-mono text-xs">{r.kind === "added" ? r.code : r.kind === "renumbered" ? r.newCode : ""}</td>
                      <td colSpan={3} className="text-xs"><strong>{t(r.kind)}</strong>
                        {r.kind !== "renumbered" && ` — ${locale === "en" ? r.node.titleEn : r.node.titleVi}`}</td>
                    </tr>])}
                </tbody>
              </table>
            )}
          </Card>
          {can(user, "framework.manage") && (
            <Card title={t("mapping")}>
              <MappingForm from={a.code} to={b.code} initial={[...mapping].filter(([x, y]) => x !== y).map(([x, y]) => `${x} → ${y}`).join("\n")} />
            </Card>
          )}
        </div>
      )}
    </>
  );
}
