import { expect, test } from "@playwright/test";
import fs from "node:fs";
import { expectAccessible, screenshot, signIn } from "./helpers";

const HEADER = "Mã đơn vị;Loại điều tra;Mã tiêu chí;Tỷ lệ (%);Yếu tố SIPAS;Số người trả lời\r\n";

function csv(name: string, rows: string[]): string {
  fs.mkdirSync("test-results", { recursive: true });
  const file = `test-results/${name}.csv`;
  fs.writeFileSync(file, `\uFEFF${HEADER}${rows.join("\r\n")}\r\n`);
  return file;
}

test.describe.configure({ mode: "serial" });

test("survey results with errors are listed by row and nothing is saved", async ({ page }) => {
  await signIn(page, "sonoivu");
  await page.goto("/surveys/import");
  await page.getByLabel("Kỳ đánh giá").selectOption("2026");
  await page.getByLabel("Tệp kết quả điều tra").setInputFiles(csv("surveys-broken", ["SXD;XHH;8.2.1;120;;10", "SXD;ABC;8.2.2;80;;10"]));
  await page.getByRole("button", { name: "Kiểm tra tệp" }).click();
  const errors = page.getByTestId("import-errors");
  await expect(errors.getByRole("row").filter({ hasText: "“120” phải từ 0 đến 100" })).toContainText("2");
  await expect(errors.getByRole("row").filter({ hasText: "Loại điều tra “ABC” không hợp lệ" })).toContainText("3");

  await page.getByLabel("Tệp kết quả điều tra").setInputFiles(csv("surveys-unknown", ["NOPE;XHH;8.2.1;80;;10", "SXD;XHH;1.1.1;80;;10"]));
  await page.getByRole("button", { name: "Kiểm tra tệp" }).click();
  await expect(errors).toContainText("Không có cơ quan, đơn vị mã NOPE.");
  await expect(errors).toContainText("1.1.1 không phải tiêu chí lấy điểm từ điều tra xã hội học.");
  await screenshot(page, "survey-import-errors");
});

test("valid survey results are converted to points, previewed and saved", async ({ page }) => {
  await signIn(page, "sonoivu");
  await page.goto("/surveys/import");
  await page.getByLabel("Kỳ đánh giá").selectOption("2026");
  await page.getByLabel("Tệp kết quả điều tra").setInputFiles(csv("surveys-ok", [
    "SYT;XHH;8.2.1;87,5;;120",
    "SYT;SIPAS;;85,2;;300",
    ...[1, 2, 3, 4, 5].map((e) => `SYT;SIPAS;;${80 + e};${e};300`),
  ]));
  await page.getByRole("button", { name: "Kiểm tra tệp" }).click();
  const preview = page.getByTestId("survey-preview");
  // 8.2.1 has a maximum of 1 point: 1 × 87.5 % = 0.875 → 0.88 (half up)
  await expect(preview.getByRole("row").filter({ hasText: "8.2.1" })).toContainText("0,88");
  await expect(preview.getByRole("row").filter({ hasText: "SYT" }).filter({ hasText: "SIPAS" })).toContainText("81 · 82 · 83 · 84 · 85");
  await expectAccessible(page);
  await screenshot(page, "survey-import-preview");
  await page.getByRole("button", { name: "Xác nhận lưu kết quả điều tra" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã lưu 2 kết quả của 1 đơn vị cho năm 2026." })).toBeVisible();
});

test("draft results are recomputed on demand", async ({ page }) => {
  await signIn(page, "sonoivu");
  await expect(page.getByText("Chưa tính lần nào.")).toBeVisible();
  await page.getByRole("button", { name: "Tính lại kết quả" }).click();
  await expect(page.getByRole("status").filter({ hasText: /Đã tính lại kết quả của \d+ đơn vị\./ })).toBeVisible();
  await page.reload();
  await expect(page.getByText(/Tính lần cuối: .* \(\d+ đơn vị\)/)).toBeVisible();
  await screenshot(page, "secretariat-recomputed", { fullPage: false });
});

test("a published year takes no survey results: refused with the reason, and not offered", async ({ page }) => {
  await signIn(page, "sonoivu");
  await page.goto("/surveys/import");
  await expect(page.getByLabel("Kỳ đánh giá").locator("option")).toHaveText(["2026"]);
  const res = await page.request.post("/api/v1/surveys/import", { multipart: { year: "2025",
    file: { name: "x.csv", mimeType: "text/csv", buffer: Buffer.from(`${HEADER}SXD;XHH;8.2.1;100;;1\r\n`) } } });
  expect(res.status()).toBe(409);
  expect((await res.json()).error.message).toBe("Kết quả năm 2025 đã công bố nên không nhận thêm điểm hay kết quả điều tra. Muốn sửa, quản trị hệ thống cần hủy công bố trước.");
});

test("unit staff cannot import survey results", async ({ page }) => {
  await signIn(page, "cb.sxd");
  const res = await page.request.post("/api/v1/surveys/import", { multipart: { year: "2025",
    file: { name: "x.csv", mimeType: "text/csv", buffer: Buffer.from(`${HEADER}SXD;XHH;8.2.1;100;;1\r\n`) } } });
  expect(res.status()).toBe(403);
});
