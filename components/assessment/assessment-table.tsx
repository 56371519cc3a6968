import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { ProgressBar, StatusBadge } from "@/components/ui/status-badge";
import type { AssessmentRow } from "@/lib/server/data/assessments";

/** Units' assessments of a cycle: code, unit, group, status, and progress or submission date; each unit links to its worksheet or its review. */
export async function AssessmentTable({ rows, last, link = "worksheet" }: { rows: AssessmentRow[]; last: "progress" | "submittedAt"; link?: "worksheet" | "appraisal" }) {
  const [tc, tAppraisal, tGroups, locale, format] = [await getTranslations("common"), await getTranslations("appraisal"),
    await getTranslations("groups"), await getLocale(), await getFormatter()];
  return (
    <table className="table-dense">
      <thead><tr><th scope="col">{tc("code")}</th><th scope="col">{tc("unit")}</th><th scope="col">{tc("group")}</th>
        <th scope="col">{tc("status")}</th><th scope="col">{last === "progress" ? tc("progress") : tAppraisal("submittedAt")}</th></tr></thead>
      <tbody>{rows.map((r) => (
        <tr key={r.unitCode}>
          <td className="whitespace-nowrap font-mono text-xs">{r.unitCode}</td>
          <td><Link href={`/${link}/${encodeURIComponent(r.unitCode)}`} className="text-brand-700 hover:underline">{locale === "en" ? r.unitNameEn : r.unitNameVi}</Link></td>
          <td className="whitespace-nowrap text-xs">{r.groupCode ? tGroups(r.groupCode) : ""}</td>
          <td><StatusBadge status={r.status} /></td>
          <td className="tabular-nums">
            {last === "progress"
              ? <ProgressBar value={r.scored} total={r.selfLeaves} label={`${tc("progress")} ${r.unitCode}`} />
              : r.submittedAt ? format.dateTime(r.submittedAt, { dateStyle: "short" }) : ""}
          </td>
        </tr>
      ))}</tbody>
    </table>
  );
}
