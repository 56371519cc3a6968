/**
 * The orphan sweeper: stored files no record refers to (an upload cut off between storing and
 * recording) and temporary files of unfinished writes are removed once older than the grace period;
 * referenced files and recent orphans (an upload in progress) are kept.
 */
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sweepOrphans } from "@/lib/server/data/storage-sweep";
import { LocalEvidenceStorage } from "@/lib/server/storage/local";
import seed from "../../scripts/db/seed";
import { createTestDatabase, DATABASE_MODES, type TestDatabase } from "../helpers/database";

const HOUR = 3_600_000;

describe.each(DATABASE_MODES)("storage sweep (%s)", (mode) => {
  let database: TestDatabase;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "par-sweep-"));
  const storage = new LocalEvidenceStorage(root);
  const now = new Date();
  const age = (rel: string, ms: number) => {
    const t = new Date(now.getTime() - ms);
    fs.utimesSync(path.join(root, ...rel.split("/")), t, t);
  };

  const [kept, orphanOld, orphanNew] = [randomUUID(), randomUUID(), randomUUID()];

  beforeAll(async () => {
    database = await createTestDatabase(mode);
    database.install();
    await seed(database.prisma, () => {});
    const assessment = await database.prisma.assessment.findFirstOrThrow({ where: { cycle: { year: 2026 } } });
    for (const key of [`${assessment.id}/${kept}`, `${assessment.id}/${orphanOld}`, `${assessment.id}/${orphanNew}`]) {
      await storage.put(key, Readable.from([Buffer.from("%PDF-1.4\n%%EOF\n")]), { contentType: "application/pdf" });
    }
    await database.prisma.evidence.create({ data: { assessmentId: assessment.id, fileName: "a.pdf", mimeType: "application/pdf", sizeBytes: 15,
      sha256: "0".repeat(64), storageKey: `${assessment.id}/${kept}` } });
    age(`${assessment.id}/${kept}`, 5 * HOUR);
    age(`${assessment.id}/${orphanOld}`, 2 * HOUR);
    // Not the server's: never touched, however old.
    fs.writeFileSync(path.join(root, "README.txt"), "kho lưu trữ");
    age("README.txt", 48 * HOUR);
    fs.writeFileSync(path.join(root, assessment.id, ".crashed.0123456789ab.tmp"), "half a file");
    age(`${assessment.id}/.crashed.0123456789ab.tmp`, 3 * HOUR);
    fs.writeFileSync(path.join(root, assessment.id, ".writing.0123456789ab.tmp"), "being written");
  }, 120_000);

  afterAll(async () => {
    await database?.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("reports without deleting on a dry run", async () => {
    const r = await sweepOrphans({ storage, now, dryRun: true });
    expect(r).toMatchObject({ scanned: 5, referenced: 1, deleted: 0 });
    expect(r.orphans).toEqual([expect.stringContaining(orphanOld)]);
    expect(r.temporaries).toEqual([expect.stringMatching(/\/\.crashed\.0123456789ab\.tmp$/)]);
    expect(fs.readdirSync(root, { recursive: true }).length).toBe(7);
  });

  it("removes old orphans and leftovers, keeps referenced files and recent ones", async () => {
    const r = await sweepOrphans({ storage, now });
    expect(r.deleted).toBe(2);
    const left = (fs.readdirSync(root, { recursive: true }) as string[]).map((f) => path.basename(f)).sort();
    // Left: the assessment's folder, the referenced file, the recent orphan, the write in progress, the stray file.
    expect(left).toHaveLength(5);
    expect(left).toEqual(expect.arrayContaining([".writing.0123456789ab.tmp", kept, orphanNew, "README.txt"]));
    expect(await storage.exists(r.orphans[0]!)).toBe(false);
    expect((await sweepOrphans({ storage, now })).deleted).toBe(0);
  });
});
