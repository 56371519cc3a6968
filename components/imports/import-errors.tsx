"use client";
import { useTranslations } from "next-intl";
import type { RowError } from "./upload";

/** An import's row-level errors: sheet (or unit), row, column, message in the user's language. */
export function ImportErrors({ errors }: { errors: RowError[] }) {
  const t = useTranslations("frameworks.importPage");
  const tAll = useTranslations();
  const message = (e: RowError) => (tAll.has(e.key) ? tAll(e.key, e.values) : `${e.key}${e.values?.detail ? `: ${e.values.detail}` : ""}`);
  return (
    <section className="card" aria-labelledby="import-errors">
      <h2 id="import-errors" className="card-title text-accent-600">{t("errorsTitle", { count: errors.length })}</h2>
      <div className="max-h-[60vh] overflow-auto p-4">
        <table className="table-dense" data-testid="import-errors">
          <thead><tr><th scope="col">{t("sheet")}</th><th scope="col" className="num">{t("row")}</th><th scope="col">{t("column")}</th><th scope="col">{t("problem")}</th></tr></thead>
          <tbody>{errors.map((e, i) => (
            <tr key={i}><td className="whitespace-nowrap">{e.sheet}</td><td className="num">{e.row || ""}</td>
              <td className="font-mono text-xs">{e.column ?? ""}</td><td>{message(e)}</td></tr>
          ))}</tbody>
        </table>
      </div>
    </section>
  );
}
