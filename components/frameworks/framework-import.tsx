"use client";
import { useState, useTransition } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { FrameworkDoc } from "@/lib/domain/framework";
import { FileField, UploadProgress } from "@/components/imports/file-field";
import { ImportErrors } from "@/components/imports/import-errors";
import { uploadWithProgress, type RowError } from "@/components/imports/upload";
import { confirmFrameworkImport } from "@/lib/server/actions/frameworks";

type Preview = { ok: true; doc: FrameworkDoc; summary: { nodes: number; leaves: number; max: number } };
type Failure = { ok: false; errors: RowError[] };

export function FrameworkImport() {
  const t = useTranslations("frameworks.importPage");
  const tAll = useTranslations();
  const locale = useLocale();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [result, setResult] = useState<Preview | Failure | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();


  async function check(event: React.FormEvent) {
    event.preventDefault();
    setSaved(null);
    setSaveError(null);
    if (!file) {
      setResult({ ok: false, errors: [{ sheet: "", row: 0, key: "frameworks.importPage.noFile" }] });
      return;
    }
    setProgress(0);
    const form = new FormData();
    form.append("file", file);
    try {
      const body = await uploadWithProgress<(Preview | Failure) & { error?: unknown }>("/api/v1/frameworks/import", form, setProgress);
      setResult(body.error ? { ok: false, errors: [{ sheet: "", row: 0, key: "api.internal" }] } : body);
    } catch {
      setResult({ ok: false, errors: [{ sheet: "", row: 0, key: "api.internal" }] });
    } finally {
      setProgress(null);
    }
  }

  function confirm(doc: FrameworkDoc) {
    startTransition(async () => {
      const r = await confirmFrameworkImport(doc);
      if (r.ok) {
        setSaved(r.data.code);
        setResult(null);
      } else {
        setSaveError(tAll(r.error.key, r.error.values));
      }
    });
  }

  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  return (
    <div className="space-y-4">
      <form onSubmit={check} className="card flex flex-wrap items-end gap-3 p-4">
        <FileField id="framework-file" label={t("file")} accept=".xlsx,.json,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onFile={(f) => { setFile(f); setResult(null); setSaved(null); }} />
        <button type="submit" className="btn-primary" disabled={progress !== null}>{progress !== null ? t("checking") : t("check")}</button>
        <UploadProgress percent={progress} />
      </form>

      {saved && <p role="status" className="rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">{t("saved", { code: saved })}</p>}
      {saveError && <p role="alert" className="rounded border border-accent-600/40 bg-red-50 px-3 py-2 text-sm text-accent-600">{saveError}</p>}

      {result && !result.ok && <ImportErrors errors={result.errors} />}

      {result && result.ok && (
        <section className="card" aria-labelledby="import-preview">
          <h2 id="import-preview" className="card-title">{t("previewTitle", { code: result.doc.code, name: locale === "en" ? result.doc.nameEn : result.doc.nameVi })}</h2>
          <div className="space-y-3 p-4">
            <p className="text-sm">{t("previewSummary", { nodes: result.summary.nodes, leaves: result.summary.leaves, max: number.format(result.summary.max) })}</p>
            <div className="max-h-[50vh] overflow-auto">
              <table className="table-dense">
                <tbody>{flattenPreview(result.doc).map((r) => (
                  <tr key={r.code}><td className="whitespace-nowrap font-mono text-xs">{r.code}</td>
                    <td style={{ paddingLeft: `${0.75 + r.depth}rem` }}>{locale === "en" ? r.titleEn : r.titleVi}</td>
                    <td className="num">{number.format(r.maxPoints)}</td></tr>
                ))}</tbody>
              </table>
            </div>
            <div className="flex gap-2">
              <button type="button" className="btn-primary" disabled={pending} onClick={() => confirm(result.doc)}>{pending ? t("saving") : t("confirm")}</button>
              <button type="button" className="btn border border-slate-400 bg-white" onClick={() => setResult(null)}>{t("cancel")}</button>
            </div>
          </div>
        </section>
      )}
    </div>
  );
}

function flattenPreview(doc: FrameworkDoc) {
  const out: { code: string; titleVi: string; titleEn: string; maxPoints: number; depth: number }[] = [];
  const walk = (nodes: FrameworkDoc["tree"], depth: number) => nodes.forEach((n) => { out.push({ ...n, depth }); if (n.children) walk(n.children, depth + 1); });
  walk(doc.tree, 0);
  return out;
}
