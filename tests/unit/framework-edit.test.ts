import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { flatten, validateFramework, type FrameworkDoc } from "@/lib/domain/framework";
import {
  addArea, addChild, addSibling, canAddChild, childrenSum, defaultRule, descendantCount, editorIssues, formatDecimal, moveNode,
  nodeAt, parseDecimal, parsePoints, pathOfCode, pathsOfCode, removeNode, renumberChildren, rowsWithPaths, suggestChildCode,
  suggestSiblingCode, updateNode, updateNodeByCode, withRuleKind,
} from "@/lib/domain/framework-edit";
import { ruleSchema } from "@/lib/domain/rules";
import { frameworkDocSchema } from "@/lib/schemas/framework";

const example = (): FrameworkDoc => frameworkDocSchema.parse(JSON.parse(fs.readFileSync("examples/ca-mau-1880.framework.json", "utf8")));
const codes = (doc: FrameworkDoc) => flatten(doc.tree).map((f) => f.code);
const keys = (doc: FrameworkDoc) => editorIssues(doc).map((i) => `${i.code}:${i.key.split(".").pop()}`);

describe("addressing nodes", () => {
  const doc = example();
  it("lists rows with their paths in tree order", () => {
    const rows = rowsWithPaths(doc.tree);
    expect(rows.map((r) => r.node.code)).toEqual(codes(doc));
    expect(rows.find((r) => r.node.code === "1.2.1")).toMatchObject({ path: [0, 1, 0], depth: 3, isLeaf: true, parentCode: "1.2" });
  });
  it("finds nodes by path and by code", () => {
    expect(nodeAt(doc.tree, [0, 0, 3])?.code).toBe("1.1.4");
    expect(nodeAt(doc.tree, [0, 5])).toBeUndefined();
    expect(pathOfCode(doc.tree, "1.2")).toEqual([0, 1]);
    expect(pathOfCode(doc.tree, "9")).toBeNull();
  });
});

describe("updating", () => {
  it("changes one node without touching the input", () => {
    const doc = example();
    const before = JSON.stringify(doc);
    const out = updateNode(doc, [0, 0, 3], { maxPoints: 3 });
    expect(nodeAt(out.tree, [0, 0, 3])?.maxPoints).toBe(3);
    expect(JSON.stringify(doc)).toBe(before);
    expect(out.tree[0]!.children![1]).toBe(doc.tree[0]!.children![1]); // untouched branches are shared
  });
  it("removes keys patched to undefined and updates by code", () => {
    const out = updateNodeByCode(example(), "1.1.1", { evidenceVi: undefined, evidenceMandatory: false });
    const node = nodeAt(out.tree, [0, 0, 0])!;
    expect("evidenceVi" in node).toBe(false);
    expect(node.evidenceMandatory).toBe(false);
    expect(updateNodeByCode(example(), "7.7", { maxPoints: 1 })).toEqual(example());
  });
});

describe("adding", () => {
  it("suggests the parent's code and the next number, skipping used codes", () => {
    const doc = example();
    expect(suggestChildCode(doc.tree, [0, 1])).toBe("1.2.3");
    expect(suggestChildCode(doc.tree, [0])).toBe("1.3");
    expect(suggestSiblingCode(doc.tree, [0])).toBe("2");
    expect(suggestSiblingCode(doc.tree, [0, 0, 1])).toBe("1.1.5");
    const odd = updateNode(doc, [0, 1, 1], { code: "1.2.7" });
    expect(suggestChildCode(odd.tree, [0, 1])).toBe("1.2.8");
    const taken = updateNode(doc, [0, 0, 3], { code: "1.2.3" });
    expect(suggestChildCode(taken.tree, [0, 1])).toBe("1.2.4");
  });
  it("adds a child with what the parent has left, and a sibling right after a node", () => {
    const doc = updateNode(example(), [0, 1], { maxPoints: 3 });
    const added = addChild(doc, [0, 1])!;
    expect(added.path).toEqual([0, 1, 2]);
    expect(nodeAt(added.doc.tree, added.path)).toEqual({ code: "1.2.3", titleVi: "", titleEn: "", maxPoints: 1, rule: { kind: "yesNo" } });
    const sibling = addSibling(example(), [0, 0, 1])!;
    expect(sibling.path).toEqual([0, 0, 2]);
    expect(codes(sibling.doc).slice(2, 7)).toEqual(["1.1.1", "1.1.2", "1.1.5", "1.1.3", "1.1.4"]);
    expect(nodeAt(sibling.doc.tree, [0, 0, 2])?.maxPoints).toBe(0);
  });
  it("moves a leaf's rule and source to its first child", () => {
    const doc = updateNode(example(), [0, 0, 0], { source: "SURVEY", rule: { kind: "survey", survey: "SIPAS" } });
    const added = addChild(doc, [0, 0, 0])!;
    const parent = nodeAt(added.doc.tree, [0, 0, 0])!;
    expect(parent.rule).toBeUndefined();
    expect(parent.source).toBeUndefined();
    expect(parent.evidenceVi).toBe("Quyết định ban hành kế hoạch CCHC năm");
    expect(parent.children![0]).toEqual({ code: "1.1.1.1", titleVi: "", titleEn: "", maxPoints: 1, rule: { kind: "survey", survey: "SIPAS" }, source: "SURVEY" });
    expect(validateFramework(updateNode(added.doc, [0, 0, 0, 0], { titleVi: "x", titleEn: "x" }))).toEqual([]);
  });
  it("refuses a fifth level", () => {
    const four = addChild(example(), [0, 0, 0])!;
    expect(canAddChild(four.path)).toBe(false);
    expect(addChild(four.doc, four.path)).toBeNull();
    expect(canAddChild([0, 0, 0])).toBe(true);
  });
  it("adds an area at the end", () => {
    const out = addArea(example());
    expect(out.path).toEqual([1]);
    expect(out.doc.tree[1]!.code).toBe("2");
  });
});

