import "server-only";
import path from "node:path";
import { dataDir } from "@/lib/server/db/config";
import { LocalEvidenceStorage } from "./local";
import { S3EvidenceStorage, s3SettingsFromEnv } from "./s3";
import type { EvidenceStorage } from "./types";

export type { EvidenceStorage } from "./types";
export { StorageNotFoundError } from "./types";

/*
 * Configuration (environment):
 * - PAR_EVIDENCE_DIR          local folder for evidence files (default <PAR_DATA_DIR>/evidence)
 * - PAR_S3_BUCKET             set it to store evidence in this S3 bucket instead of the local folder
 * - PAR_S3_ENDPOINT           S3-compatible server URL (MinIO, Ceph…); unset for AWS S3
 * - PAR_S3_REGION             default us-east-1
 * - PAR_S3_ACCESS_KEY_ID, PAR_S3_SECRET_ACCESS_KEY   both or neither (then the AWS default credential chain)
 * - PAR_S3_FORCE_PATH_STYLE   1/true or 0/false; default: true when PAR_S3_ENDPOINT is set
 * - PAR_S3_PREFIX             optional key prefix inside a shared bucket, e.g. "par"
 * Upload limits (lib/server/evidence/upload.ts): PAR_EVIDENCE_MAX_MB (20), PAR_EVIDENCE_MAX_FILES (20).
 */

type Env = Readonly<Record<string, string | undefined>>;

/** The local evidence folder: `PAR_EVIDENCE_DIR`, else `<PAR_DATA_DIR>/evidence`. */
export function evidenceDir(env: Env = process.env): string {
  const dir = env.PAR_EVIDENCE_DIR?.trim();
  return dir ? path.resolve(/* turbopackIgnore: true */ dir) : path.join(dataDir(env), "evidence");
}

/** The storage the environment asks for: S3 when `PAR_S3_BUCKET` is set, else the local folder. */
export function storageFromEnv(env: Env = process.env): EvidenceStorage {
  const s3 = s3SettingsFromEnv(env);
  return s3 ? new S3EvidenceStorage(s3) : new LocalEvidenceStorage(evidenceDir(env));
}

const g = globalThis as typeof globalThis & { __parEvidenceStorage?: { config: string; storage: EvidenceStorage } };

/** The server's evidence storage (one per configuration, shared by every route bundle). */
export function evidenceStorage(): EvidenceStorage {
  const config = JSON.stringify([process.env.PAR_S3_BUCKET, process.env.PAR_S3_ENDPOINT, process.env.PAR_S3_REGION,
    process.env.PAR_S3_PREFIX, process.env.PAR_S3_FORCE_PATH_STYLE, process.env.PAR_S3_ACCESS_KEY_ID,
    process.env.PAR_EVIDENCE_DIR, process.env.PAR_DATA_DIR]);
  if (g.__parEvidenceStorage?.config !== config) g.__parEvidenceStorage = { config, storage: storageFromEnv() };
  return g.__parEvidenceStorage.storage;
}
