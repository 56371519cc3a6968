"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { actionErrorText } from "@/components/forms/action-error";
import type { ActionResult } from "@/lib/server/actions/pipeline";

export type Message = { ok: boolean; text: string };

/** The outcome of a server action as a message (the refusal translated); refreshes the page on success. */
export function useOutcome() {
  const tAll = useTranslations();
  const router = useRouter();
  const [message, setMessage] = useState<Message | null>(null);
  const report = <T,>(r: ActionResult<T>, ok: string): r is Extract<ActionResult<T>, { ok: true }> => {
    if (r.ok) {
      setMessage({ ok: true, text: ok });
      router.refresh();
      return true;
    }
    setMessage({ ok: false, text: actionErrorText(r, tAll) });
    return false;
  };
  return { message, setMessage, report };
}

export function Outcome({ message, className = "" }: { message: Message | null; className?: string }) {
  if (!message) return null;
  return <p role={message.ok ? "status" : "alert"} className={`text-sm ${message.ok ? "text-emerald-800" : "text-accent-600"} ${className}`}>{message.text}</p>;
}
