import { describe, expect, it } from "vitest";
import { isCrossSiteWrite } from "@/lib/server/http/csrf";

const req = (method: string, headers: Record<string, string>) => new Request("http://par.example.gov.vn/api/v1/x", { method, headers });

describe("cross-site write refusal (CSRF, route handlers)", () => {
  it("refuses a browser's write from another site", () => {
    expect(isCrossSiteWrite(req("POST", { host: "par.example.gov.vn", origin: "https://evil.example" }))).toBe(true);
    expect(isCrossSiteWrite(req("DELETE", { host: "par.example.gov.vn", "sec-fetch-site": "cross-site" }))).toBe(true);
    expect(isCrossSiteWrite(req("PUT", { host: "par.example.gov.vn", origin: "null" }))).toBe(true);
    expect(isCrossSiteWrite(req("PATCH", { host: "par.example.gov.vn", origin: "not a url" }))).toBe(true);
    // Same host name on another port is another origin.
    expect(isCrossSiteWrite(req("POST", { host: "par.example.gov.vn", origin: "http://par.example.gov.vn:8080" }))).toBe(true);
  });

  it("lets same-origin writes, reads and non-browser clients through", () => {
    expect(isCrossSiteWrite(req("POST", { host: "par.example.gov.vn", origin: "https://par.example.gov.vn", "sec-fetch-site": "same-origin" }))).toBe(false);
    expect(isCrossSiteWrite(req("POST", { host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" }))).toBe(false);
    expect(isCrossSiteWrite(req("POST", { host: "10.0.0.5:3000", "x-forwarded-host": "par.example.gov.vn", origin: "https://par.example.gov.vn" }))).toBe(false);
    expect(isCrossSiteWrite(req("GET", { host: "par.example.gov.vn", origin: "https://evil.example", "sec-fetch-site": "cross-site" }))).toBe(false);
    expect(isCrossSiteWrite(req("POST", { host: "par.example.gov.vn" }))).toBe(false);
    // A proxy that rewrites Host to the upstream: the browser's Sec-Fetch-Site, or the public address, vouches.
    expect(isCrossSiteWrite(req("POST", { host: "127.0.0.1:3000", origin: "https://par.example.gov.vn", "sec-fetch-site": "same-origin" }))).toBe(false);
    expect(isCrossSiteWrite(req("POST", { host: "127.0.0.1:3000", origin: "https://par.example.gov.vn" }), { PAR_PUBLIC_URL: "https://par.example.gov.vn" })).toBe(false);
    expect(isCrossSiteWrite(req("POST", { host: "127.0.0.1:3000", origin: "https://evil.example" }), { PAR_PUBLIC_URL: "https://par.example.gov.vn" })).toBe(true);
  });
});
