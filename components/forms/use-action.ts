"use client";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/server/actions/pipeline";

/** State of a form calling a server action: the result, pending flag, the issue of a field, and `run`. */
export function useAction<T>() {
  const [result, setResult] = useState<ActionResult<T> | null>(null);
  const [pending, start] = useTransition();
  const issue = (field: string) => (result && !result.ok ? result.issues?.find((i) => i.path[0] === field) : undefined);
  const run = (call: () => Promise<ActionResult<T>>, onOk?: (data: T) => void) => start(async () => {
    const r = await call();
    setResult(r);
    if (r.ok) onOk?.(r.data);
  });
  return { result, pending, issue, run };
}
