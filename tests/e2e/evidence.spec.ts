import { expect, test, type Page } from "@playwright/test";
import fs from "node:fs";
import { screenshot, signIn, signOut } from "./helpers";

const DIR = "test-results/files";

/** A small valid PDF (one empty page). */
function pdf(): Buffer {
  const objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>", "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"];
  let body = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((o, i) => { offsets.push(body.length); body += `${i + 1} 0 obj\n${o}\nendobj\n`; });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body);
}

function files() {
  fs.mkdirSync(DIR, { recursive: true });
  const ok = `${DIR}/Kế hoạch CCHC năm 2026.pdf`;
  fs.writeFileSync(ok, pdf());
  const exe = `${DIR}/bao-cao.pdf`; // a Windows program renamed .pdf
  fs.writeFileSync(exe, Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00", "binary"), Buffer.alloc(4096, 1)]));
  const big = `${DIR}/quá-lớn.pdf`; // over the 2 MB limit of the test server
  fs.writeFileSync(big, Buffer.concat([pdf(), Buffer.alloc(3 * 1024 * 1024, 32)]));
  return { ok, exe, big };
}

/** A commune that has not submitted yet, found on the secretariat's list. */
async function openCommune(page: Page): Promise<string> {
  await signIn(page, "sonoivu");
  const link = page.locator('#open a[href^="/worksheet/X-"], #open a[href^="/worksheet/P-"]').first();
  const code = decodeURIComponent((await link.getAttribute("href"))!.split("/").pop()!);
  await signOut(page);
  await signIn(page, `cb.${code.toLowerCase()}`);
  await page.goto(`/worksheet/${code}`);
  return code;
}

test.describe.configure({ mode: "serial" });

test("evidence is checked by content and size; nothing refused is stored", async ({ page }) => {
  const f = files();
  await signIn(page, "cb.sxd");
  await page.goto("/worksheet/SXD");
  const row = page.locator('[data-testid^="leaf-2."]').first();
  const code = (await row.getAttribute("data-testid"))!.slice("leaf-".length);
  const cell = page.getByTestId(`evidence-${code}`);
  const before = await cell.getByRole("link").count();

  await cell.getByLabel(`Tải tài liệu kiểm chứng cho tiêu chí ${code}`).setInputFiles(f.exe);
  await expect(cell.getByRole("alert")).toContainText("bao-cao.pdf");
  await screenshot(page, "evidence-exe-refused", { fullPage: false });
  await cell.getByLabel(`Tải tài liệu kiểm chứng cho tiêu chí ${code}`).setInputFiles(f.big);
  await expect(cell.getByRole("alert")).toContainText("2 MB");
  await page.reload();
  await expect(page.getByTestId(`evidence-${code}`).getByRole("link")).toHaveCount(before);

  await page.getByTestId(`evidence-${code}`).getByLabel(`Tải tài liệu kiểm chứng cho tiêu chí ${code}`).setInputFiles(f.ok);
  await expect(page.getByTestId(`evidence-${code}`).getByRole("link", { name: "Kế hoạch CCHC năm 2026.pdf", exact: true })).toBeVisible();
  await page.reload();
  const link = page.getByTestId(`evidence-${code}`).getByRole("link", { name: "Kế hoạch CCHC năm 2026.pdf", exact: true });
  await expect(link).toBeVisible();
  const preview = await page.request.get((await link.getAttribute("href"))!);
  expect(preview.status()).toBe(200);
  expect(preview.headers()["content-type"]).toBe("application/pdf");
  expect((await preview.body()).subarray(0, 5).toString()).toBe("%PDF-");
});

test("a whole worksheet is filled with evidence, found again after a reload, and submitted", async ({ page }) => {
  test.setTimeout(240_000);
  const f = files();
  const code = await openCommune(page);
  const rows = page.locator('[data-testid^="leaf-"]');
  const count = await rows.count();
  for (let i = 0; i < count; i++) {
    const row = rows.nth(i);
    const explanation = row.getByRole("textbox", { name: /Giải trình cho tiêu chí/ });
    if ((await explanation.count()) === 0) continue; // survey-scored
    const radios = row.getByRole("radio");
    const declared = row.getByRole("textbox", { name: /Số liệu kê khai/ });
    const select = row.getByRole("combobox", { name: /Điểm tự chấm/ });
    if (await radios.count()) await radios.first().check();
    else if (await declared.count()) await declared.fill("100");
    else if (await select.count()) await select.selectOption({ index: 1 });
    await explanation.fill("Có văn bản kèm theo, lưu tại bộ phận văn thư.");
  }
  const first = rows.filter({ has: page.getByRole("textbox", { name: /Giải trình cho tiêu chí/ }) }).first();
  const firstCode = (await first.getAttribute("data-testid"))!.slice("leaf-".length);
  await page.getByTestId(`evidence-${firstCode}`).getByLabel(`Tải tài liệu kiểm chứng cho tiêu chí ${firstCode}`).setInputFiles(f.ok);
  await expect(page.getByTestId(`evidence-${firstCode}`).getByRole("link", { name: "Kế hoạch CCHC năm 2026.pdf", exact: true })).toBeVisible();
  await expect(page.getByTestId("save-state")).toHaveText("Mọi thay đổi đã được lưu.", { timeout: 30_000 });
  await page.reload();
  await expect(page.getByText(/Đã chấm (\d+)\/\1 tiêu chí/)).toBeVisible();
  await expect(page.getByTestId(`evidence-${firstCode}`).getByRole("link", { name: "Kế hoạch CCHC năm 2026.pdf", exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Gửi kết quả tự đánh giá" }).click();
  await expect(page.getByTestId("read-only")).toContainText("Đơn vị đã gửi kết quả tự đánh giá");
  await expect(page.locator('[data-testid^="leaf-"] input[type="radio"]').first()).toBeDisabled();
  await screenshot(page, "worksheet-submitted", { fullPage: false });
  expect(code).toMatch(/^[XP]-/);
});
