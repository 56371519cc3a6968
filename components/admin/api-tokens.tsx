"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, useTransition } from "react";
import { actionErrorText } from "@/components/forms/action-error";
import { useAction } from "@/components/forms/use-action";
import { issueApiTokenAction, revokeApiTokenAction } from "@/lib/server/actions/api-tokens";

export type TokenView = {
  id: string;
  name: string;
  prefix: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  status: "active" | "expired" | "revoked";
};

const TONE: Record<TokenView["status"], string> = {
  active: "bg-emerald-50 text-emerald-900 border-emerald-300",
  expired: "bg-amber-50 text-amber-900 border-amber-300",
  revoked: "bg-slate-100 text-slate-700 border-slate-300",
};

/** The admin's API tokens: issue (the secret shown once), list, revoke. The server checks the permission again. */
export function ApiTokens({ tokens }: { tokens: TokenView[] }) {
  const [issued, setIssued] = useState<{ name: string; secret: string } | null>(null);
  return (
    <div className="space-y-4">
      {issued && <SecretBox name={issued.name} secret={issued.secret} onDone={() => setIssued(null)} />}
      <div className="grid gap-4 lg:grid-cols-3">
        <IssueForm onIssued={setIssued} />
        <TokenList tokens={tokens} />
      </div>
    </div>
  );
}

function IssueForm({ onIssued }: { onIssued: (token: { name: string; secret: string } | null) => void }) {
  const t = useTranslations("apiTokens");
  const tAll = useTranslations();
  const router = useRouter();
  const form = useRef<HTMLFormElement>(null);
  const { result, pending, issue, run } = useAction<{ name: string; prefix: string; secret: string }>();
  const nameIssue = issue("name");
  const expiryIssue = issue("expiresInDays");
  return (
    <section className="card" aria-labelledby="issue-title">
      <h2 id="issue-title" className="card-title">{t("issue.title")}</h2>
      <div className="p-4">
        <form ref={form} className="space-y-4" noValidate onSubmit={(e) => {
          e.preventDefault();
          const data = Object.fromEntries(new FormData(e.currentTarget));
          onIssued(null);
          run(() => issueApiTokenAction(data), (d) => {
            onIssued({ name: d.name, secret: d.secret });
            form.current?.reset();
            router.refresh();
          });
        }}>
          {result && !result.ok && !nameIssue && !expiryIssue && <p role="alert" className="text-sm text-accent-600">{actionErrorText(result, tAll)}</p>}
          <div>
            <label htmlFor="token-name" className="field-label">{t("issue.name")}</label>
            <input id="token-name" name="name" required maxLength={80} className="field-input" placeholder={t("issue.namePlaceholder")}
              aria-invalid={nameIssue ? true : undefined} aria-describedby={nameIssue ? "token-name-error" : undefined} />
            {nameIssue && <p id="token-name-error" role="alert" className="field-error">{tAll(nameIssue.key)}</p>}
          </div>
          <div>
            <label htmlFor="token-expiry" className="field-label">{t("issue.expiresInDays")}</label>
            <input id="token-expiry" name="expiresInDays" type="number" inputMode="numeric" min={1} max={730} step={1} className="field-input w-32"
              aria-invalid={expiryIssue ? true : undefined} aria-describedby={expiryIssue ? "token-expiry-hint token-expiry-error" : "token-expiry-hint"} />
            <p id="token-expiry-hint" className="mt-1 text-xs text-slate-600">{t("issue.expiresHint")}</p>
            {expiryIssue && <p id="token-expiry-error" role="alert" className="field-error">{tAll(expiryIssue.key)}</p>}
          </div>
          <button type="submit" className="btn-primary" disabled={pending}>{pending ? t("issue.issuing") : t("issue.submit")}</button>
        </form>
      </div>
    </section>
  );
}

