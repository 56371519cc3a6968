/**
 * Evidence files end to end below the browser: storage backends (local folder; S3 against s3rver, a
 * local S3-compatible server from npm), the streaming upload checks, the data layer on the demo data,
 * and the route handlers (session and translations stubbed) for status codes, JSON and headers.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { crc32 } from "node:zlib";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { vietnamTime } from "@/lib/domain/phases";
import type { CurrentUser } from "@/lib/server/data/users";
import { UserError } from "@/lib/server/data/errors";
import { deleteEvidence, evidenceForDownload, linkEvidence, listEvidence, recordUploadedEvidence, unlinkEvidence } from "@/lib/server/data/evidence";
import { contentDisposition } from "@/lib/server/evidence/api";
import { sanitizeFileName } from "@/lib/server/evidence/file-types";
import { evidenceLimits, receiveEvidenceUpload, type UploadLimits } from "@/lib/server/evidence/upload";
import { userErrorStatus } from "@/lib/server/http/handler";
import { evidenceStorage } from "@/lib/server/storage";
import { LocalEvidenceStorage } from "@/lib/server/storage/local";
import { S3EvidenceStorage, s3SettingsFromEnv } from "@/lib/server/storage/s3";
import { StorageNotFoundError, type EvidenceStorage } from "@/lib/server/storage/types";
import viMessages from "@/lib/i18n/messages/vi.json";
import seed from "../../scripts/db/seed";
import { createTestDatabase, DATABASE_MODES, type TestDatabase } from "../helpers/database";

// ---- Route handler stubs: the signed-in user and next-intl's translator ----------------------------

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));

vi.mock("@/lib/server/auth/session", async () => {
  const { can } = await import("@/lib/auth/permissions");
  class AuthorizationError extends Error {
    constructor(readonly status: 401 | 403, message: string) {
      super(message);
      this.name = "AuthorizationError";
    }
  }
  return {
    AuthorizationError,
    authorize: async (action: Parameters<typeof can>[1], target?: Parameters<typeof can>[2]) => {
      if (!session.user) throw new AuthorizationError(401, "unauthenticated");
      if (!can(session.user, action, target)) throw new AuthorizationError(403, "forbidden");
      return session.user;
    },
  };
});

vi.mock("next-intl/server", async () => {
  const messages = (await import("@/lib/i18n/messages/vi.json")).default as Record<string, unknown>;
  return {
    getTranslations: async (namespace?: string) => (key: string, values: Record<string, string | number> = {}) => {
      const text = `${namespace ? `${namespace}.` : ""}${key}`.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
      return typeof text === "string" ? text.replace(/\{(\w+)\}/g, (_m, name: string) => String(values[name] ?? `{${name}}`)) : key;
    },
  };
});

// ---- Test files, made here ------------------------------------------------------------------------

const PDF = Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n", "latin1");
/** A 1×1 transparent PNG. */
const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5e1ed6a0000000049454e44ae426082", "hex");
const JPEG = Buffer.concat([Buffer.from("ffd8ffe000104a46494600010100000100010000", "hex"), Buffer.alloc(64, 0x20), Buffer.from("ffd9", "hex")]);
/** A Windows executable's "MZ" header, and enough of a DOS stub to look real. */
const EXE = Buffer.concat([Buffer.from("4d5a90000300000004000000ffff0000b800000000000000400000000000000000", "hex"), Buffer.alloc(512, 0)]);
/** An OLE2 compound file (CFB), the container of Word 97 .doc and Excel 97 .xls files. */
const CFB = Buffer.concat([Buffer.from("d0cf11e0a1b11ae1", "hex"), Buffer.alloc(1024, 0)]);

/** A PDF of `size` bytes (valid header, filler after). */
function bigPdf(size: number): Buffer {
  const b = Buffer.alloc(size, 0x20);
  PDF.copy(b);
  return b;
}

/** A ZIP archive with STORED entries, in the order given. */
function zip(entries: [string, string | Buffer][]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content);
    const nameBytes = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18); local.writeUInt32LE(data.length, 22); local.writeUInt16LE(nameBytes.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0); dir.writeUInt16LE(20, 4); dir.writeUInt16LE(20, 6); dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(data.length, 20); dir.writeUInt32LE(data.length, 24); dir.writeUInt16LE(nameBytes.length, 28); dir.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    central.push(dir, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const dirSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirSize, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...central, end]);
}

const CONTENT_TYPES = (main: string) => `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/x" ContentType="${main}"/></Types>`;
const DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
/** A DOCX as Word writes it: [Content_Types].xml first. */
const DOCX = zip([["[Content_Types].xml", CONTENT_TYPES(DOCX_MAIN)], ["_rels/.rels", "<Relationships/>"], ["word/document.xml", "<w:document/>"]]);
/** An XLSX as some writers (openpyxl, LibreOffice) lay it out: a large part first, [Content_Types].xml last. */
const XLSX_LATE = zip([["docProps/thumbnail.jpeg", Buffer.alloc(20_000, 7)], ["xl/workbook.xml", "<workbook/>"], ["xl/worksheets/sheet1.xml", "<worksheet/>"],
  ["[Content_Types].xml", CONTENT_TYPES("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")]]);
const ODT = zip([["mimetype", "application/vnd.oasis.opendocument.text"], ["content.xml", "<office:document-content/>"]]);
const ODS = zip([["mimetype", "application/vnd.oasis.opendocument.spreadsheet"], ["content.xml", "<office:document-content/>"]]);
/** A plain ZIP (not an Office document) named .docx. */
const PLAIN_ZIP = zip([["notes.txt", "hello"], ["[Content_Types].xml", "<Types/>"]]);

