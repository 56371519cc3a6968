import ExcelJS from "exceljs";
import { expect, test } from "@playwright/test";
import fs from "node:fs";
import { expectAccessible, screenshot, signIn } from "./helpers";

test.describe.configure({ mode: "serial" });

test("the secretariat browses criterion sets and their tree", async ({ page }) => {
  await signIn(page, "sonoivu");
  await page.getByRole("link", { name: "Bộ tiêu chí" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Bộ tiêu chí đánh giá" })).toBeVisible();
  const list = page.getByTestId("framework-list");
  await expect(list.getByRole("link", { name: "SBN-2023" })).toBeVisible();
  await expect(list.getByRole("link", { name: "XA-2025" })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "frameworks-list");
  await list.getByRole("link", { name: "SBN-2023" }).click();
  const tree = page.getByTestId("criterion-tree");
  await expect(tree.getByRole("row").filter({ hasText: "1.1.1" })).toContainText("Ban hành kế hoạch CCHC năm");
  await expect(tree.getByRole("row").filter({ hasText: "8.1.3" })).toContainText("SIPAS, yếu tố 3");
  await expectAccessible(page);
  await screenshot(page, "framework-tree", { fullPage: false });
});

test("a broken Excel file shows row-level errors and saves nothing", async ({ page }) => {
  await signIn(page, "sonoivu");
  const exported = await page.request.get("/api/v1/frameworks/XA-2025?format=xlsx");
  expect(exported.status()).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await exported.body()) as unknown as ArrayBuffer);
  const sheet = wb.getWorksheet("Tiêu chí")!;
  const header = sheet.getRow(3).values as unknown[];
  const col = (name: string) => header.findIndex((v) => String(v ?? "").startsWith(name));
  const rowOf = (code: string) => { let r = 0; sheet.eachRow((row, n) => { if (String(row.getCell(1).value) === code) r = n; }); return r; };
  wb.getWorksheet("Thông tin")!.eachRow((row) => { if (String(row.getCell(1).value).startsWith("Mã bộ tiêu chí")) row.getCell(2).value = "XA-BROKEN"; });
  sheet.getRow(rowOf("1.1.1")).getCell(col("Điểm tối đa")).value = "abc"; // not a number
  sheet.getRow(rowOf("1.1.2")).getCell(1).value = "1.1.3"; // duplicate code
  const file = "test-results/broken-framework.xlsx";
  fs.mkdirSync("test-results", { recursive: true });
  await wb.xlsx.writeFile(file);

  await page.goto("/frameworks/import");
  await page.getByLabel("Tệp bộ tiêu chí").setInputFiles(file);
  await page.getByRole("button", { name: "Kiểm tra tệp" }).click();
  const errors = page.getByTestId("import-errors");
  await expect(page.getByRole("heading", { name: /Tệp có \d+ lỗi\. Chưa lưu dữ liệu nào\./ })).toBeVisible();
  await expect(errors).toContainText("“abc” không phải là số");
  await expect(errors).toContainText("trùng với dòng");
  await expect(errors.getByRole("row").filter({ hasText: "“abc”" })).toContainText(String(rowOf("1.1.1")));
  await screenshot(page, "framework-import-errors");
  await page.goto("/frameworks");
  await expect(page.getByTestId("framework-list")).not.toContainText("XA-BROKEN");
});

