import { expect, test } from "@playwright/test";
import { expectAccessible, PASSWORD, screenshot, signIn, signInError } from "./helpers";

const ROLES = [
  { username: "admin", path: "/admin", heading: "Quản trị hệ thống", role: "Quản trị hệ thống" },
  { username: "sonoivu", path: "/secretariat", heading: "Thường trực Hội đồng — Sở Nội vụ", role: "Thường trực (Sở Nội vụ)" },
  { username: "thamdinh", path: "/appraisal", heading: "Thẩm định kết quả tự đánh giá", role: "Thành viên thẩm định" },
  { username: "cb.sxd", path: "/unit", heading: "Tự đánh giá, chấm điểm", role: "Cán bộ đầu mối CCHC" },
  { username: "lanhdao", path: "/leadership", heading: "Tổng quan Chỉ số CCHC", role: "Lãnh đạo" },
];

test("the sign-in page is in Vietnamese and accessible", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin$/);
  await expect(page.locator("html")).toHaveAttribute("lang", "vi");
  await expect(page.getByRole("heading", { name: "Đăng nhập" })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, "signin");
});

for (const r of ROLES) {
  test(`${r.username} signs in and lands on the ${r.path} home page`, async ({ page }) => {
    await signIn(page, r.username);
    await expect(page).toHaveURL(new RegExp(`${r.path}$`));
    await expect(page.getByRole("heading", { level: 1, name: r.heading })).toBeVisible();
    await expect(page.getByTestId("user-badge")).toContainText(r.role);
    await expectAccessible(page);
    await screenshot(page, `home-${r.username}`);
    if (r.username !== "admin") {
      // A page of another role sends the user back to their own home page.
      await page.goto("/admin");
      await expect(page).toHaveURL(new RegExp(`${r.path}$`));
    }
    await page.getByRole("button", { name: "Đăng xuất" }).click();
    await expect(page).toHaveURL(/\/signin$/);
    await page.goto(r.path);
    await expect(page).toHaveURL(/\/signin$/);
  });
}

test("empty fields and a wrong password get clear Vietnamese messages", async ({ page }) => {
  await page.goto("/signin");
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await expect(page.getByText("Vui lòng nhập tên đăng nhập.")).toBeVisible();
  await expect(page.getByText("Vui lòng nhập mật khẩu.")).toBeVisible();
  await signIn(page, "sonoivu", "sai-mat-khau");
  await expect(signInError(page)).toHaveText("Tên đăng nhập hoặc mật khẩu không đúng.");
  await expect(page.getByLabel("Tên đăng nhập")).toHaveValue("sonoivu"); // what was typed is kept
  await screenshot(page, "signin-wrong-password");
});

test("five failed sign-ins lock the account, even against the right password", async ({ page }) => {
  // An account no other browser test signs in with: it stays locked for 15 minutes.
  for (let i = 0; i < 4; i++) {
    await signIn(page, "cb.ttxtdt", `wrong-${i}`);
    await expect(signInError(page)).toHaveText("Tên đăng nhập hoặc mật khẩu không đúng.");
  }
  await signIn(page, "cb.ttxtdt", "wrong-5");
  await expect(signInError(page)).toContainText("Tài khoản tạm khóa do đăng nhập sai nhiều lần");
  await expect(signInError(page)).toContainText("15 phút");
  await signIn(page, "cb.ttxtdt", PASSWORD, { expectHome: false });
  await expect(signInError(page)).toContainText("Tài khoản tạm khóa");
  await expect(page).toHaveURL(/\/signin$/);
  await screenshot(page, "signin-locked");
});

test("the language switcher changes the interface to English and back", async ({ page }) => {
  await signIn(page, "lanhdao");
  await expect(page.getByRole("heading", { level: 1, name: "Tổng quan Chỉ số CCHC" })).toBeVisible();
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "PAR INDEX overview" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await screenshot(page, "home-lanhdao-en");
  await page.getByRole("button", { name: "Tiếng Việt" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Tổng quan Chỉ số CCHC" })).toBeVisible();
});
