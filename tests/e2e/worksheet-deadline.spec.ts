import { expect, test } from "@playwright/test";
import { screenshot, signIn } from "./helpers";

test("a save after the deadline is refused by the server, and the worksheet turns read-only", async ({ browser }) => {
  const unit = await (await browser.newContext({ locale: "vi-VN" })).newPage();
  const secretariat = await (await browser.newContext({ locale: "vi-VN" })).newPage();
  await signIn(unit, "cb.sxd");
  await unit.goto("/worksheet/SXD");
  const row = unit.locator('[data-testid^="leaf-6."]').filter({ has: unit.locator('input[type="radio"]') }).first();
  await expect(row.getByRole("radio").first()).toBeEnabled();

  // The secretariat closes self-assessment yesterday (the demo clock is the real one: 22/11/2026 or later).
  await signIn(secretariat, "sonoivu");
  await secretariat.goto("/cycles/2026");
  const closes = secretariat.getByLabel("Ngày kết thúc: Tự đánh giá, chấm điểm");
  const original = await closes.inputValue();
  const yesterday = new Date(Date.now() + 7 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
  await closes.fill(yesterday);
  await secretariat.getByRole("button", { name: "Lưu thời hạn" }).click();
  await expect(secretariat.getByRole("status").filter({ hasText: "Đã lưu thời hạn." })).toBeVisible();

  // The unit's page was loaded before: its next save is refused with a clear message, nothing changes.
  await row.getByRole("radio").last().check();
  await expect(row.getByRole("alert")).toHaveText("Đã hết hạn tự đánh giá; hệ thống không nhận thay đổi.");
  await screenshot(unit, "worksheet-deadline-refused", { fullPage: false });
  await unit.reload();
  await expect(unit.getByTestId("read-only")).toContainText("Đã hết hạn tự đánh giá");
  await expect(unit.locator('[data-testid^="leaf-"] input[type="radio"]').first()).toBeDisabled();

  // Restore the deadline.
  await secretariat.getByLabel("Ngày kết thúc: Tự đánh giá, chấm điểm").fill(original);
  await secretariat.getByRole("button", { name: "Lưu thời hạn" }).click();
  await expect(secretariat.getByRole("status").filter({ hasText: "Đã lưu thời hạn." })).toBeVisible();
});

test("deadlines in the wrong order are refused with the phase named", async ({ page }) => {
  await signIn(page, "sonoivu");
  await page.goto("/cycles/2026");
  await page.getByLabel("Ngày kết thúc: Giải trình").fill("2027-01-01");
  await page.getByRole("button", { name: "Lưu thời hạn" }).click();
  await expect(page.locator("form").getByRole("alert")).toContainText("Giải trình: ngày kết thúc phải sau ngày bắt đầu.");
});
