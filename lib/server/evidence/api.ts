import { ACCEPTED_EXTENSIONS, EVIDENCE_TYPES } from "./file-types";
import { megabytes, type UploadLimits } from "./upload";
import type { EvidenceItem } from "@/lib/server/data/evidence";

/** The JSON of one evidence file in the API: the item, with where to download and preview it. */
export type EvidenceJson = EvidenceItem & { url: string; previewUrl: string | null };

export function evidenceJson(item: EvidenceItem): EvidenceJson {
  const url = `/api/v1/evidence/${encodeURIComponent(item.id)}`;
  return { ...item, url, previewUrl: item.previewable ? `${url}?inline=1` : null };
}

/** What the upload form needs to know before sending (the server checks again). */
export function uploadLimitsJson(limits: UploadLimits) {
  return {
    maxBytes: limits.maxBytes,
    maxMb: Number(megabytes(limits.maxBytes)),
    maxFiles: limits.maxFiles,
    mimeTypes: EVIDENCE_TYPES.map((t) => t.mime),
    /** For `<input type="file" accept=…>`. */
    accept: ACCEPTED_EXTENSIONS.join(","),
  };
}

/**
 * `Content-Disposition` with the name in both forms: an ASCII fallback (Vietnamese letters without
 * their marks, other characters replaced) and the exact UTF-8 name as RFC 5987/6266 `filename*`.
 */
export function contentDisposition(kind: "attachment" | "inline", fileName: string): string {
  const ascii = fileName
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/[^\x20-\x7e]/g, "_")
    .replace(/["\\%;]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii || "file"}"; filename*=UTF-8''${encoded}`;
}
