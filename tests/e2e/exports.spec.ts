import ExcelJS from "exceljs";
import fs from "node:fs";
import { expect, test, type Download } from "@playwright/test";
import { expectAccessible, screenshot, signIn } from "./helpers";

async function bytes(download: Download): Promise<Buffer> {
  return fs.readFileSync((await download.path())!);
}

test("leadership downloads the ranking as Excel, the chart as PNG and SVG, and the cycle summary as PDF", async ({ page }) => {
  await signIn(page, "lanhdao");
  await page.goto("/leadership?year=2025");
  const table = page.locator("table#ranking-table");
  await expect(table).toBeVisible();
  const units = await table.locator("tbody tr").count();
  expect(units).toBeGreaterThan(10);

  // The buttons say what they export, and work from the keyboard.
  const excel = page.getByRole("button", { name: /^Tải Excel: Xếp hạng Sở, ban, ngành năm 2025/ });
  const png = page.getByRole("button", { name: /^Tải biểu đồ dạng PNG: Biểu đồ chỉ số CCHC/ });
  const svg = page.getByRole("button", { name: /^Tải biểu đồ dạng SVG: Biểu đồ chỉ số CCHC/ });
  await expect(excel).toBeVisible();
  await expect(png).toBeVisible();
  await expect(svg).toBeVisible();
  await expectAccessible(page);
  await png.scrollIntoViewIfNeeded();
  await screenshot(page, "exports-buttons", { fullPage: false });

  await excel.scrollIntoViewIfNeeded();
  await screenshot(page, "exports-table-button", { fullPage: false });

  // Excel: the header as on the page, numbers as numbers.
  await excel.focus();
  const [xlsx] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
  expect(xlsx.suggestedFilename()).toBe("xep-hang-chi-so-cchc-2025-SBN.xlsx");
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(await bytes(xlsx)).buffer);
  const sheet = workbook.worksheets[0]!;
  expect(sheet.name).toBe("Xếp hạng");
  const header = (sheet.getRow(1).values as unknown[]).slice(1);
  expect(header.slice(0, 4)).toEqual(["Hạng", "Cơ quan, đơn vị", "Điểm đạt/tối đa", "Chỉ số (%)"]);
  expect(header).not.toContain("Mô phỏng");
  expect(sheet.getRow(1).font?.bold).toBe(true);
  expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
  // Two header rows (the areas' codes under their group heading), then one row per unit.
  expect(sheet.rowCount).toBe(2 + units);
  const first = sheet.getRow(3);
  expect(first.getCell(1).value).toBe(1);
  expect(typeof first.getCell(4).value).toBe("number");
  expect(first.getCell(4).value as number).toBeGreaterThan(50);
  expect(typeof first.getCell(2).value).toBe("string");
  const firstName = (await table.locator("tbody tr").first().locator("td").nth(1).locator("a").first().textContent())?.trim();
  expect(first.getCell(2).value as string).toContain(firstName!);

  // Chart: PNG (2× pixels) and SVG, without the buttons in the picture.
  const [pngFile] = await Promise.all([page.waitForEvent("download"), png.click()]);
  expect(pngFile.suggestedFilename()).toBe("xep-hang-chi-so-cchc-2025-SBN.png");
  const pngBytes = await bytes(pngFile);
  expect(pngBytes.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  // 2× the figure, with the chart's title (a heading outside the figure) in a 32 px band on top.
  const figure = (await page.locator("figure#ranking-chart").boundingBox())!;
  expect(pngBytes.readUInt32BE(16)).toBeGreaterThanOrEqual(Math.floor(figure.width * 2) - 2);
  expect(pngBytes.readUInt32BE(20)).toBeGreaterThanOrEqual(Math.floor((figure.height + 32) * 2) - 2);
  fs.mkdirSync("test-results/screens", { recursive: true });
  fs.writeFileSync("test-results/screens/exports-chart-download.png", pngBytes);
  await expect(png).not.toHaveAttribute("aria-busy", "true");

  const [svgFile] = await Promise.all([page.waitForEvent("download"), svg.click()]);
  expect(svgFile.suggestedFilename()).toBe("xep-hang-chi-so-cchc-2025-SBN.svg");
  const svgText = (await bytes(svgFile)).toString("utf8");
  expect(svgText).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  expect(svgText).toContain(firstName!);
  expect(svgText).toContain("<title>Biểu đồ chỉ số CCHC: Xếp hạng Sở, ban, ngành năm 2025</title>");
  expect(svgText).not.toContain("Tải biểu đồ");
  await expect(page.getByRole("alert").filter({ hasText: "Không tạo được" })).toHaveCount(0);

  // The printable summary of the cycle: inline or as an attachment; a year without results is refused.
  const summary = await page.request.get("/api/v1/cycles/2025/summary");
  expect(summary.status()).toBe(200);
  expect(summary.headers()["content-type"]).toBe("application/pdf");
  expect(summary.headers()["content-disposition"]).toMatch(/^inline; filename="chi-so-cchc-2025-tom-tat\.pdf"$/);
  expect((await summary.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
  const attached = await page.request.get("/api/v1/cycles/2025/summary?download=1");
  expect(attached.headers()["content-disposition"]).toMatch(/^attachment;/);
  const missing = await page.request.get("/api/v1/cycles/2031/summary");
  expect(missing.status()).toBe(404);
  expect((await missing.json()).error.message).toBe("Năm 2031 chưa có kết quả Chỉ số CCHC được công bố nên chưa có báo cáo tóm tắt.");
  const inProgress = await page.request.get("/api/v1/cycles/2026/summary");
  expect(inProgress.status()).toBe(404);
  expect((await page.request.get("/api/v1/cycles/abc/summary")).status()).toBe(400);

  // The page's link opens the same report.
  await expect(page.getByRole("link", { name: /Báo cáo tóm tắt \(PDF\)/ })).toHaveAttribute("href", "/api/v1/cycles/2025/summary");
});

test("the summary needs a signed-in user", async ({ request }) => {
  const response = await request.get("/api/v1/cycles/2025/summary");
  expect(response.status()).toBe(401);
});
