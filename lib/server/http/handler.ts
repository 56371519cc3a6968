import "server-only";
import { NextResponse } from "next/server";
import { getTranslations } from "next-intl/server";
import { ZodError } from "zod";
import { AuthorizationError } from "@/lib/server/auth/session";
import { DatabaseNotReadyError } from "@/lib/server/db/client";

export class NotFoundError extends Error {
  constructor(readonly messageKey: string, readonly values: Record<string, string | number> = {}) {
    super(messageKey);
    this.name = "NotFoundError";
  }
}

type Handler<C> = (request: Request, context: C) => Promise<Response>;

/**
 * Every route handler is wrapped in this: it turns the project's errors into JSON responses with a
 * message in the user's language. The handler itself calls `authorize(action, target)` first thing.
 */
export function handler<C>(fn: Handler<C>): Handler<C> {
  return async (request, context) => {
    try {
      return await fn(request, context);
    } catch (error) {
      const t = await getTranslations("api");
      if (error instanceof AuthorizationError) {
        return json(error.status, error.status === 401 ? "unauthenticated" : "forbidden", t(error.message));
      }
      if (error instanceof NotFoundError) return json(404, "notFound", t(error.messageKey, error.values));
      if (error instanceof ZodError) {
        return json(400, "invalidInput", t("invalidInput"), { issues: error.issues.map((i) => ({ path: i.path, message: i.message })) });
      }
      if (error instanceof DatabaseNotReadyError) return json(503, "databaseNotReady", error.message);
      console.error(error);
      return json(500, "internal", t("internal"));
    }
  };
}

function json(status: number, code: string, message: string, extra: Record<string, unknown> = {}): Response {
  return NextResponse.json({ error: { code, message, ...extra } }, { status });
}
