import { getLocale, getTranslations } from "next-intl/server";
import { LOCALES } from "@/lib/i18n/locales";
import { setLocale } from "@/lib/server/actions/locale";

export async function LanguageSwitcher({ tone = "dark" }: { tone?: "dark" | "light" }) {
  const [locale, t, tLang] = [await getLocale(), await getTranslations("nav"), await getTranslations("languages")];
  return (
    <form action={setLocale} className="flex items-center gap-1" aria-label={t("language")}>
      {LOCALES.map((l) => (
        <button
          key={l}
          type="submit"
          name="locale"
          value={l}
          lang={l}
          aria-pressed={l === locale}
          className={`rounded px-2 py-1 text-xs ${
            tone === "dark"
              ? l === locale ? "bg-white/20 text-white" : "text-brand-100 hover:bg-white/10"
              : l === locale ? "bg-brand-100 text-brand-800" : "text-slate-600 hover:bg-slate-200"
          }`}
        >
          {tLang(l)}
        </button>
      ))}
    </form>
  );
}
