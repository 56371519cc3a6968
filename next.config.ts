import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/**
 * Security headers for every response. Next.js injects inline bootstrap scripts, so script-src needs
 * 'unsafe-inline' until nonces are wired through a proxy; everything else is locked to this origin.
 */
const csp = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** Content and framing: every path but the evidence file route (below). */
const framingHeaders = [
  { key: "Content-Security-Policy", value: csp },
  { key: "X-Frame-Options", value: "DENY" },
];

/** Every path. */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  ...(process.env.PAR_HTTPS === "1"
    ? [{ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" }]
    : []),
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Match `headers()` sources case-sensitively, as the app's routes are: otherwise `/API/v1/evidence/x`
  // would escape the site-wide policy below and its 404 page be served without CSP or X-Frame-Options.
  experimental: { caseSensitiveRoutes: true },
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/adapter-pg",
    "pg",
    "@node-rs/argon2",
    "pdfkit",
  ],
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      // The evidence file route `/api/v1/evidence/<id>` (not its sub-routes such as `/links`) sets its own
      // policy: a preview may be framed by the app's own pages, a download stays strict
      // (app/api/v1/evidence/[id]/route.ts). A header set here would replace the route's.
      { source: "/:path((?!api/v1/evidence/[^/]+$).*)", headers: framingHeaders },
    ];
  },
};

export default withNextIntl(nextConfig);
