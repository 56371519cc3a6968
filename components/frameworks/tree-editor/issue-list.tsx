"use client";
import { useTranslations } from "next-intl";
import type { EditorIssue } from "@/lib/domain/framework-edit";

/** An issue in words; `values.field` names a field under `frameworks.editor.fields`. */
export function useIssueText() {
  const t = useTranslations();
  return (issue: Pick<EditorIssue, "key" | "values">): string => {
    const values = { ...issue.values };
    if (typeof values.field === "string" && t.has(`frameworks.editor.fields.${values.field}`)) values.field = t(`frameworks.editor.fields.${values.field}`);
    return t.has(issue.key) ? t(issue.key, values) : issue.key;
  };
}

/** Every issue, live; selecting one goes to the criterion (or the framework's fields) it is about. */
export function IssueList({ issues, onSelect }: { issues: EditorIssue[]; onSelect: (issue: EditorIssue) => void }) {
  const t = useTranslations("frameworks.editor");
  const issueText = useIssueText();
  return (
    <section className="card" aria-labelledby="editor-issues-title" data-testid="editor-issues">
      <h2 id="editor-issues-title" className="card-title">{t("issuesTitle")}</h2>
      <div className="px-4 py-2">
        <p role="status" className={`text-sm font-medium ${issues.length ? "text-accent-600" : "text-emerald-800"}`}>
          {issues.length ? t("issueCount", { count: issues.length }) : t("noIssues")}
        </p>
        {issues.length > 0 && (
          <ul className="mt-1 max-h-40 overflow-auto text-sm">
            {issues.map((issue, i) => (
              <li key={i}>
                <button type="button" onClick={() => onSelect(issue)}
                  className="w-full rounded px-1 py-0.5 text-left text-accent-600 underline-offset-2 hover:bg-red-50 hover:underline">
                  {issue.code && <span className="mr-2 font-mono text-xs text-slate-700">{issue.code}</span>}
                  {issueText(issue)}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
