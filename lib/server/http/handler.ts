import "server-only";
import { NextResponse } from "next/server";
import { getTranslations } from "next-intl/server";
import { ZodError, type z } from "zod";
import { AuthorizationError } from "@/lib/server/auth/session";
import { DatabaseNotReadyError } from "@/lib/server/db/client";
import { ImportRejectedError, UserError } from "@/lib/server/data/errors";
import { isCrossSiteWrite } from "./csrf";

export class NotFoundError extends Error {
  constructor(readonly messageKey: string, readonly values: Record<string, string | number> = {}) {
    super(messageKey);
    this.name = "NotFoundError";
  }
}

/**
 * A refusal with its own HTTP status and headers (e.g. 401 with `WWW-Authenticate`); the message is
 * `api.<messageKey>` in the user's language, the body `{ error: { code, message, values } }`.
 */
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, readonly messageKey: string,
    readonly values: Record<string, string | number> = {}, readonly headers: Record<string, string> = {}) {
    super(messageKey);
    this.name = "ApiError";
  }
}

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/**
 * Every route handler is wrapped in this: it refuses cross-site writes, and turns the project's errors
 * into JSON responses with a message in the user's language. The handler itself calls
 * `authorize(action, target)` first thing.
 */
export function handler<C>(fn: Handler<C>): Handler<C> {
  return async (request, context) => {
    try {
      if (isCrossSiteWrite(request)) throw new ApiError(403, "crossSite", "crossSite");
      return await fn(request, context);
    } catch (error) {
      const t = await getTranslations("api");
      if (error instanceof AuthorizationError) {
        return json(error.status, error.status === 401 ? "unauthenticated" : "forbidden", t(error.message));
      }
      if (error instanceof ApiError) {
        return json(error.status, error.code, t(error.messageKey, error.values), Object.keys(error.values).length ? { values: error.values } : {}, error.headers);
      }
      if (error instanceof NotFoundError) return json(404, "notFound", t(error.messageKey, error.values));
      if (error instanceof ZodError) {
        return json(400, "invalidInput", t("invalidInput"), { issues: error.issues.map((i) => ({ path: i.path, message: i.message })) });
      }
      if (error instanceof DatabaseNotReadyError) return json(503, "databaseNotReady", error.message);
      if (error instanceof UserError) {
        const message = (await getTranslations())(error.key, error.values);
        const extra: Record<string, unknown> = { values: error.values };
        if (error instanceof ImportRejectedError) extra.issues = error.issues;
        return json(userErrorStatus(error.key), error.key, message, extra);
      }
      console.error(error);
      return json(500, "internal", t("internal"));
    }
  };
}

/**
 * HTTP status of a refusal, by its message key: nothing to act on (404), the state of the assessment forbids it (409), the body
 * is too large (413) or of a refused type (415), the request is malformed (400), else the input is
 * refused as it stands (422). The JSON body is `{ error: { code: key, message, values } }` either way.
 */
const USER_ERROR_STATUS: readonly [RegExp, number][] = [
  [/\.errors\.(notFound|fileMissing)$/, 404],
  [/^worksheet\.errors\./, 409],
  [/^(appraisal\.errors\.(closed|published|notSubmitted|alreadyRequested|answered|requestExpired)|council\.errors\.\w+)$/, 409],
  [/^(exchange\.published|attachments\.errors\.closed)$/, 409],
  [/^evidence\.errors\.(tooLarge|requestTooLarge)$/, 413],
  [/^evidence\.errors\.type$/, 415],
  [/^evidence\.errors\.malformed$/, 400],
];

export function userErrorStatus(key: string): number {
  return USER_ERROR_STATUS.find(([pattern]) => pattern.test(key))?.[1] ?? 422;
}

function json(status: number, code: string, message: string, extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): Response {
  return NextResponse.json({ error: { code, message, ...extra } }, { status, headers });
}

/**
 * A JSON response checked against its zod schema (unknown keys dropped). A body that does not match
 * is the server's fault: a 500, never passed off as the client's bad input.
 */
export function validatedJson<S extends z.ZodType>(schema: S, body: z.input<S>, init: ResponseInit = {}): Response {
  const checked = schema.safeParse(body);
  if (!checked.success) throw new Error(`Response does not match its schema: ${checked.error.message}`);
  return NextResponse.json(checked.data, init);
}
