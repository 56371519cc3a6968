import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { AddFiles } from "@/components/initiatives/add-files";
import { DecisionBox, ReopenBox, type BonusOffer } from "@/components/initiatives/decision-box";
import { InitiativeForm } from "@/components/initiatives/initiative-form";
import { StatusBadge } from "@/components/initiatives/status-badge";
import { Card, PageTitle } from "@/components/ui/card";
import { can } from "@/lib/auth/permissions";
import { centiToNumber, type Centi } from "@/lib/domain/points";
import { requirePage } from "@/lib/server/auth/session";
import { initiativeDetail, proposalOptions } from "@/lib/server/data/initiatives";
import { ACCEPTED_EXTENSIONS } from "@/lib/server/evidence/file-types";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("initiatives"))("title") };
}

/** One initiative: what it is, its files, the decision and its effect on the score; the decider's box; the unit's edit form. */
export default async function InitiativePage({ params }: Props) {
  const user = await requirePage("initiative.read");
  const { id } = await params;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) notFound();
  const i = await initiativeDetail(user, id);
  if (!i) notFound();
  const [t, locale, format] = [await getTranslations("initiatives"), await getLocale(), await getFormatter()];
  const name = (u: { nameVi: string; nameEn: string }) => (locale === "en" ? u.nameEn : u.nameVi);
  const points = (c: Centi) => format.number(centiToNumber(c), { maximumFractionDigits: 2 });
  const when = (d: Date) => format.dateTime(d, { hour: "2-digit", minute: "2-digit", day: "2-digit", month: "2-digit", year: "numeric" });
  const areaText = i.area ? `${i.areaCode}. ${name({ nameVi: i.area.titleVi, nameEn: i.area.titleEn })}` : i.areaCode;
  const accept = ACCEPTED_EXTENSIONS.join(",");
  const availability = i.bonusAvailability;
  const offer: BonusOffer = availability.available
    ? { choices: i.bonusChoices.map(centiToNumber), cap: centiToNumber(availability.cap), room: centiToNumber(availability.room),
        used: centiToNumber((availability.cap - availability.room) as Centi) }
    : { withheld: availability.reason };
  // Deciders get both boxes at fixed places: they stay mounted across the refresh after a decision and show its outcome.
  const decider = can(user, "initiative.recognise", { unitId: i.unit.id });
  // The download route lets the initiative's own unit, the roles that see every unit and, once recognised,
  // everyone who reads the registry read its files (lib/server/auth/attachments.ts).
  const filesReadable = i.status === "RECOGNISED" || can(user, "initiative.read", { unitId: i.unit.id });
  const editYears = i.may.edit ? (await proposalOptions(user)).filter((o) => o.year === i.year) : [];

  return (
    <>
      <p className="mb-1 text-sm"><Link href={`/initiatives?year=${i.year}`} className="text-brand-700 underline">{t("detail.back")}</Link></p>
      <PageTitle sub={`${name(i.unit)} · ${i.year}`}>{i.title}</PageTitle>

      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
          <Card title={t("detail.facts")} id="initiative-facts">
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
              <dt className="font-medium text-slate-700">{t("detail.unit")}</dt><dd>{name(i.unit)}</dd>
              <dt className="font-medium text-slate-700">{t("detail.year")}</dt><dd>{i.year}</dd>
              <dt className="font-medium text-slate-700">{t("detail.area")}</dt><dd>{areaText}</dd>
              <dt className="font-medium text-slate-700">{t("detail.status")}</dt><dd><StatusBadge status={i.status} label={t(`statuses.${i.status}`)} /></dd>
              <dt className="font-medium text-slate-700">{t("detail.proposed")}</dt><dd>{when(i.createdAt)}{i.createdBy ? ` · ${i.createdBy}` : ""}</dd>
            </dl>
            <h3 className="mt-4 text-sm font-semibold text-brand-800">{t("detail.description")}</h3>
            <p className="mt-1 whitespace-pre-wrap text-sm" data-testid="initiative-description">{i.description}</p>
            <h3 className="mt-4 text-sm font-semibold text-brand-800">{t("detail.results")}</h3>
            <p className="mt-1 whitespace-pre-wrap text-sm">{i.results}</p>
          </Card>

          <Card title={t("detail.files")} id="initiative-files">
            {i.attachments.length === 0 ? <p className="text-sm text-slate-700">{t("detail.noFiles")}</p> : (
              <ul className="list-disc pl-5 text-sm" data-testid="initiative-files-list">
                {i.attachments.map((f) => (
                  <li key={f.id}>
                    {filesReadable ? <a href={f.url} className="text-brand-700 underline">{f.fileName}</a> : f.fileName}{" "}
                    <span className="text-xs text-slate-600">({format.number(Math.max(1, Math.round(f.sizeBytes / 1024)))} KB · {when(f.createdAt)})</span>
                  </li>
                ))}
              </ul>
            )}
            {i.may.edit && <AddFiles id={i.id} accept={accept} />}
          </Card>

          {i.may.edit && editYears.length > 0 && (
            <details className="card" id="initiative-edit">
              <summary className="cursor-pointer px-4 py-2 text-sm font-semibold uppercase tracking-wide text-brand-800">{t("detail.edit")}</summary>
              <div className="border-t border-slate-200 p-4">
                <InitiativeForm accept={accept}
                  years={editYears.map((o) => ({ year: o.year, areas: o.areas.map((a) => ({ code: a.code, title: name({ nameVi: a.titleVi, nameEn: a.titleEn }) })) }))}
                  edit={{ id: i.id, year: i.year, initial: { title: i.title, areaCode: i.areaCode, description: i.description, results: i.results } }} />
              </div>
            </details>
          )}
        </div>

        <div className="space-y-4">
          <Card title={t("detail.decision")} id="initiative-decision">
            {i.status === "PROPOSED" ? <p className="text-sm text-slate-700">{t("detail.pending")}</p> : (
              <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
                <dt className="font-medium text-slate-700">{t("detail.status")}</dt><dd><StatusBadge status={i.status} label={t(`statuses.${i.status}`)} /></dd>
                {i.decidedAt && <><dt className="font-medium text-slate-700">{t("detail.decidedAt")}</dt><dd>{when(i.decidedAt)}</dd></>}
                {i.decidedBy && <><dt className="font-medium text-slate-700">{t("detail.decidedBy")}</dt><dd>{i.decidedBy}</dd></>}
                {i.decisionNote && <><dt className="font-medium text-slate-700">{t("detail.note")}</dt><dd className="whitespace-pre-wrap">{i.decisionNote}</dd></>}
              </dl>
            )}
          </Card>

          {decider && <DecisionBox id={i.id} year={i.year} offer={offer} open={i.may.decide} />}

          {i.status === "RECOGNISED" && (
            <Card title={t("detail.effectTitle")} id="initiative-effect">
              {i.effect ? (
                <div className="text-sm" data-testid="initiative-effect">
                  <p className="text-lg font-semibold text-emerald-800">{t("detail.effect", { bonus: points(i.effect.bonus), year: i.year })}</p>
                  {i.effect.effective < i.effect.bonus && (
                    <p className="mt-1 text-amber-900">{t("detail.effectCapped", { effective: points(i.effect.effective), cap: points(i.effect.cap) })}</p>
                  )}
                  <p className="mt-1 text-slate-700">{i.effect.frozen ? t("detail.effectFrozen", { year: i.year }) : t("detail.effectDraft")}</p>
                </div>
              ) : <p className="text-sm text-slate-700" data-testid="initiative-effect">{t("detail.noEffect")}</p>}
            </Card>
          )}

          {decider && <ReopenBox id={i.id} open={i.may.reopen} />}
          {!i.may.reopen && i.status === "RECOGNISED" && i.effect?.frozen && i.bonus !== null && user.role !== "UNIT_STAFF" && (
            <p className="text-xs text-slate-600">{t("reopen.frozen", { year: i.year })}</p>
          )}
        </div>
      </div>
    </>
  );
}
