import ExcelJS from "exceljs";
import fs from "node:fs";
import Papa from "papaparse";
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible, screenshot, signIn } from "./helpers";

test.describe.configure({ mode: "serial" });

const rows = (page: Page) => page.getByTestId("status-grid").locator('tr[data-testid^="row-"]');

/** Moves the 2026 self-assessment deadline (YYYY-MM-DD, the last day); returns the previous one. */
async function setSelfAssessmentEnd(page: Page, day: string): Promise<string> {
  await page.goto("/cycles/2026");
  const closes = page.getByLabel("Ngày kết thúc: Tự đánh giá, chấm điểm");
  const original = await closes.inputValue();
  await closes.fill(day);
  await page.getByRole("button", { name: "Lưu thời hạn" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã lưu thời hạn." })).toBeVisible();
  return original;
}

test("the secretariat sees every unit against the phases, filters, and exports the list", async ({ page }) => {
  await signIn(page, "sonoivu");
  await page.getByRole("link", { name: "Bảng tình hình đánh giá theo đơn vị" }).click();
  await expect(page).toHaveURL(/\/secretariat\/status\?year=2026$/);
  await expect(page.getByRole("heading", { level: 1, name: "Tình hình đánh giá theo đơn vị" })).toBeVisible();

  // Counts: the total is every row; each status count matches the rows in that status.
  const counts = page.getByTestId("status-counts");
  const total = await rows(page).count();
  expect(total).toBeGreaterThan(30);
  await expect(counts.getByRole("link", { name: `Tổng số ${total}` })).toBeVisible();
  await expect(page.getByTestId("shown")).toHaveText(`Hiển thị ${total}/${total} đơn vị`);
  const submittedCount = Number((await counts.locator('[data-status="SUBMITTED"] strong').textContent()) ?? "0");
  expect(submittedCount).toBeGreaterThan(0);

  // A unit still writing: current self-assessment with its progress; the name opens its appraisal page.
  const sxd = page.getByTestId("row-SXD");
  await expect(sxd.getByRole("cell").nth(3)).toHaveText("Đang tự chấm");
  await expect(sxd.locator('[data-state="current"]').first()).toContainText(/\d+\/\d+ tiêu chí/);
  await expect(sxd.getByRole("link", { name: "Sở Xây dựng" })).toHaveAttribute("href", "/appraisal/SXD");
  await expectAccessible(page);
  await screenshot(page, "status-grid");

  // Filter to submitted units with the form (a GET form: the filter is in the address).
  await page.getByLabel("Trạng thái", { exact: true }).selectOption({ label: "Đã gửi" });
  await page.getByRole("button", { name: "Lọc", exact: true }).click();
  await expect(page).toHaveURL(/status=SUBMITTED/);
  await expect(rows(page)).toHaveCount(submittedCount);
  for (const cell of await rows(page).locator("td:nth-child(4)").all()) await expect(cell).toHaveText("Đã gửi");
  const sgddt = page.getByTestId("row-SGDDT");
  await expect(sgddt.locator('[data-state="done"]').first()).toContainText("Gửi ");
  await expect(sgddt.locator('[data-state="current"]').first()).toContainText(/(^|\D)0\/\d+ tiêu chí$/);
  await screenshot(page, "status-grid-submitted", { fullPage: false });

  // The count links filter too: choosing the active status again clears it.
  await counts.locator('[data-status="SUBMITTED"]').click();
  await expect(page).not.toHaveURL(/status=/);
  await expect(rows(page)).toHaveCount(total);

  // Text search without diacritics, then the CSV of what is shown.
  await page.getByLabel("Tìm đơn vị").fill("so xay dung");
  await page.getByRole("button", { name: "Lọc", exact: true }).click();
  await expect(rows(page)).toHaveCount(1);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "CSV" }).click()]);
  expect(download.suggestedFilename()).toBe("tinh-hinh-danh-gia-2026.csv");
  const csv = fs.readFileSync((await download.path())!, "utf8");
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const parsed = Papa.parse<string[]>(csv.slice(1).trim(), { delimiter: ";" }).data;
  expect(parsed[0]!.slice(0, 6)).toEqual(["STT", "Mã", "Cơ quan, đơn vị", "Nhóm", "Trạng thái hiện tại", "Ngày gửi"]);
  expect(parsed[0]).toContain("Thẩm định vòng 1");
  expect(parsed).toHaveLength(2);
  expect(parsed[1]!.slice(0, 5)).toEqual(["1", "SXD", "Sở Xây dựng", "Sở, ban, ngành", "Đang tự chấm"]);
  expect(parsed[1]![6]).toMatch(/^Đang thực hiện: \d+\/\d+ tiêu chí$/);

  // The whole list as Excel, in English: bold frozen header, one row per unit.
  const xlsx = await page.request.get("/api/v1/cycles/2026/status?format=xlsx&locale=en");
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()["content-disposition"]).toContain("tinh-hinh-danh-gia-2026.xlsx");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  expect(ws.getRow(1).getCell(2).value).toBe("Code");
  expect(ws.getRow(1).font?.bold).toBe(true);
  expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
  expect(ws.rowCount).toBe(total + 1);
  const sxdRow = ws.getRows(2, total)!.find((r) => r.getCell(2).value === "SXD")!;
  expect(sxdRow.getCell(3).value).toBe("Department of Construction");
});

