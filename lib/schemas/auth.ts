import { z } from "zod";

/** Sign-in form input, shared by the form, the server action and the credentials provider. */
export const signInSchema = z.object({
  username: z
    .string({ error: "usernameRequired" })
    .trim()
    .min(1, { error: "usernameRequired" })
    .max(64, { error: "usernameTooLong" }),
  password: z
    .string({ error: "passwordRequired" })
    .min(1, { error: "passwordRequired" })
    .max(256, { error: "passwordTooLong" }),
});

export type SignInInput = z.infer<typeof signInSchema>;
