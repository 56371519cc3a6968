import "server-only";
import busboy from "busboy";
import { createHash, randomUUID } from "node:crypto";
import { Readable, Transform, type TransformCallback } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeWebReadableStream } from "node:stream/web";
import { UserError } from "@/lib/server/data/errors";
import type { EvidenceStorage } from "@/lib/server/storage/types";
import { extensionOf, nameForType, sanitizeFileName, sniffEvidence, SNIFF_BYTES, ZipEntryScan } from "./file-types";

/**
 * Receives a multipart upload of evidence files and streams each one to storage: never more than a
 * few kilobytes of a file in memory here, the type judged from the content, the size limit enforced
 * while the bytes flow, the SHA-256 computed on the way. All or nothing: when any file is refused,
 * every object already stored for the request is deleted before the refusal is thrown.
 */

export type UploadLimits = { maxBytes: number; maxFiles: number };

export const DEFAULT_MAX_MB = 20;
export const DEFAULT_MAX_FILES = 20;
const MIB = 1024 * 1024;
/** Room for the multipart boundaries, part headers and the form fields. */
const FORM_OVERHEAD = MIB;

/** `PAR_EVIDENCE_MAX_MB` (MB per file, decimals allowed; default 20) and `PAR_EVIDENCE_MAX_FILES` (default 20). */
export function evidenceLimits(env: Readonly<Record<string, string | undefined>> = process.env): UploadLimits {
  const mb = Number(env.PAR_EVIDENCE_MAX_MB?.trim() || DEFAULT_MAX_MB);
  const files = Number(env.PAR_EVIDENCE_MAX_FILES?.trim() || DEFAULT_MAX_FILES);
  if (!Number.isFinite(mb) || mb <= 0) throw new Error(`PAR_EVIDENCE_MAX_MB must be a positive number of megabytes (got "${env.PAR_EVIDENCE_MAX_MB}")`);
  if (!Number.isInteger(files) || files < 1) throw new Error(`PAR_EVIDENCE_MAX_FILES must be a positive whole number (got "${env.PAR_EVIDENCE_MAX_FILES}")`);
  return { maxBytes: Math.floor(mb * MIB), maxFiles: files };
}

/** Megabytes for messages: "20", "0.5". */
export function megabytes(bytes: number): string {
  return String(Math.round((bytes / MIB) * 100) / 100);
}

/** One file now in storage, not yet recorded in the database. */
export type ReceivedFile = { storageKey: string; fileName: string; mimeType: string; sizeBytes: number; sha256: string };

export type ReceivedUpload = {
  files: ReceivedFile[];
  /** The optional `criterion` form field: the leaf code to link the files to. */
  criterion: string | null;
};

/** The request body itself failed (malformed multipart, client gone): the user's problem, not ours. */
class BodyError extends Error {
  constructor(readonly reason: unknown) {
    super(reason instanceof Error ? reason.message : String(reason));
    this.name = "BodyError";
  }
}

/**
 * Reads `request` (multipart/form-data: file parts, any field name, and an optional `criterion` field)
 * and stores each file under `<keyPrefix>/<uuid>`. Throws a UserError (nothing stored) on refusal.
 */
