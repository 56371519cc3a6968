import "server-only";

/** E-mail settings from the environment; `null` when e-mail is off. */
export type MailConfig = {
  /** `smtp://user:pass@host:587` or `smtps://…:465` (nodemailer connection URL, options as query parameters). */
  url: string;
  /** The sender, e.g. `"Chỉ số CCHC" <cchc@example.gov.vn>`. */
  from: string;
  /** Where the application is reached, for absolute links: no trailing slash. */
  publicUrl: string;
};

const DEFAULT_PUBLIC_URL = "http://localhost:3000";

const g = globalThis as typeof globalThis & { __parMailWarned?: string };

/**
 * On when PAR_SMTP_URL (smtp: or smtps:) and PAR_MAIL_FROM are set. A half or wrong configuration
 * keeps e-mail off and says so once in the log (without the URL, which may hold a password).
 */
export function mailConfig(env: NodeJS.ProcessEnv = process.env): MailConfig | null {
  const url = env.PAR_SMTP_URL?.trim();
  if (!url) return null;
  const from = env.PAR_MAIL_FROM?.trim();
  let problem: string | null = null;
  try {
    const protocol = new URL(url).protocol;
    if (protocol !== "smtp:" && protocol !== "smtps:") problem = "PAR_SMTP_URL must start with smtp:// or smtps://";
  } catch {
    problem = "PAR_SMTP_URL is not a valid URL";
  }
  if (!problem && !from) problem = "PAR_MAIL_FROM is not set";
  if (problem) {
    if (g.__parMailWarned !== problem) console.warn(`[mail] ${problem}: e-mail is off.`);
    g.__parMailWarned = problem;
    return null;
  }
  const publicUrl = (env.PAR_PUBLIC_URL?.trim() || DEFAULT_PUBLIC_URL).replace(/\/+$/, "");
  return { url, from: from!, publicUrl };
}
