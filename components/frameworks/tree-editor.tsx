"use client";
import { useEffect, useId, useMemo, useRef, useState, useTransition } from "react";
import { useLocale, useTranslations } from "next-intl";
import { frameworkMax, type CriterionDoc, type FrameworkDoc } from "@/lib/domain/framework";
import {
  addArea, addChild, addSibling, descendantCount, editorIssues, moveNode, nodeAt, pathKey, removeNode, renumberChildren, rowsWithPaths,
  samePath, updateNode, type EditorIssue, type NodePath,
} from "@/lib/domain/framework-edit";
import { centiToNumber } from "@/lib/domain/points";
import { frameworkDocSchema } from "@/lib/schemas/framework";
import { saveFrameworkAction } from "@/lib/server/actions/frameworks";
import type { ActionResult } from "@/lib/server/actions/pipeline";
import { FrameworkForm } from "./tree-editor/framework-form";
import { IssueList, useIssueText } from "./tree-editor/issue-list";
import { NodeForm } from "./tree-editor/node-form";
import { TreeTable, type TreeAction } from "./tree-editor/tree-table";

/** The editor's issues; when it finds none, the exchange schema has the last word (nothing the server would refuse is sent). */
function allIssues(doc: FrameworkDoc): EditorIssue[] {
  const issues = editorIssues(doc);
  if (issues.length) return issues;
  try {
    const parsed = frameworkDocSchema.safeParse(doc);
    if (parsed.success) return [];
    return parsed.error.issues.map((i) => ({ path: null, code: "", key: "frameworks.editor.issues.invalid", values: { where: i.path.map(String).join(".") } }));
  } catch {
    return [{ path: null, code: "", key: "frameworks.editor.issues.unexpected", values: {} }];
  }
}

/**
 * The criterion-tree editor: the whole document lives in React state and is checked on every change
 * with the same pure validation the server runs; Save sends it to `saveFrameworkAction`.
 */
