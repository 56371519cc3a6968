"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { markReadSchema } from "@/lib/schemas/notifications";
import { markRead } from "@/lib/server/data/notifications";
import { defineAction } from "./pipeline";

/** Marks some of the user's own notifications, or all of them, as read (others' ids are ignored). */
export const markNotificationsReadAction = defineAction({
  schema: markReadSchema,
  action: "notification.read",
  run: async ({ ids }, user) => {
    const count = await markRead(user.id, ids);
    // The header's unread badge is on every page.
    revalidatePath("/", "layout");
    return { count };
  },
});

/** The inbox's plain forms (no JavaScript needed): hidden `id` fields, or `all`. */
export async function markReadFormAction(formData: FormData): Promise<void> {
  const ids = formData.get("all") ? "all" : formData.getAll("id").filter((v): v is string => typeof v === "string");
  const result = await markNotificationsReadAction({ ids });
  if (result.ok) return;
  if (result.error.key === "api.unauthenticated") redirect("/signin");
  throw new Error(result.error.key);
}
