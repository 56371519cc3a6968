import { CODE_PATTERN, MAX_DEPTH, validateFramework, type CriterionDoc, type FrameworkDoc } from "./framework";
import { centiToNumber, isCentiValue, toCenti } from "./points";
import { ruleSchema, type Rule, type RuleKind } from "./rules";

/**
 * Pure tree operations for the criterion-tree editor. Nodes are addressed by their position
 * (indices from the root), not by code: codes are user data and may be duplicated or malformed
 * while the secretariat edits. Every operation returns a new document; the input is never changed.
 */
export type NodePath = readonly number[];

export type PathRow = { path: NodePath; depth: number; node: CriterionDoc; isLeaf: boolean; parentCode: string | null };

export const pathKey = (path: NodePath): string => path.join("-");

export function samePath(a: NodePath | null, b: NodePath | null): boolean {
  return a !== null && b !== null && a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Depth-first, parents before children (the order of `flatten`), with each node's path. */
export function rowsWithPaths(tree: readonly CriterionDoc[]): PathRow[] {
  const out: PathRow[] = [];
  const walk = (nodes: readonly CriterionDoc[], parent: NodePath, parentCode: string | null) =>
    nodes.forEach((node, i) => {
      const path = [...parent, i];
      const isLeaf = !node.children || node.children.length === 0;
      out.push({ path, depth: path.length, node, isLeaf, parentCode });
      if (!isLeaf) walk(node.children!, path, node.code);
    });
  walk(tree, [], null);
  return out;
}

export function nodeAt(tree: readonly CriterionDoc[], path: NodePath): CriterionDoc | undefined {
  let nodes: readonly CriterionDoc[] | undefined = tree;
  let node: CriterionDoc | undefined;
  for (const i of path) {
    node = nodes?.[i];
    if (!node) return undefined;
    nodes = node.children;
  }
  return node;
}

/** Every path whose node has this code, in tree order. */
export function pathsOfCode(tree: readonly CriterionDoc[], code: string): NodePath[] {
  return rowsWithPaths(tree).filter((r) => r.node.code === code).map((r) => r.path);
}

export function pathOfCode(tree: readonly CriterionDoc[], code: string): NodePath | null {
  return pathsOfCode(tree, code)[0] ?? null;
}

/** Replaces the sibling list that holds `path`'s last index (the root list for a top-level path). */
function withSiblings(tree: readonly CriterionDoc[], parentPath: NodePath, fn: (siblings: CriterionDoc[]) => CriterionDoc[]): CriterionDoc[] {
  if (parentPath.length === 0) return fn([...tree]);
  const [head, ...rest] = parentPath;
  return tree.map((n, i) => (i === head ? { ...n, children: withSiblings(n.children ?? [], rest, fn) } : n));
}

function withNode(tree: readonly CriterionDoc[], path: NodePath, fn: (node: CriterionDoc) => CriterionDoc): CriterionDoc[] {
  if (!nodeAt(tree, path)) return [...tree];
  const index = path[path.length - 1]!;
  return withSiblings(tree, path.slice(0, -1), (siblings) => siblings.map((n, i) => (i === index ? fn(n) : n)));
}

export type NodePatch = Partial<CriterionDoc> | ((node: CriterionDoc) => CriterionDoc);

/** Updates one node; keys set to `undefined` in the patch are removed. */
export function updateNode(doc: FrameworkDoc, path: NodePath, patch: NodePatch): FrameworkDoc {
  return { ...doc, tree: withNode(doc.tree, path, (node) => (typeof patch === "function" ? patch(node) : applyPatch(node, patch))) };
}

/** Updates the first node with this code (unchanged document when there is none). */
export function updateNodeByCode(doc: FrameworkDoc, code: string, patch: NodePatch): FrameworkDoc {
  const path = pathOfCode(doc.tree, code);
  return path ? updateNode(doc, path, patch) : doc;
}

function applyPatch(node: CriterionDoc, patch: Partial<CriterionDoc>): CriterionDoc {
  const out = { ...node, ...patch } as Record<string, unknown>;
  for (const [k, v] of Object.entries(patch)) if (v === undefined) delete out[k];
  return out as CriterionDoc;
}

const lastNumber = (code: string, prefix: string): number => {
  if (!code.startsWith(prefix)) return 0;
  const rest = code.slice(prefix.length);
  return /^[1-9]\d*$/.test(rest) ? Number(rest) : 0;
};

/** "parent code + next number" (1.2 with 1.2.1, 1.2.2 → 1.2.3), skipping codes already used anywhere. */
function nextCode(tree: readonly CriterionDoc[], parentCode: string | null, siblings: readonly CriterionDoc[]): string {
  const prefix = parentCode === null ? "" : `${parentCode}.`;
  const used = new Set(rowsWithPaths(tree).map((r) => r.node.code));
  let n = Math.max(siblings.length, ...siblings.map((s) => lastNumber(s.code, prefix))) + 1;
  while (used.has(`${prefix}${n}`)) n += 1;
  return `${prefix}${n}`;
}

export function suggestChildCode(tree: readonly CriterionDoc[], path: NodePath): string {
  const parent = nodeAt(tree, path);
  return parent ? nextCode(tree, parent.code, parent.children ?? []) : nextCode(tree, null, tree);
}

export function suggestSiblingCode(tree: readonly CriterionDoc[], path: NodePath): string {
  return path.length <= 1 ? nextCode(tree, null, tree) : suggestChildCode(tree, path.slice(0, -1));
}

/** Whether a child may be added under the node at `path` (at most MAX_DEPTH levels). */
export const canAddChild = (path: NodePath): boolean => path.length >= 1 && path.length < MAX_DEPTH;

const toCentiOrZero = (v: number): number => (isCentiValue(v) ? toCenti(v) : 0);

/** Points still free under a node: its maximum less its children's maxima (never below 0). */
function remaining(parent: CriterionDoc | undefined, siblings: readonly CriterionDoc[]): number {
  if (!parent) return 0;
  const free = toCentiOrZero(parent.maxPoints) - siblings.reduce((s, c) => s + toCentiOrZero(c.maxPoints), 0);
  return free > 0 ? centiToNumber(free as ReturnType<typeof toCenti>) : 0;
}

const blank = (code: string, maxPoints: number, rule: Rule = { kind: "yesNo" }): CriterionDoc =>
  ({ code, titleVi: "", titleEn: "", maxPoints, rule });

export type EditResult = { doc: FrameworkDoc; path: NodePath };

/**
 * Appends a child under `path`. Its maximum is what the parent has left. A leaf that gets its first
 * child hands over its rule and source to it (an inner criterion has no rule), so nothing typed is lost.
 */
export function addChild(doc: FrameworkDoc, path: NodePath): EditResult | null {
  const parent = nodeAt(doc.tree, path);
  if (!parent || !canAddChild(path)) return null;
  const children = parent.children ?? [];
  const code = suggestChildCode(doc.tree, path);
  let child: CriterionDoc;
  let newParent: CriterionDoc;
  if (children.length === 0) {
    child = blank(code, isCentiValue(parent.maxPoints) ? parent.maxPoints : 0, parent.rule);
    if (parent.source) child.source = parent.source;
    newParent = applyPatch(parent, { rule: undefined, source: undefined, children: [child] });
  } else {
    child = blank(code, remaining(parent, children));
    newParent = { ...parent, children: [...children, child] };
  }
  return { doc: { ...doc, tree: withNode(doc.tree, path, () => newParent) }, path: [...path, children.length] };
}

/** Inserts a new node right after `path`, on the same level. */
export function addSibling(doc: FrameworkDoc, path: NodePath): EditResult | null {
  if (path.length === 0 || !nodeAt(doc.tree, path)) return null;
  const parentPath = path.slice(0, -1);
  const parent = parentPath.length ? nodeAt(doc.tree, parentPath) : undefined;
  const siblings = parent ? parent.children ?? [] : doc.tree;
  const node = blank(suggestSiblingCode(doc.tree, path), remaining(parent, siblings));
  const index = path[path.length - 1]! + 1;
  return {
    doc: { ...doc, tree: withSiblings(doc.tree, parentPath, (s) => [...s.slice(0, index), node, ...s.slice(index)]) },
    path: [...parentPath, index],
  };
}

/** Appends a new area (top-level node). */
export function addArea(doc: FrameworkDoc): EditResult {
  const node = blank(nextCode(doc.tree, null, doc.tree), 0);
  return { doc: { ...doc, tree: [...doc.tree, node] }, path: [doc.tree.length] };
}

/** Deletes a node and its subtree; `path` is what to select next (next sibling, previous, parent, or null). */
export function removeNode(doc: FrameworkDoc, path: NodePath): { doc: FrameworkDoc; path: NodePath | null } {
  if (path.length === 0 || !nodeAt(doc.tree, path)) return { doc, path: null };
  const parentPath = path.slice(0, -1);
  const index = path[path.length - 1]!;
  const tree = withSiblings(doc.tree, parentPath, (s) => s.filter((_, i) => i !== index));
  const out: FrameworkDoc = { ...doc, tree: parentPath.length ? withNode(tree, parentPath, (p) => applyPatch(p, { children: p.children?.length ? p.children : undefined })) : tree };
  const left = parentPath.length ? nodeAt(out.tree, parentPath)?.children ?? [] : out.tree;
  if (left.length > 0) return { doc: out, path: [...parentPath, Math.min(index, left.length - 1)] };
  return { doc: out, path: parentPath.length ? parentPath : null };
}

/** Moves a node up (-1) or down (+1) among its siblings; codes are left as they are. Null at either end. */
export function moveNode(doc: FrameworkDoc, path: NodePath, delta: -1 | 1): EditResult | null {
  if (path.length === 0 || !nodeAt(doc.tree, path)) return null;
  const parentPath = path.slice(0, -1);
  const index = path[path.length - 1]!;
  const siblings = parentPath.length ? nodeAt(doc.tree, parentPath)!.children ?? [] : doc.tree;
  const target = index + delta;
  if (target < 0 || target >= siblings.length) return null;
  const tree = withSiblings(doc.tree, parentPath, (s) => {
    const copy = [...s];
    [copy[index], copy[target]] = [copy[target]!, copy[index]!];
    return copy;
  });
  return { doc: { ...doc, tree }, path: [...parentPath, target] };
}

/** Rewrites the codes of every descendant of `path` in order: parent code + position (1.2 → 1.2.1, 1.2.2 …). */
export function renumberChildren(doc: FrameworkDoc, path: NodePath): FrameworkDoc {
  const renumber = (node: CriterionDoc): CriterionDoc =>
    node.children?.length
      ? { ...node, children: node.children.map((c, i) => renumber({ ...c, code: `${node.code}.${i + 1}` })) }
      : node;
  return { ...doc, tree: withNode(doc.tree, path, renumber) };
}

export function descendantCount(node: CriterionDoc): number {
  return (node.children ?? []).reduce((s, c) => s + 1 + descendantCount(c), 0);
}

/** An inner node's children's maxima and its own, as numbers (NaN when a value is not valid points). */
export function childrenSum(node: CriterionDoc): { sum: number; max: number } {
  const children = node.children ?? [];
  const valid = children.every((c) => isCentiValue(c.maxPoints));
  const sum = valid ? centiToNumber(children.reduce((s, c) => s + toCenti(c.maxPoints), 0) as ReturnType<typeof toCenti>) : Number.NaN;
  return { sum, max: isCentiValue(node.maxPoints) ? node.maxPoints : Number.NaN };
}

/** A fresh rule of a kind for a leaf with this maximum (labels left for the user to write). */
export function defaultRule(kind: RuleKind, maxPoints: number): Rule {
  const max = isCentiValue(maxPoints) && maxPoints > 0 ? maxPoints : 1;
  switch (kind) {
    case "options":
      return { kind, options: [{ points: max, labelVi: "", labelEn: "" }, { points: 0, labelVi: "", labelEn: "" }] };
    case "tiers":
      return { kind, valueLabelVi: "", valueLabelEn: "", valueUnit: "%", tiers: [{ min: 0, points: max, labelVi: "", labelEn: "" }] };
    case "yesNo":
      return { kind };
    case "free": {
      const step = [0.5, 0.25, 0.1, 0.05].find((s) => toCenti(max) % toCenti(s) === 0) ?? 0.01;
      return { kind, step };
    }
    case "survey":
      return { kind, survey: "SOCIOLOGICAL" };
  }
}

/** Switches a leaf's rule kind; a survey rule makes the leaf survey-sourced, any other kind self-assessed. */
export function withRuleKind(node: CriterionDoc, kind: RuleKind, previous?: Rule): CriterionDoc {
  const rule = previous?.kind === kind ? previous : defaultRule(kind, node.maxPoints);
  return applyPatch(node, { rule, source: kind === "survey" ? "SURVEY" : undefined });
}

/** Text → points: "0,5" or "0.5" → 0.5; NaN unless a non-negative number with at most 2 decimals. */
export function parsePoints(text: string): number {
  const t = text.trim().replace(",", ".");
  return /^\d+(\.\d{1,2})?$/.test(t) ? Number(t) : Number.NaN;
}

/** Text → any decimal (tier thresholds such as 90,01); NaN when not a number. */
export function parseDecimal(text: string): number {
  const t = text.trim().replace(",", ".");
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}

/** A number as an input shows it: decimal comma in Vietnamese, no grouping; "" for NaN. */
export function formatDecimal(value: number | undefined, locale: string): string {
  if (value === undefined || !Number.isFinite(value)) return "";
  const text = String(value);
  return locale === "vi" ? text.replace(".", ",") : text;
}

/**
 * A problem found while editing: a catalogue key (full path) and its values, and the node it is
 * about (null: the framework's own fields). `values.field` names a field under `frameworks.editor.fields`.
 */
export type EditorIssue = { path: NodePath | null; code: string; key: string; values: Record<string, string | number> };

const TEXT_LIMITS = { title: 500, evidence: 2000, code: 16, name: 300 } as const;

/**
 * Everything that keeps a document from being saved, in tree order: the framework's own fields,
 * `validateFramework`'s issues (keys under `frameworks.issues`), required texts and each leaf's
 * rule checked with `ruleSchema` (keys under `frameworks.editor.issues`).
 */
export function editorIssues(doc: FrameworkDoc): EditorIssue[] {
  const issues: EditorIssue[] = [];
  const fw = (key: string, field: string, values: Record<string, string | number> = {}) =>
    issues.push({ path: null, code: "", key: `frameworks.editor.issues.${key}`, values: { field, ...values } });
  for (const field of ["nameVi", "nameEn", "legalBasis"] as const) {
    if (!doc[field].trim()) fw("frameworkRequired", field);
    else if (doc[field].trim().length > TEXT_LIMITS.name) fw("frameworkTooLong", field, { max: TEXT_LIMITS.name });
  }
  const year = (v: number | undefined) => v !== undefined && (!Number.isInteger(v) || v < 2000 || v > 2100);
  if (year(doc.fromYear)) fw("frameworkYear", "fromYear");
  if (year(doc.toYear)) fw("frameworkYear", "toYear");
  if (!isCentiValue(doc.bonusCap) || doc.bonusCap < 0) fw("frameworkPoints", "bonusCap");
  if (!isCentiValue(doc.penaltyCap) || doc.penaltyCap < 0) fw("frameworkPoints", "penaltyCap");

  const rows = rowsWithPaths(doc.tree);
  const own: EditorIssue[][] = rows.map(() => []);
  // Rules that do not parse are checked here and hidden from validateFramework (whose arithmetic needs valid points).
  let checked = doc.tree;
  const hiddenRule = new Set<string>();
  rows.forEach((r, i) => {
    const node = r.node;
    const add = (key: string, values: Record<string, string | number> = {}) =>
      own[i]!.push({ path: r.path, code: node.code, key: `frameworks.editor.issues.${key}`, values: { criterion: node.code, ...values } });
    if (node.code.length > TEXT_LIMITS.code) add("tooLong", { field: "code", max: TEXT_LIMITS.code });
    for (const field of ["titleVi", "titleEn"] as const) {
      if (!node[field].trim()) add("required", { field });
      else if (node[field].trim().length > TEXT_LIMITS.title) add("tooLong", { field, max: TEXT_LIMITS.title });
    }
    for (const field of ["evidenceVi", "evidenceEn"] as const) {
      if ((node[field]?.trim().length ?? 0) > TEXT_LIMITS.evidence) add("tooLong", { field, max: TEXT_LIMITS.evidence });
    }
    if (!r.isLeaf || !node.rule) return;
    const parsed = ruleSchema.safeParse(node.rule);
    if (parsed.success) return;
    const seen = new Set<string>();
    for (const z of parsed.error.issues) {
      const field = [...z.path].reverse().find((p): p is string => typeof p === "string") ?? "rule";
      const row = z.path.find((p): p is number => typeof p === "number");
      const id = `${field}/${row ?? ""}`;
      if (seen.has(id)) continue;
      seen.add(id);
      if (z.path.length === 1 && (field === "options" || field === "tiers")) add("ruleRows", { field, min: field === "options" ? 2 : 1 });
      else add("ruleField", { field, row: row === undefined ? 0 : row + 1 });
    }
    checked = withNode(checked, r.path, (n) => applyPatch(n, { rule: undefined }));
    hiddenRule.add(pathKey(r.path));
  });

  let found: ReturnType<typeof validateFramework>;
  try {
    found = validateFramework({ ...doc, tree: checked });
  } catch {
    found = [];
    issues.push({ path: null, code: "", key: "frameworks.editor.issues.unexpected", values: {} });
  }
  // Tree issues come in tree order; match each to the node it was raised on (duplicated codes:
  // the k-th "codeDuplicate" of a code is about its (k+1)-th occurrence).
  const fromTree: EditorIssue[][] = rows.map(() => []);
  const duplicates = new Map<string, number>();
  let cursor = 0;
  for (const issue of found) {
    const values = { criterion: issue.code, ...issue.values };
    const key = `frameworks.issues.${issue.key}`;
    if (!issue.code) {
      issues.push({ path: null, code: "", key, values });
      continue;
    }
    let index: number;
    if (issue.key === "codeDuplicate") {
      const k = (duplicates.get(issue.code) ?? 0) + 1;
      duplicates.set(issue.code, k);
      index = rows.map((r, i) => (r.node.code === issue.code ? i : -1)).filter((i) => i >= 0)[k] ?? -1;
    } else {
      index = rows.findIndex((r, i) => i >= cursor && r.node.code === issue.code);
      if (index < 0) index = rows.findIndex((r) => r.node.code === issue.code);
    }
    if (index < 0) {
      issues.push({ path: null, code: issue.code, key, values });
      continue;
    }
    cursor = index;
    if (issue.key === "leafWithoutRule" && hiddenRule.has(pathKey(rows[index]!.path))) continue;
    fromTree[index]!.push({ path: rows[index]!.path, code: issue.code, key, values });
  }
  rows.forEach((_, i) => issues.push(...fromTree[i]!, ...own[i]!));
  return issues;
}

/** Whether a criterion code is well formed (for inline hints; the issue list has the full story). */
export const isCodeWellFormed = (code: string): boolean => CODE_PATTERN.test(code);
