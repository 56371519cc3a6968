import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { PageTitle } from "@/components/ui/card";
import { markReadFormAction } from "@/lib/server/actions/notifications";
import { requirePage } from "@/lib/server/auth/session";
import { TIME_FORMAT, inboxOf, notificationText, unreadCount } from "@/lib/server/data/notifications";

const LIMIT = 100;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("notifications"))("title") };
}

export default async function InboxPage() {
  const user = await requirePage("notification.read");
  const [t, format, locale, items, unread] = [await getTranslations("notifications"), await getFormatter(), await getLocale(),
    await inboxOf(user.id, { limit: LIMIT }), await unreadCount(user.id)];
  const translate = (key: string, values?: Record<string, string | number>) => t(key, values);
  const when = (d: Date) => format.dateTime(d, TIME_FORMAT);
  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-x-3">
        <PageTitle sub={<span role="status" data-testid="inbox-unread">{t("unread", { count: unread })}</span>}>{t("title")}</PageTitle>
        {unread > 0 && (
          <form action={markReadFormAction}>
            <input type="hidden" name="all" value="1" />
            <button type="submit" className="btn-primary">{t("markAllRead")}</button>
          </form>
        )}
      </div>
      {items.length === 0 ? (
        <p className="card px-4 py-6 text-sm text-slate-600">{t("empty")}</p>
      ) : (
        <ul className="card divide-y divide-slate-200" aria-label={t("listLabel")} data-testid="inbox">
          {items.map((n) => {
            const { title, body } = notificationText(n, translate, when, locale);
            const isUnread = n.readAt === null;
            return (
              <li key={n.id} className={`flex items-start gap-3 px-4 py-2 ${isUnread ? "bg-brand-50" : ""}`} data-unread={isUnread || undefined}>
                <span aria-hidden="true" className={`mt-1.5 size-2 shrink-0 rounded-full ${isUnread ? "bg-accent-600" : ""}`} />
                <div className="min-w-0 flex-1">
                  <p className={`text-sm ${isUnread ? "font-semibold text-slate-900" : "text-slate-800"}`}>
                    {isUnread && <span className="sr-only">{t("unreadMarker")}: </span>}
                    {n.link ? <Link href={`/inbox/open/${encodeURIComponent(n.id)}`} prefetch={false} className="text-brand-700 underline-offset-2 hover:underline">{title}</Link> : title}
                  </p>
                  {body && <p className="text-sm text-slate-700">{body}</p>}
                </div>
                <time dateTime={n.createdAt.toISOString()} className="shrink-0 whitespace-nowrap pt-0.5 text-xs tabular-nums text-slate-600">
                  {when(n.createdAt)}
                </time>
                {isUnread && (
                  <form action={markReadFormAction} className="shrink-0">
                    <input type="hidden" name="id" value={n.id} />
                    <button type="submit" aria-label={t("markReadOf", { title })}
                      className="rounded px-2 py-0.5 text-xs text-brand-700 underline underline-offset-2 hover:bg-brand-100">
                      {t("markRead")}
                    </button>
                  </form>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {items.length === LIMIT && <p className="mt-2 text-xs text-slate-600">{t("latest", { count: LIMIT })}</p>}
    </>
  );
}
