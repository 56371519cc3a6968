import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectAccessible, pdfBuffer, screenshot, signIn } from "./helpers";

/**
 * The whole appraisal of 2026 across roles, in one browser session per person. It publishes the year,
 * so it runs last (its own Playwright project, after every other browser test).
 */
test.describe.configure({ mode: "serial" });

const UNIT = "SDTTG"; // Sở Dân tộc và Tôn giáo: submitted in the demo data
const STAFF = "cb.sdttg";
let adjusted = "";
let explained = "";

async function as(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext({ locale: "vi-VN", timezoneId: "Asia/Ho_Chi_Minh" })).newPage();
  await signIn(page, username);
  return page;
}

function message(page: Page, text: string | RegExp) {
  return page.getByRole("status").filter({ hasText: text });
}

test("the secretariat reopens the unit's worksheet and the unit submits it", async ({ browser }) => {
  const sec = await as(browser, "sonoivu");
  await sec.goto(`/worksheet/${UNIT}`);
  await sec.getByLabel("Lý do mở lại").fill("Đơn vị đề nghị bổ sung thuyết minh trước khi thẩm định.");
  await sec.getByRole("button", { name: "Mở lại cho đơn vị chỉnh sửa" }).click();
  await expect(message(sec, "Đã thực hiện.")).toBeVisible();

  const staff = await as(browser, STAFF);
  await staff.goto(`/worksheet/${UNIT}`);
  await staff.getByRole("button", { name: "Gửi kết quả tự đánh giá" }).click();
  await expect(staff.getByTestId("read-only")).toBeVisible();
});

test("an appraiser adjusts one leaf of the assigned area and asks for an explanation of another", async ({ browser }) => {
  const page = await as(browser, "thamdinh");
  await page.goto("/appraisal");
  await page.getByRole("link", { name: /Sở Dân tộc và Tôn giáo/ }).click();
  await expect(page.getByRole("heading", { name: "Thẩm định hồ sơ tự đánh giá" })).toBeVisible();
  await expect(page.getByTestId("review-progress")).toContainText("Vòng 1: 0/");

  const rows = page.locator('[data-testid^="leaf-2."]');
  adjusted = (await rows.nth(0).getAttribute("data-testid"))!.replace("leaf-", "");
  explained = (await rows.nth(1).getAttribute("data-testid"))!.replace("leaf-", "");

  // Adjust: another allowed score, with a reason (without one the server refuses).
  await page.getByRole("button", { name: adjusted, exact: true }).click();
  const score = page.getByLabel("Điểm thẩm định");
  const values = await score.locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  const current = await score.inputValue();
  await score.selectOption(values.find((v) => v !== current)!);
  await page.getByRole("button", { name: "Lưu điểm điều chỉnh" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "phải ghi lý do điều chỉnh" })).toBeVisible();
  await page.getByLabel("Lý do điều chỉnh").fill("Kế hoạch chưa xác định rõ sản phẩm, thời hạn hoàn thành.");
  await page.getByRole("button", { name: "Lưu điểm điều chỉnh" }).click();
  await expect(message(page, `Đã lưu kết quả thẩm định tiêu chí ${adjusted}.`)).toBeVisible();

  // Request an explanation on the next leaf, keyboard only: j moves down, the form is labelled.
  await page.getByRole("button", { name: adjusted, exact: true }).focus();
  await page.keyboard.press("j");
  await expect(page.getByRole("heading", { name: new RegExp(`^${explained.replace(/\./g, "\\.")} `) })).toBeVisible();
  await page.getByRole("button", { name: "Yêu cầu giải trình" }).click();
  await page.getByLabel("Nội dung yêu cầu giải trình").fill("Đề nghị cung cấp văn bản chứng minh đã tổ chức thực hiện đúng thời hạn.");
  await page.getByRole("button", { name: "Gửi yêu cầu" }).click();
  await expect(message(page, `Đã gửi yêu cầu giải trình tiêu chí ${explained} cho đơn vị.`)).toBeVisible();
  await expect(page.getByTestId(`leaf-${explained}`)).toContainText("Đã yêu cầu");

  // The rest of area 2 in one go; other areas are not this appraiser's.
  await page.getByRole("button", { name: /Chấp nhận \d+ tiêu chí còn lại/ }).click();
  await expect(message(page, "lĩnh vực 2")).toBeVisible();
  await page.getByRole("button", { name: "1.1.1", exact: true }).click();
  await expect(page.getByText("Tiêu chí này không thuộc phần được phân công cho bạn.")).toBeVisible();
  await screenshot(page, "appraisal-review", { fullPage: false });
  await expectAccessible(page);

  // The server refuses a decision outside the assignment, whatever the page shows.
  const assessmentId = await page.evaluate(async (unit) => (await (await fetch(`/api/v1/units/${unit}/assessments/2026`)).json()).id as string, UNIT);
  const refused = await page.request.post(`/api/v1/assessments/${assessmentId}/appraisal`, { data: { criterion: "1.1.1", score: 0, reason: "thử" } });
  expect(refused.status()).toBe(403);
});

