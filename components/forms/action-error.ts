import type { ActionResult } from "@/lib/server/actions/pipeline";

type Translate = (key: string, values?: Record<string, string | number>) => string;

/** The message of a refused server action: its first field issue if any, else the refusal itself, translated. */
export function actionErrorText(r: Extract<ActionResult<unknown>, { ok: false }>, t: Translate): string {
  const first = r.issues?.[0];
  return first ? t(first.key, first.values as Record<string, string>) : t(r.error.key, r.error.values);
}
