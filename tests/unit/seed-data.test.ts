import { describe, expect, it } from "vitest";
import { sumCenti, toCenti } from "../../lib/domain/points";
import { allowedScores, pointsForDeclaredValue, ruleMaximum, ruleSchema } from "../../lib/domain/rules";
import { COMMUNE_FRAMEWORK } from "../../prisma/seed/framework-communes";
import { DEPARTMENT_FRAMEWORK } from "../../prisma/seed/framework-departments";
import type { SeedCriterion, SeedFramework } from "../../prisma/seed/types";
import { LINEAGE, PROVINCE, UNITS } from "../../prisma/seed/units";

type Visit = { node: SeedCriterion; parent: SeedCriterion | null; depth: number };

function walk(tree: SeedCriterion[]): Visit[] {
  const out: Visit[] = [];
  const go = (nodes: SeedCriterion[], parent: SeedCriterion | null, depth: number) => {
    for (const node of nodes) {
      out.push({ node, parent, depth });
      if (node.children) go(node.children, node, depth + 1);
    }
  };
  go(tree, null, 1);
  return out;
}

const isLeaf = (n: SeedCriterion) => !n.children || n.children.length === 0;

describe.each<[string, SeedFramework, { min: number; max: number }]>([
  ["departments", DEPARTMENT_FRAMEWORK, { min: 60, max: 90 }],
  ["communes", COMMUNE_FRAMEWORK, { min: 35, max: 50 }],
])("%s framework", (_name, fw, leafRange) => {
  const all = walk(fw.tree);
  const leaves = all.filter((v) => isLeaf(v.node));

  it("has 8 areas totalling exactly 100 points", () => {
    expect(fw.tree).toHaveLength(8);
    expect(fw.tree.map((a) => a.code)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8"]);
    expect(sumCenti(fw.tree.map((a) => toCenti(a.maxPoints)))).toBe(toCenti(100));
  });

  it("has unique codes", () => {
    const codes = all.map((v) => v.node.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("codes follow the parent prefix and the tree has 3 levels", () => {
    for (const { node, parent, depth } of all) {
      expect(depth, node.code).toBeLessThanOrEqual(3);
      if (parent === null) {
        expect(node.code, node.code).toMatch(/^\d+$/);
      } else {
        expect(node.code, node.code).toMatch(new RegExp(`^${parent.code.replace(/\./g, "\\.")}\\.\\d+$`));
      }
    }
    expect(leaves.every((v) => v.depth === 3)).toBe(true);
  });

  it("has a leaf count in the expected range", () => {
    expect(leaves.length).toBeGreaterThanOrEqual(leafRange.min);
    expect(leaves.length).toBeLessThanOrEqual(leafRange.max);
  });

  it("children add up exactly to their parent's maximum", () => {
    for (const { node } of all) {
      expect(node.maxPoints, node.code).toBeGreaterThan(0);
      if (isLeaf(node)) continue;
      const sum = sumCenti(node.children!.map((c) => toCenti(c.maxPoints)));
      expect(sum, node.code).toBe(toCenti(node.maxPoints));
    }
  });

  it("every leaf has a rule that parses, and inner nodes have none", () => {
    for (const { node } of all) {
      if (isLeaf(node)) {
        expect(node.rule, node.code).toBeDefined();
        const parsed = ruleSchema.safeParse(node.rule);
        expect(parsed.success, `${node.code}: ${parsed.error?.message ?? ""}`).toBe(true);
      } else {
        expect(node.rule, node.code).toBeUndefined();
      }
    }
  });

  it("every leaf's rule maximum equals its maximum and no allowed score exceeds it", () => {
    for (const { node } of leaves) {
      const rule = ruleSchema.parse(node.rule);
      const max = toCenti(node.maxPoints);
      expect(ruleMaximum(rule, max), node.code).toBe(max);
      const allowed = allowedScores(rule, max);
      if (allowed !== null) {
        for (const s of allowed) expect(s, node.code).toBeLessThanOrEqual(max);
        expect(allowed, node.code).toContain(0);
      }
      if (rule.kind === "options") {
        for (const o of rule.options) expect(toCenti(o.points), node.code).toBeLessThanOrEqual(max);
      }
      if (rule.kind === "tiers") {
        for (const t of rule.tiers) expect(toCenti(t.points), node.code).toBeLessThanOrEqual(max);
      }
      if (rule.kind === "free") {
        expect(max % toCenti(rule.step), node.code).toBe(0);
      }
    }
  });

  it("survey leaves have survey rules, self-assessed leaves do not", () => {
    for (const { node } of leaves) {
      const rule = ruleSchema.parse(node.rule);
      if (node.source === "SURVEY") {
        expect(rule.kind, node.code).toBe("survey");
        expect(node.evidenceMandatory, node.code).toBeFalsy();
      } else {
        expect(rule.kind, node.code).not.toBe("survey");
      }
    }
  });

  it("area 8 is entirely survey-derived with 20–30 % of the points", () => {
    const area8 = fw.tree[7]!;
    const area8Leaves = walk([area8]).filter((v) => isLeaf(v.node));
    expect(area8Leaves.every((v) => v.node.source === "SURVEY")).toBe(true);
    const surveyLeaves = leaves.filter((v) => v.node.source === "SURVEY");
    expect(surveyLeaves.length).toBe(area8Leaves.length);
    const surveyPoints = sumCenti(surveyLeaves.map((v) => toCenti(v.node.maxPoints)));
    expect(surveyPoints).toBeGreaterThanOrEqual(toCenti(20));
    expect(surveyPoints).toBeLessThanOrEqual(toCenti(30));
  });

  it("self-assessed leaves have an evidence requirement in both languages, mostly mandatory", () => {
    const self = leaves.filter((v) => v.node.source !== "SURVEY");
    for (const { node } of self) {
      expect(node.evidenceVi, node.code).toBeTruthy();
      expect(node.evidenceEn, node.code).toBeTruthy();
      expect(typeof node.evidenceMandatory, node.code).toBe("boolean");
    }
    const mandatory = self.filter((v) => v.node.evidenceMandatory).length;
    expect(mandatory / self.length).toBeGreaterThan(0.7);
  });

  it("uses all five rule kinds", () => {
    const kinds = new Set(leaves.map((v) => ruleSchema.parse(v.node.rule).kind));
    expect([...kinds].sort()).toEqual(["free", "options", "survey", "tiers", "yesNo"]);
  });
});

describe("department framework: the real Cà Mau fragment", () => {
  const byCode = new Map(walk(DEPARTMENT_FRAMEWORK.tree).map((v) => [v.node.code, v.node]));
  const get = (code: string) => {
    const n = byCode.get(code);
    if (!n) throw new Error(`missing ${code}`);
    return n;
  };

  it("reproduces the point values from the source and marks them as real", () => {
    const real: [string, number][] = [
      ["1", 20],
      ["1.1", 5],
      ["1.1.1", 1],
      ["1.1.2", 1],
      ["1.1.3", 1],
      ["1.1.4", 2],
      ["1.2", 2],
      ["1.2.1", 1],
      ["1.2.2", 1],
      ["1.3", 3],
    ];
    for (const [code, max] of real) {
      expect(get(code).maxPoints, code).toBe(max);
      expect(get(code).demo, code).toBeFalsy();
    }
    expect(get("1.1").children?.map((c) => c.code)).toEqual(["1.1.1", "1.1.2", "1.1.3", "1.1.4"]);
    expect(get("1.2").children?.map((c) => c.code)).toEqual(["1.2.1", "1.2.2"]);
  });

  it("encodes the source's scoring rules", () => {
    const r111 = ruleSchema.parse(get("1.1.1").rule);
    expect(allowedScores(r111, toCenti(1))).toEqual([100, 50, 0]);
    const r114 = ruleSchema.parse(get("1.1.4").rule);
    expect(r114.kind).toBe("tiers");
    if (r114.kind !== "tiers") return;
    const pts = (v: number) => pointsForDeclaredValue(r114, v);
    expect(pts(95)).toBe(200);
    expect(pts(90)).toBe(100);
    expect(pts(70)).toBe(100);
    expect(pts(69.9)).toBe(0);
  });

  it("marks every other point value as demo", () => {
    const real = new Set(["1", "1.1", "1.1.1", "1.1.2", "1.1.3", "1.1.4", "1.2", "1.2.1", "1.2.2", "1.3"]);
    for (const [code, node] of byCode) if (!real.has(code)) expect(node.demo, code).toBe(true);
  });
});

describe("units", () => {
  const all = [PROVINCE, ...UNITS];
  const byCode = new Map(all.map((u) => [u.code, u]));
  const activeIn = (year: number) =>
    UNITS.filter((u) => u.activeFrom <= year && (u.activeTo === undefined || u.activeTo >= year));

  it("has unique, short uppercase ASCII codes", () => {
    expect(byCode.size).toBe(all.length);
    for (const u of all) expect(u.code, u.code).toMatch(/^[A-Z][A-Z0-9-]{1,15}$/);
  });

  it("attaches every unit to the province", () => {
    expect(PROVINCE.kind).toBe("PROVINCE");
    expect(PROVINCE.parent).toBeUndefined();
    for (const u of UNITS) {
      expect(u.parent, u.code).toBe(PROVINCE.code);
      expect(u.kind, u.code).not.toBe("PROVINCE");
      if (u.activeTo !== undefined) expect(u.activeTo, u.code).toBeGreaterThanOrEqual(u.activeFrom);
    }
  });

  it("groups match kinds", () => {
    for (const u of UNITS) {
      if (u.kind === "COMMUNE") expect(u.group, u.code).toBe("XA");
      if (u.kind === "DEPARTMENT") expect(u.group, u.code).toBe("SBN");
    }
  });

  it("has 15 communes and wards, active from 2025", () => {
    const communes = UNITS.filter((u) => u.kind === "COMMUNE");
    expect(communes).toHaveLength(15);
    for (const c of communes) {
      expect(c.activeFrom, c.code).toBe(2025);
      expect(c.nameVi, c.code).toMatch(/^(Xã|Phường) /);
      expect(c.nameEn, c.code).toMatch(/ (Commune|Ward)$/);
    }
  });

  it("has at least 25 department-group units active in 2025 and 2026", () => {
    expect(activeIn(2025).filter((u) => u.group === "SBN").length).toBeGreaterThanOrEqual(25);
    expect(activeIn(2026).filter((u) => u.group === "SBN").length).toBeGreaterThanOrEqual(25);
    expect(activeIn(2024).filter((u) => u.group === "XA")).toHaveLength(0);
  });

  it("lineage references existing units with consistent years", () => {
    const pairs = new Set<string>();
    for (const l of LINEAGE) {
      const key = `${l.predecessor}->${l.successor}`;
      expect(pairs.has(key), key).toBe(false);
      pairs.add(key);
      const pred = byCode.get(l.predecessor);
      const succ = byCode.get(l.successor);
      expect(pred, l.predecessor).toBeDefined();
      expect(succ, l.successor).toBeDefined();
      if (!pred || !succ) continue;
      expect(pred.activeTo, key).toBeDefined();
      expect(pred.activeTo!, key).toBeLessThan(l.effectiveYear);
      expect(pred.activeTo!, key).toBe(l.effectiveYear - 1);
      expect(succ.activeFrom, key).toBeLessThanOrEqual(l.effectiveYear);
      if (succ.activeTo !== undefined) expect(succ.activeTo, key).toBeGreaterThanOrEqual(l.effectiveYear);
      expect(pred.group, key).toBe(succ.group);
    }
  });

  it("every pre-2025 department that ended has a successor", () => {
    const ended = UNITS.filter((u) => u.activeTo !== undefined);
    for (const u of ended) expect(LINEAGE.some((l) => l.predecessor === u.code), u.code).toBe(true);
  });
});
