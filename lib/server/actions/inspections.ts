"use server";
import { revalidatePath } from "next/cache";
import {
  addFindingSchema, createInspectionSchema, decideFindingSchema, inspectionConclusionSchema, remediationSchema, updateFindingSchema,
  updateInspectionSchema,
} from "@/lib/schemas/inspections";
import {
  addFinding, createInspection, decideFinding, findingUnitId, reportRemediation, setInspectionConclusion, updateFinding,
  updateInspection,
} from "@/lib/server/data/inspections";
import { defineAction } from "./pipeline";

/** The list and every inspection's page. */
const refresh = () => revalidatePath("/inspections", "layout");

export const createInspectionAction = defineAction({
  schema: createInspectionSchema,
  action: "inspection.manage",
  run: async (input, user) => {
    const r = await createInspection(input, user.id);
    refresh();
    return r;
  },
});

export const updateInspectionAction = defineAction({
  schema: updateInspectionSchema,
  action: "inspection.manage",
  run: async (input, user) => {
    const r = await updateInspection(input, user.id);
    refresh();
    return r;
  },
});

export const concludeInspectionAction = defineAction({
  schema: inspectionConclusionSchema,
  action: "inspection.manage",
  run: async (input, user) => {
    const r = await setInspectionConclusion(input, user.id);
    refresh();
    return r;
  },
});

export const addFindingAction = defineAction({
  schema: addFindingSchema,
  action: "inspection.manage",
  run: async (input, user) => {
    const r = await addFinding(input, user.id);
    refresh();
    return r;
  },
});

export const updateFindingAction = defineAction({
  schema: updateFindingSchema,
  action: "inspection.manage",
  run: async (input, user) => {
    const r = await updateFinding(input, user.id);
    refresh();
    return r;
  },
});

/** The inspected unit's report: allowed on the finding's own unit only (the data layer checks it again). */
export const reportRemediationAction = defineAction({
  schema: remediationSchema,
  action: "inspection.remediate",
  target: async (input) => ({ unitId: await findingUnitId(input.findingId) }),
  run: async (input, user) => {
    const r = await reportRemediation(input, user);
    refresh();
    return r;
  },
});

/** Close or send back a reported finding: the secretariat only (inspection.close). */
export const decideFindingAction = defineAction({
  schema: decideFindingSchema,
  action: "inspection.close",
  run: async (input, user) => {
    const r = await decideFinding(input, user.id);
    refresh();
    return r;
  },
});
