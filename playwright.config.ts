import { defineConfig } from "@playwright/test";
import { findChromium } from "./scripts/browser.mjs";

const PORT = Number(process.env.E2E_PORT ?? 3210);

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "test-results/playwright.json" }]],
  outputDir: "test-results/e2e",
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    locale: "vi-VN",
    timezoneId: "Asia/Ho_Chi_Minh",
    launchOptions: {
      executablePath: findChromium() ?? undefined,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  // The lifecycle suite publishes the demo year, so it runs after every other browser test.
  projects: [
    { name: "main", testIgnore: /lifecycle\.spec\.ts$/ },
    { name: "lifecycle", testMatch: /lifecycle\.spec\.ts$/, dependencies: ["main"] },
  ],
  webServer: {
    command: "node --import tsx --import ./scripts/server-only-hook.mjs scripts/start.ts",
    url: `http://127.0.0.1:${PORT}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PORT: String(PORT),
      HOST: "127.0.0.1",
      PAR_DATA_DIR: `.data/e2e-${PORT}`,
      AUTH_SECRET: "e2e-only-secret-not-for-production-0123456789",
      PAR_LOCKOUT_MAX_FAILURES: "5",
      PAR_EVIDENCE_MAX_MB: "2",
      DATABASE_URL: "",
    },
  },
});
