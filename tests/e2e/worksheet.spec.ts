import ExcelJS from "exceljs";
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, screenshot, signIn, signOut } from "./helpers";

/** An options/yes-no leaf of area 7 that the demo unit has not scored yet. */
async function unscoredLeaf(page: Page): Promise<string> {
  const row = page.locator('[data-testid^="leaf-7."]').filter({ has: page.locator('input[type="radio"]') })
    .filter({ hasNot: page.locator('input[type="radio"]:checked') }).first();
  return (await row.getAttribute("data-testid"))!.slice("leaf-".length);
}

test.describe.configure({ mode: "serial" });

test("the unit fills its worksheet; every change is saved and is there after a reload", async ({ page }) => {
  await signIn(page, "cb.sxd");
  await page.getByRole("link", { name: "Mở bảng tự chấm điểm" }).click();
  await expect(page).toHaveURL(/\/worksheet\/SXD$/);
  await expect(page.getByRole("heading", { level: 1, name: "Bảng tự đánh giá, chấm điểm" })).toBeVisible();
  const code = await unscoredLeaf(page);
  const row = page.getByTestId(`leaf-${code}`);
  await row.getByRole("radio").first().check();
  await expect(row.getByText(/Đã lưu lúc/)).toBeVisible();
  await row.getByRole("textbox", { name: `Giải trình cho tiêu chí ${code}` }).fill("Đã ban hành văn bản số 12/KH-SXD ngày 10/02/2026.");
  await expect(page.getByTestId("save-state")).toHaveText("Mọi thay đổi đã được lưu.");
  await expect(row.getByText(/Đã lưu lúc/)).toBeVisible();

  // A tiers leaf: the declared figure gives the points at once.
  const tiers = page.locator('[data-testid^="leaf-"]').filter({ has: page.getByRole("textbox", { name: /Số liệu kê khai cho tiêu chí/ }) }).first();
  const tiersCode = (await tiers.getAttribute("data-testid"))!.slice("leaf-".length);
  await tiers.getByRole("textbox", { name: `Số liệu kê khai cho tiêu chí ${tiersCode}` }).fill("95,5");
  await expect(tiers.getByText(/Đã lưu lúc/)).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "worksheet", { fullPage: false });

  await page.reload();
  const again = page.getByTestId(`leaf-${code}`);
  await expect(again.getByRole("radio").first()).toBeChecked();
  await expect(again.getByRole("textbox", { name: `Giải trình cho tiêu chí ${code}` })).toHaveValue("Đã ban hành văn bản số 12/KH-SXD ngày 10/02/2026.");
  await expect(page.getByRole("textbox", { name: `Số liệu kê khai cho tiêu chí ${tiersCode}` })).toHaveValue("95,5");
});

test("two sessions editing one leaf: the later save gets the conflict message with the other value", async ({ browser }) => {
  const a = await (await browser.newContext({ locale: "vi-VN" })).newPage();
  const b = await (await browser.newContext({ locale: "vi-VN" })).newPage();
  for (const p of [a, b]) {
    await signIn(p, "cb.sxd");
    await p.goto("/worksheet/SXD");
  }
  const code = await unscoredLeaf(a);
  await a.getByTestId(`leaf-${code}`).getByRole("radio").first().check();
  await expect(a.getByTestId(`leaf-${code}`).getByText(/Đã lưu lúc/)).toBeVisible();
  await b.getByTestId(`leaf-${code}`).getByRole("radio").last().check();
  const conflict = b.getByTestId(`leaf-${code}`).getByTestId("conflict");
  await expect(conflict).toContainText("vừa lưu tiêu chí này");
  await expect(conflict).toContainText("Giá trị đã lưu");
  await screenshot(b, "worksheet-conflict", { fullPage: false });
  await conflict.getByRole("button", { name: "Lưu giá trị của tôi" }).click();
  await expect(b.getByTestId(`leaf-${code}`).getByText(/Đã lưu lúc/)).toBeVisible();
  await a.reload();
  await expect(a.getByTestId(`leaf-${code}`).getByRole("radio").last()).toBeChecked();
});

test("submitting an incomplete worksheet lists what is missing", async ({ page }) => {
  await signIn(page, "cb.sxd");
  await page.goto("/worksheet/SXD");
  await page.getByRole("button", { name: "Gửi kết quả tự đánh giá" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /Chưa gửi được: \d+ tiêu chí cần hoàn thiện\./ })).toBeVisible();
  await expect(page.getByRole("link", { name: /: chưa chấm điểm\./ }).first()).toBeVisible();
});

test("another unit's worksheet is not shown to unit staff; the secretariat sees it read-only with its controls", async ({ page }) => {
  await signIn(page, "cb.sxd");
  await page.goto("/worksheet/STP");
  await expect(page).toHaveURL(/\/unit$/);
  await signOut(page);
  await signIn(page, "sonoivu");
  await page.goto("/worksheet/SXD");
  await expect(page.getByRole("heading", { name: "Thường trực: mở lại, gia hạn" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Gửi kết quả tự đánh giá" })).toHaveCount(0);
  await expect(page.locator('[data-testid^="leaf-"] input[type="radio"]').first()).toBeDisabled();
});

test("the self-assessment report opens as a PDF and downloads as Excel, with the unit's scores", async ({ page }) => {
  await signIn(page, "cb.sxd");
  await page.goto("/worksheet/SXD");
  const pdfHref = await page.getByRole("link", { name: "Tải báo cáo PDF" }).getAttribute("href");
  const pdf = await page.request.get(pdfHref!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  const bytes = await pdf.body();
  expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
  fs.mkdirSync("test-results/screens", { recursive: true });
  fs.writeFileSync("test-results/screens/report-SXD.pdf", bytes);

  const xlsxHref = await page.getByRole("link", { name: "Tải báo cáo Excel" }).getAttribute("href");
  const xlsx = await page.request.get(xlsxHref!);
  expect(xlsx.status()).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
  const text = wb.worksheets[0]!.getSheetValues().flat().map((v) => String(v ?? "")).join("\n");
  expect(text).toContain("SỞ XÂY DỰNG");
  expect(text).toContain("Ban hành kế hoạch CCHC năm");

  // Another unit's report is refused.
  await page.goto("/worksheet/SXD");
  const other = await page.request.get(pdfHref!.replace(/assessments\/[^/]+/, "assessments/nope"));
  expect(other.status()).toBe(403);
});
