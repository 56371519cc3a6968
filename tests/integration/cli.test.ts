/** The `par` command line, run as a user would (`node scripts/par.mjs …`), on the shipped examples. */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

function par(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ["scripts/par.mjs", ...args], { encoding: "utf8", env: { ...process.env, ...env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const EXAMPLE = ["--framework", "examples/ca-mau-1880.framework.json", "--scores", "examples/ca-mau-1880.scores.json"];

describe("par score", () => {
  it("computes the examples as by hand", () => {
    const r = par(["score", ...EXAMPLE, "--format", "json"]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { units: { code: string; achieved: number; max: number; indexHundredths: number; rank: number; band: { code: string } }[];
      overall: { meanIndexHundredths: number } };
    const byCode = Object.fromEntries(out.units.map((u) => [u.code, u]));
    // Hand computation (maximum 1 + 1 + 1 + 2 + 1 + 1 = 7 points; engine figures are in hundredths):
    // STP: 1 + 1 + 1 + (95 % > 90 % → 2) + 1 + 1 = 7 → 7/7 = 100.00 %
    expect(byCode.STP).toMatchObject({ achieved: 700, max: 700, indexHundredths: 10000, rank: 1, band: { code: "TOT" } });
    // SNV: 1 + 0 + 1 + (90 % is not > 90 % → 1) + 1 + 1 = 5 → 5/7 = 71.4285… → 71.43 %
    expect(byCode.SNV).toMatchObject({ achieved: 500, indexHundredths: 7143, rank: 2, band: { code: "TB" } });
    // SYT: 0.5 + 1 + 0 + (85 % → 1) + (self 1, appraised 0 in round 1 → 0) + 1 = 3.5 → 3.5/7 = 50.00 %
    expect(byCode.SYT).toMatchObject({ achieved: 350, indexHundredths: 5000, rank: 3, band: { code: "YEU" } });
    // Mean of the indices: (100 + 71.428571… + 50) / 3 = 73.8095… → 73.81 %
    expect(out.overall.meanIndexHundredths).toBe(7381);
  });

  it("prints a table in Vietnamese by default and in English on request", () => {
    const vi = par(["score", ...EXAMPLE]);
    expect(vi.status).toBe(0);
    expect(vi.stdout).toMatch(/^2\s+SNV\s+5\.00\s+7\.00\s+71\.43\s+Trung bình/m);
    expect(vi.stdout).toContain("Chỉ số bình quân: 73.81");
    const en = par(["score", ...EXAMPLE], { PAR_LOCALE: "en" });
    expect(en.stdout).toMatch(/^1\s+STP\s+7\.00\s+7\.00\s+100\.00\s+Good/m);
  });

  it("rejects invalid values with clear messages and a non-zero exit", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "par-cli-"));
    const bad = path.join(dir, "bad.json");
    fs.writeFileSync(bad, JSON.stringify({ format: "par-scores/v1", year: 2013, framework: "CAMAU-1880-2013",
      units: [{ code: "X", scores: { "1.1.1": 0.7, "1.1.2": 3, "9.9": 1 } }] }));
    const r = par(["score", "--framework", "examples/ca-mau-1880.framework.json", "--scores", bad]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("Điểm của 1.1.1 không thuộc các mức quy tắc cho phép.");
    expect(r.stderr).toContain("Điểm của 1.1.2 vượt điểm tối đa.");
    expect(r.stderr).toContain("Không có tiêu chí mã 9.9 trong bộ tiêu chí.");
    fs.writeFileSync(bad, "{ not json");
    const r2 = par(["score", "--framework", "examples/ca-mau-1880.framework.json", "--scores", bad]);
    expect(r2.status).toBe(1);
    expect(r2.stderr).toContain("Tệp JSON không đọc được");
    expect(par(["score"]).status).toBe(2);
    expect(par(["frobnicate"]).status).toBe(2);
  });
});

describe("par backup / par restore on the embedded database", () => {
  const db = (args: string[], env: Record<string, string>) =>
    spawnSync(process.execPath, ["--import", "tsx", "--import", "./scripts/server-only-hook.mjs", "scripts/db.ts", ...args], { encoding: "utf8", env: { ...process.env, ...env } });

  it("backs up a seeded data folder and restores it into a new one, refusing a second restore without --replace", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "par-cli-backup-"));
    const from = { PAR_DATA_DIR: path.join(root, "from"), DATABASE_URL: "", PAR_LOCALE: "vi" };
    const to = { PAR_DATA_DIR: path.join(root, "to"), DATABASE_URL: "", PAR_LOCALE: "vi" };
    try {
      expect(db(["migrate"], from).status).toBe(0);
      expect(db(["seed"], from).status).toBe(0);
      const backup = par(["backup", "--out", path.join(root, "backup")], from);
      expect(backup.stderr).toBe("");
      expect(backup.stdout).toMatch(/^✔ Đã sao lưu \d+ bảng \(\d+ dòng\) và 0 tệp vào /);
      expect(db(["migrate"], to).status).toBe(0);
      const restore = par(["restore", path.join(root, "backup")], to);
      expect(restore.stdout).toMatch(/^✔ Đã khôi phục \d+ bảng/);
      expect(restore.stdout.match(/\((\d+) dòng\)/)?.[1]).toBe(backup.stdout.match(/\((\d+) dòng\)/)?.[1]);
      const again = par(["restore", path.join(root, "backup")], to);
      expect(again.status).toBe(1);
      expect(again.stderr).toContain("thêm --replace để thay toàn bộ bằng bản sao lưu");
      expect(par(["restore", path.join(root, "backup"), "--replace"], to).status).toBe(0);
      expect(par(["backup"], from).status).toBe(2);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  }, 180_000);
});
