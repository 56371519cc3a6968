import { expect, test, type APIRequestContext } from "@playwright/test";
import { CycleListSchema, CycleResultsSchema, UnitResultsSchema } from "../../lib/schemas/api";
import { expectAccessible, screenshot, signIn } from "./helpers";

/*
 * The read API through HTTP, as another system uses it: no session cookie (Playwright's `request`
 * fixture shares nothing with the signed-in page), only a token the admin issued in the UI.
 */

test.describe.configure({ mode: "serial" });

let secret = "";
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

async function errorOf(request: APIRequestContext, path: string, headers: Record<string, string> = {}) {
  const res = await request.get(path, { headers });
  return { status: res.status(), headers: res.headers(), body: (await res.json()) as { error: { code: string; message: string } } };
}

test("without a token, or with a wrong one, the read API answers 401 with a clear message", async ({ request }) => {
  for (const path of ["/api/v1/cycles", "/api/v1/cycles/2025/results", "/api/v1/units/STC/results"]) {
    const missing = await errorOf(request, path);
    expect(missing.status, path).toBe(401);
    expect(missing.headers["www-authenticate"]).toMatch(/^Bearer/);
    expect(missing.body.error).toMatchObject({ code: "missingToken" });
    expect(missing.body.error.message).toMatch(/^Thiếu khóa API\. Gửi khóa trong tiêu đề Authorization: Bearer/);
  }
  for (const token of [`par_${"A".repeat(43)}`, "abc", "par_"]) {
    const wrong = await errorOf(request, "/api/v1/cycles", bearer(token));
    expect(wrong.status).toBe(401);
    expect(wrong.headers["www-authenticate"]).toContain('error="invalid_token"');
    expect(wrong.body.error).toEqual({ code: "invalidToken", message: "Khóa API không hợp lệ, đã hết hạn hoặc đã bị thu hồi." });
  }
  // A session cookie is not a token, and the message follows the language cookie.
  const english = await errorOf(request, "/api/v1/cycles", { Cookie: "PAR_LOCALE=en" });
  expect(english.body.error.message).toMatch(/^API token missing\./);
  const basic = await errorOf(request, "/api/v1/cycles", { Authorization: "Basic YWRtaW46RGVtb0AyMDI2" });
  expect(basic.body.error.code).toBe("missingToken");
});

test("the admin issues a token and copies it from the page; it is shown once", async ({ page }) => {
  await signIn(page, "admin");
  await page.getByRole("navigation").getByRole("link", { name: "Khóa API" }).click();
  await expect(page).toHaveURL(/\/admin\/api-tokens$/);
  await expect(page.getByRole("heading", { level: 1, name: "Khóa API" })).toBeVisible();

  // Bad input: a clear message, nothing issued.
  await page.getByLabel("Thời hạn (số ngày)").fill("900");
  await page.getByRole("button", { name: "Cấp khóa" }).click();
  await expect(page.getByText("Nhập tên khóa.")).toBeVisible();
  await page.getByLabel("Tên khóa (hệ thống hoặc đơn vị sử dụng)").fill("Cổng thông tin điện tử tỉnh");
  await page.getByRole("button", { name: "Cấp khóa" }).click();
  await expect(page.getByText("Thời hạn phải là số ngày nguyên từ 1 đến 730 (hoặc để trống).")).toBeVisible();
  await expect(page.locator("#api-tokens tbody tr", { hasText: "Cổng thông tin điện tử tỉnh" })).toHaveCount(0);

  await page.getByLabel("Thời hạn (số ngày)").fill("90");
  await page.getByRole("button", { name: "Cấp khóa" }).click();
  const box = page.getByRole("region", { name: "Khóa mới “Cổng thông tin điện tử tỉnh”" });
  await expect(box).toBeVisible();
  await expect(box).toContainText("Khóa chỉ hiển thị một lần");
  secret = await box.getByLabel("Khóa API mới").inputValue();
  expect(secret).toMatch(/^par_[A-Za-z0-9_-]{43}$/);
  await expect(box.getByLabel("Khóa API mới")).toBeFocused();
  // The copy button puts exactly the secret on the clipboard.
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await box.getByRole("button", { name: "Sao chép" }).click();
  await expect(box.getByRole("status")).toHaveText("Đã sao chép khóa.");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);

  const row = page.locator("#api-tokens tbody tr", { hasText: "Cổng thông tin điện tử tỉnh" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(secret.slice(0, 10));
  await expect(row).toContainText("Đang hiệu lực");
  await expect(row).toContainText("Chưa dùng");
  await expect(row).not.toContainText(secret.slice(10));
  await screenshot(page, "admin-api-tokens-issued");
  await expectAccessible(page);

  // After a reload the secret is gone for good: only its prefix is listed.
  await page.reload();
  await expect(page.getByRole("region", { name: /Khóa mới/ })).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);
});

