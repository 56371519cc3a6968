import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flatten } from "@/lib/domain/framework";
import { diffFrameworks } from "@/lib/domain/framework-diff";
import { frameworkDocSchema } from "@/lib/schemas/framework";
import { cloneFramework, createFramework, criterionMapping, frameworkDocument, listFrameworks, saveCriterionMapping } from "@/lib/server/data/frameworks";
import { UserError } from "@/lib/server/data/errors";
import example from "../../examples/ca-mau-1880.framework.json";
import { createTestDatabase, DATABASE_MODES, type TestDatabase } from "../helpers/database";

const doc = frameworkDocSchema.parse(example);

describe.each(DATABASE_MODES)("framework data layer on %s", (mode) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(mode);
    database.install();
    await database.prisma.unitGroup.create({ data: { code: "SBN", nameVi: "Sở, ban, ngành", nameEn: "Departments" } });
  });
  afterAll(async () => database?.close());

  it("stores a criterion set and reads back exactly the same document", async () => {
    await createFramework(doc, null);
    expect(await frameworkDocument(doc.code)).toEqual(doc);
    const [listed] = await listFrameworks();
    expect(listed).toMatchObject({ code: doc.code, leafCount: 6, fromYear: 2013, groupCode: "SBN" });
    expect(await database.prisma.auditEvent.count({ where: { action: "framework.create" } })).toBe(1);
  });

  it("refuses a duplicate code or an unknown group and writes nothing", async () => {
    const nodes = await database.prisma.criterionNode.count();
    await expect(createFramework(doc, null)).rejects.toEqual(new UserError("frameworks.errors.codeExists", { code: doc.code }));
    await expect(createFramework({ ...doc, code: "OTHER", unitGroup: "NOPE" }, null)).rejects.toBeInstanceOf(UserError);
    expect(await database.prisma.criterionNode.count()).toBe(nodes);
    expect(await database.prisma.framework.count()).toBe(1);
  });

  it("clones to a new year with an identity mapping, and the copy has no differences", async () => {
    const copy = await cloneFramework(doc.code, { code: "CAMAU-2014", fromYear: 2014 }, null);
    expect(copy.code).toBe("CAMAU-2014");
    const cloned = await frameworkDocument("CAMAU-2014");
    expect(cloned).toMatchObject({ fromYear: 2014, code: "CAMAU-2014" });
    expect(diffFrameworks(doc.tree, cloned!.tree)).toEqual([]);
    const mapping = await criterionMapping(doc.code, "CAMAU-2014");
    expect(mapping.size).toBe(flatten(doc.tree).length);
    expect(mapping.get("1.1.4")).toBe("1.1.4");
  });

  it("replaces a mapping only with codes that exist, atomically", async () => {
    await expect(saveCriterionMapping(doc.code, "CAMAU-2014", [{ from: "1.1.4", to: "9.9" }], null))
      .rejects.toEqual(new UserError("frameworks.errors.unknownCriterion", { code: "9.9", framework: "CAMAU-2014" }));
    expect((await criterionMapping(doc.code, "CAMAU-2014")).size).toBe(flatten(doc.tree).length); // unchanged
    await saveCriterionMapping(doc.code, "CAMAU-2014", [{ from: "1.1.4", to: "1.2.1" }], null);
    expect([...(await criterionMapping(doc.code, "CAMAU-2014"))]).toEqual([["1.1.4", "1.2.1"]]);
  });
});
