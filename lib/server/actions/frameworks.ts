"use server";
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { cloneFrameworkSchema, mappingSchema, newFrameworkSchema } from "@/lib/schemas/framework-actions";
import { DEFAULT_BANDS } from "@/lib/domain/framework";
import { frameworkDocSchema } from "@/lib/schemas/framework";
import { cloneFramework, createFramework, replaceFramework, saveCriterionMapping } from "@/lib/server/data/frameworks";
import { defineAction } from "./pipeline";

/** Import step 2: the user confirmed the preview; the document is validated again on the server. */
export const confirmFrameworkImport = defineAction({
  schema: frameworkDocSchema,
  action: "framework.manage",
  run: async (doc, user) => {
    const created = await createFramework(doc, user.id);
    revalidatePath("/frameworks");
    return created;
  },
});

export const cloneFrameworkAction = defineAction({
  schema: cloneFrameworkSchema,
  action: "framework.manage",
  run: async (input, user) => {
    const created = await cloneFramework(input.source, { code: input.code, fromYear: input.fromYear }, user.id);
    revalidatePath("/frameworks");
    return created;
  },
});

export const saveMappingAction = defineAction({
  schema: mappingSchema,
  action: "framework.manage",
  run: async (input, user) => {
    await saveCriterionMapping(input.from, input.to, input.pairs, user.id);
    return { count: input.pairs.length };
  },
});

/** Saves an edited criterion set (whole document, validated again on the server). */
export const saveFrameworkAction = defineAction({
  schema: frameworkDocSchema,
  action: "framework.manage",
  run: async (doc, user) => {
    const saved = await replaceFramework(doc, user.id);
    revalidatePath(`/frameworks/${encodeURIComponent(doc.code)}`);
    return saved;
  },
});

/**
 * Creates a criterion set from its fields with a one-area, one-criterion starting tree (100 points,
 * yes/no), which the secretariat then shapes in the editor.
 */
export const createFrameworkAction = defineAction({
  schema: newFrameworkSchema,
  action: "framework.manage",
  run: async (input, user) => {
    // The skeleton's titles in both languages, from the catalogues.
    const [vi, en] = [await getTranslations({ locale: "vi", namespace: "frameworks.newPage" }), await getTranslations({ locale: "en", namespace: "frameworks.newPage" })];
    const created = await createFramework({
      format: "par-framework/v1", ...input, bonusCap: 0, penaltyCap: 0, classification: DEFAULT_BANDS,
      tree: [{ code: "1", titleVi: vi("skeletonArea", { code: "1" }), titleEn: en("skeletonArea", { code: "1" }), maxPoints: 100,
        children: [{ code: "1.1", titleVi: vi("skeletonCriterion", { code: "1.1" }), titleEn: en("skeletonCriterion", { code: "1.1" }), maxPoints: 100,
          rule: { kind: "yesNo" } }] }],
    }, user.id);
    revalidatePath("/frameworks");
    return created;
  },
});
