const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A state-changing request sent by a browser from another site (cross-site request forgery). The
 * session cookie is SameSite=Lax already; this is the second line, as Next.js does for server actions:
 * `Sec-Fetch-Site: cross-site`, or an `Origin` whose host is neither this server's (`X-Forwarded-Host`
 * behind a proxy, else `Host`) nor that of the configured public address (`PAR_PUBLIC_URL`, `AUTH_URL`).
 * Requests without either header (API clients, curl) are not browsers'.
 */
export function isCrossSiteWrite(request: Request, env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return false;
  const site = request.headers.get("sec-fetch-site");
  if (site === "cross-site") return true;
  // The browser itself says the request comes from this origin (a proxy may have rewritten Host).
  if (site === "same-origin") return false;
  const origin = request.headers.get("origin");
  if (!origin) return false;
  const hosts = new Set([request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? ""].map((h) => h.split(",")[0]!.trim().toLowerCase()));
  // Behind a proxy that rewrites Host, the configured public address is this site too.
  for (const url of [env.PAR_PUBLIC_URL, env.AUTH_URL]) {
    try {
      if (url) hosts.add(new URL(url).host.toLowerCase());
    } catch {
      // not a URL: ignored
    }
  }
  try {
    return origin === "null" || !hosts.has(new URL(origin).host.toLowerCase());
  } catch {
    return true;
  }
}