test("a unit cannot see another unit's appraisal before publication", async ({ browser }) => {
  const other = await as(browser, "cb.sxd");
  await other.goto(`/appraisal/${UNIT}`);
  await expect(other).toHaveURL(/\/unit$/);
  await other.goto(`/worksheet/${UNIT}`);
  await expect(other).toHaveURL(/\/unit$/);
  expect((await other.request.get(`/api/v1/units/${UNIT}/assessments/2026`)).status()).toBe(403);
});

test("the secretariat appraises the other areas; the unit answers the request with a file", async ({ browser }) => {
  const sec = await as(browser, "sonoivu");
  test.setTimeout(180_000);
  await sec.goto(`/appraisal/${UNIT}`);
  const bulk = sec.getByRole("button", { name: /Chấp nhận \d+ tiêu chí còn lại/ });
  for (let left = await bulk.count(); left > 0; left--) {
    await bulk.first().click();
    await expect(bulk).toHaveCount(left - 1, { timeout: 20_000 });
  }
  await expect(sec.getByTestId("review-progress")).toContainText(/Vòng 1: (\d+)\/\1 /);

  const staff = await as(browser, STAFF);
  await staff.goto("/inbox");
  await expect(staff.getByText(new RegExp(`giải trình.*${explained.replace(/\./g, "\\.")}`)).first()).toBeVisible();
  await staff.goto(`/worksheet/${UNIT}#explanations`);
  // The unit sees its own cut and why (other units cannot, see above).
  await expect(staff.getByTestId("appraisal-changes")).toContainText(adjusted);
  await expect(staff.getByTestId("appraisal-changes")).toContainText("Kế hoạch chưa xác định rõ sản phẩm");
  const request = staff.getByTestId(`request-${explained}`);
  await expect(request).toContainText("Đề nghị cung cấp văn bản chứng minh");
  await request.getByLabel("Đính kèm tài liệu bổ sung").setInputFiles({ name: "Biên bản kiểm tra 2026.pdf", mimeType: "application/pdf", buffer: pdfBuffer() });
  await expect(request.getByRole("link", { name: "Biên bản kiểm tra 2026.pdf" })).toBeVisible();
  await request.getByLabel("Nội dung giải trình").fill("Đơn vị đã tổ chức thực hiện theo Kế hoạch số 15/KH-SDTTG; gửi kèm biên bản kiểm tra.");
  await request.getByRole("button", { name: "Gửi giải trình" }).click();
  await expect(request).toContainText("Đã giải trình lúc");
  await request.scrollIntoViewIfNeeded();
  await screenshot(staff, "explanation-answered", { fullPage: false });
  await expectAccessible(staff);
});

test("the appraiser scores round 2 on the explained leaf and sees its whole history", async ({ browser }) => {
  const page = await as(browser, "thamdinh");
  await page.goto(`/appraisal/${UNIT}?leaf=${explained}`);
  await expect(page.getByRole("heading", { name: "Kết quả thẩm định vòng 2" })).toBeVisible();
  // The supplementary file is previewed beside the decision.
  await page.getByRole("button", { name: "Xem Biên bản kiểm tra 2026.pdf" }).click();
  await expect(page.frameLocator('iframe[title="Biên bản kiểm tra 2026.pdf"]').locator("body")).toBeAttached();
  await page.getByRole("button", { name: /Chấp nhận điểm tự chấm/ }).click();
  await expect(message(page, `Đã lưu kết quả thẩm định tiêu chí ${explained}.`)).toBeVisible();
  const history = page.getByRole("region", { name: "Lịch sử tiêu chí" });
  await expect(history.getByRole("listitem")).toHaveText([/^Tự chấm/, /^Thẩm định vòng 1/, /^Yêu cầu giải trình/, /^Đơn vị giải trình/, /^Thẩm định vòng 2/]);
  await expect(page.getByText("Đã thẩm định vòng 2").first()).toBeVisible();
  await screenshot(page, "appraisal-round-2", { fullPage: false });
});

