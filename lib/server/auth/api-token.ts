import "server-only";
import { verifyApiToken, type VerifiedToken } from "@/lib/server/data/api-tokens";
import { ApiError } from "@/lib/server/http/handler";

const REALM = 'Bearer realm="PAR INDEX API"';

/**
 * For the read API's route handlers (inside `handler()`): the token of `Authorization: Bearer par_…`,
 * or a 401 with `WWW-Authenticate` — one message when no token is sent, one when it is wrong,
 * revoked or expired (which of these is not told). No session cookie is needed or used.
 */
export async function authorizeToken(request: Request): Promise<VerifiedToken> {
  const header = request.headers.get("authorization")?.trim() ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) {
    throw new ApiError(401, "missingToken", "missingToken", {}, { "WWW-Authenticate": REALM, "Cache-Control": "no-store" });
  }
  const token = await verifyApiToken(match[1]!);
  if (!token) {
    throw new ApiError(401, "invalidToken", "invalidToken", {},
      { "WWW-Authenticate": `${REALM}, error="invalid_token"`, "Cache-Control": "no-store" });
  }
  return token;
}
