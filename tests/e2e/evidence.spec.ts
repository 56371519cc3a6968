import { expect, test, type Page } from "@playwright/test";
import fs from "node:fs";
import { pdfBuffer, screenshot, signIn, signOut } from "./helpers";

const DIR = "test-results/files";

function files() {
  fs.mkdirSync(DIR, { recursive: true });
  const ok = `${DIR}/Kế hoạch CCHC năm 2026.pdf`;
  fs.writeFileSync(ok, pdfBuffer());
  const exe = `${DIR}/bao-cao.pdf`; // a Windows program renamed .pdf
  fs.writeFileSync(exe, Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00", "binary"), Buffer.alloc(4096, 1)]));
  const big = `${DIR}/quá-lớn.pdf`; // over the 2 MB limit of the test server
  fs.writeFileSync(big, Buffer.concat([pdfBuffer(), Buffer.alloc(3 * 1024 * 1024, 32)]));
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

test("files dropped on a criterion's evidence area are checked and uploaded like picked ones", async ({ page }) => {
  const f = files();
  await signIn(page, "cb.sxd");
  await page.goto("/worksheet/SXD");
  const row = page.locator('[data-testid^="leaf-2."]').nth(1);
  const code = (await row.getAttribute("data-testid"))!.slice("leaf-".length);
  const zone = page.getByTestId(`evidence-${code}`);
  await expect(zone.getByText("Kéo thả tệp vào đây hoặc chọn tệp")).toBeVisible();
  await expect(zone.getByLabel(`Tải tài liệu kiểm chứng cho tiêu chí ${code}`)).toHaveAccessibleDescription("Kéo thả tệp vào đây hoặc chọn tệp");

  /** Drags a file from the desktop over the zone (its visible state shows) and drops it. */
  async function drop(name: string, bytes: Buffer) {
    const dataTransfer = await page.evaluateHandle(({ name, data }) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], name));
      return transfer;
    }, { name, data: bytes.toString("base64") });
    await zone.dispatchEvent("dragenter", { dataTransfer });
    await zone.dispatchEvent("dragover", { dataTransfer });
    await expect(zone).toHaveAttribute("data-dragging", "true");
    await zone.dispatchEvent("drop", { dataTransfer });
    await expect(zone).not.toHaveAttribute("data-dragging");
  }

  await drop("bao-cao.pdf", fs.readFileSync(f.exe));
  await expect(zone.getByRole("alert")).toContainText("bao-cao.pdf");
  const name = "Biên bản kiểm tra CCHC.pdf";
  await drop(name, Buffer.concat([pdfBuffer(), Buffer.from("%dropped\n")]));
  await expect(zone.getByRole("link", { name, exact: true })).toBeVisible();
  await expect(zone.getByRole("alert")).toHaveCount(0);
  await page.reload();
  const link = page.getByTestId(`evidence-${code}`).getByRole("link", { name, exact: true });
  await expect(link).toBeVisible();
  await screenshot(page, "evidence-dropped", { fullPage: false });
});

test("the app's own pages may frame an evidence preview; downloads and other pages may not be framed", async ({ page }) => {
  await signIn(page, "cb.sxd");
  await page.goto("/worksheet/SXD");
  const code = (await page.locator('[data-testid^="leaf-2."]').nth(1).getAttribute("data-testid"))!.slice("leaf-".length);
  const href = (await page.getByTestId(`evidence-${code}`).getByRole("link", { name: "Biên bản kiểm tra CCHC.pdf", exact: true }).getAttribute("href"))!;
  expect(href).toMatch(/\?inline=1$/);

  const preview = (await page.request.get(href)).headers();
  expect(preview["content-disposition"]).toMatch(/^inline; /);
  expect(preview["content-security-policy"]).toContain("frame-ancestors 'self'");
  expect(preview["content-security-policy"]).toContain("object-src 'self'");
  expect(preview["content-security-policy"]).not.toContain("sandbox"); // Chromium shows no PDF in a sandbox
  expect(preview["x-frame-options"]).toBe("SAMEORIGIN");
  expect(preview["x-content-type-options"]).toBe("nosniff");
  expect(preview["referrer-policy"]).toBe("strict-origin-when-cross-origin");

  const download = (await page.request.get(href.replace(/\?inline=1$/, ""))).headers();
  expect(download["content-disposition"]).toMatch(/^attachment; /);
  expect(download["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(download["x-frame-options"]).toBe("DENY");
  const links = (await page.request.get(`${href.replace(/\?inline=1$/, "")}/links`)).headers(); // a sub-route: site-wide policy
  expect(links["content-security-policy"]).toContain("frame-ancestors 'none'");
  const worksheet = (await page.request.get("/worksheet/SXD")).headers();
  expect(worksheet["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(worksheet["x-frame-options"]).toBe("DENY");
  const notFound = (await page.request.get(href.replace("/api/v1/evidence/", "/API/v1/evidence/"))).headers(); // the 404 page
  expect(notFound["content-security-policy"]).toContain("frame-ancestors 'none'");

  // In the browser: the preview loads in a frame of the app's page; a page of the app does not.
  const frameUrl = async (src: string) => {
    await page.evaluate((src) => new Promise<void>((resolve) => {
      document.getElementById("e2e-frame")?.remove();
      const frame = Object.assign(document.createElement("iframe"), { id: "e2e-frame", src });
      frame.addEventListener("load", () => resolve(), { once: true });
      document.body.append(frame);
    }), src);
    return (await (await page.$("#e2e-frame"))!.contentFrame())!.url();
  };
  expect(await frameUrl(href)).toContain(href);
  expect(await frameUrl("/unit")).toMatch(/^chrome-error:/);
});
