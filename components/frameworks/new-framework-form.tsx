"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { createFrameworkAction } from "@/lib/server/actions/frameworks";
import { useAction } from "@/components/forms/use-action";

const FIELDS = ["code", "nameVi", "nameEn", "legalBasis"] as const;

export function NewFrameworkForm({ groups, year }: { groups: { code: string; name: string }[]; year: number }) {
  const t = useTranslations();
  const router = useRouter();
  const { result, pending, issue, run } = useAction<{ code: string }>();
  return (
    <form className="card max-w-2xl space-y-4 p-4" onSubmit={(e) => {
      e.preventDefault();
      const data = Object.fromEntries(new FormData(e.currentTarget));
      run(() => createFrameworkAction(data), (d) => router.push(`/frameworks/${encodeURIComponent(d.code)}/edit`));
    }}>
      {result && !result.ok && <p role="alert" className="text-sm text-accent-600">{t(result.error.key, result.error.values)}</p>}
      {FIELDS.map((f) => (
        <div key={f}>
          <label htmlFor={`new-${f}`} className="field-label">{t(`frameworks.newPage.${f}`)}</label>
          <input id={`new-${f}`} name={f} required className={`field-input ${f === "code" ? "font-mono" : ""}`}
            aria-invalid={issue(f) ? true : undefined} aria-describedby={issue(f) ? `new-${f}-error` : undefined} />
          {issue(f) && <p id={`new-${f}-error`} className="field-error">{t(issue(f)!.key)}</p>}
        </div>
      ))}
      <div className="flex flex-wrap gap-4">
        <div>
          <label htmlFor="new-unitGroup" className="field-label">{t("frameworks.group")}</label>
          <select id="new-unitGroup" name="unitGroup" className="field-input">{groups.map((g) => <option key={g.code} value={g.code}>{g.name}</option>)}</select>
        </div>
        <div>
          <label htmlFor="new-fromYear" className="field-label">{t("frameworks.fromYear")}</label>
          <input id="new-fromYear" name="fromYear" type="number" min={2000} max={2100} defaultValue={year} required className="field-input w-32"
            aria-invalid={issue("fromYear") ? true : undefined} />
          {issue("fromYear") && <p className="field-error">{t(issue("fromYear")!.key)}</p>}
        </div>
      </div>
      <button type="submit" className="btn-primary" disabled={pending}>{t("frameworks.newPage.submit")}</button>
    </form>
  );
}