type Part = { name: string; bytes: Buffer; type?: string } | { field: string; value: string };

/** A multipart/form-data request written by hand, so file names reach the server exactly as given. */
function multipart(parts: Part[], url = "http://localhost/upload"): Request {
  const boundary = "----parEvidenceTest7MA4YWxkTrZu0gW";
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n`));
    if ("field" in part) {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="${part.field}"\r\n\r\n${part.value}\r\n`));
    } else {
      chunks.push(Buffer.from(`Content-Disposition: form-data; name="files"; filename="${part.name}"\r\nContent-Type: ${part.type ?? "application/octet-stream"}\r\n\r\n`, "utf8"));
      chunks.push(part.bytes, Buffer.from("\r\n"));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  const body = Buffer.concat(chunks);
  return new Request(url, { method: "POST", headers: { "content-type": `multipart/form-data; boundary=${boundary}`, "content-length": String(body.length) }, body });
}

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Every file under `dir`, relative, temporary files included. */
function filesIn(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile())
      .map((d) => path.relative(dir, path.join(d.parentPath, d.name))).sort();
  } catch {
    return [];
  }
}

async function refusal(promise: Promise<unknown>): Promise<UserError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(UserError);
  return error as UserError;
}

const LIMITS: UploadLimits = { maxBytes: 20 * 1024 * 1024, maxFiles: 20 };
const ORIGINAL_ENV = { ...process.env };
afterAll(() => {
  process.env = ORIGINAL_ENV;
});

// ---- Pure pieces ------------------------------------------------------------------------------------

describe("evidence names and headers", () => {
  it("keeps Vietnamese names, drops paths, control and disguising characters", () => {
    expect(sanitizeFileName("Báo cáo CCHC năm 2026.pdf")).toBe("Báo cáo CCHC năm 2026.pdf");
    // Decomposed (NFD) marks, as macOS sends them, become composed letters.
    expect(sanitizeFileName("Quye\u0302\u0301t đi\u0323nh.pdf")).toBe("Quyết định.pdf");
    expect(sanitizeFileName("../../etc/passwd.pdf")).toBe("passwd.pdf");
    expect(sanitizeFileName("C:\\Users\\lan\\Tờ trình.docx")).toBe("Tờ trình.docx");
    expect(sanitizeFileName("bao\u202Efdp.exe")).toBe("baofdp.exe");
    expect(sanitizeFileName("a\u0000b\nc\t.pdf")).toBe("abc.pdf");
    expect(sanitizeFileName('x<y>:"z"|?*.pdf')).toBe("x_y___z____.pdf");
    expect(sanitizeFileName("..")).toBeNull();
    expect(sanitizeFileName(" \u200B ")).toBeNull();
    const long = sanitizeFileName(`${"Ủy ban ".repeat(40)}.xlsx`)!;
    expect(Array.from(long).length).toBeLessThanOrEqual(180);
    expect(long.endsWith(".xlsx")).toBe(true);
  });

  it("names the download in ASCII and exactly (RFC 5987)", () => {
    expect(contentDisposition("attachment", "Quyết định số 12.pdf"))
      .toBe("attachment; filename=\"Quyet dinh so 12.pdf\"; filename*=UTF-8''Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh%20s%E1%BB%91%2012.pdf");
    expect(contentDisposition("inline", "a\"b;c%.png")).toBe("inline; filename=\"a_b_c_.png\"; filename*=UTF-8''a%22b%3Bc%25.png");
  });

  it("maps refusals to HTTP statuses", () => {
    expect(userErrorStatus("evidence.errors.type")).toBe(415);
    expect(userErrorStatus("evidence.errors.tooLarge")).toBe(413);
    expect(userErrorStatus("evidence.errors.empty")).toBe(422);
    expect(userErrorStatus("worksheet.errors.submitted")).toBe(409);
    expect(userErrorStatus("evidence.errors.notFound")).toBe(404);
  });

  it("reads the limits from the environment", () => {
    expect(evidenceLimits({})).toEqual({ maxBytes: 20 * 1024 * 1024, maxFiles: 20 });
    expect(evidenceLimits({ PAR_EVIDENCE_MAX_MB: "0.5", PAR_EVIDENCE_MAX_FILES: "3" })).toEqual({ maxBytes: 524288, maxFiles: 3 });
    expect(() => evidenceLimits({ PAR_EVIDENCE_MAX_MB: "nhiều" })).toThrow(/PAR_EVIDENCE_MAX_MB/);
  });

  it("has every error message in both languages", async () => {
    const en = (await import("@/lib/i18n/messages/en.json")).default as { evidence: { errors: Record<string, string> } };
    const vi = viMessages as unknown as { evidence: { errors: Record<string, string> } };
    for (const key of ["type", "tooLarge", "requestTooLarge", "empty", "tooMany", "name", "malformed", "noFiles", "criterion", "notFound", "fileMissing"]) {
      expect(vi.evidence.errors[key], key).toBeTruthy();
      expect(en.evidence.errors[key], key).toBeTruthy();
    }
  });
});

// ---- Storage backends -------------------------------------------------------------------------------

