import { expect, test, type Page } from "@playwright/test";
import fs from "node:fs";
import { expectAccessible, pdfBuffer, screenshot, signIn, signOut } from "./helpers";

/*
 * The initiatives registry: a unit proposes an initiative with a file, another unit does not see the
 * proposal, the secretariat recognises it with bonus points, and then every unit sees it with its effect
 * on the score.
 */

const TITLE = "Cấp phép xây dựng trực tuyến toàn trình có ký số";
const FILE = "test-results/files/Quyết định công nhận sáng kiến.pdf";

test.describe.configure({ mode: "serial" });

let initiativeUrl = "";

async function registryRow(page: Page) {
  await page.goto("/initiatives?year=2026");
  return page.locator("#initiatives-table tbody tr").filter({ hasText: TITLE });
}

test("a unit proposes an initiative with a PDF; another unit does not see the proposal", async ({ page }) => {
  fs.mkdirSync("test-results/files", { recursive: true });
  fs.writeFileSync(FILE, pdfBuffer());

  await signIn(page, "cb.sxd");
  await page.goto("/initiatives");
  await expect(page.getByRole("heading", { name: "Sáng kiến, mô hình hay trong cải cách hành chính" })).toBeVisible();
  const panel = page.getByTestId("propose-panel");
  if (!(await panel.evaluate((d) => (d as HTMLDetailsElement).open))) await panel.getByText("Đề xuất sáng kiến", { exact: true }).click();
  const form = page.getByTestId("initiative-propose-form");
  await expect(form.getByLabel("Năm đánh giá")).toHaveValue("2026");

  // Bad input: a short description is refused with its own message, nothing is created.
  await form.getByLabel("Lĩnh vực cải cách hành chính").selectOption({ label: "7. Xây dựng và phát triển Chính quyền điện tử, Chính quyền số" });
  await form.getByLabel("Tên sáng kiến, mô hình").fill(TITLE);
  await form.getByLabel("Mô tả sáng kiến").fill("Quá ngắn");
  await form.getByLabel("Kết quả, hiệu quả đạt được").fill("Giảm 50 % thời gian cấp phép.");
  await form.getByRole("button", { name: "Gửi đề xuất" }).click();
  await expect(form.getByText("Nhập mô tả sáng kiến (ít nhất 20 ký tự).")).toBeVisible();

  await form.getByLabel("Mô tả sáng kiến").fill("Tiếp nhận, thẩm định và cấp giấy phép xây dựng hoàn toàn trên Cổng dịch vụ công, kết quả ký số gửi về tài khoản của người dân.");
  await form.getByLabel("Tệp đính kèm (không bắt buộc)").setInputFiles(FILE);
  await form.getByRole("button", { name: "Gửi đề xuất" }).click();
  await expect(form.getByRole("status")).toContainText("Đã gửi đề xuất sáng kiến và 1 tệp đính kèm.");
  const mine = page.locator("#initiatives-table tbody tr").filter({ hasText: TITLE });
  await expect(mine.locator("td").last()).toHaveText("1");
  await expect(form.getByLabel("Tên sáng kiến, mô hình")).toHaveValue("");
  await screenshot(page, "initiatives-proposed");

  await form.getByRole("link", { name: "Mở sáng kiến vừa đề xuất" }).click();
  await page.waitForURL(/\/initiatives\/[A-Za-z0-9_-]+$/);
  initiativeUrl = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { name: TITLE })).toBeVisible();
  await expect(page.locator("#initiative-facts [data-status=\"PROPOSED\"]")).toHaveText(/Đề xuất/);
  const file = page.getByRole("link", { name: "Quyết định công nhận sáng kiến.pdf" });
  await expect(file).toBeVisible();
  const download = await page.request.get((await file.getAttribute("href"))!);
  expect(download.status()).toBe(200);
  expect((await download.body()).subarray(0, 5).toString()).toBe("%PDF-");
  // The unit can still edit its proposal; it cannot decide on it.
  await page.locator("#initiative-edit summary").click();
  await expect(page.getByTestId("initiative-edit-form")).toBeVisible();
  await expect(page.getByTestId("initiative-decision")).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, "initiatives-detail-unit");

  const row = await registryRow(page);
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Đề xuất");
  await expectAccessible(page);
  await signOut(page);

  await signIn(page, "cb.stp");
  await expect(await registryRow(page)).toHaveCount(0);
  expect((await page.goto(initiativeUrl))!.status()).toBe(404);
});

test("the secretariat recognises it with bonus points; the score effect is shown", async ({ page }) => {
  await signIn(page, "sonoivu");
  const row = await registryRow(page);
  await expect(row).toContainText("Sở Xây dựng");
  await row.getByRole("link", { name: TITLE }).click();
  await page.waitForURL(`**${initiativeUrl}`);

  const box = page.getByTestId("initiative-decision");
  await expect(box).toContainText("Bộ tiêu chí năm 2026 cho tối đa 5 điểm thưởng");
  // Not recognising needs a reason.
  await box.getByLabel("Không công nhận").check();
  await box.getByRole("button", { name: "Không công nhận" }).click();
  await expect(box.getByText("Nêu lý do không công nhận (ít nhất 10 ký tự).")).toBeVisible();

  await box.getByLabel("Công nhận", { exact: true }).check();
  await box.getByLabel("Điểm thưởng").selectOption({ label: "0,5" });
  await box.getByLabel("Ý kiến, căn cứ công nhận").fill("Hội đồng sáng kiến tỉnh công nhận; đề nghị nhân rộng.");
  await screenshot(page, "initiatives-decision-box");
  await box.getByRole("button", { name: "Công nhận sáng kiến" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Đã công nhận sáng kiến, thưởng 0,5 điểm vào kết quả năm 2026." })).toBeVisible();
  await expect(page.getByTestId("initiative-effect")).toContainText("+0,5 điểm thưởng vào kết quả năm 2026");
  await expect(page.getByTestId("initiative-decision")).toHaveCount(0);
  await expect(page.locator("#initiative-decision")).toContainText("Hội đồng sáng kiến tỉnh công nhận");
  await expectAccessible(page);
  await screenshot(page, "initiatives-recognised");
});

test("every unit now sees the recognised initiative and its effect on the score", async ({ page }) => {
  await signIn(page, "cb.stp");
  const row = await registryRow(page);
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Đã công nhận");
  await expect(row.locator("td[data-value]").nth(1)).toHaveText("0,5");
  await expect(page.getByRole("button", { name: /Tải Excel/ })).toBeVisible();
  await screenshot(page, "initiatives-list-other-unit");

  await row.getByRole("link", { name: TITLE }).click();
  await page.waitForURL(`**${initiativeUrl}`);
  await expect(page.getByTestId("initiative-effect")).toContainText("+0,5 điểm thưởng vào kết quả năm 2026");
  await expect(page.getByTestId("initiative-edit-form")).toHaveCount(0);
  // A recognised initiative's files are shared with every unit: listed and downloadable.
  const link = page.getByTestId("initiative-files-list").getByRole("link", { name: "Quyết định công nhận sáng kiến.pdf" });
  const file = await page.request.get((await link.getAttribute("href"))!);
  expect(file.status()).toBe(200);
  expect((await file.body()).subarray(0, 5).toString()).toBe("%PDF-");
  await expectAccessible(page);
  await screenshot(page, "initiatives-detail-other-unit");
});
