import "server-only";
import { createTranslator, type AbstractIntlMessages } from "next-intl";
import en from "@/lib/i18n/messages/en.json";
import vi from "@/lib/i18n/messages/vi.json";
import { resolveLocale, type Locale } from "@/lib/i18n/locales";
import { TIME_FORMAT, notificationText } from "@/lib/server/data/notifications";

const CATALOGUES: Record<Locale, AbstractIntlMessages> = { vi, en };
const TIME_ZONE = "Asia/Ho_Chi_Minh";

export type EmailContent = { subject: string; text: string };

/**
 * One notification as an e-mail in the recipient's language (User.locale, Vietnamese by default):
 * the catalogue's title as subject, the body, and absolute links to the item and to the inbox.
 */
export function renderEmail(n: { kind: string; params: unknown; link: string | null }, user: { name: string; locale: string | null },
  publicUrl: string): EmailContent {
  const locale = resolveLocale(user.locale ?? undefined);
  const t = createTranslator({ locale, messages: CATALOGUES[locale], namespace: "notifications", timeZone: TIME_ZONE });
  const translate = (key: string, values?: Record<string, string | number>) => t(key as never, values as never);
  const dates = new Intl.DateTimeFormat(locale === "vi" ? "vi-VN" : locale, { ...TIME_FORMAT, timeZone: TIME_ZONE });
  const { title, body } = notificationText(n, translate, (d) => dates.format(d), locale);
  const lines = [
    translate("email.greeting", { name: user.name }),
    "",
    title,
    ...(body ? [body] : []),
    "",
    ...(n.link ? [translate("email.open", { url: `${publicUrl}${n.link}` })] : []),
    translate("email.inbox", { url: `${publicUrl}/inbox` }),
    "",
    "-- ",
    translate("email.footer"),
  ];
  return { subject: translate("email.subject", { title }), text: `${lines.join("\n")}\n` };
}
