import { expect, test } from "@playwright/test";
import { expectAccessible, screenshot, signIn } from "./helpers";

const REASON_HEADER = "Lý do thẩm định";

test("leadership sees a merged unit's profile: trend through its predecessors, areas, lost points with reasons", async ({ page }) => {
  await signIn(page, "lanhdao");
  await page.goto("/leadership/units/STC?year=2025");
  await expect(page.getByRole("heading", { level: 1, name: "Sở Tài chính" })).toBeVisible();
  await expect(page.getByText("Sở, ban, ngành · Kết quả công bố năm 2025")).toBeVisible();

  // Header figures: the change is against the two departments merged into it, combined.
  const stats = page.getByTestId("profile-stats");
  await expect(stats).toContainText("Xếp hạng trong nhóm");
  await expect(stats).toContainText("So với Sở Kế hoạch và Đầu tư + Sở Tài chính (trước 2025) năm 2024 (cộng gộp)");
  await expect(page.getByTestId("profile-change")).toHaveText(/^[▲▼=] [+−]?\d+,\d\d$/);
  await expect(page.getByTestId("profile-evidence")).toHaveText(/^\d+\s?%$/);

  // Trend: 2023 and 2024 are the predecessors combined (marked), 2025 its own result.
  const trend = page.locator("#trend-table");
  await expect(trend.getByTestId("trend-2024")).toHaveAttribute("data-basis", "lineage");
  await expect(trend.getByTestId("trend-2024")).toContainText("Cộng gộp: Sở Kế hoạch và Đầu tư + Sở Tài chính (trước 2025)");
  await expect(trend.getByTestId("trend-2023")).toHaveAttribute("data-basis", "lineage");
  await expect(trend.getByTestId("trend-2025")).toHaveAttribute("data-basis", "own");
  await expect(trend.getByTestId("trend-2025")).toContainText(/\d+\/26/);
  const chart = page.getByRole("figure", { name: "Biểu đồ đường chỉ số CCHC của Sở Tài chính qua các năm" });
  await expect(chart).toBeVisible();
  await expect(chart.getByText("Các đơn vị tiền thân (cộng gộp)")).toBeVisible(); // legend

  // Areas against the group average, chart and table.
  await expect(page.getByRole("figure", { name: /chỉ số thành phần của Sở Tài chính so với bình quân nhóm/ })).toBeVisible();
  await expect(page.locator("#areas-table tbody tr")).toHaveCount(8);

  // Lost points, largest first, with the appraisers' reasons.
  const lost = page.getByTestId("lost-table");
  await expect(lost.getByRole("columnheader", { name: REASON_HEADER })).toBeVisible();
  await expect(lost.getByText("Báo cáo gửi chậm so với thời hạn quy định.").first()).toBeVisible();
  const amounts = (await lost.locator("tbody tr td:nth-child(5)").allTextContents()).map((s) => Number(s.replace(",", ".")));
  expect(amounts.length).toBeGreaterThan(3);
  expect([...amounts].sort((a, b) => b - a)).toEqual(amounts);
  await expect(page.getByRole("link", { name: "Mô phỏng điểm của đơn vị này" })).toHaveAttribute("href", "/leadership/what-if?unit=STC&year=2025");
  await expectAccessible(page);
  await screenshot(page, "unit-profile-stc-2025");

  // Another year from the picker: 2024 is before the merger, the trend stays.
  await page.getByLabel("Năm đánh giá").selectOption("2024");
  await page.getByRole("button", { name: "Xem", exact: true }).click();
  await expect(page).toHaveURL(/year=2024/);
  await expect(page.getByRole("status").filter({ hasText: "Sở Tài chính không có kết quả được công bố năm 2024." })).toBeVisible();
  await expect(page.locator("#trend-table").getByTestId("trend-2024")).toHaveAttribute("data-basis", "lineage");

  // An unknown unit is a 404.
  const missing = await page.goto("/leadership/units/KHONGCO");
  expect(missing?.status()).toBe(404);
});

