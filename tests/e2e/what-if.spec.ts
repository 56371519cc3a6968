import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectAccessible, screenshot, signIn } from "./helpers";

/*
 * The what-if simulator on the demo data: Sở Xây dựng (SXD) is 3rd of 26 departments in 2025 with
 * 85.69 %; the first two are at 86.96 % and 85.70 %. Its criterion set has 100 points, so a point
 * gained is a percentage point of the index.
 */

const vi = (centi: number) => new Intl.NumberFormat("vi-VN", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(centi / 100);

/** Self-scored leaves that lost points (a score list and a current score under the maximum), in tree order. */
function lostLeaves(page: Page): Locator {
  return page.locator('tr[data-testid^="leaf-"]').filter({ has: page.getByRole("combobox") }).filter({ hasText: /Mất [\d,]+ điểm/ });
}

/** Raises a leaf to its best score; returns the points gained, in hundredths. */
async function raise(row: Locator): Promise<number> {
  const current = Number(await row.getByTestId("current").getAttribute("data-centi"));
  const select = row.getByRole("combobox");
  const values = (await select.locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).map(Number);
  const best = Math.max(...values);
  await select.selectOption(String(best));
  return best - current;
}

test.describe.configure({ mode: "serial" });

test("leadership raises lost criteria and sees the index and rank move at once; nothing is saved", async ({ page }) => {
  await signIn(page, "lanhdao");
  await page.goto("/leadership/what-if");
  await expect(page.getByRole("heading", { level: 1, name: "Mô phỏng điểm" })).toBeVisible();
  await expect(page.getByTestId("what-if-message")).toHaveText(/Chọn một đơn vị và năm/);
  // The form: a labelled unit list (by group) and year.
  await page.getByLabel("Đơn vị", { exact: true }).selectOption("SXD");
  await page.getByLabel("Năm", { exact: true }).selectOption("2025");
  await page.getByRole("button", { name: "Xem", exact: true }).click();
  await expect(page).toHaveURL(/unit=SXD&year=2025/);
  await expect(page.getByText("Sở Xây dựng · Năm 2025")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Các trang kết quả" }).getByRole("link", { name: "Mô phỏng điểm" })).toHaveAttribute("aria-current", "page");

  const summary = page.getByTestId("what-if-summary");
  await expect(summary.getByTestId("not-saved")).toContainText("Chỉ mô phỏng — không lưu");
  await expect(summary.getByTestId("sim-index")).toHaveText("85,69");
  await expect(summary.getByTestId("base-index")).toHaveText("85,69");
  await expect(summary.getByTestId("rank-line")).toHaveText("Hạng 3 → 3 / 26");
  await expect(summary.getByRole("button", { name: "Đặt lại" })).toBeDisabled();

  // One leaf: + 0.5 → 86.19 %, past the 2nd (85.70 %) but not the 1st (86.96 %).
  const lost = lostLeaves(page);
  expect(await lost.count()).toBeGreaterThan(3);
  const small = page.getByTestId("leaf-1.4.1");
  const gainSmall = await raise(small);
  expect(gainSmall).toBe(50);
  await expect(summary.getByTestId("sim-index")).toHaveText(vi(8569 + gainSmall));
  await expect(summary.getByTestId("delta-index")).toContainText(`▲ ${vi(gainSmall)}`);
  await expect(summary.getByTestId("rank-line")).toHaveText(/^Hạng 3 → 2 \/ 26/);
  await expect(small).toHaveAttribute("data-changed", "true");

  // Two more lost leaves: the index rises by exactly the points gained, and SXD moves to 1st.
  let gain = gainSmall;
  for (const code of ["1.1.4", "1.3.2"]) gain += await raise(page.getByTestId(`leaf-${code}`));
  expect(gain).toBe(250);
  await expect(summary.getByTestId("sim-index")).toHaveText(vi(8569 + gain));
  await expect(summary.getByTestId("sim-points")).toHaveText(vi(8569 + gain));
  await expect(summary.getByTestId("delta-points")).toContainText(`▲ ${vi(gain)}`);
  await expect(summary.getByTestId("rank-line")).toHaveText(/^Hạng 3 → 1 \/ 26\s*▲ 2/);
  await expect(summary.getByTestId("delta-rank")).toContainText("▲ 2");
  await expect(summary.getByTestId("changed-count")).toHaveText("Đã thay đổi 3 tiêu chí");
  await expect(page.locator('tr[data-changed="true"]')).toHaveCount(3);
  // Area 1's component index moved; the others did not.
  const areas = summary.getByTestId("area-indices");
  await expect(areas.getByRole("row").nth(1).getByRole("cell").nth(2)).toContainText("▲");
  await expect(areas.getByRole("row").nth(3).getByRole("cell").nth(2)).toHaveText(/^–\s*không đổi$/);
  await expectAccessible(page);
  await screenshot(page, "what-if");
  await screenshot(page, "what-if-top", { fullPage: false });

  // Areas fold; "full marks for this area" raises every self-scored leaf of an area at once.
  await page.getByTestId("area-8").locator("summary").click();
  await expect(page.getByTestId("area-8").locator("table")).toBeHidden();
  await page.getByRole("button", { name: /Đạt tối đa cả lĩnh vực — 2\./ }).click();
  await expect(areas.getByRole("row").nth(2).getByRole("cell").nth(1)).toHaveText("100,00");

  // Reset restores the published figures.
  await summary.getByRole("button", { name: "Đặt lại" }).click();
  await expect(summary.getByTestId("sim-index")).toHaveText("85,69");
  await expect(summary.getByTestId("rank-line")).toHaveText("Hạng 3 → 3 / 26");
  await expect(page.locator('tr[data-changed="true"]')).toHaveCount(0);
  await expect(page.getByTestId("leaf-1.4.1").getByRole("combobox")).toHaveValue(String(await page.getByTestId("leaf-1.4.1").getByTestId("current").getAttribute("data-centi")));

  // Nothing was saved: change again, reload, and the published figures and ranking are as before.
  await raise(page.getByTestId("leaf-1.1.4"));
  await expect(summary.getByTestId("sim-index")).not.toHaveText("85,69");
  await page.reload();
  await expect(summary.getByTestId("sim-index")).toHaveText("85,69");
  await expect(page.locator('tr[data-changed="true"]')).toHaveCount(0);
  await page.goto("/leadership?year=2025");
  await expect(page.getByRole("row").filter({ hasText: "Sở Xây dựng" }).first()).toContainText("85,69");
});

test("unknown units and years get a clear message", async ({ page }) => {
  await signIn(page, "lanhdao");
  await page.goto("/leadership/what-if?unit=KHONGCO&year=2025");
  await expect(page.getByRole("alert").filter({ hasText: "Không có kết quả đã công bố của đơn vị “KHONGCO” trong năm 2025" })).toBeVisible();
  await page.goto("/leadership/what-if?unit=SXD&year=2019");
  await expect(page.getByRole("alert").filter({ hasText: "Năm “2019” chưa có kết quả được công bố" })).toBeVisible();
  await page.goto("/leadership/what-if?unit=SXD&year=2026");
  await expect(page.getByRole("alert").filter({ hasText: "Năm “2026” chưa có kết quả được công bố" })).toBeVisible();
  await expect(page.getByTestId("what-if-summary")).toHaveCount(0);
});

test("a unit's staff simulate their own unit only", async ({ page }) => {
  await signIn(page, "cb.sxd");
  await page.goto("/leadership/what-if");
  await expect(page.getByText(/^Sở Xây dựng · Năm \d{4}$/)).toBeVisible();
  await expect(page.getByTestId("what-if-summary")).toBeVisible();
  // The list offers their unit alone.
  await expect(page.getByLabel("Đơn vị", { exact: true }).locator("option")).toHaveText(["— Chọn đơn vị —", "Sở Xây dựng (SXD)"]);

  await page.goto("/leadership/what-if?unit=STP&year=2025");
  await expect(page.getByRole("alert").filter({ hasText: "Bạn chỉ được mô phỏng kết quả của đơn vị mình; không thể xem đơn vị “STP”." })).toBeVisible();
  await expect(page.getByTestId("what-if-summary")).toHaveCount(0);
  await expect(page.getByText("Sở Tư pháp")).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, "what-if-refused", { fullPage: false });
  await page.getByRole("link", { name: "Mô phỏng Sở Xây dựng" }).click();
  await expect(page).toHaveURL(/unit=SXD&year=2025/);
  await expect(page.getByTestId("what-if-summary").getByTestId("sim-index")).toHaveText("85,69");
});
