/** A GET form choosing the province of the national view (works without JavaScript). */
export function NationalProvincePicker({ provinces, province, label, submit }: { provinces: readonly string[]; province: string; label: string; submit: string }) {
  const options = provinces.includes(province) ? provinces : [province, ...provinces];
  return (
    <form className="mb-4 flex flex-wrap items-end gap-2" method="get">
      <div>
        <label htmlFor="national-province" className="field-label">{label}</label>
        <select id="national-province" name="province" defaultValue={province} className="field-input w-64">
          {options.map((p) => <option key={p} value={p}>{p}</option>)}
        </select>
      </div>
      <button type="submit" className="btn border border-slate-400 bg-white">{submit}</button>
    </form>
  );
}
