import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ProfileSections } from "@/components/dashboard/profile-sections";
import { PublicShell } from "@/components/layout/public-shell";
import { PageTitle } from "@/components/ui/card";
import { findProfileUnit, unitProfile } from "@/lib/server/data/unit-profile";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ year: string; code: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const code = (await params).code;
  const [unit, locale, t] = [await findProfileUnit(code), await getLocale(), await getTranslations("unitProfile")];
  return { title: unit ? t("metaTitle", { name: locale === "en" ? unit.nameEn : unit.nameVi }) : t("unknownUnit", { code }) };
}

/**
 * A unit's published results for anyone (no sign-in): trend, areas against the average and lost
 * points — never the appraisers' reasons nor anything about its evidence.
 */
export default async function PublicUnitPage({ params }: Props) {
  const { year: yearParam, code: codeParam } = await params;
  const year = Number(yearParam);
  if (!Number.isSafeInteger(year)) notFound();
  const profile = await unitProfile(codeParam, year, { reasons: false, evidence: false });
  if (!profile?.result) notFound();
  const [t, tGroups, locale] = [await getTranslations("unitProfile"), await getTranslations("groups"), await getLocale()];
  const { unit } = profile;
  return (
    <PublicShell>
      <p className="mb-1 text-sm"><Link href={`/results/${year}`} className="text-brand-700 underline">{t("publicBack", { year })}</Link></p>
      <PageTitle sub={t("sub", { group: unit.group ? tGroups(unit.group) : "—", year })}>{locale === "en" ? unit.nameEn : unit.nameVi}</PageTitle>
      <ProfileSections profile={profile} showReasons={false} />
    </PublicShell>
  );
}
