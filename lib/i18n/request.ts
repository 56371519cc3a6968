import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { isLocale, LOCALE_COOKIE, resolveLocale } from "./locales";

/** The visitor's language from the cookie, unless a server call asks for one explicitly (`getTranslations({ locale })`). */
export default getRequestConfig(async ({ locale: requested }) => {
  const locale = isLocale(requested) ? requested : resolveLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  const messages = (await import(`./messages/${locale}.json`)).default;
  return { locale, messages, timeZone: "Asia/Ho_Chi_Minh" };
});