/** The contract every backend keeps; `leftovers()` lists what is physically stored. */
function storageContract(make: () => { storage: EvidenceStorage; leftovers: () => Promise<string[]> }, { listing = true } = {}) {
  it("stores, reads, reports and deletes an object", async () => {
    const { storage } = make();
    const bytes = bigPdf(300_000);
    expect(await storage.exists("a1/doc-1")).toBe(false);
    expect(await storage.put("a1/doc-1", Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]), { contentType: "application/pdf" })).toEqual({ size: bytes.length });
    expect(await storage.exists("a1/doc-1")).toBe(true);
    expect(sha256(await readAll(await storage.get("a1/doc-1")))).toBe(sha256(bytes));
    await storage.delete("a1/doc-1");
    expect(await storage.exists("a1/doc-1")).toBe(false);
    await storage.delete("a1/doc-1"); // already gone: fine
    await expect(storage.get("a1/doc-1")).rejects.toBeInstanceOf(StorageNotFoundError);
  });

  it("leaves nothing behind when the stream fails half-way, and rejects with the stream's error", async () => {
    const { storage, leftovers } = make();
    const before = await leftovers();
    const failing = Readable.from((async function* () {
      yield Buffer.alloc(64 * 1024, 1);
      yield Buffer.alloc(64 * 1024, 2);
      throw new UserError("evidence.errors.tooLarge", { name: "x.pdf", maxMb: 1 });
    })());
    await expect(storage.put("a1/doc-2", failing, { contentType: "application/pdf" })).rejects.toMatchObject({ key: "evidence.errors.tooLarge" });
    expect(await storage.exists("a1/doc-2")).toBe(false);
    expect(await leftovers()).toEqual(before);
  });

  it.runIf(listing)("lists stored objects with their keys and times", async () => {
    const { storage } = make();
    await storage.put("a3/listed-1", Readable.from([PDF]), { contentType: "application/pdf" });
    await storage.put("a3/listed-2", Readable.from([PDF]), { contentType: "application/pdf" });
    const listed = [];
    for await (const o of storage.list()) if (o.key.startsWith("a3/")) listed.push(o);
    expect(listed.map((o) => o.key).sort()).toEqual(["a3/listed-1", "a3/listed-2"]);
    expect(listed.every((o) => !o.temporary && Math.abs(o.modifiedAt.getTime() - Date.now()) < 60_000)).toBe(true);
    await storage.delete("a3/listed-1");
    await storage.delete("a3/listed-2");
  });

  it("refuses keys that are not server-generated", async () => {
    const { storage } = make();
    for (const key of ["../outside", "a/../../b", "/etc/passwd", "a\\b", "", "a/b.pdf", "a//b"]) {
      await expect(storage.put(key, Readable.from([PDF]), { contentType: "application/pdf" })).rejects.toThrow(/key/);
      await expect(storage.exists(key)).rejects.toThrow(/key/);
    }
  });
}

describe("local evidence storage", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "par-evidence-local-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  storageContract(() => ({ storage: new LocalEvidenceStorage(dir), leftovers: async () => filesIn(dir) }));

  it("writes through a temporary file in the same folder, renamed when complete", async () => {
    const storage = new LocalEvidenceStorage(dir);
    let seenWhileWriting: string[] = [];
    const slow = Readable.from((async function* () {
      yield PDF;
      // Wait until the write stream has opened its file (asynchronously), then look.
      for (let i = 0; i < 100 && filesIn(path.join(dir, "a2")).length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      seenWhileWriting = filesIn(path.join(dir, "a2"));
      yield Buffer.alloc(10, 0x20);
    })());
    await storage.put("a2/doc-3", slow, { contentType: "application/pdf" });
    expect(seenWhileWriting).toHaveLength(1);
    expect(seenWhileWriting[0]).toMatch(/^\.doc-3\.[0-9a-f]{12}\.tmp$/);
    expect(filesIn(path.join(dir, "a2"))).toEqual(["doc-3"]);
    expect(statSync(path.join(dir, "a2", "doc-3")).size).toBe(PDF.length + 10);
  });

  it("is the default backend, under PAR_EVIDENCE_DIR or <PAR_DATA_DIR>/evidence", () => {
    process.env.PAR_EVIDENCE_DIR = dir;
    delete process.env.PAR_S3_BUCKET;
    expect(evidenceStorage().label).toBe(`local:${dir}`);
    delete process.env.PAR_EVIDENCE_DIR;
    process.env.PAR_DATA_DIR = "/srv/par-data";
    expect(evidenceStorage().label).toBe("local:/srv/par-data/evidence");
    process.env = { ...ORIGINAL_ENV };
  });
});

type S3rverInstance = { run(): Promise<{ port: number }>; close(): Promise<void> };
const S3rver = createRequire(import.meta.url)("@20minutes/s3rver") as new (options: Record<string, unknown>) => S3rverInstance;