describe("deleting and moving", () => {
  it("deletes a subtree and selects the next node, the previous one, or the parent", () => {
    const doc = example();
    const gone = removeNode(doc, [0, 0]);
    expect(codes(gone.doc)).toEqual(["1", "1.2", "1.2.1", "1.2.2"]);
    expect(gone.path).toEqual([0, 0]);
    expect(removeNode(doc, [0, 1, 1]).path).toEqual([0, 1, 0]);
    const single = removeNode(removeNode(doc, [0, 1, 1]).doc, [0, 1, 0]);
    expect(single.path).toEqual([0, 1]);
    expect(nodeAt(single.doc.tree, [0, 1])!.children).toBeUndefined();
    expect(removeNode(doc, [0]).path).toBeNull();
    expect(descendantCount(doc.tree[0]!)).toBe(8);
  });
  it("moves among siblings without renumbering, and not past either end", () => {
    const doc = example();
    const up = moveNode(doc, [0, 0, 3], -1)!;
    expect(up.path).toEqual([0, 0, 2]);
    expect(codes(up.doc).slice(2, 6)).toEqual(["1.1.1", "1.1.2", "1.1.4", "1.1.3"]);
    expect(moveNode(doc, [0, 0, 0], -1)).toBeNull();
    expect(moveNode(doc, [0, 0, 3], 1)).toBeNull();
    expect(moveNode(doc, [0, 0], 1)!.doc.tree[0]!.children!.map((c) => c.code)).toEqual(["1.2", "1.1"]);
  });
  it("renumbers a node's descendants in order", () => {
    const moved = moveNode(example(), [0, 1], -1)!.doc;
    expect(validateFramework(moved)).toEqual([]); // codes are user data: order alone is not an issue
    const renumbered = renumberChildren(moved, [0]);
    expect(codes(renumbered)).toEqual(["1", "1.1", "1.1.1", "1.1.2", "1.2", "1.2.1", "1.2.2", "1.2.3", "1.2.4"]);
    expect(nodeAt(renumbered.tree, [0, 0, 0])!.titleVi).toMatch(/^Đủ số lượng báo cáo/);
    const recoded = renumberChildren(updateNode(example(), [0], { code: "2" }), [0]);
    expect(codes(recoded)).toEqual(["2", "2.1", "2.1.1", "2.1.2", "2.1.3", "2.1.4", "2.2", "2.2.1", "2.2.2"]);
  });
});

