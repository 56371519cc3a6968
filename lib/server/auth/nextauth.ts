import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { signInSchema } from "@/lib/schemas/auth";
import { verifyCredentials } from "@/lib/server/data/users";

/** Errors whose `code` reaches the sign-in form (and only these: no hint about which part was wrong). */
export class InvalidCredentialsError extends CredentialsSignin {
  override code = "invalid";
}
export class InvalidInputError extends CredentialsSignin {
  override code = "invalidInput";
}
export class AccountLockedError extends CredentialsSignin {
  constructor(minutes: number) {
    super();
    this.code = `locked:${minutes}`;
  }
}

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60; // one working day

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/signin" },
  logger: {
    // A wrong password is an expected outcome (counted and locked in the database), not a server error.
    error(error) {
      if ((error as { type?: string }).type === "CredentialsSignin") return;
      console.error(error);
    },
  },
  providers: [
    Credentials({
      credentials: { username: {}, password: {} },
      async authorize(raw) {
        const input = signInSchema.safeParse(raw);
        if (!input.success) throw new InvalidInputError();
        const result = await verifyCredentials(input.data.username, input.data.password);
        if (result.kind === "locked") throw new AccountLockedError(result.minutes);
        if (result.kind === "invalid") throw new InvalidCredentialsError();
        return { id: result.user.id, name: result.user.name, sessionVersion: result.user.sessionVersion };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, uid: token.uid as string | undefined, sv: token.sv as number | undefined };
    },
  },
});
