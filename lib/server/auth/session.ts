import "server-only";
import { redirect } from "next/navigation";
import { can, HOME_BY_ROLE, type Action, type Target } from "@/lib/auth/permissions";
import { findActiveUser, type CurrentUser } from "@/lib/server/data/users";
import { auth } from "./nextauth";

/**
 * The signed-in user, loaded from the database on every request: a deactivated user, a role change
 * or a bumped session version takes effect at once, on every instance.
 */
export async function currentUser(): Promise<CurrentUser | null> {
  const session = (await auth()) as { uid?: string; sv?: number } | null;
  if (!session?.uid) return null;
  const user = await findActiveUser(session.uid);
  if (!user || user.sessionVersion !== (session.sv ?? 0)) return null;
  return user;
}

export class AuthorizationError extends Error {
  constructor(readonly status: 401 | 403, message: string) {
    super(message);
    this.name = "AuthorizationError";
  }
}

/** For server actions and route handlers: the user, allowed to do `action` on `target`, or throws. */
export async function authorize(action: Action, target?: Target): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) throw new AuthorizationError(401, "unauthenticated");
  if (!can(user, action, target)) throw new AuthorizationError(403, "forbidden");
  return user;
}

/** For pages: the user, allowed to do `action`; otherwise off to sign-in or to their own home page. */
export async function requirePage(action: Action, target?: Target): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) redirect("/signin");
  if (!can(user, action, target)) redirect(HOME_BY_ROLE[user.role]);
  return user;
}
