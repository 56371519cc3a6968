"use client";
import { useTranslations } from "next-intl";

export default function AppError({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations("errors");
  return (
    <div role="alert" className="card mx-auto mt-10 max-w-lg p-6">
      <h1 className="text-lg font-semibold text-accent-600">{t("genericTitle")}</h1>
      <p className="mt-2 text-sm">{t("generic")}</p>
      <button type="button" onClick={reset} className="btn-primary mt-4">{t("retry")}</button>
    </div>
  );
}
