import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { ApiTokens, type TokenView } from "@/components/admin/api-tokens";
import { PageTitle } from "@/components/ui/card";
import { requirePage } from "@/lib/server/auth/session";
import { listApiTokens } from "@/lib/server/data/api-tokens";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("apiTokens"))("title") };
}

export default async function ApiTokensPage() {
  await requirePage("apiToken.manage");
  const [t, format, tokens] = [await getTranslations("apiTokens"), await getFormatter(), await listApiTokens()];
  const when = (d: Date) => format.dateTime(d, { dateStyle: "short", timeStyle: "short" });
  const views: TokenView[] = tokens.map((token) => ({
    id: token.id, name: token.name, prefix: token.prefix, createdBy: `${token.createdBy.name} (${token.createdBy.username})`,
    createdAt: when(token.createdAt), expiresAt: token.expiresAt && when(token.expiresAt), lastUsedAt: token.lastUsedAt && when(token.lastUsedAt),
    revokedAt: token.revokedAt && when(token.revokedAt), status: token.status,
  }));
  return (
    <>
      <PageTitle sub={t.rich("intro", { code: (chunks) => <code className="text-xs">{chunks}</code>,
        doc: (chunks) => <a href="/api/v1/openapi.json" className="text-brand-700 underline">{chunks}</a> })}>{t("title")}</PageTitle>
      <ApiTokens tokens={views} />
    </>
  );
}
