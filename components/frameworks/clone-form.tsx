"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { cloneFrameworkAction } from "@/lib/server/actions/frameworks";
import { useAction } from "@/components/forms/use-action";

export function CloneForm({ source, suggestedCode, suggestedYear }: { source: string; suggestedCode: string; suggestedYear: number }) {
  const t = useTranslations();
  const router = useRouter();
  const { result, pending, issue, run } = useAction<{ code: string }>();
  return (
    <form className="card max-w-lg space-y-4 p-4" onSubmit={(e) => {
      e.preventDefault();
      const data = Object.fromEntries(new FormData(e.currentTarget));
      run(() => cloneFrameworkAction({ ...data, source }), (d) => router.push(`/frameworks/${encodeURIComponent(d.code)}`));
    }}>
      {result && !result.ok && <p role="alert" className="text-sm text-accent-600">{t(result.error.key, result.error.values)}</p>}
      <div>
        <label htmlFor="code" className="field-label">{t("frameworks.clonePage.newCode")}</label>
        <input id="code" name="code" defaultValue={suggestedCode} required className="field-input font-mono" aria-invalid={issue("code") ? true : undefined} aria-describedby="code-error" />
        {issue("code") && <p id="code-error" className="field-error">{t(issue("code")!.key)}</p>}
      </div>
      <div>
        <label htmlFor="fromYear" className="field-label">{t("frameworks.fromYear")}</label>
        <input id="fromYear" name="fromYear" type="number" defaultValue={suggestedYear} min={2000} max={2100} required className="field-input w-32" />
      </div>
      <button type="submit" className="btn-primary" disabled={pending}>{t("frameworks.clonePage.submit")}</button>
    </form>
  );
}
