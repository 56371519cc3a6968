"use server";
import { revalidatePath } from "next/cache";
import { issueApiTokenSchema, revokeApiTokenSchema } from "@/lib/schemas/api";
import { issueApiToken, revokeApiToken } from "@/lib/server/data/api-tokens";
import { defineAction } from "./pipeline";

/** Issues an API token; the secret is in the result, the only time it is ever shown. Admins only. */
export const issueApiTokenAction = defineAction({
  schema: issueApiTokenSchema,
  action: "apiToken.manage",
  run: async (input, user) => {
    const token = await issueApiToken(input, user.id);
    revalidatePath("/admin/api-tokens");
    return { name: token.name, prefix: token.prefix, secret: token.secret };
  },
});

/** Revokes an API token at once (refused if already revoked). Admins only. */
export const revokeApiTokenAction = defineAction({
  schema: revokeApiTokenSchema,
  action: "apiToken.manage",
  run: async ({ id }, user) => {
    const { name } = await revokeApiToken(id, user.id);
    revalidatePath("/admin/api-tokens");
    return { name };
  },
});