test("a valid JSON file is previewed, confirmed once, and refused the second time", async ({ page }) => {
  await signIn(page, "sonoivu");
  await page.goto("/frameworks/import");
  await page.getByLabel("Tệp bộ tiêu chí").setInputFiles("examples/ca-mau-1880.framework.json");
  await page.getByRole("button", { name: "Kiểm tra tệp" }).click();
  await expect(page.getByRole("heading", { name: /Xem trước: CAMAU-1880-2013/ })).toBeVisible();
  await expect(page.getByText("9 mục, 6 tiêu chí thành phần, tổng 7 điểm.")).toBeVisible();
  await screenshot(page, "framework-import-preview");
  await page.getByRole("button", { name: "Xác nhận lưu bộ tiêu chí" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã lưu bộ tiêu chí CAMAU-1880-2013." })).toBeVisible();

  await page.getByLabel("Tệp bộ tiêu chí").setInputFiles("examples/ca-mau-1880.framework.json");
  await page.getByRole("button", { name: "Kiểm tra tệp" }).click();
  await page.getByRole("button", { name: "Xác nhận lưu bộ tiêu chí" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Đã có bộ tiêu chí mã CAMAU-1880-2013." })).toBeVisible();
});

test("cloning to a new year gives a copy with no differences", async ({ page }) => {
  await signIn(page, "sonoivu");
  await page.goto("/frameworks/CAMAU-1880-2013");
  await page.getByRole("link", { name: "Nhân bản sang năm mới" }).click();
  await page.getByLabel("Mã bộ tiêu chí mới").fill("CAMAU-1880-2014");
  await page.getByLabel("Từ năm").fill("2014");
  await page.getByRole("button", { name: "Nhân bản" }).click();
  await expect(page).toHaveURL(/\/frameworks\/CAMAU-1880-2014$/);
  await page.goto("/frameworks/compare?from=CAMAU-1880-2013&to=CAMAU-1880-2014");
  await expect(page.getByText("Không có khác biệt.")).toBeVisible();
  await page.goto("/frameworks/compare?from=SBN-2023&to=XA-2025");
  await expect(page.getByTestId("diff")).toContainText("Thêm mới");
  await screenshot(page, "framework-compare");
});

test("unit staff can read criterion sets but not import them", async ({ page }) => {
  await signIn(page, "cb.sxd");
  await expect(page).toHaveURL(/\/unit$/);
  await page.goto("/frameworks/import");
  await expect(page).toHaveURL(/\/unit$/);
  const res = await page.request.post("/api/v1/frameworks/import", { multipart: { file: { name: "x.json", mimeType: "application/json", buffer: fs.readFileSync("examples/ca-mau-1880.framework.json") } } });
  expect(res.status()).toBe(403);
  expect((await page.request.get("/api/v1/frameworks/SBN-2023")).status()).toBe(200);
});

test("the JSON Schema of the exchange format is public", async ({ request }) => {
  const res = await request.get("/api/v1/schemas/framework.json");
  expect(res.status()).toBe(200);
  const schema = await res.json();
  expect(schema.properties.format.const).toBe("par-framework/v1");
  expect(schema.required).toContain("tree");
});

test("a new criterion set is created from its fields and opens in the editor", async ({ page }) => {
  await signIn(page, "sonoivu");
  await page.goto("/frameworks");
  await page.getByRole("link", { name: "Tạo bộ tiêu chí mới" }).click();
  await page.getByLabel("Mã bộ tiêu chí").fill("sai mã");
  await page.getByLabel("Tên (tiếng Việt)").fill("Bộ tiêu chí thử nghiệm");
  await page.getByLabel("Tên (tiếng Anh)").fill("Trial criterion set");
  await page.getByLabel("Căn cứ (số, ngày quyết định)").fill("Quyết định 99/QĐ-UBND");
  await page.getByRole("button", { name: "Tạo và mở trang sửa" }).click();
  await expect(page.getByText("Mã bộ tiêu chí gồm chữ in hoa, số, dấu chấm, gạch (2–32 ký tự).")).toBeVisible();
  await page.getByLabel("Mã bộ tiêu chí").fill("TRIAL-2027");
  await page.getByRole("button", { name: "Tạo và mở trang sửa" }).click();
  await expect(page).toHaveURL(/\/frameworks\/TRIAL-2027\/edit$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("TRIAL-2027");
  // The starting tree is titled in both languages.
  await expect(page.getByLabel("Nội dung (tiếng Việt)")).toHaveValue("Lĩnh vực 1");
  await expect(page.getByLabel("Nội dung (tiếng Anh)")).toHaveValue("Area 1");
  await screenshot(page, "framework-new-editor", { fullPage: false });
});