test("with the token: published cycles, a ranking with areas and change, a unit's years, clear 400/404", async ({ request }) => {
  expect(secret).not.toBe("");
  const auth = bearer(secret);

  const cyclesRes = await request.get("/api/v1/cycles", { headers: auth });
  expect(cyclesRes.status()).toBe(200);
  expect(cyclesRes.headers()["cache-control"]).toContain("no-store");
  const cycles = CycleListSchema.parse(await cyclesRes.json());
  expect(cycles.cycles.map((c) => c.year)).toEqual([2025, 2024, 2023]);
  expect(cycles.cycles[0]!.name.vi).toContain("2025");

  const resultsRes = await request.get("/api/v1/cycles/2025/results", { headers: auth });
  expect(resultsRes.status()).toBe(200);
  const results = CycleResultsSchema.parse(await resultsRes.json());
  expect(results.previousYear).toBe(2024);
  const sbnAreas = results.groups.find((g) => g.code === "SBN")!.areas.map((a) => a.code);
  expect(sbnAreas.length).toBeGreaterThan(3);
  const stc = results.units.find((u) => u.code === "STC")!;
  expect(Object.keys(stc.areas)).toEqual(sbnAreas);
  expect(stc.change).toMatchObject({ basis: "lineage", previousCodes: ["SKHDT", "STC-2024"], rankDelta: null });
  expect(stc.index * 100).toBeCloseTo(Math.round(stc.index * 100), 6);
  expect(results.units.some((u) => u.change?.basis === "same" && u.change.rankDelta !== null)).toBe(true);

  const communes = CycleResultsSchema.parse(await (await request.get("/api/v1/cycles/2025/results?group=xa", { headers: auth })).json());
  expect(communes.units.length).toBe(15);
  expect(communes.units.every((u) => u.group === "XA" && u.region !== null)).toBe(true);

  const unknownYear = await errorOf(request, "/api/v1/cycles/2031/results", auth);
  expect(unknownYear.status).toBe(404);
  expect(unknownYear.body.error.message).toBe("Chưa có kết quả công bố của năm 2031.");
  const open = await errorOf(request, "/api/v1/cycles/2026/results", auth);
  expect(open.status).toBe(404);
  expect(open.body.error.message).toBe("Chưa có kết quả công bố của năm 2026.");
  const badYear = await errorOf(request, "/api/v1/cycles/20x5/results", auth);
  expect(badYear.status).toBe(400);
  expect(badYear.body.error.message).toBe("Năm “20x5” không hợp lệ: cần một năm có 4 chữ số, từ 2000 đến 2100.");
  const badGroup = await errorOf(request, "/api/v1/cycles/2025/results?group=HUYEN", auth);
  expect(badGroup.status).toBe(404);
  expect(badGroup.body.error.message).toBe("Kết quả công bố năm 2025 không có nhóm đơn vị HUYEN (các nhóm có: SBN, XA).");

  const unitRes = await request.get("/api/v1/units/STC/results", { headers: auth });
  expect(unitRes.status()).toBe(200);
  const unit = UnitResultsSchema.parse(await unitRes.json());
  expect(unit.unit).toMatchObject({ code: "STC", group: "SBN" });
  expect(unit.unit.predecessors).toEqual(["SKHDT", "STC-2024"]);
  expect(unit.results[0]).toMatchObject({ year: 2025, index: stc.index, rank: stc.rank, areas: stc.areas });
  const merged = UnitResultsSchema.parse(await (await request.get("/api/v1/units/skhdt/results", { headers: auth })).json());
  expect(merged.results.map((r) => r.year)).toEqual([2024, 2023]);
  expect(merged.unit.successors).toEqual(["STC"]);
  const unknownUnit = await errorOf(request, "/api/v1/units/NOPE/results", auth);
  expect(unknownUnit.status).toBe(404);
  expect(unknownUnit.body.error.message).toBe("Không tìm thấy cơ quan, đơn vị có mã NOPE.");
});

test("the OpenAPI document is public, OpenAPI 3.1, and the responses match its schemas", async ({ request }) => {
  const res = await request.get("/api/v1/openapi.json");
  expect(res.status()).toBe(200);
  const doc = await res.json();
  expect(doc.openapi).toBe("3.1.0");
  expect(doc.info.title).toBeTruthy();
  expect(doc.servers[0].url).toBe("/api/v1");
  expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
  expect(Object.keys(doc.paths).sort()).toEqual(["/cycles", "/cycles/{year}/results", "/units/{code}/results"]);
  const op = doc.paths["/cycles/{year}/results"].get;
  expect(Object.keys(op.responses).sort()).toEqual(["200", "400", "401", "404"]);
  expect(op.responses["404"].content["application/json"].schema.$ref).toBe("#/components/schemas/Error");
  const results = doc.components.schemas.CycleResults;
  expect(results.required.sort()).toEqual(Object.keys(CycleResultsSchema.shape).sort());

  // A live response: every key the document requires is there, and it parses with the zod schema.
  const live = await (await request.get("/api/v1/cycles/2025/results", { headers: bearer(secret) })).json();
  expect(CycleResultsSchema.safeParse(live).success).toBe(true);
  for (const key of results.required) expect(live).toHaveProperty(key);
  for (const key of doc.components.schemas.RankedUnit.required) expect(live.units[0]).toHaveProperty(key);
});

test("the admin revokes the token: it stops working at once", async ({ page, request }) => {
  await signIn(page, "admin");
  await page.goto("/admin/api-tokens");
  const row = page.locator("#api-tokens tbody tr", { hasText: "Cổng thông tin điện tử tỉnh" });
  await expect(row).not.toContainText("Chưa dùng"); // used by the calls above
  page.once("dialog", (dialog) => {
    expect(dialog.message()).toContain("Thu hồi khóa “Cổng thông tin điện tử tỉnh”");
    void dialog.accept();
  });
  await row.getByRole("button", { name: "Thu hồi khóa Cổng thông tin điện tử tỉnh" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã thu hồi khóa “Cổng thông tin điện tử tỉnh”." })).toBeVisible();
  await expect(row).toContainText("Đã thu hồi");
  await expect(row.getByRole("button")).toHaveCount(0);
  await screenshot(page, "admin-api-tokens-revoked");

  const revoked = await errorOf(request, "/api/v1/cycles", bearer(secret));
  expect(revoked.status).toBe(401);
  expect(revoked.body.error.message).toBe("Khóa API không hợp lệ, đã hết hạn hoặc đã bị thu hồi.");
});