export function TreeEditor({ initial }: { initial: FrameworkDoc }) {
  const t = useTranslations();
  const locale = useLocale();
  const issueText = useIssueText();
  const uid = useId();
  const [doc, setDoc] = useState(initial);
  const [savedJson, setSavedJson] = useState(() => JSON.stringify(initial));
  const [selected, setSelected] = useState<NodePath | null>(initial.tree.length ? [0] : null);
  const [frameworkOpen, setFrameworkOpen] = useState(false);
  const [result, setResult] = useState<ActionResult<{ code: string }> | null>(null);
  const [pending, startTransition] = useTransition();
  const focusNext = useRef<string | null>(null);

  const rows = useMemo(() => rowsWithPaths(doc.tree), [doc.tree]);
  const issues = useMemo(() => allIssues(doc), [doc]);
  const flagged = useMemo(() => new Set(issues.filter((i) => i.path).map((i) => pathKey(i.path!))), [issues]);
  const dirty = useMemo(() => JSON.stringify(doc) !== savedJson, [doc, savedJson]);
  const node = selected ? nodeAt(doc.tree, selected) : undefined;
  const rowId = (path: NodePath) => `${uid}-row-${pathKey(path)}`;
  const actionId = (action: string) => `${uid}-action-${action}`;
  const fieldId = (field: string) => `${uid}-fw-${field}`;
  const formId = `${uid}-node`;
  const leaveText = t("frameworks.editor.leave");

  // Move focus once the DOM reflects the change (a new row, the form of a new node).
  useEffect(() => {
    const id = focusNext.current;
    if (!id) return;
    focusNext.current = null;
    const el = document.getElementById(id);
    el?.focus();
    el?.scrollIntoView({ block: "nearest" });
  });

  // Unsaved changes: ask before the page is left, by the browser or by a link inside the app.
  useEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = ""; // older browsers
    };
    const onClick = (e: MouseEvent) => {
      const link = e.target instanceof Element ? e.target.closest("a[href]") : null;
      if (!link || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      if (link.getAttribute("target") === "_blank" || link.hasAttribute("download")) return;
      if (!window.confirm(leaveText)) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    document.addEventListener("click", onClick, true);
    return () => {
      window.removeEventListener("beforeunload", onBeforeUnload);
      document.removeEventListener("click", onClick, true);
    };
  }, [dirty, leaveText]);

  const change = (next: FrameworkDoc) => {
    setDoc(next);
    if (result?.ok) setResult(null);
  };
  const select = (path: NodePath | null, focus: string | null) => {
    setSelected(path);
    focusNext.current = focus;
  };

  function onAction(action: TreeAction) {
    if (action === "addArea") {
      const r = addArea(doc);
      change(r.doc);
      return select(r.path, `${formId}-code`);
    }
    if (!selected || !node) return;
    switch (action) {
      case "addChild":
      case "addSibling": {
        const r = action === "addChild" ? addChild(doc, selected) : addSibling(doc, selected);
        if (!r) return;
        change(r.doc);
        return select(r.path, `${formId}-code`);
      }
      case "moveUp":
      case "moveDown": {
        const r = moveNode(doc, selected, action === "moveUp" ? -1 : 1);
        if (!r) return;
        change(r.doc);
        // Keep focus on the button unless it is now disabled (first or last place): then on the row.
        const siblings = r.path.length > 1 ? nodeAt(r.doc.tree, r.path.slice(0, -1))!.children! : r.doc.tree;
        const last = r.path[r.path.length - 1]!;
        const atEdge = action === "moveUp" ? last === 0 : last === siblings.length - 1;
        return select(r.path, atEdge ? rowId(r.path) : null);
      }
      case "renumber":
        return change(renumberChildren(doc, selected));
      case "delete": {
        if (!window.confirm(t("frameworks.editor.confirmDelete", { code: node.code, count: descendantCount(node) }))) return;
        const r = removeNode(doc, selected);
        change(r.doc);
        return select(r.path, r.path ? rowId(r.path) : actionId("addArea"));
      }
    }
  }

  function onIssue(issue: EditorIssue) {
    if (issue.path && nodeAt(doc.tree, issue.path)) return select(issue.path, rowId(issue.path));
    setFrameworkOpen(true);
    const field = typeof issue.values.field === "string" ? issue.values.field : "nameVi";
    focusNext.current = fieldId(field);
  }

  function save() {
    const snapshot = doc;
    startTransition(async () => {
      const r = await saveFrameworkAction(snapshot);
      setResult(r);
      if (r.ok) setSavedJson(JSON.stringify(snapshot));
    });
  }

  const serverIssueText = (i: { key: string; values?: Record<string, unknown> }) =>
    issueText({ key: i.key, values: (i.values ?? {}) as Record<string, string | number> });
  const canSave = dirty && issues.length === 0 && !pending;
  const total = (() => {
    try {
      return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(centiToNumber(frameworkMax(doc.tree)));
    } catch {
      return "—";
    }
  })();

  return (
    <div className="space-y-4">
      <div className="card sticky top-0 z-20 flex flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2 shadow-sm">
        <button type="button" className="btn-primary" disabled={!canSave} onClick={save} aria-describedby={`${uid}-save-state`}>
          {pending ? t("frameworks.editor.saving") : t("frameworks.editor.save")}
        </button>
        <p id={`${uid}-save-state`} className="text-sm text-slate-700">
          {issues.length ? t("frameworks.editor.fixFirst") : dirty ? t("frameworks.editor.unsaved") : t("frameworks.editor.noChanges")}
        </p>
        <p className="ml-auto text-sm tabular-nums text-slate-700">{t("frameworks.editor.total", { total })}</p>
        <div role="status" className={result?.ok ? "basis-full" : "sr-only"}>
          {result?.ok && <p className="rounded border border-emerald-300 bg-emerald-50 px-3 py-1.5 text-sm text-emerald-900">{t("frameworks.editor.saved", { code: result.data.code })}</p>}
        </div>
        {result && !result.ok && (
          <div role="alert" className="basis-full rounded border border-accent-600/40 bg-red-50 px-3 py-1.5 text-sm text-accent-600">
            <p>{t.has(result.error.key) ? t(result.error.key, result.error.values) : result.error.key}</p>
            {result.issues && result.issues.length > 0 && <ul className="list-disc pl-5">{result.issues.map((i, k) => <li key={k}>{serverIssueText(i)}</li>)}</ul>}
          </div>
        )}
      </div>

      <FrameworkForm id={fieldId} doc={doc} open={frameworkOpen} onToggle={setFrameworkOpen}
        invalid={new Set(issues.filter((i) => !i.path && typeof i.values.field === "string").map((i) => String(i.values.field)))}
        onChange={(patch) => change({ ...doc, ...patch })} />

      <IssueList issues={issues} onSelect={onIssue} />

      <div className="grid items-start gap-4 lg:grid-cols-2">
        <TreeTable rows={rows} selected={selected} flagged={flagged} rowId={rowId} actionId={actionId} onAction={onAction}
          onSelect={(path, focus) => select(path, focus ? rowId(path) : null)} />
        <div className="lg:sticky lg:top-16 lg:max-h-[calc(100vh-5rem)] lg:overflow-auto">
          {node && selected ? (
            <NodeForm key={pathKey(selected)} id={formId} node={node} isLeaf={!node.children?.length}
              issues={issues.filter((i) => samePath(i.path, selected))}
              onChange={(next: CriterionDoc) => change(updateNode(doc, selected, () => next))} />
          ) : (
            <p className="card p-4 text-sm text-slate-600">{t("frameworks.editor.noSelection")}</p>
          )}
        </div>
      </div>
    </div>
  );
}