describe("rules and numbers", () => {
  it("gives a valid default rule of every kind", () => {
    for (const kind of ["yesNo", "free", "survey"] as const) expect(ruleSchema.safeParse(defaultRule(kind, 2)).success).toBe(true);
    expect(defaultRule("free", 0.75)).toEqual({ kind: "free", step: 0.25 });
    expect(defaultRule("free", 0.3)).toEqual({ kind: "free", step: 0.1 });
    expect(defaultRule("options", 2)).toMatchObject({ options: [{ points: 2 }, { points: 0 }] });
    expect(defaultRule("tiers", 2)).toMatchObject({ valueUnit: "%", tiers: [{ min: 0, points: 2 }] });
  });
  it("switches the rule kind together with the source, keeping a previous rule of that kind", () => {
    const leaf = nodeAt(example().tree, [0, 0, 1])!;
    expect(withRuleKind(leaf, "survey")).toMatchObject({ source: "SURVEY", rule: { kind: "survey" } });
    const back = withRuleKind(withRuleKind(leaf, "survey"), "free");
    expect(back.source).toBeUndefined();
    expect(withRuleKind(leaf, "free", { kind: "free", step: 0.5 }).rule).toEqual({ kind: "free", step: 0.5 });
  });
  it("reads points with a decimal comma or point", () => {
    expect(parsePoints("0,5")).toBe(0.5);
    expect(parsePoints(" 12.25 ")).toBe(12.25);
    expect(parsePoints("3")).toBe(3);
    for (const bad of ["", "0,125", "-1", "1,5,2", "abc", "1 000"]) expect(parsePoints(bad)).toBeNaN();
    expect(parseDecimal("90,01")).toBe(90.01);
    expect(parseDecimal("-5")).toBe(-5);
    expect(parseDecimal("x")).toBeNaN();
    expect(formatDecimal(0.5, "vi")).toBe("0,5");
    expect(formatDecimal(0.5, "en")).toBe("0.5");
    expect(formatDecimal(Number.NaN, "vi")).toBe("");
    expect(formatDecimal(undefined, "vi")).toBe("");
  });
  it("sums an inner node's children", () => {
    expect(childrenSum(example().tree[0]!.children![0]!)).toEqual({ sum: 5, max: 5 });
    expect(childrenSum(updateNode(example(), [0, 0, 0], { maxPoints: Number.NaN }).tree[0]!.children![0]!).sum).toBeNaN();
  });
});

describe("issues while editing", () => {
  it("has none for a valid document", () => {
    expect(editorIssues(example())).toEqual([]);
  });
  it("reports a changed maximum on the criterion, its rule and its parent", () => {
    const doc = updateNode(example(), [0, 0, 3], { maxPoints: 3 });
    const issues = editorIssues(doc);
    expect(keys(doc)).toEqual(["1.1:childrenSum", "1.1.4:ruleMaximum"]);
    expect(issues[0]).toMatchObject({ path: [0, 0], key: "frameworks.issues.childrenSum", values: { criterion: "1.1", sum: 6, max: 5 } });
    expect(issues[1]!.path).toEqual([0, 0, 3]);
  });
  it("checks required texts, the framework's fields and unparsable values", () => {
    let doc = addChild(updateNode(example(), [0, 1], { maxPoints: 3 }), [0, 1])!.doc;
    doc = updateNode(doc, [0], { maxPoints: 8 });
    doc = { ...doc, nameEn: " ", fromYear: Number.NaN, bonusCap: 0.125 };
    expect(keys(doc)).toEqual([":frameworkRequired", ":frameworkYear", ":frameworkPoints", "1.2.3:required", "1.2.3:required"]);
    expect(editorIssues(doc)[0]!.values).toEqual({ field: "nameEn" });
    expect(keys(updateNode(example(), [0, 0, 0], { maxPoints: Number.NaN }))).toEqual(["1.1:childrenSum", "1.1.1:maxPositive"]);
  });
  it("checks each leaf's rule with the rule schema instead of crashing on bad points", () => {
    const rule = { kind: "options" as const, options: [{ points: Number.NaN, labelVi: "", labelEn: "Yes" }] };
    const doc = updateNode(example(), [0, 0, 0], { rule });
    const issues = editorIssues(doc);
    expect(issues.map((i) => [i.key.split(".").pop(), i.values.field, i.values.row])).toEqual([
      ["ruleField", "points", 1], ["ruleField", "labelVi", 1], ["ruleRows", "options", undefined]]);
    expect(issues.every((i) => i.code === "1.1.1")).toBe(true);
  });
  it("puts issues of duplicated codes on the right occurrence", () => {
    const doc = updateNode(example(), [0, 1, 1], { code: "1.2.1" });
    expect(pathsOfCode(doc.tree, "1.2.1")).toEqual([[0, 1, 0], [0, 1, 1]]);
    const dup = editorIssues(doc).filter((i) => i.key.endsWith("codeDuplicate"));
    expect(dup.map((i) => i.path)).toEqual([[0, 1, 1]]);
    const prefix = editorIssues(updateNode(example(), [0, 1, 1], { code: "1.1.9" }));
    expect(prefix.map((i) => [i.path, i.key])).toEqual([[[0, 1, 1], "frameworks.issues.codePrefix"]]);
    const twice = updateNode(updateNode(example(), [0, 1, 0], { code: "1.1.1" }), [0, 1, 1], { code: "1.1.1" });
    expect(editorIssues(twice).filter((i) => i.key.endsWith("codeDuplicate")).map((i) => i.path)).toEqual([[0, 1, 0], [0, 1, 1]]);
  });
  it("reports the framework's own tree issues without a node", () => {
    const doc = { ...example(), tree: [] };
    expect(editorIssues(doc)).toEqual([{ path: null, code: "", key: "frameworks.issues.emptyTree", values: { criterion: "" } }]);
  });
});
