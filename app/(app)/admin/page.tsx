import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card, PageTitle, Stat } from "@/components/ui/card";
import { ROLES } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/server/auth/session";
import { systemOverview } from "@/lib/server/data/system";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin"))("title") };
}

export default async function AdminHome() {
  await requirePage("system.read");
  const [t, tRoles, format, o] = [await getTranslations("admin"), await getTranslations("roles"), await getFormatter(), await systemOverview()];
  const when = (d: Date) => format.dateTime(d, { dateStyle: "short", timeStyle: "medium" });
  return (
    <>
      <PageTitle sub={`${t("database")}: ${t(o.database)}`}>{t("title")}</PageTitle>
      <div className="mb-4 grid grid-cols-2 gap-3 md:grid-cols-4">
        <Stat label={t("users")} value={o.counts.users} />
        <Stat label={t("units")} value={o.counts.units} />
        <Stat label={t("frameworks")} value={o.counts.frameworks} />
        <Stat label={t("cycles")} value={o.counts.cycles} />
      </div>
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title={t("usersByRole")} id="roles">
          <table className="table-dense">
            <tbody>
              {ROLES.map((r) => (
                <tr key={r}><th scope="row">{tRoles(r)}</th><td className="num">{o.roles[r] ?? 0}</td></tr>
              ))}
            </tbody>
          </table>
        </Card>
        <Card title={t("locked")} id="locked" className="lg:col-span-2">
          {o.lockedUsers.length === 0 ? <p className="text-sm text-slate-600">{t("noneLocked")}</p> : (
            <table className="table-dense">
              <thead><tr><th scope="col">{t("users")}</th><th scope="col">{t("lockedUntil")}</th></tr></thead>
              <tbody>{o.lockedUsers.map((u) => (
                <tr key={u.username}><td>{u.name} ({u.username})</td><td className="tabular-nums">{u.lockedUntil ? when(u.lockedUntil) : ""}</td></tr>
              ))}</tbody>
            </table>
          )}
        </Card>
        <Card title={t("recentAudit")} id="audit" className="lg:col-span-3">
          <table className="table-dense">
            <thead><tr><th scope="col">{t("at")}</th><th scope="col">{t("actor")}</th><th scope="col">{t("action")}</th><th scope="col">{t("entity")}</th></tr></thead>
            <tbody>{o.recentAudit.map((e) => (
              <tr key={e.id}>
                <td className="whitespace-nowrap tabular-nums">{when(e.at)}</td>
                <td>{e.actor ?? t("system")}</td>
                <td><code className="text-xs">{e.action}</code></td>
                <td className="text-xs text-slate-600">{e.entityType} {e.entityId}</td>
              </tr>
            ))}</tbody>
          </table>
        </Card>
      </div>
    </>
  );
}
