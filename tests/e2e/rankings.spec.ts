import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectAccessible, screenshot, signIn } from "./helpers";

// The lifecycle project publishes 2026 later on: every address names the year it looks at.
const YEAR = 2025;

const table = (page: Page) => page.getByTestId("ranking-table");
const rows = (page: Page) => table(page).locator("tbody tr[data-testid^='row-']");

/** The index column (4th) of every row, as numbers (the cells' data-value). */
async function indices(page: Page): Promise<number[]> {
  return (await rows(page).locator("td:nth-child(4)").evaluateAll((cells) => cells.map((c) => Number(c.getAttribute("data-value")))));
}

async function ascending(values: number[]): Promise<boolean> {
  return values.every((v, i) => i === 0 || values[i - 1]! <= v);
}

const heat = (scope: Locator) => scope.locator("td[data-heat]");

test("leadership sees the 2025 rankings with changes, lineage, heat-map, sorting and filters", async ({ page }) => {
  await signIn(page, "lanhdao");
  await page.goto(`/leadership?year=${YEAR}`);
  await expect(page.getByRole("navigation", { name: "Các trang kết quả" }).getByRole("link", { name: "Xếp hạng" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByLabel("Năm", { exact: true })).toHaveValue(String(YEAR));
  await expect(page.getByLabel("Nhóm đơn vị")).toHaveValue("SBN");
  await expect(page.getByRole("heading", { name: /^Xếp hạng Sở, ban, ngành năm 2025/ })).toBeVisible();

  // Departments, in published order (rank 1 first), each with 8 heat-map cells.
  const count = await rows(page).count();
  expect(count).toBeGreaterThan(20);
  await expect(rows(page).first().locator("td").first()).toHaveText("1");
  await expect(heat(table(page))).toHaveCount(count * 8);
  await expect(table(page).locator("td[data-heat='5']").first()).toBeVisible();

  // Change against 2024: some up, some down, with the index delta and the rank change.
  await expect(table(page).getByRole("columnheader", { name: /So với 2024/ })).toBeVisible();
  const up = table(page).locator("td[data-change='up']");
  const down = table(page).locator("td[data-change='down']");
  expect(await up.count()).toBeGreaterThan(0);
  expect(await down.count()).toBeGreaterThan(0);
  await expect(up.first()).toHaveText(/^▲ tăng \d+,\d{2}/);
  await expect(down.first()).toContainText("▼");
  await expect(page.getByTestId("row-SVHTTDL").locator("td[data-change]")).toContainText("↑11 bậc");

  // The merged Sở Tài chính compares with the two departments merged into it.
  const stc = page.getByTestId("row-STC");
  const marker = stc.locator("[data-lineage]");
  await expect(marker).toHaveAttribute("title", /So sánh với .*\(SKHDT\) \+ .*\(STC-2024\)/);
  await expect(marker).toContainText("Sở Kế hoạch và Đầu tư");
  await expect(stc.getByRole("link", { name: "Sở Tài chính", exact: true })).toHaveAttribute("href", `/leadership/units/STC?year=${YEAR}`);
  await expect(stc.getByRole("link", { name: "Mô phỏng điểm: Sở Tài chính" })).toHaveAttribute("href", `/leadership/what-if?unit=STC&year=${YEAR}`);

  // Summary, chart with its figure, exports and the PDF summary.
  await expect(page.getByTestId("ranking-stats")).toContainText("Tăng so với 2024");
  await expect(page.locator("figure#ranking-chart")).toBeVisible();
  await expect(page.getByRole("link", { name: "Báo cáo tóm tắt (PDF)" })).toHaveAttribute("href", `/api/v1/cycles/${YEAR}/summary`);
  await expectAccessible(page);
  await screenshot(page, "rankings-2025");

  // Sort by index: first highest first, then ascending; the order reverses.
  const desc0 = await indices(page);
  const indexHeader = table(page).getByRole("columnheader", { name: /Chỉ số \(%\)/ });
  await indexHeader.getByRole("link").click();
  await expect(page).toHaveURL(/sort=index(?!&dir)/);
  await expect(indexHeader).toHaveAttribute("aria-sort", "descending");
  const desc = await indices(page);
  expect(desc).toEqual([...desc0].sort((a, b) => b - a));
  await indexHeader.getByRole("link").click();
  await expect(page).toHaveURL(/sort=index&dir=asc/);
  await expect(indexHeader).toHaveAttribute("aria-sort", "ascending");
  const asc = await indices(page);
  expect(await ascending(asc)).toBe(true);
  expect(asc).toEqual([...desc].reverse());
  expect(asc[0]).toBeLessThan(asc.at(-1)!);

  // Sorting by an area's component index.
  const area3Header = table(page).getByRole("columnheader", { name: /Lĩnh vực 3/ });
  await area3Header.getByRole("link").click();
  await expect(page).toHaveURL(/sort=area-3/);
  await expect(area3Header).toHaveAttribute("aria-sort", "descending");
  const area3 = await rows(page).locator("td[data-heat]:nth-child(9)").evaluateAll((cells) => cells.map((c) => Number(c.getAttribute("data-value"))));
  expect(area3).toEqual([...area3].sort((a, b) => b - a));

  // Communes, then one region of them (the region list is the chosen group's).
  await page.getByLabel("Nhóm đơn vị").selectOption({ label: "UBND cấp xã" });
  await page.getByRole("button", { name: "Xem", exact: true }).click();
  await expect(page).toHaveURL(/group=XA/);
  await expect(page.getByRole("heading", { name: /^Xếp hạng UBND cấp xã năm 2025/ })).toBeVisible();
  const communes = await rows(page).count();
  expect(communes).toBeGreaterThan(5);
  await expect(heat(table(page))).toHaveCount(communes * 8);
  await page.getByLabel("Khu vực").selectOption({ label: "Khu vực miền núi" });
  await page.getByRole("button", { name: "Xem", exact: true }).click();
  await expect(page).toHaveURL(/region=MIENNUI/);
  await expect(page.getByRole("heading", { name: /^Xếp hạng UBND cấp xã \(Khu vực miền núi\) năm 2025/ })).toBeVisible();
  const mountain = await rows(page).count();
  expect(mountain).toBeGreaterThan(0);
  expect(mountain).toBeLessThan(communes);
  for (const row of await rows(page).all()) await expect(row.locator("td").nth(1)).not.toContainText("Khu vực");
  await expectAccessible(page);
  await screenshot(page, "rankings-2025-xa-miennui");
});

test("an unpublished year or an odd address shows the newest published rankings with a notice", async ({ page }) => {
  await signIn(page, "lanhdao");
  await page.goto("/leadership?year=1999&group=%3Cx%3E&sort=drop&dir=sideways");
  await expect(page.getByTestId("year-fallback")).toContainText("Năm 1999 chưa có kết quả được công bố; đang hiển thị năm");
  await expect(page.getByLabel("Nhóm đơn vị")).toHaveValue("SBN");
  expect(await rows(page).count()).toBeGreaterThan(20);
});

test("the public sees the 2025 rankings with the heat-map, without signing in", async ({ browser }) => {
  const anonymous = await (await browser.newContext({ locale: "vi-VN" })).newPage();
  await anonymous.goto(`/results/${YEAR}`);
  await expect(anonymous.getByRole("heading", { level: 1, name: `Kết quả Chỉ số cải cách hành chính năm ${YEAR}` })).toBeVisible();
  const sbn = anonymous.getByTestId("public-SBN");
  const xa = anonymous.getByTestId("public-XA");
  await expect(sbn).toContainText("Sở Tài chính");
  await expect(xa).toContainText("Phường");
  expect(await heat(sbn).count()).toBe((await sbn.locator("tbody tr").count()) * 8);
  await expect(sbn.getByRole("link", { name: "Sở Tài chính", exact: true })).toHaveAttribute("href", `/results/${YEAR}/STC`);
  await expect(sbn.getByTestId("row-STC").locator("[data-lineage]")).toHaveAttribute("title", /SKHDT/);
  await expect(sbn.locator("td[data-change='up']").first()).toContainText("▲");
  // Nothing for signed-in users only.
  await expect(anonymous.getByRole("link", { name: /Mô phỏng điểm/ })).toHaveCount(0);
  await expect(anonymous.getByRole("link", { name: "Báo cáo tóm tắt (PDF)" })).toHaveCount(0);
  await expectAccessible(anonymous);
  await screenshot(anonymous, "public-results-2025");
});