test("the secretariat compiles, the chair approves, the secretariat publishes", async ({ browser }) => {
  const sec = await as(browser, "sonoivu");
  // Self-assessment closes (yesterday); units still submitted but not appraised go back to their authors.
  await sec.goto("/cycles/2026");
  const yesterday = new Date(Date.now() + 7 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
  await sec.getByLabel("Ngày kết thúc: Tự đánh giá, chấm điểm").fill(yesterday);
  await sec.getByRole("button", { name: "Lưu thời hạn" }).click();
  await expect(message(sec, "Đã lưu thời hạn.")).toBeVisible();
  await sec.goto("/council?year=2026");
  const pending = await sec.getByTestId("blockers").getByRole("listitem").allTextContents();
  const others = pending.flatMap((line) => line.split(":")[1]!.split(",").map((s) => s.trim())).filter(Boolean);
  expect(others).not.toContain(UNIT);
  for (const code of new Set(others)) {
    await sec.goto(`/worksheet/${code}`);
    // Only submissions are returned; a unit already back in self-assessment (window closed) blocks nothing.
    if (await sec.getByRole("button", { name: "Mở lại cho đơn vị chỉnh sửa" }).count() === 0) {
      console.warn(`lifecycle: ${code} listed as pending but has no reopen control (${await sec.getByTestId("status-badge").first().textContent().catch(() => "?")})`);
      continue;
    }
    await sec.getByLabel("Lý do mở lại").fill("Hồ sơ chưa thẩm định, trả lại để đơn vị hoàn thiện (kiểm thử).");
    await sec.getByRole("button", { name: "Mở lại cho đơn vị chỉnh sửa" }).click();
    await expect(message(sec, "Đã thực hiện.")).toBeVisible();
    await expect(sec.getByRole("button", { name: "Mở lại cho đơn vị chỉnh sửa" })).toHaveCount(0);
  }
  await sec.goto("/council?year=2026");
  await expect(sec.getByTestId("no-blockers")).toBeVisible();
  await expect(sec.getByTestId("council-warning")).toContainText("chưa có kết quả điều tra xã hội học/SIPAS");
  await sec.getByRole("button", { name: "Tổng hợp kết quả" }).click();
  await expect(message(sec, "Đã tổng hợp kết quả thẩm định.")).toBeVisible();
  await expect(sec.getByRole("button", { name: "Phê duyệt kết quả" })).toHaveCount(0); // the chair's, not the secretariat's

  const chair = await as(browser, "lanhdao");
  await chair.goto("/council?year=2026");
  await chair.getByRole("button", { name: "Phê duyệt kết quả" }).click();
  await expect(message(chair, "Đã phê duyệt kết quả.")).toBeVisible();

  await sec.reload();
  sec.once("dialog", (d) => void d.accept());
  await sec.getByRole("button", { name: "Công bố kết quả" }).click();
  await expect(message(sec, "Đã công bố kết quả.")).toBeVisible();
  await expect(sec.getByTestId("council-steps")).not.toContainText("Chưa thực hiện");
  await screenshot(sec, "council-published");
  await expectAccessible(sec);
});

test("leadership and the public see the published 2026 index; nothing changes without un-publishing", async ({ browser }) => {
  const lead = await as(browser, "lanhdao");
  await lead.goto("/leadership");
  await expect(lead.getByText("2026").first()).toBeVisible();
  await expect(lead.getByTestId("ranking-table")).toContainText("Sở Dân tộc và Tôn giáo");
  await screenshot(lead, "leadership-2026");

  const anonymous = await (await browser.newContext({ locale: "vi-VN" })).newPage();
  await anonymous.goto("/results");
  await expect(anonymous).toHaveURL(/\/results\/2026$/);
  await expect(anonymous.getByTestId("public-SBN")).toContainText("Sở Dân tộc và Tôn giáo");
  await expectAccessible(anonymous);
  await screenshot(anonymous, "public-results-2026");

  // Even the secretariat (which may appraise everything) cannot change a published score.
  const sec = await as(browser, "sonoivu");
  const assessmentId = await sec.evaluate(async (unit) => (await (await fetch(`/api/v1/units/${unit}/assessments/2026`)).json()).id as string, UNIT);
  const refused = await sec.request.post(`/api/v1/assessments/${assessmentId}/appraisal`, { data: { criterion: adjusted, score: 0, reason: "Sau công bố" } });
  expect(refused.status()).toBe(409);
  expect((await refused.json()).error.message).toContain("đã công bố");
  // The appraisers' assignments end with the publication.
  const appraiser = await as(browser, "thamdinh");
  expect((await appraiser.request.post(`/api/v1/assessments/${assessmentId}/appraisal`, { data: { criterion: adjusted, score: 0, reason: "x" } })).status()).toBe(403);

  // Only an admin un-publishes, with a reason; the secretariat has no such control.
  await sec.goto("/council?year=2026");
  await expect(sec.getByLabel("Lý do hủy công bố (ghi vào nhật ký)")).toHaveCount(0);
  const admin = await as(browser, "admin");
  await admin.goto("/council?year=2026");
  await admin.getByLabel("Lý do hủy công bố (ghi vào nhật ký)").fill("Phát hiện sai sót số liệu cần rà soát (kiểm thử).");
  await admin.getByRole("button", { name: "Hủy công bố" }).click();
  await expect(message(admin, "Đã hủy công bố")).toBeVisible();
  await anonymous.goto("/results/2026");
  await expect(anonymous.getByRole("heading", { name: "Không tìm thấy trang" })).toBeVisible();
});