/** The new secret, shown once: selectable text, a copy button, and what to do with it. */
function SecretBox({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  const t = useTranslations("apiTokens.secret");
  const [copied, setCopied] = useState<"ok" | "failed" | null>(null);
  const input = useRef<HTMLInputElement>(null);
  // Focus goes to the new secret (selected), so keyboard and screen reader users land on it.
  useEffect(() => input.current?.focus(), [secret]);
  const copy = async () => {
    input.current?.select();
    try {
      await navigator.clipboard.writeText(secret);
      setCopied("ok");
    } catch {
      setCopied("failed");
    }
  };
  return (
    <div className="space-y-2 rounded border border-amber-400 bg-amber-50 p-4" role="region" aria-labelledby="secret-title">
      <h3 id="secret-title" className="text-sm font-semibold text-slate-900">{t("title", { name })}</h3>
      <p id="secret-warning" className="text-sm text-amber-900">{t("warning")}</p>
      <label htmlFor="token-secret" className="field-label">{t("label")}</label>
      <div className="flex max-w-3xl gap-2">
        <input id="token-secret" ref={input} readOnly value={secret} aria-describedby="secret-warning" data-testid="token-secret"
          className="field-input font-mono" onFocus={(e) => e.currentTarget.select()} />
        <button type="button" className="btn-primary shrink-0" onClick={copy}>{t("copy")}</button>
      </div>
      <p className="text-sm text-slate-700">{t.rich("usage", { code: (chunks) => <code className="text-xs">{chunks}</code> })}</p>
      <p role="status" className="text-sm text-emerald-800">{copied === "ok" ? t("copied") : copied === "failed" ? t("copyFailed") : ""}</p>
      <button type="button" className="btn border border-slate-400 bg-white" onClick={onDone}>{t("done")}</button>
    </div>
  );
}

function TokenList({ tokens }: { tokens: TokenView[] }) {
  const t = useTranslations("apiTokens");
  const tAll = useTranslations();
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const revoke = (token: TokenView) => {
    if (!window.confirm(t("list.confirmRevoke", { name: token.name, prefix: token.prefix }))) return;
    start(async () => {
      const r = await revokeApiTokenAction({ id: token.id });
      if (r.ok) {
        setMessage({ ok: true, text: t("list.revoked", { name: r.data.name }) });
        router.refresh();
      } else setMessage({ ok: false, text: actionErrorText(r, tAll) });
    });
  };
  return (
    <section className="card lg:col-span-2" aria-labelledby="tokens-title">
      <h2 id="tokens-title" className="card-title">{t("list.title")}</h2>
      <div className="space-y-3 p-4">
        {message && <p role={message.ok ? "status" : "alert"} className={`text-sm ${message.ok ? "text-emerald-800" : "text-accent-600"}`}>{message.text}</p>}
        {tokens.length === 0 ? <p className="text-sm text-slate-600">{t("list.empty")}</p> : (
          <div className="overflow-x-auto">
            <table className="table-dense" id="api-tokens">
              <caption className="sr-only">{t("list.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("list.name")}</th>
                  <th scope="col">{t("list.prefix")}</th>
                  <th scope="col">{t("list.created")}</th>
                  <th scope="col">{t("list.expiresAt")}</th>
                  <th scope="col">{t("list.lastUsedAt")}</th>
                  <th scope="col">{t("list.status")}</th>
                  <th scope="col"><span className="sr-only">{t("list.actions")}</span></th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((token) => (
                  <tr key={token.id} data-token={token.prefix}>
                    <th scope="row" className="font-medium">{token.name}</th>
                    <td><code className="text-xs">{token.prefix}…</code></td>
                    <td className="text-xs"><span className="block">{token.createdBy}</span><span className="tabular-nums text-slate-600">{token.createdAt}</span></td>
                    <td className="whitespace-nowrap tabular-nums">{token.expiresAt ?? t("list.never")}</td>
                    <td className="whitespace-nowrap tabular-nums">{token.lastUsedAt ?? t("list.notUsed")}</td>
                    <td>
                      <span className={`inline-block whitespace-nowrap rounded border px-1.5 py-0.5 text-xs ${TONE[token.status]}`}>{t(`status.${token.status}`)}</span>
                      {token.revokedAt && <span className="block whitespace-nowrap text-xs tabular-nums text-slate-600">{token.revokedAt}</span>}
                    </td>
                    <td className="text-right">
                      {token.status !== "revoked" && (
                        <button type="button" className="btn whitespace-nowrap border border-accent-600 bg-white text-accent-600" disabled={pending}
                          aria-label={t("list.revokeLabel", { name: token.name })} onClick={() => revoke(token)}>{t("list.revoke")}</button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}