export async function receiveEvidenceUpload(
  request: Request,
  options: { storage: EvidenceStorage; keyPrefix: string; limits?: UploadLimits },
): Promise<ReceivedUpload> {
  const { storage, keyPrefix } = options;
  const limits = options.limits ?? evidenceLimits();
  const maxRequest = limits.maxBytes * limits.maxFiles + FORM_OVERHEAD;
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\b/i.test(contentType) || !request.body) throw new UserError("evidence.errors.malformed");
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxRequest) {
    throw new UserError("evidence.errors.requestTooLarge", { maxMb: megabytes(maxRequest) });
  }

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      // Browsers send file names as raw UTF-8; busboy would read them as Latin-1 by default.
      defParamCharset: "utf8",
      // One byte over the limit tells "too large" apart from "exactly at the limit".
      limits: { fileSize: limits.maxBytes + 1, files: limits.maxFiles, fields: 10, fieldSize: 1024, parts: limits.maxFiles + 10, headerPairs: 20 },
    });
  } catch {
    throw new UserError("evidence.errors.malformed");
  }

  const stored: ReceivedFile[] = [];
  let failure: unknown = null;
  const fail = (error: unknown) => { failure ??= error; };
  let criterion: string | null = null;
  // Files are handled one after the other, in the order they arrive.
  let queue: Promise<void> = Promise.resolve();

  parser.on("file", (_field, file, info) => {
    queue = queue.then(async () => {
      if (failure) {
        file.resume();
        return;
      }
      try {
        const received = await receiveFile(file, info.filename ?? "", storage, `${keyPrefix}/${randomUUID()}`, limits);
        if (received) stored.push(received);
      } catch (error) {
        fail(error);
        file.resume();
      }
    });
  });
  parser.on("field", (name, value, info) => {
    if (name !== "criterion") return;
    if (info.valueTruncated) fail(new UserError("evidence.errors.malformed"));
    else criterion = value.trim() || null;
  });
  parser.on("filesLimit", () => fail(new UserError("evidence.errors.tooMany", { max: limits.maxFiles })));
  parser.on("partsLimit", () => fail(new UserError("evidence.errors.tooMany", { max: limits.maxFiles })));

  let received = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received += chunk.length;
      if (received > maxRequest) callback(new UserError("evidence.errors.requestTooLarge", { maxMb: megabytes(maxRequest) }));
      else callback(null, chunk);
    },
  });

  let bodyError: unknown = null;
  try {
    await pipeline(Readable.fromWeb(request.body as NodeWebReadableStream<Uint8Array>), counter, parser);
  } catch (error) {
    bodyError = error;
  }
  await queue;

  const error = refusal(failure ?? bodyError) ?? (stored.length === 0 ? new UserError("evidence.errors.noFiles") : null);
  if (error) {
    await discard(storage, stored.map((f) => f.storageKey));
    throw error;
  }
  return { files: stored, criterion };
}

/** The error to report: refusals as they are, body failures as "malformed", anything else (storage) as is. */
function refusal(error: unknown): unknown {
  if (error === null || error === undefined) return null;
  if (error instanceof UserError) return error;
  if (error instanceof BodyError) return error.reason instanceof UserError ? error.reason : new UserError("evidence.errors.malformed");
  // busboy's own parse errors and a client that went away arrive as plain errors from the pipeline.
  if (error instanceof Error && /Unexpected end|Malformed|aborted|premature close/i.test(error.message)) {
    return new UserError("evidence.errors.malformed");
  }
  return error;
}

/** Deletes stored objects, best effort (each failure is logged: an orphan object, not a wrong record). */
export async function discard(storage: EvidenceStorage, keys: readonly string[]): Promise<void> {
  await Promise.all(keys.map((key) => storage.delete(key).catch((error: unknown) => {
    console.error(`evidence: could not delete ${storage.label}/${key}`, error);
  })));
}

/** One file part: checked and streamed to storage. Null for an empty part without a name (no file chosen). */
async function receiveFile(file: Readable, rawName: string, storage: EvidenceStorage, key: string, limits: UploadLimits): Promise<ReceivedFile | null> {
  const name = sanitizeFileName(rawName);
  if (!name) {
    if (rawName !== "") throw new UserError("evidence.errors.name");
    // A browser sends an empty part with filename="" for a file input left empty: skip it.
    let bytes = 0;
    for await (const chunk of file) bytes += (chunk as Buffer).length;
    if (bytes === 0) return null;
    throw new UserError("evidence.errors.name");
  }
  const inspector = new Inspector(name, limits.maxBytes);
  file.once("error", (error) => inspector.destroy(new BodyError(error)));
  file.once("limit", () => inspector.destroy(new UserError("evidence.errors.tooLarge", { name, maxMb: megabytes(limits.maxBytes) })));
  file.pipe(inspector);
  try {
    const provisional = await inspector.sniffed;
    await storage.put(key, inspector, { contentType: provisional });
  } catch (error) {
    file.unpipe(inspector);
    inspector.destroy();
    throw error;
  }
  const result = inspector.result();
  return { storageKey: key, fileName: nameForType(name, result.mimeType), ...result };
}

