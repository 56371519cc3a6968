// `npm test`: the unit and integration suites (vitest), then the browser suite (Playwright).
// The PostgreSQL variant of the integration suite runs when TEST_DATABASE_URL is set.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { findChromium, INSTALL_HINT } from "./browser.mjs";

const chromium = findChromium();
if (!chromium) {
  console.error(`\n✖ ${INSTALL_HINT}\n`);
  process.exit(1);
}

function run(label, cmd, args, env = {}) {
  console.log(`\n▶ ${label}\n`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`\n✖ ${label} failed\n`);
    process.exit(r.status ?? 1);
  }
}

fs.mkdirSync("test-results", { recursive: true });
run("Unit and integration tests (vitest)", process.execPath, ["node_modules/vitest/vitest.mjs", "run",
  "--reporter=default", "--reporter=json", "--outputFile.json=test-results/vitest.json"]);
// The browser suite serves the app on its own port and its own fresh data folder.
fs.rmSync(`.data/e2e-${process.env.E2E_PORT ?? 3210}`, { recursive: true, force: true });
run("Browser tests (Playwright, Chromium)", process.execPath, ["node_modules/@playwright/test/cli.js", "test"], { PAR_CHROMIUM: chromium });
const vitest = JSON.parse(fs.readFileSync("test-results/vitest.json", "utf8"));
const e2e = JSON.parse(fs.readFileSync("test-results/playwright.json", "utf8")).stats;
const passed = vitest.numPassedTests + e2e.expected + e2e.flaky;
const failed = vitest.numFailedTests + e2e.unexpected;
const skipped = vitest.numPendingTests + vitest.numTodoTests + e2e.skipped;
console.log(`\n✔ All test suites passed (vitest ${vitest.numPassedTests}, Playwright ${e2e.expected + e2e.flaky})`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