test("leadership sees the province overview: distribution, bands, areas, costly criteria with their lead department", async ({ page }) => {
  await signIn(page, "lanhdao");
  await page.goto("/leadership/overview?year=2025");
  await expect(page.getByRole("heading", { level: 1, name: "Tổng quan Chỉ số CCHC toàn tỉnh" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Các trang kết quả" }).getByRole("link", { name: "Tổng quan tỉnh" })).toHaveAttribute("aria-current", "page");

  const stats = page.getByTestId("overview-stats");
  await expect(stats).toContainText("Số đơn vị");
  const units = Number(await stats.locator("p.text-2xl").first().textContent());
  expect(units).toBeGreaterThan(20);
  // The histogram's table adds up to the units, and so do the bands.
  const bins = (await page.locator("#distribution-table tbody td.num").allTextContents()).map(Number);
  expect(bins.reduce((a, b) => a + b, 0)).toBe(units);
  const bands = await Promise.all(["A", "B", "C"].map(async (b) => Number(await page.getByTestId(`band-${b}`).textContent())));
  expect(bands.reduce((a, b) => a + b, 0)).toBe(units);
  await expect(page.getByRole("figure", { name: "Biểu đồ cột phân bố chỉ số CCHC của nhóm Sở, ban, ngành năm 2025" })).toBeVisible();
  await expect(page.locator("#areas-table tbody tr")).toHaveCount(8);

  // Costly criteria: each with its lead department (the appraising department of its area).
  const costly = page.getByTestId("costly-table");
  await expect(costly.locator("tbody tr")).toHaveCount(15);
  for (const row of await costly.locator("tbody tr").all()) {
    const code = (await row.locator("td").first().textContent())!;
    const lead = row.locator("td").last();
    if (code.startsWith("2.")) await expect(lead).toHaveText("Sở Tư pháp");
    if (code.startsWith("6.")) await expect(lead).toHaveText("Sở Tài chính");
    if (code.startsWith("8.")) await expect(lead).toHaveText("Chưa phân công");
  }
  await expectAccessible(page);
  await screenshot(page, "overview-2025");

  // The communes of 2025.
  await page.getByLabel("Nhóm đơn vị").selectOption({ label: "UBND cấp xã" });
  await page.getByRole("button", { name: "Xem", exact: true }).click();
  await expect(page).toHaveURL(/group=XA/);
  await expect(page.getByText("Kết quả công bố năm 2025 · UBND cấp xã")).toBeVisible();
  await expect(page.getByTestId("overview-stats")).toContainText("15");
  await screenshot(page, "overview-2025-xa", { fullPage: false });
});

test("unit staff see another unit's profile without the appraisers' reasons, and their own with them", async ({ page }) => {
  await signIn(page, "cb.sxd");
  await page.goto("/leadership/units/STC?year=2025");
  await expect(page.getByRole("heading", { level: 1, name: "Sở Tài chính" })).toBeVisible();
  const lost = page.getByTestId("lost-table");
  await expect(lost).toBeVisible();
  await expect(lost.getByRole("columnheader", { name: REASON_HEADER })).toHaveCount(0);
  await expect(page.getByText("Báo cáo gửi chậm so với thời hạn quy định.")).toHaveCount(0);
  await expect(page.getByTestId("reasons-hidden")).toBeVisible();
  await expect(page.getByTestId("profile-evidence")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Mô phỏng điểm của đơn vị này" })).toHaveCount(0);
  await screenshot(page, "unit-profile-other-unit", { fullPage: false });

  await page.goto("/leadership/units/SXD?year=2025");
  await expect(page.getByTestId("lost-table").getByRole("columnheader", { name: REASON_HEADER })).toBeVisible();
  await expect(page.getByTestId("profile-evidence")).toBeVisible();
});

test("anyone sees a unit's published results, without reasons or evidence", async ({ page }) => {
  await page.goto("/results/2025/STC");
  await expect(page.getByRole("heading", { level: 1, name: "Sở Tài chính" })).toBeVisible();
  await expect(page.locator("#trend-table").getByTestId("trend-2024")).toHaveAttribute("data-basis", "lineage");
  await expect(page.getByTestId("lost-table")).toBeVisible();
  await expect(page.getByText(REASON_HEADER)).toHaveCount(0);
  await expect(page.getByText("Báo cáo gửi chậm so với thời hạn quy định.")).toHaveCount(0);
  await expect(page.getByText("Tài liệu kiểm chứng")).toHaveCount(0);
  await expect(page.getByText("Mô phỏng điểm")).toHaveCount(0);
  await expect(page.getByRole("link", { name: "← Kết quả năm 2025" })).toHaveAttribute("href", "/results/2025");
  await expectAccessible(page);
  await screenshot(page, "public-unit-stc-2025");

  // In English too.
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Department of Finance" })).toBeVisible();
  await expect(page.locator("#trend-table").getByTestId("trend-2024")).toContainText("Combined: Department of Planning and Investment + Department of Finance (before 2025)");
  await screenshot(page, "public-unit-stc-2025-en", { fullPage: false });
  await page.getByRole("button", { name: "Tiếng Việt" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sở Tài chính" })).toBeVisible();

  for (const path of ["/results/2026/STC", "/results/2025/SKHDT", "/results/2025/KHONGCO", "/results/abc/STC"]) {
    expect((await page.goto(path))?.status(), path).toBe(404);
  }
});
