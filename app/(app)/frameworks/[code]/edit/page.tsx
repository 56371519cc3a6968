import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { TreeEditor } from "@/components/frameworks/tree-editor";
import { ReadOnlyTree } from "@/components/frameworks/tree-editor/read-only-tree";
import { PageTitle } from "@/components/ui/card";
import { requirePage } from "@/lib/server/auth/session";
import { frameworkDocument, frameworkInUse } from "@/lib/server/data/frameworks";

type Props = { params: Promise<{ code: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations("frameworks.editor");
  return { title: t("title", { code: decodeURIComponent((await params).code) }) };
}

/** The criterion-tree editor; read-only with a pointer to cloning once scores exist against the set. */
export default async function EditFrameworkPage({ params }: Props) {
  await requirePage("framework.manage");
  const code = decodeURIComponent((await params).code);
  const [doc, inUse] = await Promise.all([frameworkDocument(code), frameworkInUse(code)]);
  if (!doc) notFound();
  const t = await getTranslations("frameworks");
  const href = `/frameworks/${encodeURIComponent(doc.code)}`;
  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <PageTitle sub={inUse ? undefined : t("editor.intro")}>{t("editor.title", { code: doc.code })}</PageTitle>
        <Link href={href} className="btn border border-slate-400 bg-white">{t("editor.view")}</Link>
      </div>
      {inUse ? (
        <div className="space-y-4">
          <p className="rounded border border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950" data-testid="in-use">
            {t("errors.inUse", { code: doc.code })}{" "}
            <Link href={`${href}/clone`} className="font-medium text-brand-700 underline">{t("clone")}</Link>
          </p>
          <ReadOnlyTree doc={doc} />
        </div>
      ) : (
        <TreeEditor initial={doc} />
      )}
    </>
  );
}