test("late only: units past their self-assessment deadline without a submission, marked in words", async ({ page, browser }) => {
  await signIn(page, "sonoivu");
  await page.goto("/secretariat/status?year=2026&late=1");
  await expect(page.getByText("Không có đơn vị nào phù hợp với bộ lọc.")).toBeVisible();

  const secretariat = await (await browser.newContext({ locale: "vi-VN" })).newPage();
  await signIn(secretariat, "sonoivu");
  const yesterday = new Date(Date.now() + 7 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
  const original = await setSelfAssessmentEnd(secretariat, yesterday);
  try {
    await page.goto("/secretariat/status?year=2026");
    await page.getByLabel("Chỉ đơn vị trễ hạn").check();
    await page.getByRole("button", { name: "Lọc", exact: true }).click();
    await expect(page).toHaveURL(/late=1/);
    const late = await rows(page).count();
    expect(late).toBeGreaterThan(10);
    await expect(page.getByTestId("status-counts").locator('[data-status="LATE"] strong')).toHaveText(String(late));
    for (const row of await rows(page).all()) await expect(row.locator("td").last()).toContainText("Quá hạn tự đánh giá");
    await expect(page.getByTestId("row-SXD")).toBeVisible();
    await expect(page.getByTestId("row-SGDDT")).toHaveCount(0);
    await screenshot(page, "status-grid-late", { fullPage: false });

    // Submitted and late: none (submitted units are never late for self-assessment).
    await page.getByLabel("Trạng thái", { exact: true }).selectOption({ label: "Đã gửi" });
    await page.getByRole("button", { name: "Lọc", exact: true }).click();
    await expect(page.getByText("Không có đơn vị nào phù hợp với bộ lọc.")).toBeVisible();
    const csv = await page.request.get("/api/v1/cycles/2026/status?format=csv&late=1");
    expect((await csv.text()).split("\r\n").filter((l) => l.includes("Quá hạn tự đánh giá"))).toHaveLength(late);
  } finally {
    await setSelfAssessmentEnd(secretariat, original);
  }
});

test("unit staff are sent back to their home page and refused by the API", async ({ page, request }) => {
  expect((await request.get("/api/v1/cycles/2026/status?format=csv")).status()).toBe(401);
  await signIn(page, "cb.sxd");
  await page.goto("/secretariat/status");
  await expect(page).toHaveURL(/\/unit$/);
  const res = await page.request.get("/api/v1/cycles/2026/status?format=csv");
  expect(res.status()).toBe(403);
  expect((await res.json()).error.message).toBe("Bạn không có quyền truy cập dữ liệu này.");
});

test("an unknown year is a clear 404 for the export", async ({ page }) => {
  await signIn(page, "lanhdao");
  const res = await page.request.get("/api/v1/cycles/2019/status?format=csv");
  expect(res.status()).toBe(404);
  expect((await res.json()).error.message).toBe("Không có kỳ đánh giá năm 2019.");
  expect((await page.request.get("/api/v1/cycles/2026/status?format=pdf")).status()).toBe(400);
});
