import { flatten, type CriterionDoc } from "./framework";

/**
 * Differences between two framework versions, criterion by criterion. A mapping (old code → new code)
 * lets renumbered criteria be compared; without one, codes are matched as they are.
 */
export type FieldChange = { field: "titleVi" | "titleEn" | "maxPoints" | "rule" | "source" | "evidenceVi" | "evidenceMandatory"; before: unknown; after: unknown };

export type DiffRow =
  | { kind: "added"; code: string; node: CriterionDoc }
  | { kind: "removed"; code: string; node: CriterionDoc }
  | { kind: "changed"; code: string; newCode: string; changes: FieldChange[] }
  | { kind: "renumbered"; code: string; newCode: string };

const FIELDS: FieldChange["field"][] = ["titleVi", "titleEn", "maxPoints", "rule", "source", "evidenceVi", "evidenceMandatory"];

function normal(node: CriterionDoc, field: FieldChange["field"]): unknown {
  if (field === "source") return node.source ?? "SELF";
  if (field === "evidenceMandatory") return node.evidenceMandatory ?? false;
  return node[field] ?? null;
}

/** Order-insensitive deep equality for JSON values. */
export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).sort(([x], [y]) => x.localeCompare(y)).map(([k, x]) => [k, sortKeys(x)]));
  return v;
}

export function diffFrameworks(before: readonly CriterionDoc[], after: readonly CriterionDoc[], mapping: ReadonlyMap<string, string> = new Map()): DiffRow[] {
  const a = new Map(flatten(before).map((f) => [f.code, f.node]));
  const b = new Map(flatten(after).map((f) => [f.code, f.node]));
  const matched = new Set<string>();
  const rows: DiffRow[] = [];
  for (const [code, node] of a) {
    const newCode = mapping.get(code) ?? code;
    const other = b.get(newCode);
    if (!other) {
      rows.push({ kind: "removed", code, node });
      continue;
    }
    matched.add(newCode);
    const changes = FIELDS.filter((f) => !sameJson(normal(node, f), normal(other, f)))
      .map((field) => ({ field, before: normal(node, field), after: normal(other, field) }));
    if (changes.length) rows.push({ kind: "changed", code, newCode, changes });
    else if (newCode !== code) rows.push({ kind: "renumbered", code, newCode });
  }
  for (const [code, node] of b) if (!matched.has(code)) rows.push({ kind: "added", code, node });
  return rows.sort((x, y) => compareCodes(x.code, y.code));
}

/** "1.10" after "1.9": numeric order of code segments. */
export function compareCodes(a: string, b: string): number {
  const x = a.split(".").map(Number);
  const y = b.split(".").map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? -1) - (y[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}
