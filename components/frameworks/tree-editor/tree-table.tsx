"use client";
import { useLocale, useTranslations } from "next-intl";
import { MAX_DEPTH } from "@/lib/domain/framework";
import { canAddChild, pathKey, samePath, type NodePath, type PathRow } from "@/lib/domain/framework-edit";

export type TreeAction = "addArea" | "addChild" | "addSibling" | "moveUp" | "moveDown" | "renumber" | "delete";

/**
 * The tree as a dense table with one selected row. Only the selected row's button is in the tab
 * order; ↑ ↓ Home End move the selection. The toolbar acts on the selected row.
 */
export function TreeTable({ rows, selected, flagged, rowId, actionId, onSelect, onAction }: {
  rows: PathRow[]; selected: NodePath | null; flagged: Set<string>; rowId: (path: NodePath) => string; actionId: (a: TreeAction) => string;
  onSelect: (path: NodePath, focus: boolean) => void; onAction: (action: TreeAction) => void;
}) {
  const t = useTranslations("frameworks");
  const locale = useLocale();
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const index = rows.findIndex((r) => samePath(r.path, selected));
  const current = index >= 0 ? rows[index]! : null;
  const siblingsAfter = current ? rows.some((r, i) => i > index && r.depth === current.depth && samePath(r.path.slice(0, -1), current.path.slice(0, -1))) : false;
  const tabbable = index >= 0 ? index : 0;
  const onKey = (e: React.KeyboardEvent, i: number) => {
    const target = { ArrowDown: i + 1, ArrowUp: i - 1, Home: 0, End: rows.length - 1 }[e.key];
    if (target === undefined || target < 0 || target >= rows.length) return;
    e.preventDefault();
    onSelect(rows[target]!.path, true);
  };
  const button = (action: TreeAction, label: string, disabled: boolean, danger = false) => (
    <button id={actionId(action)} type="button" disabled={disabled} onClick={() => onAction(action)}
      className={`btn border bg-white px-2! py-1! text-xs ${danger ? "border-accent-600/60 text-accent-600 hover:bg-red-50" : "border-slate-400 hover:bg-slate-50"}`}>
      {label}
    </button>
  );
  return (
    <section className="card min-w-0" aria-labelledby="editor-tree-title">
      <h2 id="editor-tree-title" className="card-title">{t("tree")}</h2>
      <div className="space-y-2 p-3">
        <div role="group" aria-label={t("editor.actions")} className="flex flex-wrap gap-1">
          {button("addChild", t("editor.addChild"), !current || !canAddChild(current.path))}
          {button("addSibling", t("editor.addSibling"), !current)}
          {button("moveUp", t("editor.moveUp"), !current || current.path[current.path.length - 1] === 0)}
          {button("moveDown", t("editor.moveDown"), !current || !siblingsAfter)}
          {button("renumber", t("editor.renumber"), !current || current.isLeaf)}
          {button("delete", t("editor.delete"), !current, true)}
          {button("addArea", t("editor.addArea"), false)}
        </div>
        {current && !canAddChild(current.path) && <p className="text-xs text-slate-600">{t("editor.maxDepth", { max: MAX_DEPTH })}</p>}
        <p className="text-xs text-slate-600">{t("editor.treeHelp")}</p>
        <div className="max-h-[70vh] overflow-auto">
          <table className="table-dense" data-testid="editor-tree">
            <thead className="sticky top-0"><tr>
              <th scope="col">{t("criterionCode")}</th><th scope="col">{t("content")}</th><th scope="col" className="num">{t("maxPoints")}</th>
              <th scope="col">{t("rule")}</th><th scope="col"><span className="sr-only">{t("editor.issuesColumn")}</span></th>
            </tr></thead>
            <tbody>{rows.map((r, i) => {
              const isSelected = i === index;
              const hasIssues = flagged.has(pathKey(r.path));
              const title = (locale === "en" ? r.node.titleEn || r.node.titleVi : r.node.titleVi || r.node.titleEn) || "…";
              return (
                <tr key={pathKey(r.path)} data-code={r.node.code} onClick={() => onSelect(r.path, false)}
                  className={`cursor-pointer ${isSelected ? "bg-brand-100! outline-2 -outline-offset-2 outline-brand-600" : hasIssues ? "bg-red-50" : r.depth === 1 ? "bg-brand-50" : ""} ${r.depth === 1 ? "font-semibold" : r.depth === 2 ? "font-medium" : ""}`}>
                  <td className="whitespace-nowrap">
                    <button id={rowId(r.path)} type="button" tabIndex={i === tabbable ? 0 : -1} aria-current={isSelected || undefined}
                      onKeyDown={(e) => onKey(e, i)} onClick={(e) => { e.stopPropagation(); onSelect(r.path, false); }}
                      className="rounded px-1 font-mono text-xs hover:underline">
                      {r.node.code || "…"}
                    </button>
                  </td>
                  <td style={{ paddingLeft: `${0.75 + (r.depth - 1)}rem` }}>{title}</td>
                  <td className="num">{Number.isFinite(r.node.maxPoints) ? number.format(r.node.maxPoints) : "—"}</td>
                  <td className="whitespace-nowrap text-xs font-normal">
                    {r.isLeaf ? (r.node.rule ? t(`rules.${r.node.rule.kind}`) : t("editor.noRule")) : t("editor.innerKind", { count: r.node.children!.length })}
                  </td>
                  <td className="w-6 text-center">
                    {hasIssues && (
                      <span className="inline-block rounded-full bg-accent-600 px-1.5 text-xs font-bold text-white" data-testid="row-issue">
                        <span aria-hidden="true">!</span><span className="sr-only">{t("editor.hasIssues")}</span>
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}</tbody>
          </table>
        </div>
      </div>
    </section>
  );
}
