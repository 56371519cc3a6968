import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { TaskFlagBadge, TaskStatusBadge } from "@/components/plans/badges";
import { CancelTaskForm } from "@/components/plans/cancel-form";
import { ProgressForm } from "@/components/plans/progress-form";
import { TaskForm } from "@/components/plans/task-form";
import { Card, PageTitle } from "@/components/ui/card";
import { ProgressBar } from "@/components/ui/status-badge";
import { can, scopeOf } from "@/lib/auth/permissions";
import { vietnamDate } from "@/lib/domain/plans";
import { formatHundredths } from "@/lib/domain/scoring";
import { requirePage } from "@/lib/server/auth/session";
import { planCriteria, planUnits, taskDetail } from "@/lib/server/data/plans";
import { ACCEPTED_EXTENSIONS } from "@/lib/server/evidence/file-types";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("plans"))("title") };
}

/** One task: details, progress history with files; the lead unit's report form; edit and cancel for the secretariat. */
export default async function PlanTaskPage({ params }: Props) {
  const user = await requirePage("plan.read");
  const { id } = await params;
  const viewer = { unitId: scopeOf(user.role, "plan.read") === "ownUnit" ? (user.unitId ?? "") : null };
  // A task the viewer may not see is answered as one that does not exist.
  const task = /^[A-Za-z0-9_-]{1,64}$/.test(id) ? await taskDetail(id, viewer) : null;
  if (!task) notFound();
  const [t, locale, format] = [await getTranslations("plans"), await getLocale(), await getFormatter()];
  const name = (u: { nameVi: string; nameEn: string }) => (locale === "en" ? u.nameEn : u.nameVi);
  const date = (d: Date) => format.dateTime(d, { day: "2-digit", month: "2-digit", year: "numeric" });
  const open = task.status !== "DONE" && task.status !== "CANCELLED";
  const mayReport = can(user, "plan.progress", { unitId: task.lead.id });
  const manage = can(user, "plan.manage");
  const criterion = (locale === "en" ? task.criterionEn : task.criterionVi) ?? "";

  return (
    <>
      <p className="mb-1 text-sm"><Link href={`/plans?year=${task.year}`} className="text-brand-700 hover:underline">← {t("detail.back", { year: task.year })}</Link></p>
      <PageTitle sub={<><span className="font-mono">{task.criterionCode}</span> {criterion}</>}>{task.title}</PageTitle>

      <Card className="mb-4">
        <dl className="grid gap-x-6 gap-y-2 text-sm md:grid-cols-[12rem_1fr]" data-testid="task-details">
          <dt className="font-medium text-slate-700">{t("detail.deliverable")}</dt><dd>{task.deliverable}</dd>
          <dt className="font-medium text-slate-700">{t("detail.lead")}</dt><dd>{name(task.lead)}</dd>
          <dt className="font-medium text-slate-700">{t("detail.coordinating")}</dt>
          <dd>{task.coordinating.length ? task.coordinating.map(name).join("; ") : t("detail.none")}</dd>
          <dt className="font-medium text-slate-700">{t("detail.period")}</dt>
          <dd>
            {date(task.startsAt)} – {date(task.dueAt)}
            {open && <span className="ml-2 text-slate-700">({task.flags.daysLeft < 0 ? t("detail.daysOver", { days: -task.flags.daysLeft }) : t("detail.daysLeft", { days: task.flags.daysLeft })})</span>}
          </dd>
          <dt className="font-medium text-slate-700">{t("detail.progress")}</dt>
          <dd className="flex flex-wrap items-center gap-3">
            <ProgressBar value={task.progress} total={100} label={t("progressOf", { title: task.title })} />
            <TaskStatusBadge status={task.status} label={t(`statuses.${task.status}`)} />
            <TaskFlagBadge flag={task.flags.flag} label={t(`flags.${task.flags.flag}`)} />
            {open && task.flags.flag !== "upcoming" && <span className="text-xs text-slate-700">{t("detail.expected", { expected: task.flags.expected })}</span>}
          </dd>
          {task.lostPoints !== null && <>
            <dt className="font-medium text-slate-700">{t("detail.lostPoints")}</dt><dd className="tabular-nums">{formatHundredths(task.lostPoints, locale)}</dd>
          </>}
        </dl>
      </Card>

      {mayReport && (
        <Card title={t("report.title")} id="report" className="mb-4">
          {open ? <ProgressForm id={task.id} progress={task.progress} status={task.status === "NOT_STARTED" ? "NOT_STARTED" : "IN_PROGRESS"} accept={ACCEPTED_EXTENSIONS.join(",")} />
            : <p className="text-sm">{t("report.closed")}</p>}
        </Card>
      )}
      {!mayReport && viewer.unitId !== null && <p className="mb-4 text-sm text-slate-700">{t("report.coordinatingOnly")}</p>}

      <Card title={t("detail.history")} id="history" className="mb-4">
        {task.updates.length === 0 ? <p className="text-sm">{t("detail.noUpdates")}</p> : (
          <table className="table-dense w-full" data-testid="history">
            <thead>
              <tr>
                <th scope="col">{t("detail.when")}</th>
                <th scope="col">{t("detail.who")}</th>
                <th scope="col" className="num">{t("columns.progress")}</th>
                <th scope="col">{t("columns.status")}</th>
                <th scope="col">{t("detail.note")}</th>
                <th scope="col">{t("detail.files")}</th>
              </tr>
            </thead>
            <tbody>
              {task.updates.map((u) => (
                <tr key={u.id}>
                  <td className="whitespace-nowrap tabular-nums">{format.dateTime(u.createdAt, { dateStyle: "short", timeStyle: "short" })}</td>
                  <td>{u.by ? `${u.by.name}${u.by.unitCode ? ` (${u.by.unitCode})` : ""}` : "—"}</td>
                  <td className="num" data-value={u.progress}>{u.progress}%</td>
                  <td><TaskStatusBadge status={u.status} label={t(`statuses.${u.status}`)} /></td>
                  <td className="whitespace-pre-wrap">{u.note}</td>
                  <td>
                    <ul>{u.files.map((f) => (
                      <li key={f.id}><a href={f.url} className="text-brand-700 underline">{f.fileName}</a><span className="sr-only"> ({t("detail.download")})</span></li>
                    ))}</ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>

      {manage && task.status !== "CANCELLED" && <ManageTask task={task} locale={locale} />}
    </>
  );
}

async function ManageTask({ task, locale }: { task: NonNullable<Awaited<ReturnType<typeof taskDetail>>>; locale: string }) {
  const t = await getTranslations("plans");
  const [criteria, units] = [await planCriteria(task.year), await planUnits()];
  const name = (u: { nameVi: string; nameEn: string }) => (locale === "en" ? u.nameEn : u.nameVi);
  const criterionOptions = [...criteria].filter(([code, c]) => c.depth <= 3 || code === task.criterionCode)
    .map(([code, c]) => ({ value: code, label: `${"\u2003".repeat(Math.min(c.depth, 3) - 1)}${code}. ${locale === "en" ? c.titleEn : c.titleVi}` }));
  if (!criteria.has(task.criterionCode)) criterionOptions.unshift({ value: task.criterionCode, label: task.criterionCode });
  return (
    <>
      <Card title={t("edit.title")} id="edit" className="mb-4">
        <TaskForm year={task.year} id={task.id} criteria={criterionOptions}
          units={{ departments: units.filter((u) => u.kind === "DEPARTMENT").map((u) => ({ value: u.id, label: name(u) })),
            communes: units.filter((u) => u.kind !== "DEPARTMENT").map((u) => ({ value: u.id, label: name(u) })) }}
          initial={{ criterionCode: task.criterionCode, title: task.title, deliverable: task.deliverable, leadUnitId: task.lead.id,
            coordinatingUnitIds: task.coordinating.map((c) => c.id), startsAt: vietnamDate(task.startsAt), dueAt: vietnamDate(task.dueAt) }} />
      </Card>
      <Card title={t("cancel.title")} id="cancel">
        <CancelTaskForm id={task.id} />
      </Card>
    </>
  );
}
