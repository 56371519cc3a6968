import { expect, test, type Page } from "@playwright/test";
import fs from "node:fs";
import { expectAccessible, screenshot, signIn } from "./helpers";

test.describe.configure({ mode: "serial" });

const CODE = "CAMAU-EDIT";

/** Imports the Cà Mau example under another code: the seeded sets already have scores, so they are frozen. */
async function importFreshFramework(page: Page) {
  const doc = JSON.parse(fs.readFileSync("examples/ca-mau-1880.framework.json", "utf8"));
  const file = "test-results/camau-edit.framework.json";
  fs.mkdirSync("test-results", { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ ...doc, code: CODE }));
  await page.goto("/frameworks/import");
  await page.getByLabel("Tệp bộ tiêu chí").setInputFiles(file);
  await page.getByRole("button", { name: "Kiểm tra tệp" }).click();
  await page.getByRole("button", { name: "Xác nhận lưu bộ tiêu chí" }).click();
  await expect(page.getByRole("status").filter({ hasText: `Đã lưu bộ tiêu chí ${CODE}.` })).toBeVisible();
}

test("the secretariat edits a criterion tree: live checks, save, persisted", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, "sonoivu");
  await importFreshFramework(page);

  await page.goto(`/frameworks/${CODE}/edit`);
  await expect(page.getByRole("heading", { level: 1, name: `Sửa cây tiêu chí ${CODE}` })).toBeVisible();
  const tree = page.getByTestId("editor-tree");
  const form = page.getByTestId("node-form");
  const issues = page.getByTestId("editor-issues");
  const save = page.getByRole("button", { name: "Lưu bộ tiêu chí" });
  const row = (code: string) => tree.locator(`tr[data-code="${code}"]`);
  await expect(issues).toContainText("Không có lỗi.");
  await expect(save).toBeDisabled();
  await expectAccessible(page);

  // 1.1.4 worth 3 instead of 2: its parent's children no longer add up, nor does its tier rule.
  await tree.getByRole("button", { name: "1.1.4", exact: true }).click();
  await expect(form.getByRole("heading", { name: "Tiêu chí 1.1.4", exact: true })).toBeVisible();
  await form.getByLabel("Điểm tối đa", { exact: true }).fill("3");
  await expect(issues).toContainText("Tổng điểm các tiêu chí con của 1.1 là 6, khác điểm tối đa 5.");
  await expect(issues).toContainText("Quy tắc của 1.1.4 cho tối đa 2 điểm, khác điểm tối đa 3.");
  await expect(row("1.1").getByTestId("row-issue")).toBeVisible();
  await expect(row("1.1.4").getByTestId("row-issue")).toBeVisible();
  await expect(save).toBeDisabled();
  await expectAccessible(page);
  await screenshot(page, "framework-editor-issues", { fullPage: false });

  // The tier rule's best tier now gives the new maximum.
  await form.getByRole("group", { name: "Ngưỡng 1" }).getByLabel("Điểm", { exact: true }).fill("3");
  await expect(issues).not.toContainText("Quy tắc của 1.1.4");
  await form.getByRole("group", { name: "Ngưỡng 3" }).scrollIntoViewIfNeeded();
  await screenshot(page, "framework-editor-tiers", { fullPage: false });

  // Clicking an issue selects its criterion; the parent and the area get their new maxima (decimal comma accepted).
  await issues.getByRole("button", { name: /Tổng điểm các tiêu chí con của 1\.1 là 6/ }).click();
  await expect(form.getByRole("heading", { name: "Tiêu chí 1.1", exact: true })).toBeVisible();
  await expect(tree.getByRole("button", { name: "1.1", exact: true })).toBeFocused();
  await expect(form.getByTestId("children-sum")).toHaveText("Tổng điểm các tiêu chí con: 6 / 5");
  await form.getByLabel("Điểm tối đa", { exact: true }).fill("6");
  await issues.getByRole("button", { name: /Tổng điểm các tiêu chí con của 1 là 8/ }).click();
  await form.getByLabel("Điểm tối đa", { exact: true }).fill("8,0");
  await expect(form.getByTestId("children-sum")).toHaveText("Tổng điểm các tiêu chí con: 8 / 8");
  await expect(issues).toContainText("Không có lỗi.");
  await expect(save).toBeEnabled();
  await save.click();
  await expect(page.getByRole("status").filter({ hasText: `Đã lưu bộ tiêu chí ${CODE}.` })).toBeVisible();
  await expect(save).toBeDisabled();
  await screenshot(page, "framework-editor-saved", { fullPage: false });

  await page.reload();
  await expect(row("1.1.4")).toContainText("3");
  await page.goto(`/frameworks/${CODE}`);
  const saved = page.getByTestId("criterion-tree");
  await expect(saved.getByRole("row").filter({ hasText: "1.1.4" }).locator("td.num")).toHaveText("3");
  await expect(saved.getByRole("row").filter({ hasText: "Kế hoạch CCHC năm" }).first().locator("td.num")).toHaveText("6");
});

