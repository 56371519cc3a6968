"use client";
import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { signInAction, type SignInState } from "@/lib/server/actions/auth";

export function SignInForm() {
  const t = useTranslations("signin");
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, {});
  const fe = state.fieldErrors ?? {};
  return (
    <form action={action} noValidate className="space-y-4">
      {state.error && (
        <p role="alert" className="rounded border border-accent-600/40 bg-red-50 px-3 py-2 text-sm text-accent-600">
          {t(`errors.${state.error.key}`, state.error.values)}
        </p>
      )}
      <div>
        <label htmlFor="username" className="field-label">{t("username")}</label>
        <input id="username" name="username" autoComplete="username" required maxLength={64}
          defaultValue={state.username} aria-invalid={fe.username ? true : undefined}
          aria-describedby={fe.username ? "username-error" : undefined} className="field-input" />
        {fe.username && <p id="username-error" className="field-error">{t(`errors.${fe.username}`)}</p>}
      </div>
      <div>
        <label htmlFor="password" className="field-label">{t("password")}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required maxLength={256}
          aria-invalid={fe.password ? true : undefined} aria-describedby={fe.password ? "password-error" : undefined}
          className="field-input" />
        {fe.password && <p id="password-error" className="field-error">{t(`errors.${fe.password}`)}</p>}
      </div>
      <button type="submit" className="btn-primary w-full py-2" disabled={pending}>
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
