import { toCenti, type Centi } from "./points";
import { ruleMaximum, type Rule } from "./rules";

/**
 * A criterion set (framework) as a tree, the shape the engine, the importers and the database
 * layer share. Pure: validation returns issues with message keys (translated by the caller).
 */
export type CriterionSource = "SELF" | "SURVEY";

export type CriterionDoc = {
  code: string;
  titleVi: string;
  titleEn: string;
  maxPoints: number;
  rule?: Rule;
  evidenceVi?: string;
  evidenceEn?: string;
  evidenceMandatory?: boolean;
  source?: CriterionSource;
  children?: CriterionDoc[];
};

export type ClassificationBand = { code: string; labelVi: string; labelEn: string; minIndex: number };

export type FrameworkDoc = {
  format: "par-framework/v1";
  code: string;
  nameVi: string;
  nameEn: string;
  legalBasis: string;
  unitGroup: string;
  fromYear: number;
  toYear?: number;
  bonusCap: number;
  penaltyCap: number;
  classification: ClassificationBand[];
  tree: CriterionDoc[];
};

export const MAX_DEPTH = 4;
export const CODE_PATTERN = /^[1-9]\d*(\.[1-9]\d*){0,3}$/;

/** Default bands (national practice 2024: group A ≥ 90 %, group B 80 – < 90 %). */
export const DEFAULT_BANDS: ClassificationBand[] = [
  { code: "A", labelVi: "Nhóm A", labelEn: "Group A", minIndex: 90 },
  { code: "B", labelVi: "Nhóm B", labelEn: "Group B", minIndex: 80 },
  { code: "C", labelVi: "Nhóm C", labelEn: "Group C", minIndex: 0 },
];

export type FrameworkIssue = {
  /** Criterion code the issue is about, or "" for the framework itself. */
  code: string;
  /** Message key under `frameworks.issues` in the catalogues. */
  key:
    | "codeFormat" | "codeDuplicate" | "codePrefix" | "depth" | "childrenSum" | "leafWithoutRule"
    | "innerWithRule" | "ruleMaximum" | "surveyRuleSource" | "selfRuleSurvey" | "maxPositive"
    | "emptyTree" | "bandsOrder" | "years";
  values?: Record<string, string | number>;
};

export type FlatNode = {
  code: string;
  parentCode: string | null;
  depth: number;
  order: number;
  node: CriterionDoc;
  isLeaf: boolean;
};

/** Depth-first, parents before children, with the order among siblings. */
export function flatten(tree: readonly CriterionDoc[]): FlatNode[] {
  const out: FlatNode[] = [];
  const walk = (nodes: readonly CriterionDoc[], parentCode: string | null, depth: number) =>
    nodes.forEach((node, order) => {
      const isLeaf = !node.children || node.children.length === 0;
      out.push({ code: node.code, parentCode, depth, order, node, isLeaf });
      if (!isLeaf) walk(node.children!, node.code, depth + 1);
    });
  walk(tree, null, 1);
  return out;
}

export function leaves(tree: readonly CriterionDoc[]): FlatNode[] {
  return flatten(tree).filter((n) => n.isLeaf);
}

export function frameworkMax(tree: readonly CriterionDoc[]): Centi {
  return tree.reduce((s, n) => s + toCenti(n.maxPoints), 0) as Centi;
}

/** Every problem of a framework, in tree order; empty when it is valid. */
export function validateFramework(doc: Pick<FrameworkDoc, "tree" | "classification" | "fromYear" | "toYear">): FrameworkIssue[] {
  const issues: FrameworkIssue[] = [];
  if (doc.tree.length === 0) issues.push({ code: "", key: "emptyTree" });
  if (doc.toYear !== undefined && doc.toYear < doc.fromYear) issues.push({ code: "", key: "years" });
  const bands = doc.classification.map((b) => b.minIndex);
  if (bands.some((m, i) => i > 0 && m >= bands[i - 1]!)) issues.push({ code: "", key: "bandsOrder" });

  const seen = new Set<string>();
  for (const f of flatten(doc.tree)) {
    const { node, code } = f;
    if (!CODE_PATTERN.test(code)) issues.push({ code, key: "codeFormat" });
    if (seen.has(code)) issues.push({ code, key: "codeDuplicate" });
    seen.add(code);
    if (f.parentCode !== null && !code.startsWith(`${f.parentCode}.`)) issues.push({ code, key: "codePrefix", values: { parent: f.parentCode } });
    if (f.depth > MAX_DEPTH) issues.push({ code, key: "depth", values: { max: MAX_DEPTH } });
    let max: Centi;
    try {
      max = toCenti(node.maxPoints);
    } catch {
      issues.push({ code, key: "maxPositive" });
      continue;
    }
    if (max <= 0) issues.push({ code, key: "maxPositive" });
    if (!f.isLeaf) {
      if (node.rule) issues.push({ code, key: "innerWithRule" });
      const sum = node.children!.reduce((s, c) => s + safeCenti(c.maxPoints), 0);
      if (sum !== max) issues.push({ code, key: "childrenSum", values: { sum: sum / 100, max: max / 100 } });
      continue;
    }
    if (!node.rule) {
      issues.push({ code, key: "leafWithoutRule" });
      continue;
    }
    const source = node.source ?? "SELF";
    if (node.rule.kind === "survey" && source !== "SURVEY") issues.push({ code, key: "surveyRuleSource" });
    if (node.rule.kind !== "survey" && source === "SURVEY") issues.push({ code, key: "selfRuleSurvey" });
    if (node.rule.kind !== "survey" && node.rule.kind !== "free" && ruleMaximum(node.rule, max) !== max) {
      issues.push({ code, key: "ruleMaximum", values: { rule: ruleMaximum(node.rule, max) / 100, max: max / 100 } });
    }
    if (node.rule.kind === "free" && max % toCenti(node.rule.step) !== 0) {
      issues.push({ code, key: "ruleMaximum", values: { rule: node.rule.step, max: max / 100 } });
    }
  }
  return issues;
}

function safeCenti(v: number): number {
  try {
    return toCenti(v);
  } catch {
    return Number.NaN;
  }
}

/** The band an index (in hundredths of a percent) falls in: the first whose minimum it reaches. */
export function classify(indexHundredths: number, bands: readonly ClassificationBand[]): ClassificationBand | null {
  return bands.find((b) => indexHundredths >= Math.round(b.minIndex * 100)) ?? null;
}
