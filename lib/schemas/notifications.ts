import { z } from "zod";

/** Mark some of one's own notifications as read, or all of them. */
export const markReadSchema = z.object({
  ids: z.union([z.literal("all"), z.array(z.string().min(1).max(64)).min(1).max(500)]),
});
