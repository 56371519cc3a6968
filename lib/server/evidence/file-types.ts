import { fileTypeFromBuffer } from "file-type/core";

/**
 * Which evidence files are accepted, judged by their content (magic bytes), never by their name.
 * Pure apart from file-type's parsing of an in-memory buffer: no I/O.
 */
export type EvidenceType = { mime: string; extensions: readonly string[]; previewable: boolean };

export const EVIDENCE_TYPES: readonly EvidenceType[] = [
  { mime: "application/pdf", extensions: ["pdf"], previewable: true },
  { mime: "application/msword", extensions: ["doc"], previewable: false },
  { mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", extensions: ["docx"], previewable: false },
  { mime: "application/vnd.ms-excel", extensions: ["xls"], previewable: false },
  { mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", extensions: ["xlsx"], previewable: false },
  { mime: "application/vnd.oasis.opendocument.text", extensions: ["odt"], previewable: false },
  { mime: "application/vnd.oasis.opendocument.spreadsheet", extensions: ["ods"], previewable: false },
  { mime: "image/jpeg", extensions: ["jpg", "jpeg"], previewable: true },
  { mime: "image/png", extensions: ["png"], previewable: true },
];

const BY_MIME = new Map(EVIDENCE_TYPES.map((t) => [t.mime, t]));

export function evidenceType(mime: string): EvidenceType | undefined {
  return BY_MIME.get(mime);
}

/** Shown inline (preview) rather than only downloaded. */
export function isPreviewable(mime: string): boolean {
  return BY_MIME.get(mime)?.previewable ?? false;
}

/** Every accepted extension, for the file picker's `accept` attribute (a hint only: the server decides). */
export const ACCEPTED_EXTENSIONS = EVIDENCE_TYPES.flatMap((t) => t.extensions.map((e) => `.${e}`));

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** How many leading bytes the first decision is made on. */
export const SNIFF_BYTES = 4100;

/**
 * The verdict on a file's first bytes: an accepted type, a ZIP archive whose Office type can only be
 * told from its entry names further on (see ZipEntryScan), or a refusal.
 */
export type Sniffed = { kind: "type"; mime: string } | { kind: "zip" } | { kind: "refused" };

export async function sniffEvidence(head: Uint8Array, extension: string): Promise<Sniffed> {
  const found = await fileTypeFromBuffer(head);
  if (!found) return { kind: "refused" };
  switch (found.mime) {
    case "application/x-cfb":
      // Word 97–2003 (.doc) and Excel 97–2003 (.xls) are both OLE2 Compound File Binary containers
      // with the same magic bytes; which application's data is inside is only named in the container's
      // directory, which may sit anywhere in the file. So a CFB file is accepted only under a .doc or
      // .xls name, and typed by that name. Other CFB files (.msi, .msg, .ppt…) are refused. Such a file
      // is only ever offered for download, never shown inline.
      if (extension === "doc") return { kind: "type", mime: "application/msword" };
      if (extension === "xls") return { kind: "type", mime: "application/vnd.ms-excel" };
      return { kind: "refused" };
    case "application/zip":
      // DOCX/XLSX are ZIP archives; file-type names them from [Content_Types].xml when it is among the
      // first entries. Writers that put it last (LibreOffice, openpyxl…) need the entry names.
      return { kind: "zip" };
    default:
      return BY_MIME.has(found.mime) ? { kind: "type", mime: found.mime } : { kind: "refused" };
  }
}

/**
 * Watches a ZIP archive's bytes go by and notes the names of its entries (local file headers), keeping
 * only a few hundred bytes between chunks. An archive with [Content_Types].xml and word/… entries is a
 * DOCX; with xl/… entries an XLSX (the same rule file-type applies when it can read the entries).
 */
export class ZipEntryScan {
  private carry: Buffer = Buffer.alloc(0);
  private contentTypes = false;
  private word = false;
  private excel = false;

  private static readonly SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
  private static readonly HEADER = 30;
  private static readonly MAX_NAME = 256;

  push(chunk: Buffer): void {
    const data = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    let at = data.indexOf(ZipEntryScan.SIGNATURE);
    while (at !== -1 && at + ZipEntryScan.HEADER <= data.length) {
      const nameLength = data.readUInt16LE(at + 26);
      const end = at + ZipEntryScan.HEADER + nameLength;
      if (end > data.length) break;
      if (nameLength <= ZipEntryScan.MAX_NAME) this.note(data.toString("latin1", at + ZipEntryScan.HEADER, end));
      at = data.indexOf(ZipEntryScan.SIGNATURE, at + 4);
    }
    // Keep enough to finish a header cut by the chunk boundary; seeing a name twice is harmless.
    const keep = ZipEntryScan.HEADER + ZipEntryScan.MAX_NAME;
    this.carry = Buffer.from(data.subarray(Math.max(0, data.length - keep)));
  }

  private note(name: string): void {
    if (name === "[Content_Types].xml") this.contentTypes = true;
    else if (name.startsWith("word/")) this.word = true;
    else if (name.startsWith("xl/")) this.excel = true;
  }

  /** The Office type of the archive, or null when it is some other ZIP. */
  result(): string | null {
    if (!this.contentTypes) return null;
    if (this.word && !this.excel) return DOCX;
    if (this.excel && !this.word) return XLSX;
    return null;
  }
}

/** Longest stored file name, in characters (the extension is kept when shortening). */
export const MAX_NAME_LENGTH = 180;

/**
 * The file name to store and show: the last path component only, NFC (so Vietnamese letters compare
 * and display consistently), without control or invisible formatting characters (e.g. the right-to-left
 * override used to disguise "gpj.exe"), without characters Windows forbids, trimmed, and at most
 * MAX_NAME_LENGTH characters. Null when nothing usable is left.
 */
export function sanitizeFileName(raw: string): string | null {
  const last = raw.normalize("NFC").split(/[/\\]/).pop() ?? "";
  const cleaned = last
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cs}]/gu, "")
    .replace(/[<>:"|?*]/g, "_")
    .replace(/\s+/g, " ")
    .replace(/^[\s.]+|[\s.]+$/g, "");
  if (!cleaned) return null;
  const chars = Array.from(cleaned);
  if (chars.length <= MAX_NAME_LENGTH) return cleaned;
  const dot = cleaned.lastIndexOf(".");
  const ext = dot > 0 ? Array.from(cleaned.slice(dot)) : [];
  if (ext.length > 10) return chars.slice(0, MAX_NAME_LENGTH).join("").trimEnd();
  const base = Array.from(cleaned.slice(0, dot));
  return base.slice(0, MAX_NAME_LENGTH - ext.length).join("").trimEnd() + ext.join("");
}

/** The extension of a file name, lower case, without the dot ("" when there is none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
}

/** The name with an extension that matches its content: "Báo cáo" (PDF) → "Báo cáo.pdf". */
export function nameForType(name: string, mime: string): string {
  const type = BY_MIME.get(mime);
  if (!type || type.extensions.includes(extensionOf(name))) return name;
  const withExt = `${name}.${type.extensions[0]}`;
  return Array.from(withExt).length <= MAX_NAME_LENGTH ? withExt : (sanitizeFileName(withExt) ?? withExt);
}
