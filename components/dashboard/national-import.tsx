"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useLocale, useTranslations } from "next-intl";
import { FileField, UploadProgress } from "@/components/imports/file-field";
import { ImportErrors } from "@/components/imports/import-errors";
import { uploadWithProgress, type RowError } from "@/components/imports/upload";
import type { NationalRow, NationalYearSummary } from "@/lib/io/national";
import { confirmNationalImport } from "@/lib/server/actions/national";
import { formatHundredths } from "@/lib/domain/scoring";

type PreviewYear = NationalYearSummary & { stored: number | null };
type Preview = { ok: true; rows: NationalRow[]; years: PreviewYear[] } | { ok: false; errors: RowError[] };

const fail = (key: string, values?: Record<string, string | number>): RowError[] => [{ sheet: "", row: 0, key, values }];

/** Upload a CSV of national results → preview (or the problems by row and column) → confirm; nothing saved before. */
export function NationalImport() {
  const t = useTranslations("national");
  const tf = useTranslations("frameworks.importPage");
  const locale = useLocale();
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [partial, setPartial] = useState(false);
  const [source, setSource] = useState("");
  const [saved, setSaved] = useState<{ years: number[]; results: number } | null>(null);
  const [saveErrors, setSaveErrors] = useState<RowError[] | null>(null);
  const [pending, start] = useTransition();
  const decimal = (h: number | null) => (h === null ? "" : formatHundredths(h, locale));

  async function check(e: React.FormEvent) {
    e.preventDefault();
    setSaved(null);
    setSaveErrors(null);
    if (!file) return setPreview({ ok: false, errors: fail("frameworks.importPage.noFile") });
    const form = new FormData();
    form.append("file", file);
    setProgress(0);
    try {
      const body = await uploadWithProgress<Preview & { error?: { code: string } }>("/api/v1/national/import", form, setProgress);
      if (body.error) setPreview({ ok: false, errors: fail(body.error.code === "forbidden" ? "api.forbidden" : "api.internal") });
      else {
        setPreview(body);
        if (body.ok) setPartial(body.years.some((y) => !y.complete));
      }
    } catch {
      setPreview({ ok: false, errors: fail("api.internal") });
    } finally {
      setProgress(null);
    }
  }

  function confirm(rows: NationalRow[], years: PreviewYear[]) {
    start(async () => {
      const r = await confirmNationalImport({ rows, years: years.map((y) => y.year), partial, source: source.trim() || null });
      if (!r.ok) return setSaveErrors(fail(r.error.key, r.error.values));
      if ("issues" in r.data) return setSaveErrors(r.data.issues);
      setSaved(r.data.saved);
      setPreview(null);
      router.refresh();
    });
  }

  const forced = preview?.ok === true && preview.years.every((y) => !y.complete);
  return (
    <div className="space-y-4">
      <form onSubmit={check} className="flex flex-wrap items-end gap-3">
        <FileField id="national-file" label={t("import.file")} accept=".csv,text/csv"
          onFile={(f) => { setFile(f); setPreview(null); setSaved(null); setSaveErrors(null); }} />
        <button type="submit" className="btn-primary" disabled={progress !== null}>{progress !== null ? tf("checking") : tf("check")}</button>
        <UploadProgress percent={progress} />
      </form>

      {saved && (
        <p role="status" className="rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
          {t("import.saved", { results: saved.results, years: saved.years.join(", ") })}
        </p>
      )}
      {saveErrors && <ImportErrors errors={saveErrors} />}
      {preview && !preview.ok && <ImportErrors errors={preview.errors} />}
      {preview && preview.ok && (
        <section className="rounded border border-slate-300" aria-labelledby="national-preview-title">
          <h3 id="national-preview-title" className="card-title">{t("import.previewTitle", { rows: preview.rows.length, years: preview.years.length })}</h3>
          <div className="space-y-3 p-4">
            <ul className="space-y-1 text-sm" data-testid="national-preview-years">
              {preview.years.map((y) => (
                <li key={y.year}>
                  <span className="font-medium">{t("import.yearLine", { year: y.year, rows: y.rows, provinces: y.provinces })}</span>
                  {!y.complete && <span className="text-slate-700"> · {t("import.incomplete")}</span>}
                  <span className={y.stored === null ? "text-slate-700" : "text-accent-600"}> · {y.stored === null ? t("import.newYear") : t("import.replaces", { stored: y.stored })}</span>
                </li>
              ))}
            </ul>
            <div className="max-h-[45vh] overflow-auto">
              <table className="table-dense" data-testid="national-preview">
                <thead><tr>
                  <th scope="col">{t("col.province")}</th><th scope="col" className="num">{t("col.year")}</th>
                  <th scope="col" className="num">{t("col.index")}</th><th scope="col" className="num">{t("col.rank")}</th>
                  <th scope="col">{t("col.region")}</th><th scope="col" className="num">{t("col.regionRank")}</th>
                  <th scope="col" className="num">{t("col.sipas")}</th><th scope="col" className="num">{t("col.sipasRank")}</th>
                </tr></thead>
                <tbody>{preview.rows.map((r) => (
                  <tr key={`${r.year}-${r.province}`}>
                    <td>{r.province}</td><td className="num">{r.year}</td><td className="num font-medium">{decimal(r.indexHundredths)}</td>
                    <td className="num">{r.rank ?? ""}</td><td>{r.region ?? ""}</td><td className="num">{r.regionRank ?? ""}</td>
                    <td className="num">{decimal(r.sipasHundredths)}</td><td className="num">{r.sipasRank ?? ""}</td>
                  </tr>
                ))}</tbody>
              </table>
            </div>
            <div className="grid gap-3 md:grid-cols-2">
              <div>
                <label className="flex items-start gap-2 text-sm">
                  <input type="checkbox" className="mt-0.5" checked={partial || forced} disabled={forced} onChange={(e) => setPartial(e.target.checked)}
                    aria-describedby="national-partial-hint" />
                  <span>{t("import.partial")}</span>
                </label>
                <p id="national-partial-hint" className="mt-1 text-xs text-slate-700">{t("import.partialForced")}</p>
              </div>
              <div>
                <label htmlFor="national-source" className="field-label">{t("import.source")}</label>
                <input id="national-source" className="field-input" maxLength={1000} value={source} onChange={(e) => setSource(e.target.value)}
                  placeholder={t("import.sourceHint")} />
              </div>
            </div>
            <div className="flex gap-2">
              <button type="button" className="btn-primary" disabled={pending} onClick={() => confirm(preview.rows, preview.years)}>
                {pending ? tf("saving") : t("import.confirm")}
              </button>
              <button type="button" className="btn border border-slate-400 bg-white" onClick={() => setPreview(null)}>{tf("cancel")}</button>
            </div>
          </div>
        </section>
      )}
    </div>
  );
}
