import "server-only";
import { can } from "@/lib/auth/permissions";
import type { OwnerAccess } from "@/lib/server/data/attachments";
import type { CurrentUser } from "@/lib/server/data/users";
import { NotFoundError } from "@/lib/server/http/handler";
import { AuthorizationError, currentUser } from "./session";

/**
 * The signed-in user, if allowed to read the files of an attachment owner (any of the owner's units,
 * under the owner's read action) or to add files to it (the owner's unit, under its write action).
 * 401 signed out, 404 for an unknown owner (ids are random, there is nothing to probe), else 403.
 */
export async function authorizeOwner(access: OwnerAccess | null, mode: "read" | "write"): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) throw new AuthorizationError(401, "unauthenticated");
  if (!access) throw new NotFoundError("notFound");
  const allowed = mode === "read"
    ? (access.shared && can(user, access.read)) || access.unitIds.some((unitId) => can(user, access.read, { unitId }))
    : can(user, access.write, { unitId: access.writeUnitId });
  if (!allowed) throw new AuthorizationError(403, "forbidden");
  return user;
}
