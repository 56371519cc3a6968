/** A GET form choosing the year of a page (works without JavaScript). */
export function YearPicker({ id, years, year, label, submit }: { id: string; years: readonly number[]; year: number; label: string; submit: string }) {
  return (
    <form className="mb-4 flex items-end gap-2" method="get">
      <div>
        <label htmlFor={id} className="field-label">{label}</label>
        <select id={id} name="year" defaultValue={year} className="field-input w-32">{years.map((y) => <option key={y} value={y}>{y}</option>)}</select>
      </div>
      <button type="submit" className="btn border border-slate-400 bg-white">{submit}</button>
    </form>
  );
}