describe("S3 evidence storage (s3rver)", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "par-evidence-s3rver-"));
  const bucket = "par-evidence";
  let server: S3rverInstance;
  let endpoint: string;
  const credentials = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };

  beforeAll(async () => {
    // The SDK warns once that its releases after January 2027 need Node 22; the pinned one runs on 20.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
    server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory: dir, configureBuckets: [{ name: bucket }] });
    const { port } = await server.run();
    endpoint = `http://127.0.0.1:${port}`;
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const settings = () => s3SettingsFromEnv({ PAR_S3_BUCKET: bucket, PAR_S3_ENDPOINT: endpoint, PAR_S3_ACCESS_KEY_ID: credentials.accessKeyId,
    PAR_S3_SECRET_ACCESS_KEY: credentials.secretAccessKey, PAR_S3_PREFIX: "/test/" })!;
  // The objects s3rver holds, read from its folder (its bucket listing refuses the SDK's signatures).
  // Unfinished multipart uploads live apart (s3rver does not implement aborting them; S3 does).
  const objects = async () => filesIn(path.join(dir, bucket)).filter((f) => f.endsWith("._S3rver_object") && !f.startsWith("._S3rver_uploads"))
    .map((f) => f.slice(0, -"._S3rver_object".length));

  // s3rver answers every bucket listing with SignatureDoesNotMatch (a test-server quirk), so listing is
  // checked on the local folder only.
  storageContract(() => ({ storage: new S3EvidenceStorage(settings()), leftovers: objects }), { listing: false });

  it("reads its settings from the environment", () => {
    expect(s3SettingsFromEnv({})).toBeNull();
    expect(settings()).toEqual({ bucket, endpoint, region: "us-east-1", accessKeyId: "S3RVER", secretAccessKey: "S3RVER", forcePathStyle: true, prefix: "test/" });
    expect(s3SettingsFromEnv({ PAR_S3_BUCKET: "b", PAR_S3_FORCE_PATH_STYLE: "false", PAR_S3_ENDPOINT: "http://x" })?.forcePathStyle).toBe(false);
    expect(() => s3SettingsFromEnv({ PAR_S3_BUCKET: "b", PAR_S3_ACCESS_KEY_ID: "k" })).toThrow(/SECRET/);
  });

  it("streams a multipart upload (several 5 MB parts) and keeps keys under the prefix", async () => {
    const storage = new S3EvidenceStorage(settings());
    const bytes = bigPdf(12 * 1024 * 1024 + 123);
    const request = multipart([{ name: "Báo cáo lớn.pdf", bytes }]);
    const { files } = await receiveEvidenceUpload(request, { storage, keyPrefix: "assess1", limits: LIMITS });
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ fileName: "Báo cáo lớn.pdf", mimeType: "application/pdf", sizeBytes: bytes.length, sha256: sha256(bytes) });
    expect(await objects()).toEqual([`test/${files[0]!.storageKey}`]);
    expect(sha256(await readAll(await storage.get(files[0]!.storageKey)))).toBe(sha256(bytes));
    await storage.delete(files[0]!.storageKey);
    expect(await objects()).toEqual([]);
  });

  it("stores nothing when a file is refused, whether before or after a part was sent", async () => {
    const storage = new S3EvidenceStorage(settings());
    const tooLarge = await refusal(receiveEvidenceUpload(multipart([{ name: "ok.png", bytes: PNG }, { name: "big.pdf", bytes: bigPdf(7 * 1024 * 1024) }]),
      { storage, keyPrefix: "assess1", limits: { maxBytes: 6 * 1024 * 1024, maxFiles: 5 } }));
    expect(tooLarge.key).toBe("evidence.errors.tooLarge");
    const exe = await refusal(receiveEvidenceUpload(multipart([{ name: "ok.pdf", bytes: PDF }, { name: "setup.pdf", bytes: EXE }]), { storage, keyPrefix: "assess1", limits: LIMITS }));
    expect(exe).toMatchObject({ key: "evidence.errors.type", values: { name: "setup.pdf" } });
    expect(await objects()).toEqual([]);
  });

  it("is chosen when PAR_S3_BUCKET is set", () => {
    process.env.PAR_S3_BUCKET = bucket;
    process.env.PAR_S3_ENDPOINT = endpoint;
    expect(evidenceStorage().label).toBe(`s3:${bucket}`);
    process.env = { ...ORIGINAL_ENV };
  });
});

// ---- Upload checks, data layer and routes on the demo data ------------------------------------------

