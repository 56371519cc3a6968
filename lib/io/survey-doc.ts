import type { SurveysDoc } from "@/lib/schemas/scores";
import type { RowError } from "./framework-xlsx";
import type { SurveyRows } from "./survey-import";

/**
 * Survey rows from a CSV/XLSX file → a par-surveys/v1 document. SIPAS needs its overall percentage;
 * its five elements are optional but all-or-none.
 */
export function surveyRowsToDoc(year: number, rows: SurveyRows): { ok: true; doc: SurveysDoc } | { ok: false; errors: RowError[] } {
  const units = new Map<string, { code: string; sociological?: Record<string, number>; overall?: number; elements: (number | undefined)[]; respondents?: number }>();
  for (const r of rows) {
    const u = units.get(r.unitCode) ?? { code: r.unitCode, elements: [] };
    if (r.kind === "SOCIOLOGICAL" && r.criterionCode) u.sociological = { ...u.sociological, [r.criterionCode]: r.percent };
    if (r.kind === "SIPAS") {
      if (r.element === null) u.overall = r.percent;
      else u.elements[r.element - 1] = r.percent;
      if (r.respondents !== null) u.respondents = r.respondents;
    }
    units.set(r.unitCode, u);
  }
  const errors: RowError[] = [];
  const doc: SurveysDoc = { format: "par-surveys/v1", year, units: [] };
  for (const u of units.values()) {
    const given = u.elements.filter((e) => e !== undefined).length;
    const hasSipas = u.overall !== undefined || given > 0;
    if (hasSipas && (u.overall === undefined || (given > 0 && given < 5))) {
      errors.push({ sheet: "", row: 0, key: "scores.issues.sipasElements", values: { unit: u.code } });
      continue;
    }
    doc.units.push({ code: u.code, ...(u.sociological ? { sociological: u.sociological } : {}),
      ...(hasSipas ? { sipas: { overall: u.overall!, ...(given === 5 ? { elements: u.elements as number[] } : {}),
        ...(u.respondents !== undefined ? { respondents: u.respondents } : {}) } } : {}) });
  }
  return errors.length ? { ok: false, errors } : { ok: true, doc };
}
