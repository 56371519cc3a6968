import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ProfileSections } from "@/components/dashboard/profile-sections";
import { PageTitle } from "@/components/ui/card";
import { YearPicker } from "@/components/ui/year-picker";
import { can } from "@/lib/auth/permissions";
import { requirePage } from "@/lib/server/auth/session";
import { publishedYears } from "@/lib/server/data/dashboards";
import { findProfileUnit, unitProfile } from "@/lib/server/data/unit-profile";

type Props = { params: Promise<{ code: string }>; searchParams: Promise<{ year?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const code = (await params).code;
  const [unit, locale, t] = [await findProfileUnit(code), await getLocale(), await getTranslations("unitProfile")];
  return { title: unit ? t("metaTitle", { name: locale === "en" ? unit.nameEn : unit.nameVi }) : t("unknownUnit", { code }) };
}

/** A unit's profile for a published year: trend through lineage, areas against the average, lost points. */
export default async function UnitProfilePage({ params, searchParams }: Props) {
  const user = await requirePage("dashboard.read");
  const code = (await params).code;
  const unit = await findProfileUnit(code);
  if (!unit) notFound();
  const years = await publishedYears();
  const asked = Number((await searchParams).year);
  const year = years.includes(asked) ? asked : years[0];
  const [t, tGroups, locale] = [await getTranslations("unitProfile"), await getTranslations("groups"), await getLocale()];
  const name = locale === "en" ? unit.nameEn : unit.nameVi;
  if (year === undefined) return <PageTitle sub={(await getTranslations("overview"))("noPublished")}>{name}</PageTitle>;
  const target = { unitId: unit.id };
  const showReasons = can(user, "reasons.read", target);
  const profile = (await unitProfile(unit.code, year, { reasons: showReasons, evidence: can(user, "assessment.read", target) }))!;
  return (
    <>
      <p className="mb-1 text-sm"><Link href={`/leadership?year=${year}`} className="text-brand-700 underline">{t("back", { year })}</Link></p>
      <PageTitle sub={t("sub", { group: unit.group ? tGroups(unit.group) : "—", year })}>{name}</PageTitle>
      <YearPicker id="profile-year" years={years} year={year} label={t("year")} submit={t("show")} />
      <ProfileSections profile={profile} showReasons={showReasons} reasonsHiddenNote
        whatIfHref={can(user, "whatif.read", target) ? `/leadership/what-if?unit=${encodeURIComponent(unit.code)}&year=${year}` : undefined} />
    </>
  );
}
