/** The overview's GET form: year and unit group (works without JavaScript). */
export function OverviewFilters({ years, year, groups, group, labels }: {
  years: readonly number[]; year: number; groups: readonly { code: string; label: string }[]; group: string;
  labels: { year: string; group: string; submit: string };
}) {
  return (
    <form className="mb-4 flex flex-wrap items-end gap-2" method="get">
      <div>
        <label htmlFor="overview-year" className="field-label">{labels.year}</label>
        <select id="overview-year" name="year" defaultValue={year} className="field-input w-32">{years.map((y) => <option key={y} value={y}>{y}</option>)}</select>
      </div>
      <div>
        <label htmlFor="overview-group" className="field-label">{labels.group}</label>
        <select id="overview-group" name="group" defaultValue={group} className="field-input w-48">
          {groups.map((g) => <option key={g.code} value={g.code}>{g.label}</option>)}
        </select>
      </div>
      <button type="submit" className="btn border border-slate-400 bg-white">{labels.submit}</button>
    </form>
  );
}
