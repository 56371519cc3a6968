import type { FrameworkDoc } from "@/lib/domain/framework";
import { frameworkDocSchema } from "@/lib/schemas/framework";
import { frameworkFromXlsx, IMPORT_LIMITS, type ImportResult, type RowError } from "./framework-xlsx";

/**
 * Reads a criterion set from an uploaded file, recognised by its content (an XLSX is a ZIP: "PK\x03\x04";
 * JSON starts with "{"), never by its name. Returns row-level errors, never throws.
 */
export async function parseFrameworkFile(bytes: Buffer): Promise<ImportResult<FrameworkDoc>> {
  if (bytes.length > IMPORT_LIMITS.maxBytes) return { ok: false, rows: 0, errors: [tooLarge()] };
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return frameworkFromXlsx(bytes);
  const text = bytes.toString("utf8").replace(/^\uFEFF/, "");
  if (!text.trimStart().startsWith("{")) {
    return { ok: false, rows: 0, errors: [{ sheet: "", row: 0, key: "frameworks.importPage.unsupported" }] };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, rows: 0, errors: [{ sheet: "JSON", row: 0, key: "frameworks.importPage.badJson",
      values: { reason: error instanceof Error ? error.message : String(error) } }] };
  }
  return frameworkFromJson(json);
}

/** Validates a parsed JSON document; issues keep their JSON path (shown in the column of the error table). */
export function frameworkFromJson(json: unknown): ImportResult<FrameworkDoc> {
  const parsed = frameworkDocSchema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data, rows: 0 };
  const errors: RowError[] = parsed.error.issues.map((issue) => {
    const custom = issue.message.startsWith("frameworks.");
    return {
      sheet: "JSON",
      row: 0,
      column: issue.path.map(String).join("."),
      key: custom ? issue.message : "frameworks.importPage.jsonInvalid",
      values: { ...((issue as { params?: Record<string, string | number> }).params ?? {}), detail: issue.message },
    };
  });
  return { ok: false, rows: 0, errors };
}

/** The refusal of a file over the import size limit. */
export function tooLarge(): RowError {
  return { sheet: "", row: 0, key: "import.file.tooLarge", values: { maxMb: IMPORT_LIMITS.maxBytes / 1024 / 1024 } };
}