test("adding and deleting a criterion, and the guard against leaving unsaved work", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await signIn(page, "sonoivu");
  await page.goto(`/frameworks/${CODE}/edit`);
  const tree = page.getByTestId("editor-tree");
  const form = page.getByTestId("node-form");
  const issues = page.getByTestId("editor-issues");

  await tree.getByRole("button", { name: "1.2", exact: true }).click();
  await page.getByRole("button", { name: "Thêm tiêu chí con" }).click();
  const code = form.getByLabel("Mã tiêu chí");
  await expect(code).toHaveValue("1.2.3");
  await expect(code).toBeFocused();
  await expect(tree.locator('tr[data-code="1.2.3"]')).toBeVisible();
  await expect(issues).toContainText("Tiêu chí 1.2.3: chưa nhập “Nội dung (tiếng Việt)”.");
  await expect(page.getByRole("button", { name: "Lưu bộ tiêu chí" })).toBeDisabled();
  await screenshot(page, "framework-editor-new-child", { fullPage: false });

  // Unsaved changes: leaving through a link asks first.
  page.once("dialog", (d) => {
    expect(d.message()).toContain("Có thay đổi chưa lưu");
    void d.dismiss();
  });
  await page.getByRole("link", { name: "Xem bộ tiêu chí" }).click();
  await expect(page).toHaveURL(new RegExp(`/frameworks/${CODE}/edit$`));
  await expect(code).toHaveValue("1.2.3");

  page.once("dialog", (d) => {
    expect(d.message()).toBe("Xóa tiêu chí 1.2.3?");
    void d.accept();
  });
  await page.getByRole("button", { name: "Xóa", exact: true }).click();
  await expect(tree.locator('tr[data-code="1.2.3"]')).toHaveCount(0);
  await expect(issues).toContainText("Không có lỗi.");
  await expect(page.getByText("Không có thay đổi chưa lưu.")).toBeVisible();

  // The selection moved to the neighbour and keeps the keyboard focus; ↑ selects the row above.
  const neighbour = tree.getByRole("button", { name: "1.2.2", exact: true });
  await expect(neighbour).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await expect(tree.getByRole("button", { name: "1.2.1", exact: true })).toBeFocused();
  await expect(form.getByRole("heading", { name: "Tiêu chí 1.2.1", exact: true })).toBeVisible();

  // An options rule and the framework's own fields, checked for accessibility too.
  await tree.getByRole("button", { name: "1.1.1", exact: true }).click();
  await expect(form.getByRole("textbox", { name: "Nhãn (tiếng Việt), dòng 2" })).toHaveValue("Ban hành không kịp thời");
  await page.getByText("Thông tin bộ tiêu chí").click();
  await expect(page.getByLabel("Tên (tiếng Việt)")).toHaveValue(/^Bộ chỉ số CCHC các sở, ban, ngành tỉnh Cà Mau/);
  await expectAccessible(page);
  await form.getByTestId("rule-options").scrollIntoViewIfNeeded();
  await screenshot(page, "framework-editor-options", { fullPage: false });

  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Edit criterion tree ${CODE}` })).toBeVisible();
  await expect(page.getByTestId("editor-issues")).toContainText("No problems.");
  await screenshot(page, "framework-editor-en", { fullPage: false });
});

test("a criterion set with scores is shown read-only with a pointer to cloning", async ({ page }) => {
  await signIn(page, "sonoivu");
  await page.goto("/frameworks/SBN-2023/edit");
  await expect(page.getByTestId("in-use")).toContainText("Bộ tiêu chí SBN-2023 đã có điểm chấm nên không sửa được");
  await expect(page.getByTestId("in-use").getByRole("link", { name: "Nhân bản sang năm mới" })).toHaveAttribute("href", "/frameworks/SBN-2023/clone");
  await expect(page.getByTestId("criterion-tree").getByRole("row").filter({ hasText: "1.1.1" })).toContainText("Ban hành kế hoạch CCHC năm");
  await expect(page.getByRole("button", { name: "Lưu bộ tiêu chí" })).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, "framework-editor-in-use", { fullPage: false });
});

test("unit staff cannot open the editor", async ({ page }) => {
  await signIn(page, "cb.sxd");
  await page.goto(`/frameworks/${CODE}/edit`);
  await expect(page).toHaveURL(/\/unit$/);
});
