import { expect, test } from "@playwright/test";
import { signIn } from "./helpers";

test("health reports the embedded database and up-to-date migrations", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toEqual({ status: "ok", database: "pglite", migrations: "up-to-date" });
});

test("security headers are set on pages", async ({ request }) => {
  const res = await request.get("/signin");
  const h = res.headers();
  expect(h["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(h["x-powered-by"]).toBeUndefined();
});

test("the assessment API needs a session", async ({ request }) => {
  const res = await request.get("/api/v1/units/SXD/assessments/2025");
  expect(res.status()).toBe(401);
  expect((await res.json()).error.message).toBe("Bạn cần đăng nhập.");
});

test("unit staff read their own unit's assessment and no other unit's", async ({ page }) => {
  await signIn(page, "cb.sxd");
  await expect(page).toHaveURL(/\/unit$/);
  const own = await page.request.get("/api/v1/units/SXD/assessments/2025");
  expect(own.status()).toBe(200);
  const body = await own.json();
  expect(body.unit.code).toBe("SXD");
  expect(body.entries.length).toBeGreaterThan(10);

  for (const path of ["/api/v1/units/STP/assessments/2025", "/api/v1/units/stp/assessments/2024", "/api/v1/units/NOPE/assessments/2025"]) {
    const other = await page.request.get(path);
    expect(other.status(), path).toBe(403);
    const err = await other.json();
    expect(err.error.message).toBe("Bạn không có quyền truy cập dữ liệu này.");
    expect(JSON.stringify(err)).not.toContain("selfScore");
  }
});

test("leadership reads any unit; unknown units and years are 404 with a clear message", async ({ page }) => {
  await signIn(page, "lanhdao");
  await expect(page).toHaveURL(/\/leadership$/);
  expect((await page.request.get("/api/v1/units/STP/assessments/2025")).status()).toBe(200);
  const missingYear = await page.request.get("/api/v1/units/STP/assessments/2019");
  expect(missingYear.status()).toBe(404);
  expect((await missingYear.json()).error.message).toBe("Đơn vị STP không có kết quả đánh giá năm 2019.");
  const missingUnit = await page.request.get("/api/v1/units/NOPE/assessments/2025");
  expect(missingUnit.status()).toBe(404);
  const badYear = await page.request.get("/api/v1/units/STP/assessments/abc");
  expect(badYear.status()).toBe(400);
});

test("a write sent from another site is refused even with the user's session (CSRF)", async ({ page }) => {
  await signIn(page, "sonoivu");
  const csv = Buffer.from("Mã đơn vị;Loại điều tra;Mã tiêu chí;Tỷ lệ (%);Yếu tố SIPAS;Số người trả lời\r\nSYT;XHH;8.2.1;90;;10\r\n");
  const file = { name: "x.csv", mimeType: "text/csv", buffer: csv };
  const forged = await page.request.post("/api/v1/surveys/import", { multipart: { year: "2026", file }, headers: { Origin: "https://evil.example" } });
  expect(forged.status()).toBe(403);
  expect((await forged.json()).error.message).toBe("Yêu cầu thay đổi dữ liệu gửi từ một trang web khác bị từ chối. Hãy thao tác trực tiếp trên trang của hệ thống.");
  const fetchedCrossSite = await page.request.post("/api/v1/surveys/import", { multipart: { year: "2026", file }, headers: { "Sec-Fetch-Site": "cross-site" } });
  expect(fetchedCrossSite.status()).toBe(403);
  // The same request from the app's own origin goes through (a preview: nothing is saved).
  const own = await page.request.post("/api/v1/surveys/import", { multipart: { year: "2026", file }, headers: { Origin: new URL(page.url()).origin } });
  expect(own.status()).toBe(200);
});
