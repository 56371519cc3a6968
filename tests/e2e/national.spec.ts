import { expect, test } from "@playwright/test";
import fs from "node:fs";
import { expectAccessible, screenshot, signIn } from "./helpers";

const HEADER = "Tỉnh/Province;Năm/Year;Chỉ số/Index;Xếp hạng/Rank;Vùng/Region;SIPAS\r\n";

/** A CSV as Vietnamese Excel saves it (BOM, ";" and decimal commas). "Phú An" is the demo's fictitious province. */
function csv(name: string, rows: string[]): string {
  fs.mkdirSync("test-results", { recursive: true });
  const file = `test-results/${name}.csv`;
  fs.writeFileSync(file, `\uFEFF${HEADER}${rows.join("\r\n")}\r\n`);
  return file;
}

test.describe.configure({ mode: "serial" });

test("leadership sees the province's national ranks over the years, partial years marked", async ({ page }) => {
  await signIn(page, "lanhdao");
  await page.goto("/leadership/national");
  await expect(page.getByRole("navigation", { name: "Các trang kết quả" }).getByRole("link", { name: "Toàn quốc" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByLabel("Tỉnh, thành phố")).toHaveValue("An Giang");
  await expect(page.getByTestId("national-headline")).toHaveText("84,22 điểm · 42/63 toàn quốc");
  await expect(page.getByText("So với năm 2019: +0,90 điểm · ▼ giảm 31 bậc")).toBeVisible();
  const table = page.locator("#national-table");
  await expect(table.locator("tr[data-year='2016']")).toContainText("72,89");
  await expect(table.locator("tr[data-year='2016']")).toContainText("36/63");
  await expect(table.locator("tr[data-year='2019']")).toContainText("89,81");
  await expect(table.locator("tr[data-year='2016']").getByTestId("partial-badge")).toHaveText("dữ liệu chưa đầy đủ");
  await expect(page.getByTestId("national-headline").locator("..").getByTestId("partial-badge")).toBeVisible();
  await expect(page.locator("figure#national-chart")).toHaveAttribute("aria-label", "Chỉ số CCHC và thứ hạng toàn quốc của An Giang qua các năm");
  await expect(page.locator("figure#national-chart .recharts-line")).toHaveCount(3);
  await expect(page.locator("#national-context tbody tr").first()).toContainText("88,37");
  // Leadership reads; only the secretariat and administrators import.
  await expect(page.getByRole("heading", { name: "Nhập kết quả toàn quốc từ tệp CSV" })).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, "national-view");

  await page.getByLabel("Tỉnh, thành phố").selectOption("Quảng Ninh");
  await page.getByRole("button", { name: "Xem" }).click();
  await expect(page.getByTestId("national-headline")).toHaveText("92,18 điểm");
  await expect(page.locator("#national-table tr[data-year='2019']")).toContainText("1/63");
});

test("the secretariat imports a CSV: a bad row is named and nothing saved; fixed, previewed, confirmed and shown", async ({ page }) => {
  await signIn(page, "sonoivu");
  await page.goto("/leadership/national");
  const template = await page.request.get("/api/v1/national/template");
  expect(template.headers()["content-type"]).toContain("text/csv");
  expect(await template.text()).toContain("Tỉnh/Province;Năm/Year;Chỉ số/Index");

  await page.getByLabel("Tệp kết quả toàn quốc (CSV)").setInputFiles(csv("national-broken", ["Phú An;2018;80,5;20;;88,1", "Phú An;2020;180;18;;"]));
  await page.getByRole("button", { name: "Kiểm tra tệp" }).click();
  const errors = page.getByTestId("import-errors");
  const row = errors.getByRole("row").filter({ hasText: "“180” phải từ 0 đến 100 (cột “Chỉ số/Index”)." });
  await expect(row).toContainText("3");
  await expect(row).toContainText("C");
  await screenshot(page, "national-import-errors");
  await page.reload();
  await expect(page.locator("#national-context")).not.toContainText("2018");

  await page.getByLabel("Tệp kết quả toàn quốc (CSV)").setInputFiles(csv("national-ok", ["Phú An;2018;80,5;20;;88,1", "Phú An;2020;82,75;18;;"]));
  await page.getByRole("button", { name: "Kiểm tra tệp" }).click();
  await expect(page.getByTestId("national-preview-years")).toContainText("Năm 2018: 1/63 tỉnh · chưa đủ số tỉnh · năm chưa có dữ liệu");
  await expect(page.getByTestId("national-preview").getByRole("row").filter({ hasText: "2020" })).toContainText("82,75");
  await expect(page.getByLabel("Đánh dấu các năm trong tệp là dữ liệu chưa đầy đủ")).toBeChecked();
  await page.getByLabel("Nguồn số liệu").fill("Số liệu thử nghiệm");
  await expectAccessible(page);
  await screenshot(page, "national-import-preview");
  await page.getByRole("button", { name: "Xác nhận lưu kết quả toàn quốc" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã lưu 2 kết quả của năm 2018, 2020." })).toBeVisible();
  await expect(page.locator("#national-context-card")).toContainText("Số liệu thử nghiệm");
  await expect(page.locator("#national-context tr").filter({ hasText: "2018" })).toContainText("[2]");

  await page.getByLabel("Tỉnh, thành phố").selectOption("Phú An");
  await page.getByRole("button", { name: "Xem" }).click();
  await expect(page.getByTestId("national-headline")).toHaveText("82,75 điểm · 18/63 toàn quốc");
  await expect(page.locator("#national-table tr[data-year='2018']")).toContainText("88,10");
  await screenshot(page, "national-imported");
});

test("unit staff see the national view but cannot import", async ({ page }) => {
  await signIn(page, "cb.sxd");
  await page.goto("/leadership/national");
  await expect(page.getByTestId("national-headline")).toBeVisible();
  await expect(page.getByLabel("Tệp kết quả toàn quốc (CSV)")).toHaveCount(0);
  const res = await page.request.post("/api/v1/national/import", { multipart: {
    file: { name: "x.csv", mimeType: "text/csv", buffer: Buffer.from(`${HEADER}Phú An;2021;80;;;\r\n`) } } });
  expect(res.status()).toBe(403);
});
