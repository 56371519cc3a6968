import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { PassThrough, Readable } from "node:stream";
import { assertValidKey, StorageNotFoundError, type EvidenceStorage, type StoredObject } from "./types";

/** The S3 settings read from the environment (the variables are listed in ./index.ts). */
export type S3Settings = {
  bucket: string;
  endpoint?: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
  /** Prefix put before every key, e.g. "par/" when the bucket is shared. */
  prefix: string;
};

export function s3SettingsFromEnv(env: Readonly<Record<string, string | undefined>>): S3Settings | null {
  const bucket = env.PAR_S3_BUCKET?.trim();
  if (!bucket) return null;
  const endpoint = env.PAR_S3_ENDPOINT?.trim() || undefined;
  const accessKeyId = env.PAR_S3_ACCESS_KEY_ID?.trim() || undefined;
  const secretAccessKey = env.PAR_S3_SECRET_ACCESS_KEY?.trim() || undefined;
  if (Boolean(accessKeyId) !== Boolean(secretAccessKey)) {
    throw new Error("Set both PAR_S3_ACCESS_KEY_ID and PAR_S3_SECRET_ACCESS_KEY, or neither (the AWS default credential chain is then used).");
  }
  const style = env.PAR_S3_FORCE_PATH_STYLE?.trim().toLowerCase();
  const prefix = env.PAR_S3_PREFIX?.trim().replace(/^\/+|\/+$/g, "") ?? "";
  return {
    bucket,
    endpoint,
    region: env.PAR_S3_REGION?.trim() || "us-east-1",
    accessKeyId,
    secretAccessKey,
    // Most self-hosted S3-compatible servers (MinIO, Ceph, SeaweedFS) want path-style URLs.
    forcePathStyle: style === undefined || style === "" ? Boolean(endpoint) : style === "1" || style === "true",
    prefix: prefix ? `${prefix}/` : "",
  };
}

/** Upload part size: S3's minimum. The uploader holds about (queue size + 1) parts in memory. */
const PART_SIZE = 5 * 1024 * 1024;

/**
 * Evidence in an S3-compatible bucket. Uploads are multipart and streamed (a few MB in memory,
 * whatever the file size); a failed upload is aborted so no object appears.
 */
export class S3EvidenceStorage implements EvidenceStorage {
  readonly label: string;
  private readonly client: S3Client;

  constructor(private readonly settings: S3Settings, client?: S3Client) {
    this.label = `s3:${settings.bucket}${settings.prefix ? `/${settings.prefix.slice(0, -1)}` : ""}`;
    this.client = client ?? new S3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      forcePathStyle: settings.forcePathStyle,
      credentials: settings.accessKeyId && settings.secretAccessKey
        ? { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey }
        : undefined,
      // Checksums only where S3 requires them: several S3-compatible servers reject the newer
      // default (CRC32 trailers on every upload).
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
  }

  private objectKey(key: string): string {
    assertValidKey(key);
    return this.settings.prefix + key;
  }

  async put(key: string, stream: Readable, options: { contentType: string }): Promise<{ size: number }> {
    const Key = this.objectKey(key);
    // Count the bytes, and remember the source's own error: when the source fails (e.g. the size
    // limit), the uploader's abort may fail too and would otherwise hide the reason.
    let size = 0;
    let sourceError: unknown = null;
    const body = new PassThrough();
    stream.on("data", (chunk: Buffer) => { size += chunk.length; });
    stream.once("error", (error) => { sourceError = error; body.destroy(error); });
    stream.pipe(body);
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.settings.bucket, Key, Body: body, ContentType: options.contentType },
      partSize: PART_SIZE,
      queueSize: 1,
      leavePartsOnError: false,
    });
    try {
      await upload.done();
      return { size };
    } catch (error) {
      stream.destroy();
      await this.delete(key).catch(() => {});
      throw sourceError ?? error;
    }
  }

  async get(key: string): Promise<Readable> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }));
      const body = out.Body;
      if (body instanceof Readable) return body;
      if (body && "transformToWebStream" in body) {
        return Readable.fromWeb(body.transformToWebStream() as Parameters<typeof Readable.fromWeb>[0]);
      }
      throw new Error(`S3 returned no body for ${key}`);
    } catch (error) {
      if (isNotFound(error)) throw new StorageNotFoundError(key);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }));
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async *list(): AsyncIterable<StoredObject> {
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.settings.bucket, Prefix: this.settings.prefix || undefined, ContinuationToken: token }));
      for (const o of page.Contents ?? []) {
        if (o.Key) yield { key: o.Key.slice(this.settings.prefix.length), modifiedAt: o.LastModified ?? new Date(0) };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }
}

function isNotFound(error: unknown): boolean {
  if (error instanceof S3ServiceException) {
    return error.name === "NoSuchKey" || error.name === "NotFound" || error.$metadata?.httpStatusCode === 404;
  }
  return false;
}
