"use server";
import { AuthError } from "next-auth";
import { signInSchema } from "@/lib/schemas/auth";
import { signIn, signOut } from "@/lib/server/auth/nextauth";
import { currentUser } from "@/lib/server/auth/session";
import { DatabaseNotReadyError } from "@/lib/server/db/client";

export type SignInState = {
  /** Message keys under signin.errors, with values. */
  error?: { key: string; values?: Record<string, number> };
  fieldErrors?: { username?: string; password?: string };
  username?: string;
};

export async function signInAction(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const raw = { username: formData.get("username") ?? "", password: formData.get("password") ?? "" };
  const parsed = signInSchema.safeParse(raw);
  const username = typeof raw.username === "string" ? raw.username.slice(0, 64) : "";
  if (!parsed.success) {
    const fieldErrors: SignInState["fieldErrors"] = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if ((field === "username" || field === "password") && !fieldErrors[field]) fieldErrors[field] = issue.message;
    }
    return { fieldErrors, username };
  }
  try {
    await signIn("credentials", { ...parsed.data, redirectTo: "/" });
    return {};
  } catch (error) {
    if (error instanceof AuthError && error.type === "CredentialsSignin") {
      const code = (error as AuthError & { code?: string }).code ?? "invalid";
      if (code.startsWith("locked:")) return { error: { key: "locked", values: { minutes: Number(code.slice(7)) } }, username };
      return { error: { key: code === "invalidInput" ? "invalidInput" : "invalid" }, username };
    }
    if (error instanceof AuthError && error.cause?.err instanceof DatabaseNotReadyError) {
      return { error: { key: "unavailable" }, username };
    }
    throw error; // includes Next's redirect on success
  }
}

export async function signOutAction(): Promise<void> {
  // Signing out needs no permission beyond being signed in; a stale session is simply cleared.
  await currentUser().catch(() => null);
  await signOut({ redirectTo: "/signin" });
}
