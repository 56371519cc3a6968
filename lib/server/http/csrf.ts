const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A state-changing request sent by a browser from another site (cross-site request forgery). The
 * session cookie is SameSite=Lax already; this is the second line, as Next.js does for server actions:
 * `Sec-Fetch-Site: cross-site`, or an `Origin` whose host is not this server's (`X-Forwarded-Host`
 * behind a proxy, else `Host`). Requests without either header (API clients, curl) are not browsers'.
 */
export function isCrossSiteWrite(request: Request): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return false;
  const site = request.headers.get("sec-fetch-site");
  if (site === "cross-site") return true;
  const origin = request.headers.get("origin");
  if (!origin) return false;
  const host = (request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? "").split(",")[0]!.trim().toLowerCase();
  try {
    return origin === "null" || new URL(origin).host.toLowerCase() !== host;
  } catch {
    return true;
  }
}
