/**
 * The OpenAPI document of the read API is generated from the same zod schemas the handlers validate
 * their responses with: each component is the JSON Schema of a zod schema, under its `.meta()` id.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  ApiErrorSchema, CycleListSchema, CycleResultsSchema, openApiDocument, RankedUnitSchema, UnitResultsSchema, YearParam,
} from "@/lib/schemas/api";

type Schema = { type?: string; required?: string[]; properties?: Record<string, Schema>; $ref?: string; items?: Schema; anyOf?: Schema[] };

const SAMPLE_UNIT = {
  code: "STC", name: { vi: "Sở Tài chính", en: "Department of Finance" }, group: "SBN", region: null,
  achieved: 87.14, max: 100, index: 87.14, band: "B", rank: 2, groupSize: 26,
  areas: { "1": 90.5, "2": null },
  change: { basis: "lineage", previousCodes: ["SKHDT", "STC-2024"], previousIndex: 85.02, indexDelta: 2.12, rankDelta: null },
} as const;

describe("OpenAPI document", () => {
  const doc = openApiDocument();
  const schemas = doc.components.schemas as Record<string, Schema>;

  it("is OpenAPI 3.1 with bearer security and the three read paths", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
    expect(Object.keys(doc.paths).sort()).toEqual(["/cycles", "/cycles/{year}/results", "/units/{code}/results"]);
    const results = doc.paths["/cycles/{year}/results"].get;
    expect(Object.keys(results.responses).sort()).toEqual(["200", "400", "401", "404"]);
    expect(results.parameters.map((p) => [p.name, p.in, p.required])).toEqual([["year", "path", true], ["group", "query", false]]);
  });

  it("lists each schema's component as zod generates it, with the same required keys as the parsed sample", () => {
    const parsed = RankedUnitSchema.parse(SAMPLE_UNIT);
    const component = schemas.RankedUnit!;
    expect(component.type).toBe("object");
    expect([...component.required!].sort()).toEqual(Object.keys(parsed).sort());
    expect(component.properties!.change).toMatchObject({ anyOf: [{ $ref: "#/components/schemas/Change" }, { type: "null" }] });
    expect(schemas.Change!.required).toEqual(Object.keys(SAMPLE_UNIT.change));

    // Exactly what z.toJSONSchema makes of the schema, apart from the references between components.
    const alone = z.toJSONSchema(ApiErrorSchema) as { $ref: string; $defs: Record<string, Schema> };
    expect(alone.$ref).toBe("#/$defs/Error");
    expect(schemas.Error).toEqual(alone.$defs.Error);
    expect(schemas.Year).toMatchObject({ type: "integer", minimum: 2000, maximum: 2100 });
    expect(YearParam.safeParse("2031").success).toBe(true);
  });

  it("refers every response to a component generated from the schema the handler validates with", () => {
    const ok = (path: keyof typeof doc.paths) => doc.paths[path].get.responses["200"]!.content["application/json"].schema.$ref;
    expect(ok("/cycles")).toBe(`#/components/schemas/${z.globalRegistry.get(CycleListSchema)!.id}`);
    expect(ok("/cycles/{year}/results")).toBe("#/components/schemas/CycleResults");
    expect(ok("/units/{code}/results")).toBe("#/components/schemas/UnitResults");
    for (const id of ["CycleList", "CycleResults", "UnitResults", "Error", "RankedUnit", "Change", "Area", "LocalizedName"]) {
      expect(schemas[id], id).toBeDefined();
    }
    expect(schemas.CycleResults!.properties!.units).toEqual(expect.objectContaining({ type: "array", items: { $ref: "#/components/schemas/RankedUnit" } }));
    // The keys the handlers send are the keys the document promises.
    expect(Object.keys(schemas.UnitResults!.properties!).sort()).toEqual(Object.keys(UnitResultsSchema.shape).sort());
    expect(Object.keys(schemas.CycleResults!.properties!).sort()).toEqual(Object.keys(CycleResultsSchema.shape).sort());
    // No reference dangles.
    const refs = JSON.stringify(doc).match(/#\/components\/schemas\/[A-Za-z]+/g) ?? [];
    for (const r of new Set(refs)) expect(schemas[r.split("/").pop()!], r).toBeDefined();
  });

  it("describes a refusal with the body the handler sends", () => {
    expect(ApiErrorSchema.parse({ error: { code: "notPublished", message: "Chưa có kết quả công bố của năm 2031.", values: { year: 2031 } } }))
      .toBeTruthy();
    expect(doc.paths["/cycles"].get.responses["401"]!.headers).toHaveProperty("WWW-Authenticate");
  });
});
