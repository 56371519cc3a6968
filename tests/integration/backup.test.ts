/**
 * Backup and restore (`par backup` / `par restore`): a round trip of the seeded demo database with
 * stored files into a fresh database and storage compares every table and every file; refusals
 * (damaged file, non-empty target without --replace, a path-like key) change nothing.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBackup, restoreBackup, type BackupManifest } from "@/lib/server/data/backup";
import { UserError } from "@/lib/server/data/errors";
import { LocalEvidenceStorage } from "@/lib/server/storage/local";
import seed from "../../scripts/db/seed";
import { createTestDatabase, DATABASE_MODES, type TestDatabase } from "../helpers/database";

const temp = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Every table's rows as text, in a stable order, for comparing two databases (the restore's own audit row left out). */
async function everything(database: TestDatabase): Promise<Record<string, string>> {
  const tables = await database.prisma.$queryRawUnsafe<{ name: string }[]>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1");
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await database.prisma.$queryRawUnsafe<{ rows: string }[]>(
      `SELECT coalesce(json_agg(t ORDER BY t::text)::text, '[]') AS rows FROM "${name}" t${name === "AuditEvent" ? ` WHERE t.action <> 'system.restore'` : ""}`);
    out[name] = row!.rows;
  }
  return out;
}

describe.each(DATABASE_MODES)("backup and restore (%s)", (mode) => {
  let source: TestDatabase;
  let target: TestDatabase;
  const sourceFiles = temp("par-src-files-");
  const targetFiles = temp("par-dst-files-");
  const backups = temp("par-backups-");
  const sourceStorage = new LocalEvidenceStorage(sourceFiles);
  const targetStorage = new LocalEvidenceStorage(targetFiles);
  const pdf = Buffer.from("%PDF-1.4\n% demo evidence\n%%EOF\n");
  let manifest: BackupManifest;
  let before: Record<string, string>;

  beforeAll(async () => {
    source = await createTestDatabase(mode);
    source.install();
    await seed(source.prisma, () => {});
    // One stored evidence file, referenced by an Evidence row of a 2026 assessment.
    const assessment = await source.prisma.assessment.findFirstOrThrow({ where: { cycle: { year: 2026 } } });
    const key = `${assessment.id}/backup-test`;
    await sourceStorage.put(key, Readable.from(pdf), { contentType: "application/pdf" });
    await source.prisma.evidence.create({ data: { assessmentId: assessment.id, fileName: "Báo cáo.pdf", mimeType: "application/pdf",
      sizeBytes: pdf.length, sha256: sha(pdf), storageKey: key } });
    manifest = await createBackup(path.join(backups, "full"), { storage: sourceStorage });
    before = await everything(source);
    target = await createTestDatabase(mode);
  }, 240_000);

  afterAll(async () => {
    await source?.close();
    await target?.close();
    for (const d of [sourceFiles, targetFiles, backups]) fs.rmSync(d, { recursive: true, force: true });
  });

  it("writes every table and every stored file with its hash", () => {
    expect(manifest.format).toBe("par-backup/v1");
    expect(manifest.tables.Unit).toBeGreaterThan(40);
    expect(manifest.tables.AuditEvent).toBeGreaterThan(0);
    expect(manifest.files).toEqual([{ key: expect.stringMatching(/\/backup-test$/), size: pdf.length, sha256: sha(pdf) }]);
    expect(fs.readFileSync(path.join(backups, "full", "files", ...manifest.files[0]!.key.split("/")))).toEqual(pdf);
    expect(() => fs.readdirSync(path.join(backups, "full", "tables"))).not.toThrow();
  });

  it("refuses a damaged backup and changes nothing", async () => {
    const damaged = path.join(backups, "damaged");
    fs.cpSync(path.join(backups, "full"), damaged, { recursive: true });
    fs.appendFileSync(path.join(damaged, "files", ...manifest.files[0]!.key.split("/")), "x");
    target.install();
    await expect(restoreBackup(damaged, { storage: targetStorage })).rejects.toEqual(new UserError("backup.errors.fileDamaged", { key: manifest.files[0]!.key }));
    const m = JSON.parse(fs.readFileSync(path.join(damaged, "manifest.json"), "utf8")) as BackupManifest;
    m.files[0]!.key = "../../etc/passwd";
    fs.writeFileSync(path.join(damaged, "manifest.json"), JSON.stringify(m));
    await expect(restoreBackup(damaged, { storage: targetStorage })).rejects.toBeInstanceOf(UserError);
    expect(await target.prisma.unit.count()).toBe(0);
    expect(fs.readdirSync(targetFiles)).toEqual([]);
  });

  it("restores into a fresh database and storage: every table and file equal", async () => {
    target.install();
    await restoreBackup(path.join(backups, "full"), { storage: targetStorage });
    expect(await everything(target)).toEqual(before);
    expect(await target.prisma.auditEvent.count({ where: { action: "system.restore" } })).toBe(1);
    const [file] = manifest.files;
    expect(await readAll(await targetStorage.get(file!.key))).toEqual(pdf);
    // Sequences continue after the restored ids: a new audit row gets a fresh id.
    const max = await target.prisma.auditEvent.aggregate({ _max: { id: true } });
    const row = await target.prisma.auditEvent.create({ data: { action: "test", entityType: "Test", entityId: "1" } });
    expect(row.id).toBeGreaterThan(max._max.id!);
  }, 120_000);

  it("refuses to restore over existing data without --replace, and replaces everything with it", async () => {
    target.install();
    await expect(restoreBackup(path.join(backups, "full"), { storage: targetStorage })).rejects.toMatchObject({ key: "backup.errors.notEmptyDatabase" });
    await target.prisma.auditEvent.deleteMany({ where: { action: "test" } });
    await target.prisma.unit.update({ where: { code: "SXD" }, data: { nameVi: "Đổi tên" } });
    await restoreBackup(path.join(backups, "full"), { storage: targetStorage, replace: true });
    expect(await everything(target)).toEqual(before);
  }, 120_000);

  it("refuses to write into a folder that is not empty", async () => {
    source.install();
    await expect(createBackup(path.join(backups, "full"), { storage: sourceStorage })).rejects.toMatchObject({ key: "backup.errors.notEmpty" });
  });
});
