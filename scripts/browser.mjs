// Finds the Chromium used by the browser tests: $PAR_CHROMIUM, $CHROMIUM_PATH, then Debian's /usr/bin/chromium.
import fs from "node:fs";

export function findChromium(env = process.env) {
  const candidates = [env.PAR_CHROMIUM, env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean);
  return candidates.find((p) => fs.existsSync(p)) ?? null;
}

export const INSTALL_HINT =
  "No Chromium found for the browser tests. Install Debian's package (`sudo apt-get install -y chromium`) " +
  "or point PAR_CHROMIUM at a Chromium/Chrome binary. (`npx playwright install` cannot download browsers offline.)";