/**
 * Passes a file's bytes through unchanged once its first SNIFF_BYTES have shown an accepted type;
 * meanwhile counts them, hashes them and, for ZIP archives, notes the entry names. Fails the stream
 * (and so the storage write) as soon as the file is refused.
 */
class Inspector extends Transform {
  /** The type judged from the first bytes (a provisional Office type for ZIP archives). */
  readonly sniffed: Promise<string>;
  private resolveSniffed!: (mime: string) => void;
  private rejectSniffed!: (error: unknown) => void;
  private head: Buffer[] = [];
  private headLength = 0;
  private mime: string | null = null;
  private zip: ZipEntryScan | null = null;
  private size = 0;
  private readonly hash = createHash("sha256");
  private final: { mimeType: string; sizeBytes: number; sha256: string } | null = null;

  constructor(private readonly name: string, private readonly maxBytes: number) {
    super();
    this.sniffed = new Promise((resolve, reject) => {
      this.resolveSniffed = resolve;
      this.rejectSniffed = reject;
    });
    this.sniffed.catch(() => {});
    // Errors are observed through `sniffed` and the storage write; this keeps one that happens before
    // the write has started from being an uncaught 'error' event.
    this.on("error", (error) => this.rejectSniffed(error));
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) return callback(this.tooLarge());
    this.hash.update(chunk);
    this.zip?.push(chunk);
    if (this.mime) return callback(null, chunk);
    this.head.push(chunk);
    this.headLength += chunk.length;
    if (this.headLength < SNIFF_BYTES) return callback();
    this.decide().then(() => callback(), callback);
  }

  override _flush(callback: TransformCallback): void {
    const finish = () => {
      if (this.size === 0) throw new UserError("evidence.errors.empty", { name: this.name });
      let mimeType = this.mime!;
      if (this.zip) {
        const office = this.zip.result();
        if (!office) throw this.refusedType();
        mimeType = office;
      }
      this.final = { mimeType, sizeBytes: this.size, sha256: this.hash.digest("hex") };
    };
    (this.mime || this.size === 0 ? Promise.resolve() : this.decide()).then(finish).then(() => callback(), callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.rejectSniffed(error ?? new Error("upload stopped"));
    callback(error);
  }

  /** Judges the head, then lets it through. */
  private async decide(): Promise<void> {
    const head = Buffer.concat(this.head);
    this.head = [];
    const verdict = await sniffEvidence(head, extensionOf(this.name));
    if (verdict.kind === "refused") throw this.refusedType();
    if (verdict.kind === "zip") {
      this.zip = new ZipEntryScan();
      this.zip.push(head);
      // Provisional, for the storage's content-type: the entry names decide at the end.
      this.mime = extensionOf(this.name) === "xlsx"
        ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        : "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    } else {
      this.mime = verdict.mime;
    }
    this.resolveSniffed(this.mime);
    this.push(head);
  }

  private refusedType(): UserError {
    return new UserError("evidence.errors.type", { name: this.name });
  }

  private tooLarge(): UserError {
    return new UserError("evidence.errors.tooLarge", { name: this.name, maxMb: megabytes(this.maxBytes) });
  }

  /** Type, size and hash of the complete file (after the stream has ended). */
  result(): { mimeType: string; sizeBytes: number; sha256: string } {
    if (!this.final) throw new Error("evidence file not complete");
    return this.final;
  }
}