describe.each(DATABASE_MODES)("evidence on %s", (mode) => {
  // The demo 2026 self-assessment runs from 15/11/2026 to 15/01/2027 (Vietnam time).
  const OPEN = vietnamTime(2026, 11, 25, 10);
  let database: TestDatabase;
  let dir: string;
  let storage: LocalEvidenceStorage;
  let assessmentId: string;
  let actor: CurrentUser;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "par-evidence-"));
    process.env.PAR_EVIDENCE_DIR = dir;
    delete process.env.PAR_S3_BUCKET;
    storage = new LocalEvidenceStorage(dir);
    database = await createTestDatabase(mode);
    database.install();
    await seed(database.prisma, () => {});
    const a = await database.prisma.assessment.findFirstOrThrow({ where: { unit: { code: "SXD" }, cycle: { year: 2026 } } });
    assessmentId = a.id;
    const user = await database.prisma.user.findUniqueOrThrow({ where: { username: "cb.sxd" }, include: { unit: true } });
    actor = { id: user.id, username: user.username, name: user.name, role: user.role, unitId: user.unitId, unitCode: user.unit?.code ?? null,
      unitNameVi: user.unit?.nameVi ?? null, unitNameEn: user.unit?.nameEn ?? null, assignedCriteria: [], sessionVersion: user.sessionVersion };
  });
  afterAll(async () => {
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
    process.env = { ...ORIGINAL_ENV };
  });
  afterEach(() => {
    delete process.env.PAR_EVIDENCE_MAX_MB;
  });

  const upload = (parts: Part[], limits?: UploadLimits) => receiveEvidenceUpload(multipart(parts), { storage, keyPrefix: assessmentId, limits });
  const evidenceCount = () => database.prisma.evidence.count({ where: { assessmentId } });

  it("accepts a PDF and a PNG, streams them to the folder with their SHA-256, and links them to a leaf", async () => {
    const auditBefore = await database.prisma.auditEvent.count({ where: { action: "evidence.upload" } });
    const received = await upload([{ field: "criterion", value: "1.1.1" }, { name: "Quyết định 1880.pdf", bytes: PDF }, { name: "ảnh chụp.png", bytes: PNG }]);
    expect(received.criterion).toBe("1.1.1");
    expect(received.files.map((f) => [f.fileName, f.mimeType, f.sizeBytes, f.sha256])).toEqual([
      ["Quyết định 1880.pdf", "application/pdf", PDF.length, sha256(PDF)],
      ["ảnh chụp.png", "image/png", PNG.length, sha256(PNG)],
    ]);
    for (const f of received.files) {
      expect(f.storageKey).toMatch(new RegExp(`^${assessmentId}/[0-9a-f-]{36}$`));
      expect(sha256(readFileSync(path.join(dir, ...f.storageKey.split("/"))))).toBe(f.sha256);
    }
    const { items, reused } = await recordUploadedEvidence(assessmentId, received.files, received.criterion, actor.id, { now: OPEN, storage });
    expect(reused).toEqual([]);
    expect(items.map((i) => [i.fileName, i.criteria, i.previewable])).toEqual([["Quyết định 1880.pdf", ["1.1.1"], true], ["ảnh chụp.png", ["1.1.1"], true]]);
    expect(await database.prisma.auditEvent.count({ where: { action: "evidence.upload" } })).toBe(auditBefore + 1);
    const row = await database.prisma.evidence.findUniqueOrThrow({ where: { id: items[0]!.id } });
    expect(row).toMatchObject({ sha256: sha256(PDF), sizeBytes: PDF.length, uploadedById: actor.id, mimeType: "application/pdf" });
  });

  it("accepts JPEG, DOCX, XLSX (whatever the entry order), ODT, ODS and OLE2 .doc/.xls by content", async () => {
    const received = await upload([
      { name: "photo.JPG", bytes: JPEG }, { name: "to-trinh.docx", bytes: DOCX }, { name: "bang-diem.xlsx", bytes: XLSX_LATE },
      { name: "van-ban.odt", bytes: ODT }, { name: "so-lieu.ods", bytes: ODS }, { name: "cu.doc", bytes: CFB }, { name: "cu.xls", bytes: CFB },
      // Content decides the type; the name is given the matching extension.
      { name: "scan.docx", bytes: PDF }, { name: "không đuôi", bytes: PNG },
    ]);
    expect(received.files.map((f) => [f.fileName, f.mimeType])).toEqual([
      ["photo.JPG", "image/jpeg"],
      ["to-trinh.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
      ["bang-diem.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
      ["van-ban.odt", "application/vnd.oasis.opendocument.text"],
      ["so-lieu.ods", "application/vnd.oasis.opendocument.spreadsheet"],
      ["cu.doc", "application/msword"],
      ["cu.xls", "application/vnd.ms-excel"],
      ["scan.docx.pdf", "application/pdf"],
      ["không đuôi.png", "image/png"],
    ]);
    expect(received.files.find((f) => f.fileName === "bang-diem.xlsx")!.sha256).toBe(sha256(XLSX_LATE));
    const { discard } = await import("@/lib/server/evidence/upload");
    await discard(storage, received.files.map((f) => f.storageKey));
  });

  it("refuses an .exe renamed .pdf with a clear message, and stores nothing (not even the good file before it)", async () => {
    const files = filesIn(dir);
    const rows = await evidenceCount();
    const error = await refusal(upload([{ name: "bao-cao.pdf", bytes: PDF }, { name: "Quyết định.pdf", bytes: EXE, type: "application/pdf" }]));
    expect(error.key).toBe("evidence.errors.type");
    expect(error.values).toEqual({ name: "Quyết định.pdf" });
    expect(filesIn(dir)).toEqual(files);
    expect(await evidenceCount()).toBe(rows);
  });

  it("refuses other disguised or unknown content", async () => {
    const files = filesIn(dir);
    for (const [name, bytes] of [["macro.pdf", CFB], ["archive.docx", PLAIN_ZIP], ["notes.pdf", Buffer.from("just some text\n".repeat(10))],
      ["page.png", Buffer.from("<html><script>alert(1)</script></html>")]] as const) {
      expect((await refusal(upload([{ name, bytes }]))).key, name).toBe("evidence.errors.type");
    }
    expect(filesIn(dir)).toEqual(files);
  });

  it("refuses an oversized file (limit from PAR_EVIDENCE_MAX_MB) and leaves no partial or temporary file", async () => {
    const files = filesIn(dir);
    process.env.PAR_EVIDENCE_MAX_MB = "0.25";
    const limit = 256 * 1024;
    const error = await refusal(upload([{ name: "ok.png", bytes: PNG }, { name: "Hồ sơ lớn.pdf", bytes: bigPdf(limit + 1) }]));
    expect(error).toMatchObject({ key: "evidence.errors.tooLarge", values: { name: "Hồ sơ lớn.pdf", maxMb: "0.25" } });
    expect(filesIn(dir)).toEqual(files);
    // Exactly at the limit is allowed.
    const atLimit = await upload([{ name: "vừa đủ.pdf", bytes: bigPdf(limit) }]);
    expect(atLimit.files[0]!.sizeBytes).toBe(limit);
    await storage.delete(atLimit.files[0]!.storageKey);
    expect(filesIn(dir)).toEqual(files);
  });

  it("refuses an empty file, too many files, a nameless file and a request without files", async () => {
    const files = filesIn(dir);
    expect(await refusal(upload([{ name: "trống.pdf", bytes: Buffer.alloc(0) }]))).toMatchObject({ key: "evidence.errors.empty", values: { name: "trống.pdf" } });
    expect((await refusal(upload([{ name: "a.pdf", bytes: PDF }, { name: "b.png", bytes: PNG }, { name: "c.pdf", bytes: PDF }], { maxBytes: LIMITS.maxBytes, maxFiles: 2 }))).key)
      .toBe("evidence.errors.tooMany");
    expect((await refusal(upload([{ name: "..", bytes: PDF }]))).key).toBe("evidence.errors.name");
    // An empty file input (no file chosen) is skipped, so this request has no file at all.
    expect((await refusal(upload([{ name: "", bytes: Buffer.alloc(0) }, { field: "criterion", value: "1.1.1" }]))).key).toBe("evidence.errors.noFiles");
    expect((await refusal(receiveEvidenceUpload(new Request("http://x/", { method: "POST", body: "{}", headers: { "content-type": "application/json" } }),
      { storage, keyPrefix: assessmentId }))).key).toBe("evidence.errors.malformed");
    expect(filesIn(dir)).toEqual(files);
  });

  it("refuses a truncated body as malformed and cleans up what it stored", async () => {
    const files = filesIn(dir);
    const full = multipart([{ name: "a.pdf", bytes: PDF }, { name: "b.pdf", bytes: bigPdf(100_000) }]);
    const bytes = Buffer.from(await full.arrayBuffer());
    const cut = new Request("http://x/", { method: "POST", headers: { "content-type": full.headers.get("content-type")! }, body: bytes.subarray(0, bytes.length - 50_000) });
    expect((await refusal(receiveEvidenceUpload(cut, { storage, keyPrefix: assessmentId, limits: LIMITS }))).key).toBe("evidence.errors.malformed");
    expect(filesIn(dir)).toEqual(files);
  });

  it("stores path-traversal names as plain names, inside the folder", async () => {
    const received = await upload([{ name: "../../etc/passwd.pdf", bytes: PDF }, { name: "..\\..\\windows\\win.ini.png", bytes: PNG }]);
    // busboy keeps the last path component; a backslash inside a quoted name is an escape there.
    expect(received.files.map((f) => f.fileName)).toEqual(["passwd.pdf", expect.stringMatching(/^[^\\/]*win\.ini\.png$/)]);
    for (const f of received.files) expect(path.resolve(dir, f.storageKey).startsWith(dir + path.sep)).toBe(true);
    expect(filesIn(dir).every((f) => !f.includes(".."))).toBe(true);
    await recordUploadedEvidence(assessmentId, received.files, null, actor.id, { now: OPEN, storage });
  });

  it("uploads a document once and links it to several leaves; the same file uploaded again is not stored twice", async () => {
    const bytes = Buffer.concat([PDF, Buffer.from("% unique 42\n")]);
    const first = await recordUploadedEvidence(assessmentId, (await upload([{ name: "Kế hoạch CCHC.pdf", bytes }])).files, "1.1.2", actor.id, { now: OPEN, storage });
    const id = first.items[0]!.id;
    expect((await linkEvidence(id, "1.2.1", actor.id, { now: OPEN })).criteria).toEqual(["1.1.2", "1.2.1"]);
    expect((await linkEvidence(id, "1.2.1", actor.id, { now: OPEN })).criteria).toEqual(["1.1.2", "1.2.1"]); // no change, no audit
    expect(await database.prisma.auditEvent.count({ where: { action: "evidence.link", entityId: id } })).toBe(1);
    const audit = await database.prisma.auditEvent.findFirstOrThrow({ where: { action: "evidence.link", entityId: id } });
    expect(audit).toMatchObject({ before: { criteria: ["1.1.2"] }, after: { criteria: ["1.1.2", "1.2.1"] }, actorId: actor.id });

    const files = filesIn(dir);
    const again = await recordUploadedEvidence(assessmentId, (await upload([{ name: "ban-sao.pdf", bytes }])).files, "1.2.2", actor.id, { now: OPEN, storage });
    expect(again.reused).toEqual([id]);
    expect(again.items.map((i) => [i.id, i.fileName, i.criteria])).toEqual([[id, "Kế hoạch CCHC.pdf", ["1.1.2", "1.2.1", "1.2.2"]]]);
    expect(filesIn(dir)).toEqual(files);

    expect((await unlinkEvidence(id, "1.2.2", actor.id, { now: OPEN })).criteria).toEqual(["1.1.2", "1.2.1"]);
    const listed = (await listEvidence(assessmentId)).find((e) => e.id === id)!;
    expect(listed.criteria).toEqual(["1.1.2", "1.2.1"]);
    await expect(linkEvidence(id, "1.1", actor.id, { now: OPEN })).rejects.toMatchObject({ key: "evidence.errors.criterion" });
    await expect(linkEvidence(id, "8.1.1", actor.id, { now: OPEN })).rejects.toMatchObject({ key: "evidence.errors.criterion" });
  });

  it("refuses to record files for an unknown leaf, and removes them from storage", async () => {
    const files = filesIn(dir);
    const rows = await evidenceCount();
    const received = await upload([{ name: "x.pdf", bytes: Buffer.concat([PDF, Buffer.from("%x\n")]) }]);
    await expect(recordUploadedEvidence(assessmentId, received.files, "9.9.9", actor.id, { now: OPEN, storage })).rejects.toMatchObject({ key: "evidence.errors.criterion" });
    expect(filesIn(dir)).toEqual(files);
    expect(await evidenceCount()).toBe(rows);
  });

  it("deletes evidence while the worksheet is open, object included", async () => {
    const { items } = await recordUploadedEvidence(assessmentId, (await upload([{ name: "xóa.png", bytes: Buffer.concat([PNG, Buffer.from("1")]) }])).files, "1.1.1", actor.id, { now: OPEN, storage });
    const key = (await evidenceForDownload(items[0]!.id))!.storageKey;
    expect(await storage.exists(key)).toBe(true);
    await deleteEvidence(items[0]!.id, actor.id, { now: OPEN, storage });
    expect(await storage.exists(key)).toBe(false);
    expect(await evidenceForDownload(items[0]!.id)).toBeNull();
    const audit = await database.prisma.auditEvent.findFirstOrThrow({ where: { action: "evidence.delete", entityId: items[0]!.id } });
    expect(audit.before).toMatchObject({ fileName: "xóa.png", criteria: ["1.1.1"], storageKey: key });
  });

  it("refuses every change after submission (and after the deadline), keeping the files", async () => {
    const [item] = await listEvidence(assessmentId);
    const key = (await evidenceForDownload(item!.id))!.storageKey;
    await expect(deleteEvidence(item!.id, actor.id, { now: vietnamTime(2027, 1, 16, 9), storage })).rejects.toMatchObject({ key: "worksheet.errors.closed" });
    await database.prisma.assessment.update({ where: { id: assessmentId }, data: { status: "SUBMITTED" } });
    try {
      await expect(deleteEvidence(item!.id, actor.id, { now: OPEN, storage })).rejects.toMatchObject({ key: "worksheet.errors.submitted" });
      await expect(linkEvidence(item!.id, "1.2.2", actor.id, { now: OPEN })).rejects.toMatchObject({ key: "worksheet.errors.submitted" });
      await expect(unlinkEvidence(item!.id, "1.1.1", actor.id, { now: OPEN })).rejects.toMatchObject({ key: "worksheet.errors.submitted" });
      const files = filesIn(dir);
      const received = await upload([{ name: "muộn.pdf", bytes: Buffer.concat([PDF, Buffer.from("%late\n")]) }]);
      await expect(recordUploadedEvidence(assessmentId, received.files, null, actor.id, { now: OPEN, storage })).rejects.toMatchObject({ key: "worksheet.errors.submitted" });
      expect(filesIn(dir)).toEqual(files);
      expect(await storage.exists(key)).toBe(true);
      expect(await evidenceForDownload(item!.id)).not.toBeNull();
    } finally {
      await database.prisma.assessment.update({ where: { id: assessmentId }, data: { status: "IN_PROGRESS" } });
    }
  });

  describe("route handlers", () => {
    const base = "http://localhost";
    let routes: {
      list: typeof import("@/app/api/v1/assessments/[id]/evidence/route");
      file: typeof import("@/app/api/v1/evidence/[id]/route");
      links: typeof import("@/app/api/v1/evidence/[id]/links/route");
    };
    const ctx = (id: string) => ({ params: Promise.resolve({ id }) });

    beforeAll(async () => {
      vi.useFakeTimers({ toFake: ["Date"] });
      vi.setSystemTime(OPEN);
      routes = {
        list: await import("@/app/api/v1/assessments/[id]/evidence/route"),
        file: await import("@/app/api/v1/evidence/[id]/route"),
        links: await import("@/app/api/v1/evidence/[id]/links/route"),
      };
    });
    afterAll(() => {
      vi.useRealTimers();
      session.user = null;
    });

    it("uploads (201), lists with links and limits, previews and downloads", async () => {
      session.user = actor;
      const bytes = Buffer.concat([PDF, Buffer.from("%route\n")]);
      const res = await routes.list.POST(multipart([{ name: "Tờ trình số 5.pdf", bytes }, { field: "criterion", value: "1.2.1" }]), ctx(assessmentId));
      expect(res.status).toBe(201);
      const body = await res.json() as { evidence: { id: string; url: string; previewUrl: string; criteria: string[]; sha256: string }[]; reused: string[] };
      const [created] = body.evidence;
      expect(created).toMatchObject({ fileName: "Tờ trình số 5.pdf", mimeType: "application/pdf", sizeBytes: bytes.length, sha256: sha256(bytes), criteria: ["1.2.1"],
        previewable: true, url: `/api/v1/evidence/${created!.id}`, previewUrl: `/api/v1/evidence/${created!.id}?inline=1` });

      const list = await routes.list.GET(new Request(`${base}/api/v1/assessments/${assessmentId}/evidence`), ctx(assessmentId));
      expect(list.status).toBe(200);
      const listed = await list.json() as { evidence: { id: string }[]; writable: boolean; limits: Record<string, unknown> };
      expect(listed.writable).toBe(true);
      expect(listed.limits).toMatchObject({ maxBytes: 20 * 1024 * 1024, maxMb: 20, maxFiles: 20 });
      expect(listed.limits.accept).toContain(".docx");
      expect(listed.evidence.map((e) => e.id)).toContain(created!.id);

      const download = await routes.file.GET(new Request(`${base}${created!.url}`), ctx(created!.id));
      expect(download.status).toBe(200);
      expect(download.headers.get("content-type")).toBe("application/pdf");
      expect(download.headers.get("content-disposition")).toBe("attachment; filename=\"To trinh so 5.pdf\"; filename*=UTF-8''T%E1%BB%9D%20tr%C3%ACnh%20s%E1%BB%91%205.pdf");
      expect(download.headers.get("x-content-type-options")).toBe("nosniff");
      expect(download.headers.get("content-length")).toBe(String(bytes.length));
      expect(sha256(Buffer.from(await download.arrayBuffer()))).toBe(sha256(bytes));

      const preview = await routes.file.GET(new Request(`${base}${created!.previewUrl}`), ctx(created!.id));
      expect(preview.headers.get("content-disposition")).toMatch(/^inline; /);
      expect(preview.headers.get("content-security-policy")).toContain("default-src 'none'");
      await preview.body?.cancel();
      const notModified = await routes.file.GET(new Request(`${base}${created!.url}`, { headers: { "if-none-match": `"${created!.sha256}"` } }), ctx(created!.id));
      expect(notModified.status).toBe(304);
    });

    it("previews images in a sandbox, and never previews other types", async () => {
      session.user = actor;
      const res = await routes.list.POST(multipart([{ name: "a.png", bytes: Buffer.concat([PNG, Buffer.from("route")]) }, { name: "b.docx", bytes: DOCX }]), ctx(assessmentId));
      const { evidence } = await res.json() as { evidence: { id: string; previewUrl: string | null }[] };
      const png = await routes.file.GET(new Request(`${base}/api/v1/evidence/${evidence[0]!.id}?inline=1`), ctx(evidence[0]!.id));
      expect(png.headers.get("content-security-policy")).toMatch(/^sandbox; /);
      expect(png.headers.get("content-disposition")).toMatch(/^inline; /);
      await png.body?.cancel();
      expect(evidence[1]!.previewUrl).toBeNull();
      const docx = await routes.file.GET(new Request(`${base}/api/v1/evidence/${evidence[1]!.id}?inline=1`), ctx(evidence[1]!.id));
      expect(docx.headers.get("content-disposition")).toMatch(/^attachment; /);
      expect(docx.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      await docx.body?.cancel();
    });

    it("answers refusals as JSON with the key and the translated message; nothing is stored", async () => {
      session.user = actor;
      const files = filesIn(dir);
      const rows = await evidenceCount();
      const res = await routes.list.POST(multipart([{ name: "setup.pdf", bytes: EXE }]), ctx(assessmentId));
      expect(res.status).toBe(415);
      const body = await res.json() as { error: { code: string; message: string; values: Record<string, unknown> } };
      expect(body.error.code).toBe("evidence.errors.type");
      expect(body.error.message).toContain("“setup.pdf” không được chấp nhận");
      expect(body.error.values).toEqual({ name: "setup.pdf" });
      process.env.PAR_EVIDENCE_MAX_MB = "0.01";
      const big = await routes.list.POST(multipart([{ name: "lớn.pdf", bytes: bigPdf(20_000) }]), ctx(assessmentId));
      expect(big.status).toBe(413);
      expect((await big.json() as { error: { message: string } }).error.message).toContain("0.01 MB");
      expect(filesIn(dir)).toEqual(files);
      expect(await evidenceCount()).toBe(rows);
    });

    it("links and unlinks through the API", async () => {
      session.user = actor;
      const [item] = await listEvidence(assessmentId);
      const linked = await routes.links.POST(new Request(`${base}/x`, { method: "POST", body: JSON.stringify({ criterion: "1.3.1" }) }), ctx(item!.id));
      expect(linked.status).toBe(200);
      expect(((await linked.json()) as { evidence: { criteria: string[] } }).evidence.criteria).toContain("1.3.1");
      const unlinked = await routes.links.DELETE(new Request(`${base}/x?criterion=1.3.1`, { method: "DELETE" }), ctx(item!.id));
      expect(((await unlinked.json()) as { evidence: { criteria: string[] } }).evidence.criteria).not.toContain("1.3.1");
      const bad = await routes.links.POST(new Request(`${base}/x`, { method: "POST", body: "{}" }), ctx(item!.id));
      expect(bad.status).toBe(400);
      const leaf = await routes.links.POST(new Request(`${base}/x`, { method: "POST", body: JSON.stringify({ criterion: "1.1" }) }), ctx(item!.id));
      expect(leaf.status).toBe(422);
    });

    it("keeps other units out, lets readers download, and refuses deletion after submission with 409", async () => {
      const [item] = await listEvidence(assessmentId);
      const other = await database.prisma.user.findUniqueOrThrow({ where: { username: "cb.stp" } });
      session.user = { ...actor, id: other.id, unitId: other.unitId, unitCode: "STP" };
      expect((await routes.file.GET(new Request(`${base}/x`), ctx(item!.id))).status).toBe(403);
      expect((await routes.list.GET(new Request(`${base}/x`), ctx(assessmentId))).status).toBe(403);
      expect((await routes.list.GET(new Request(`${base}/x`), ctx("nonexistent"))).status).toBe(403);
      session.user = { ...actor, role: "LEADERSHIP", unitId: null };
      const read = await routes.file.GET(new Request(`${base}/x`), ctx(item!.id));
      expect(read.status).toBe(200);
      await read.body?.cancel();
      expect((await routes.file.DELETE(new Request(`${base}/x`, { method: "DELETE" }), ctx(item!.id))).status).toBe(403);
      expect((await routes.file.GET(new Request(`${base}/x`), ctx("nonexistent"))).status).toBe(404);
      session.user = null;
      expect((await routes.file.GET(new Request(`${base}/x`), ctx(item!.id))).status).toBe(401);

      session.user = actor;
      await database.prisma.assessment.update({ where: { id: assessmentId }, data: { status: "SUBMITTED" } });
      try {
        const refused = await routes.file.DELETE(new Request(`${base}/x`, { method: "DELETE" }), ctx(item!.id));
        expect(refused.status).toBe(409);
        expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("worksheet.errors.submitted");
        const late = await routes.list.POST(multipart([{ name: "muộn.pdf", bytes: PDF }]), ctx(assessmentId));
        expect(late.status).toBe(409);
        const list = await (await routes.list.GET(new Request(`${base}/x`), ctx(assessmentId))).json() as { writable: boolean };
        expect(list.writable).toBe(false);
      } finally {
        await database.prisma.assessment.update({ where: { id: assessmentId }, data: { status: "IN_PROGRESS" } });
      }
      const deleted = await routes.file.DELETE(new Request(`${base}/x`, { method: "DELETE" }), ctx(item!.id));
      expect(deleted.status).toBe(200);
      expect(await deleted.json()).toEqual({ deleted: item!.id });
    });
  });
});
