import { expect, test, type Page } from "@playwright/test";
import ExcelJS from "exceljs";
import fs from "node:fs";
import { expectAccessible, pdfBuffer, screenshot, signIn, signOut } from "./helpers";

const DECISION = "315/QĐ-SNV";
const DIR = "test-results/files";

function evidenceFile(): string {
  fs.mkdirSync(DIR, { recursive: true });
  const file = `${DIR}/Báo cáo khắc phục TTHC.pdf`;
  fs.writeFileSync(file, pdfBuffer());
  return file;
}

const finding = (page: Page, code: string) => page.getByTestId("finding").filter({ has: page.getByRole("heading", { name: new RegExp(`^Lĩnh vực ${code}\\.`) }) });

test.describe.configure({ mode: "serial" });

let inspectionUrl = "";

test("the secretariat plans an inspection of Sở Xây dựng and records two findings", async ({ page }) => {
  await signIn(page, "sonoivu");
  await page.getByRole("navigation", { name: "Điều hướng chính" }).getByRole("link", { name: "Kiểm tra", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Kiểm tra công tác cải cách hành chính" })).toBeVisible();
  await expectAccessible(page);

  const form = page.getByTestId("new-inspection-form");
  await form.getByLabel("Số quyết định kiểm tra").fill(DECISION);
  await form.getByLabel("Ngày quyết định").fill("2026-11-02");
  await form.getByLabel("Đơn vị được kiểm tra").selectOption({ label: "Sở Xây dựng (SXD)" });
  await form.getByLabel("Ngày bắt đầu kiểm tra").fill("2026-11-16");
  await form.getByLabel("Ngày kết thúc kiểm tra").fill("2026-11-10");
  await form.getByLabel("Thành viên đoàn kiểm tra").fill("Trần Thị Thu Hà — Phó Giám đốc Sở Nội vụ, Trưởng đoàn\nLê Văn Bình — Chuyên viên Sở Nội vụ, Thành viên");
  await form.getByRole("button", { name: "Thêm cuộc kiểm tra" }).click();
  // Refused, nothing added.
  await expect(form.getByRole("alert")).toHaveText("Ngày kết thúc kiểm tra không được trước ngày bắt đầu.");
  await expect(page.getByTestId("inspection-SXD")).toHaveCount(0);

  await form.getByLabel("Ngày kết thúc kiểm tra").fill("2026-11-18");
  await form.getByRole("button", { name: "Thêm cuộc kiểm tra" }).click();
  await expect(form.getByRole("status")).toHaveText("Đã thêm cuộc kiểm tra vào kế hoạch năm 2026.");
  const row = page.getByTestId("inspection-SXD");
  await expect(row).toContainText("Số 315/QĐ-SNV ngày 02/11/2026");
  await expect(row).toContainText("16/11/2026 – 18/11/2026");
  await expect(row).toContainText("Theo kế hoạch");
  await screenshot(page, "inspections-plan");

  // The plan table to Excel: the row as shown, counts as numbers.
  const [xlsx] = await Promise.all([page.waitForEvent("download"),
    page.getByRole("button", { name: /^Tải Excel: Kế hoạch kiểm tra năm 2026/ }).click()]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(fs.readFileSync((await xlsx.path())!)).buffer);
  const sheet = workbook.worksheets[0]!;
  expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(["Quyết định kiểm tra", "Đơn vị được kiểm tra", "Thời gian kiểm tra", "Trạng thái",
    "Tồn tại, hạn chế", "Chưa đóng", "Đã đóng", "Quá hạn"]);
  const rows = Array.from({ length: sheet.rowCount - 1 }, (_, i) => (sheet.getRow(i + 2).values as unknown[]).slice(1));
  expect(rows.find((r) => r[1] === "Sở Xây dựng")).toEqual([`Số ${DECISION} ngày 02/11/2026`, "Sở Xây dựng", "16/11/2026 – 18/11/2026", "Theo kế hoạch", 0, 0, 0, 0]);

  await row.getByRole("link", { name: `Số ${DECISION} ngày 02/11/2026` }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Kiểm tra công tác CCHC tại Sở Xây dựng" })).toBeVisible();
  inspectionUrl = new URL(page.url()).pathname;
  await expect(page.getByTestId("inspection-team").getByRole("listitem")).toHaveCount(2);

  const add = page.getByTestId("finding-form");
  const record = async (area: string, severity: string, limitation: string, recommendation: string) => {
    await add.getByLabel("Lĩnh vực").selectOption(area);
    await add.getByLabel("Mức độ").selectOption(severity);
    await add.getByLabel("Hạn khắc phục").fill("2026-12-31");
    await add.getByLabel("Tồn tại, hạn chế").fill(limitation);
    await add.getByLabel("Kiến nghị khắc phục").fill(recommendation);
    await add.getByRole("button", { name: "Thêm tồn tại, hạn chế" }).click();
    await expect(add.getByRole("status")).toHaveText("Đã ghi nhận tồn tại, hạn chế; đơn vị được kiểm tra đã nhận thông báo.");
  };
  await record("3", "HIGH", "Còn 5 thủ tục hành chính chưa được công khai tại Bộ phận Một cửa.", "Niêm yết đầy đủ thủ tục hành chính trước ngày 31/12/2026.");
  await expect(page.getByTestId("finding")).toHaveCount(1);
  await record("1", "MEDIUM", "Kế hoạch CCHC năm 2026 chưa xác định rõ sản phẩm của từng nhiệm vụ.", "Điều chỉnh kế hoạch, bổ sung sản phẩm và thời hạn.");
  await expect(page.getByTestId("finding")).toHaveCount(2);
  await expect(finding(page, "3")).toContainText("Mức độ: Cao");
  await expect(finding(page, "3")).toContainText("Chưa khắc phục");
  await screenshot(page, "inspection-findings");
  await expectAccessible(page);
});

test("the inspected unit sees its findings and reports remediation with a file; another unit cannot open it", async ({ page }) => {
  await signIn(page, "cb.sxd");
  await page.goto("/inspections");
  await page.getByTestId("inspection-SXD").getByRole("link", { name: `Số ${DECISION} ngày 02/11/2026` }).click();
  await expect(page.getByTestId("finding")).toHaveCount(2);
  await expect(page.getByTestId("finding-form")).toHaveCount(0);
  await expect(page.getByTestId("finding-decision")).toHaveCount(0);

  const three = finding(page, "3");
  await three.getByLabel("Nội dung đã khắc phục").fill("Đã niêm yết đủ 5 thủ tục hành chính tại Bộ phận Một cửa ngày 20/11/2026.");
  await three.getByLabel("Tệp kèm theo báo cáo (tài liệu kiểm chứng)").setInputFiles(evidenceFile());
  await three.getByRole("button", { name: "Gửi báo cáo khắc phục" }).click();
  await expect(three.getByTestId("remediation-form").getByRole("status")).toContainText("Đã tải lên 1 tệp.");
  const one = finding(page, "1");
  await one.getByLabel("Nội dung đã khắc phục").fill("Đã ban hành Kế hoạch điều chỉnh số 98/KH-SXD.");
  await one.getByRole("button", { name: "Gửi báo cáo khắc phục" }).click();
  await expect(one.getByTestId("remediation-form").getByRole("status")).toContainText("Đã gửi báo cáo khắc phục.");

  await page.reload();
  await expect(finding(page, "3")).toContainText("Đã báo cáo khắc phục");
  await expect(finding(page, "3")).toContainText("Chờ Sở Nội vụ xem xét");
  const file = finding(page, "3").getByTestId("remediation-history").getByRole("link", { name: "Báo cáo khắc phục TTHC.pdf" });
  await expect(file).toBeVisible();
  const download = await page.request.get((await file.getAttribute("href"))!);
  expect(download.status()).toBe(200);
  expect((await download.body()).subarray(0, 5).toString()).toBe("%PDF-");
  await screenshot(page, "inspection-remediation");
  await expectAccessible(page);

  const report = await page.request.get(`/api/v1${inspectionUrl}/report`);
  expect(report.status()).toBe(200);
  expect(report.headers()["content-type"]).toBe("application/pdf");
  expect((await report.body()).subarray(0, 5).toString()).toBe("%PDF-");

  await signOut(page);
  await signIn(page, "cb.stp");
  await page.goto("/inspections");
  await expect(page.getByTestId("inspection-SXD")).toHaveCount(0);
  await page.goto(inspectionUrl);
  await expect(page).not.toHaveURL(new RegExp(`${inspectionUrl}$`));
  expect((await page.request.get(`/api/v1${inspectionUrl}/report`)).status()).toBe(403);
});

test("the secretariat closes one finding and sends the other back with a note", async ({ page }) => {
  await signIn(page, "sonoivu");
  await page.goto(inspectionUrl);
  await expect(page.getByTestId("remediation-form")).toHaveCount(0);

  const three = finding(page, "3");
  await three.getByRole("button", { name: "Đóng kiến nghị" }).click();
  await expect(finding(page, "3")).toHaveAttribute("data-finding-status", "CLOSED");

  const one = finding(page, "1");
  await one.getByRole("button", { name: "Trả lại, yêu cầu khắc phục tiếp" }).click();
  await expect(one.getByRole("alert")).toHaveText("Nhập lý do trả lại (kết quả khắc phục chưa đạt yêu cầu).");
  await one.getByLabel("Ghi chú (bắt buộc khi trả lại)").fill("Kế hoạch điều chỉnh chưa được Giám đốc Sở ký ban hành.");
  await one.getByRole("button", { name: "Trả lại, yêu cầu khắc phục tiếp" }).click();
  await expect(finding(page, "1")).toHaveAttribute("data-finding-status", "OPEN");
  await expect(finding(page, "1").getByTestId("sent-back-note")).toContainText("Kế hoạch điều chỉnh chưa được Giám đốc Sở ký ban hành.");
  await expect(page.getByText("1/2 kiến nghị đã đóng")).toBeVisible();

  await page.getByRole("textbox", { name: "Kết luận kiểm tra" }).fill("Sở Xây dựng cơ bản thực hiện tốt nhiệm vụ CCHC; cần hoàn thành khắc phục tồn tại ở lĩnh vực 1.");
  await page.getByLabel("Trạng thái cuộc kiểm tra").selectOption("REPORTED");
  await page.getByRole("button", { name: "Lưu kết luận" }).click();
  await expect(page.getByTestId("conclusion-form").getByRole("status")).toHaveText("Đã lưu kết luận và trạng thái.");
  await screenshot(page, "inspection-decided");
  await expectAccessible(page);

  const report = await page.request.get(`/api/v1${inspectionUrl}/report`);
  expect((await report.body()).subarray(0, 5).toString()).toBe("%PDF-");

  await signOut(page);
  await signIn(page, "cb.sxd");
  await page.goto(inspectionUrl);
  await expect(finding(page, "3")).toContainText("Kiến nghị đã đóng: không nhận thêm báo cáo.");
  await expect(finding(page, "1").getByTestId("remediation-form")).toBeVisible();
  await page.goto("/inbox");
  await expect(page.getByText("Báo cáo khắc phục lĩnh vực 1 bị trả lại")).toBeVisible();
});
