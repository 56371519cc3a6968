import { expect, test } from "@playwright/test";
import fs from "node:fs";
import { expectAccessible, pdfBuffer, screenshot, signIn } from "./helpers";

/*
 * The 2026 improvement plan: the secretariat creates tasks from the criteria that lost the most points
 * in 2025 and one task by hand for Sở Tư pháp (coordinated by Sở Tài chính); the lead unit sees only its
 * tasks and reports 40 % with a PDF; the coordinating unit reads without reporting; another unit gets a 404.
 */

const TITLE = "Nâng cao chất lượng tham mưu xây dựng văn bản quy phạm pháp luật";
let taskUrl = "";

test.describe.serial("improvement plan", () => {
  test("the secretariat creates tasks from last year's lost points and a task for the lead department", async ({ page }) => {
    await signIn(page, "sonoivu");
    await page.goto("/plans?year=2026");
    await expect(page.getByRole("heading", { level: 1, name: "Kế hoạch cải thiện Chỉ số CCHC năm 2026" })).toBeVisible();

    const generate = page.locator("#generate");
    await expect(generate.getByRole("heading", { name: "Tạo nhiệm vụ từ các tiêu chí bị mất nhiều điểm năm 2025" })).toBeVisible();
    const proposals = generate.getByTestId("proposals").locator("tbody tr");
    const count = await proposals.count();
    expect(count).toBeGreaterThan(3);
    const codes = (await proposals.locator("td:nth-child(2)").allTextContents()).map((s) => s.trim());
    // Leave the last proposal out: only the chosen ones are created.
    await generate.getByLabel(`Chọn tiêu chí ${codes.at(-1)}`).uncheck();
    await screenshot(page, "plans-generate-preview");
    await generate.getByRole("button", { name: `Tạo ${count - 1} nhiệm vụ đã chọn` }).click();
    await expect(generate.getByRole("status")).toHaveText(`Đã tạo ${count - 1} nhiệm vụ.`);
    const table = page.locator("#plans-table");
    for (const code of codes.slice(0, -1)) await expect(table.getByTestId(`task-${code}`)).toBeVisible();
    // The one left out is still proposed; the created ones are not.
    await expect(generate.getByTestId(`proposal-${codes.at(-1)}`)).toBeVisible();
    await expect(generate.getByTestId(`proposal-${codes[0]}`)).toHaveCount(0);

    // A task by hand: criterion 2.1.1, led by Sở Tư pháp with Sở Tài chính.
    const form = page.getByTestId("new-task");
    await form.getByLabel("Tiêu chí").selectOption("2.1.1");
    await form.getByLabel("Tên nhiệm vụ").fill(TITLE);
    await form.getByLabel("Sản phẩm, kết quả").fill("Báo cáo đánh giá chất lượng văn bản quy phạm pháp luật được ban hành");
    await form.getByLabel("Đơn vị chủ trì").selectOption({ label: "Sở Tư pháp" });
    await form.getByLabel("Đơn vị phối hợp").selectOption([{ label: "Sở Tài chính" }]);
    // The deadline before the start: refused with a clear message.
    await form.getByLabel("Thời hạn hoàn thành").fill("2025-12-01");
    await form.getByRole("button", { name: "Tạo nhiệm vụ" }).click();
    await expect(form.getByRole("alert")).toHaveText("Thời hạn hoàn thành không được trước ngày bắt đầu.");
    await form.getByLabel("Thời hạn hoàn thành").fill("2026-12-31");
    await form.getByRole("button", { name: "Tạo nhiệm vụ" }).click();
    await expect(form.getByRole("status")).toContainText("Đã tạo nhiệm vụ.");
    taskUrl = (await form.getByRole("link", { name: "Mở nhiệm vụ vừa tạo" }).getAttribute("href"))!;
    expect(taskUrl).toMatch(/^\/plans\/[\w-]+$/);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Tải Excel: Danh sách nhiệm vụ năm 2026" }).click()]);
    expect(download.suggestedFilename()).toBe("ke-hoach-cai-thien-chi-so-CCHC-2026.xlsx");
    await expect(page.getByTestId("plan-counts")).toContainText("Tổng số nhiệm vụ");
    await expectAccessible(page);
    await screenshot(page, "plans-secretariat");
  });

  test("the lead unit sees only its tasks and reports 40 % with a PDF", async ({ page }) => {
    await signIn(page, "cb.stp");
    await page.goto("/plans?year=2026");
    const rows = page.locator("#plans-table tbody tr");
    expect(await rows.count()).toBeGreaterThan(0);
    for (const row of await rows.all()) {
      const units = `${await row.locator("td:nth-child(5)").textContent()} ${await row.locator("td:nth-child(6)").textContent()}`;
      expect(units).toContain("Sở Tư pháp");
    }
    await expect(page.getByText("Đơn vị chỉ thấy các nhiệm vụ do đơn vị chủ trì hoặc phối hợp thực hiện.")).toBeVisible();
    await expect(page.locator("#generate")).toHaveCount(0);
    await expect(page.locator("#create-task")).toHaveCount(0);

    await page.getByRole("link", { name: TITLE }).click();
    await expect(page).toHaveURL(new RegExp(`${taskUrl}$`));
    await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
    fs.mkdirSync("test-results/files", { recursive: true });
    const pdf = "test-results/files/Báo cáo tiến độ 2.1.1.pdf";
    fs.writeFileSync(pdf, pdfBuffer());
    const form = page.getByTestId("progress-form");
    await form.getByLabel("Tiến độ (%)").fill("40");
    await expect(form.getByLabel("Trạng thái")).toHaveValue("IN_PROGRESS");
    await form.getByLabel("Nội dung đã thực hiện, kết quả").fill("Đã ban hành kế hoạch; hoàn thành rà soát 12/30 văn bản.");
    await form.getByLabel("Tài liệu kiểm chứng (không bắt buộc)").setInputFiles(pdf);
    await form.getByRole("button", { name: "Gửi báo cáo" }).click();
    await expect(form.getByRole("status")).toHaveText("Đã gửi báo cáo tiến độ và tải lên 1 tệp.");

    const history = page.getByTestId("history");
    await expect(history.locator("tbody tr")).toHaveCount(1);
    await expect(history).toContainText("40%");
    await expect(history).toContainText("Đã ban hành kế hoạch; hoàn thành rà soát 12/30 văn bản.");
    const link = history.getByRole("link", { name: "Báo cáo tiến độ 2.1.1.pdf" });
    const file = await page.request.get((await link.getAttribute("href"))!);
    expect(file.status()).toBe(200);
    expect((await file.body()).subarray(0, 5).toString()).toBe("%PDF-");
    await expect(page.getByTestId("task-details")).toContainText("40%");
    await expectAccessible(page);
    await screenshot(page, "plans-task-reported");

    await page.goto("/plans?year=2026&code=2.1.1");
    await expect(page.locator("#plans-table").getByRole("row", { name: new RegExp(TITLE) })).toContainText("40%");
  });

  test("the coordinating unit reads without reporting; another unit cannot open the task", async ({ page }) => {
    await signIn(page, "cb.stc");
    await page.goto(taskUrl);
    await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
    await expect(page.getByTestId("progress-form")).toHaveCount(0);
    await expect(page.getByText("Đơn vị phối hợp theo dõi nhiệm vụ; báo cáo tiến độ do đơn vị chủ trì thực hiện.")).toBeVisible();
    await screenshot(page, "plans-task-coordinating");

    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await page.waitForURL(/\/signin$/);
    await signIn(page, "cb.sxd");
    const response = await page.goto(taskUrl);
    expect(response?.status()).toBe(404);
    await page.goto("/plans?year=2026");
    await expect(page.getByRole("link", { name: TITLE })).toHaveCount(0);
  });

  test("the secretariat edits and cancels the task; a cancelled task takes no report", async ({ page }) => {
    await signIn(page, "sonoivu");
    await page.goto(taskUrl);
    const edit = page.getByTestId("edit-task");
    await expect(edit.getByLabel("Đơn vị chủ trì")).toHaveValue(/.+/);
    await edit.getByLabel("Sản phẩm, kết quả").fill("Báo cáo đánh giá chất lượng văn bản QPPL; đề xuất giải pháp khắc phục");
    await edit.getByRole("button", { name: "Lưu thay đổi" }).click();
    await expect(edit.getByRole("status")).toHaveText("Đã lưu thay đổi.");
    await expect(page.getByTestId("task-details")).toContainText("đề xuất giải pháp khắc phục");
    await expectAccessible(page);
    await screenshot(page, "plans-task-secretariat");

    const cancel = page.locator("#cancel");
    await cancel.getByLabel("Lý do hủy").fill("Gộp vào nhiệm vụ rà soát văn bản 2.2");
    await cancel.getByRole("button", { name: "Hủy nhiệm vụ" }).click();
    await expect(page.getByTestId("task-details").locator("[data-status=CANCELLED]")).toHaveText("Đã hủy");
    await expect(page.getByTestId("progress-form")).toHaveCount(0);
    await expect(page.getByText("Nhiệm vụ đã kết thúc, không nhận thêm báo cáo tiến độ.")).toBeVisible();
  });
});
