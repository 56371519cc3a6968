"use client";
import { useState, useTransition } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { SurveysDoc } from "@/lib/schemas/scores";
import { confirmSurveyImport } from "@/lib/server/actions/surveys";
import { FileField, UploadProgress } from "./file-field";
import { ImportErrors } from "./import-errors";
import { uploadWithProgress, type RowError } from "./upload";

type PlanRow = { unitCode: string; unitNameVi: string; unitNameEn: string; kind: "SOCIOLOGICAL" | "SIPAS"; criterionCode: string | null;
  percent: number; points: number | null; elements?: number[]; respondents: number | null };
type Preview = { ok: true; doc: SurveysDoc; rows: PlanRow[] } | { ok: false; errors: RowError[] };

export function SurveyImport({ years }: { years: number[] }) {
  const t = useTranslations("surveys");
  const tf = useTranslations("frameworks.importPage");
  const tAll = useTranslations();
  const locale = useLocale();
  const [year, setYear] = useState(years[0] ?? new Date().getFullYear());
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [saved, setSaved] = useState<{ units: number; results: number } | null>(null);
  const [saveErrors, setSaveErrors] = useState<RowError[] | null>(null);
  const [pending, start] = useTransition();
  const n = (v: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 4 }).format(v);

  async function check(e: React.FormEvent) {
    e.preventDefault();
    setSaved(null);
    setSaveErrors(null);
    if (!file) return setPreview({ ok: false, errors: [{ sheet: "", row: 0, key: "frameworks.importPage.noFile" }] });
    const form = new FormData();
    form.append("year", String(year));
    form.append("file", file);
    setProgress(0);
    try {
      const body = await uploadWithProgress<Preview & { error?: unknown }>("/api/v1/surveys/import", form, setProgress);
      setPreview(body.error ? { ok: false, errors: [{ sheet: "", row: 0, key: "api.internal" }] } : body);
    } catch {
      setPreview({ ok: false, errors: [{ sheet: "", row: 0, key: "api.internal" }] });
    } finally {
      setProgress(null);
    }
  }

  function confirm(doc: SurveysDoc) {
    start(async () => {
      const r = await confirmSurveyImport(doc);
      if (r.ok) {
        setSaved(r.data);
        setPreview(null);
      } else {
        setSaveErrors([{ sheet: "", row: 0, key: r.error.key, values: r.error.values },
          ...(r.issues ?? []).map((i) => ({ sheet: String(i.path[0] ?? ""), row: 0, column: String(i.path[1] ?? ""), key: i.key,
            values: i.values as Record<string, string | number> }))]);
      }
    });
  }

  return (
    <div className="space-y-4">
      <form onSubmit={check} className="card flex flex-wrap items-end gap-3 p-4">
        <div>
          <label htmlFor="survey-year" className="field-label">{t("year")}</label>
          <select id="survey-year" value={year} onChange={(e) => { setYear(Number(e.target.value)); setPreview(null); }} className="field-input">
            {years.map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        </div>
        <FileField id="survey-file" label={t("file")} accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onFile={(f) => { setFile(f); setPreview(null); setSaved(null); }} />
        <button type="submit" className="btn-primary" disabled={progress !== null}>{progress !== null ? tf("checking") : tf("check")}</button>
        <UploadProgress percent={progress} />
      </form>

      {saved && <p role="status" className="rounded border border-emerald-300 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">{t("saved", { ...saved, year })}</p>}
      {saveErrors && <ImportErrors errors={saveErrors} />}
      {preview && !preview.ok && <ImportErrors errors={preview.errors} />}
      {preview && preview.ok && (
        <section className="card" aria-labelledby="survey-preview">
          <h2 id="survey-preview" className="card-title">{t("previewTitle", { year, units: preview.doc.units.length, rows: preview.rows.length })}</h2>
          <div className="space-y-3 p-4">
            <div className="max-h-[55vh] overflow-auto">
              <table className="table-dense" data-testid="survey-preview">
                <thead><tr><th scope="col">{tAll("common.unit")}</th><th scope="col">{t("kind")}</th><th scope="col">{t("criterion")}</th>
                  <th scope="col" className="num">{t("percent")}</th><th scope="col" className="num">{t("points")}</th><th scope="col">{t("elements")}</th></tr></thead>
                <tbody>{preview.rows.map((r, i) => (
                  <tr key={i}>
                    <td><span className="mr-2 font-mono text-xs">{r.unitCode}</span>{locale === "en" ? r.unitNameEn : r.unitNameVi}</td>
                    <td className="whitespace-nowrap text-xs">{t(`kinds.${r.kind}`)}</td>
                    <td className="font-mono text-xs">{r.criterionCode ?? ""}</td>
                    <td className="num">{n(r.percent)}</td>
                    <td className="num font-medium">{r.points === null ? "" : n(r.points)}</td>
                    <td className="text-xs tabular-nums">{r.elements?.map(n).join(" · ") ?? ""}</td>
                  </tr>
                ))}</tbody>
              </table>
            </div>
            <div className="flex gap-2">
              <button type="button" className="btn-primary" disabled={pending} onClick={() => confirm(preview.doc)}>{pending ? tf("saving") : t("confirm")}</button>
              <button type="button" className="btn border border-slate-400 bg-white" onClick={() => setPreview(null)}>{tf("cancel")}</button>
            </div>
          </div>
        </section>
      )}
    </div>
  );
}
