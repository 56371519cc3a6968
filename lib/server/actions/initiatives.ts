"use server";
import { revalidatePath } from "next/cache";
import { decideInitiativeSchema, editInitiativeSchema, proposeInitiativeSchema, reopenInitiativeSchema } from "@/lib/schemas/initiatives";
import { decideInitiative, editInitiative, initiativeUnitId, proposeInitiative, reopenInitiative } from "@/lib/server/data/initiatives";
import { afterCommitDeliver } from "@/lib/server/mail";
import { defineAction } from "./pipeline";

/** Initiatives registry actions: zod input → permission (with the initiative's unit) → data layer (one transaction, one audit row). */

const initiativeTarget = async ({ id }: { id: string }) => ({ unitId: (await initiativeUnitId(id)) ?? "(unknown)" });

function refresh(id?: string) {
  revalidatePath("/initiatives");
  if (id) revalidatePath(`/initiatives/${id}`);
}

/** A unit proposes an initiative for its own unit; files are uploaded afterwards to /api/v1/attachments?owner=initiative&id=…. */
export const proposeInitiativeAction = defineAction({
  schema: proposeInitiativeSchema,
  action: "initiative.propose",
  target: (_input, user) => ({ unitId: user.unitId ?? "(none)" }),
  run: async (input, user) => {
    const r = await proposeInitiative(input, user);
    afterCommitDeliver();
    refresh();
    return r;
  },
});

export const editInitiativeAction = defineAction({
  schema: editInitiativeSchema,
  action: "initiative.propose",
  target: initiativeTarget,
  run: async (input, user) => {
    const r = await editInitiative(input, user);
    refresh(r.id);
    return r;
  },
});

export const decideInitiativeAction = defineAction({
  schema: decideInitiativeSchema,
  action: "initiative.recognise",
  target: initiativeTarget,
  run: async (input, user) => {
    const r = await decideInitiative(input, user);
    afterCommitDeliver();
    refresh(input.id);
    return r;
  },
});

export const reopenInitiativeAction = defineAction({
  schema: reopenInitiativeSchema,
  action: "initiative.recognise",
  target: initiativeTarget,
  run: async (input, user) => {
    const r = await reopenInitiative(input, user);
    afterCommitDeliver();
    refresh(input.id);
    return r;
  },
});
