import { uploadWithProgress } from "@/components/imports/upload";

/** What the attachments route answers: the stored files, or a refusal with its message. */
type UploadAnswer = { files?: { id: string; fileName: string }[]; error?: { message?: string } };

/** Uploads files to an initiative (`POST /api/v1/attachments?owner=initiative&id=…`); the count stored, or the server's message. */
export async function uploadInitiativeFiles(id: string, files: readonly File[], onProgress: (percent: number) => void,
  fallback: string): Promise<{ ok: true; count: number } | { ok: false; message: string }> {
  const form = new FormData();
  for (const f of files) form.append("file", f);
  try {
    const r = await uploadWithProgress<UploadAnswer>(`/api/v1/attachments?owner=initiative&id=${encodeURIComponent(id)}`, form, onProgress);
    return r.files ? { ok: true, count: r.files.length } : { ok: false, message: r.error?.message ?? fallback };
  } catch {
    return { ok: false, message: fallback };
  }
}
