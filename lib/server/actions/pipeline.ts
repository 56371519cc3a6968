import "server-only";
import { ZodError, type z } from "zod";
import type { Action, Target } from "@/lib/auth/permissions";
import { authorize, AuthorizationError } from "@/lib/server/auth/session";
import type { CurrentUser } from "@/lib/server/data/users";
import { ImportRejectedError, ProblemsError, UserError } from "@/lib/server/data/errors";

/** What a server action returns to its form: data, or a message key (translated by the form). */
export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: { key: string; values?: Record<string, string | number> }; issues?: { path: (string | number)[]; key: string; values?: Record<string, unknown> }[];
      /** A save conflict: what the other person saved. */
      conflict?: unknown };

/**
 * Every server action goes through this: zod input → signed-in user allowed to do `action` on the
 * target → run (the data layer does the transaction and the audit row) → a result the form can show.
 */
export function defineAction<S extends z.ZodType, T>(options: {
  schema: S;
  action: Action;
  target?: (input: z.infer<S>, user: CurrentUser) => Target | Promise<Target>;
  run: (input: z.infer<S>, user: CurrentUser) => Promise<T>;
}): (input: unknown) => Promise<ActionResult<T>> {
  return async (raw) => {
    try {
      const input = options.schema.parse(raw);
      // Check the role first, then the scoped target (which may need the input and the user).
      const user = await authorize(options.action);
      if (options.target) await authorize(options.action, await options.target(input, user));
      return { ok: true, data: await options.run(input, user) };
    } catch (error) {
      return toResult(error);
    }
  };
}

export function toResult(error: unknown): ActionResult<never> {
  if (error instanceof ZodError) {
    return {
      ok: false,
      error: { key: "errors.invalidInput" },
      issues: error.issues.map((i) => ({ path: i.path.map((p) => (typeof p === "symbol" ? String(p) : p)), key: i.message,
        values: (i as { params?: Record<string, unknown> }).params })),
    };
  }
  if (error instanceof AuthorizationError) return { ok: false, error: { key: `api.${error.message}` } };
  if (error instanceof ImportRejectedError) {
    return { ok: false, error: { key: error.key, values: error.values },
      issues: error.issues.map((i) => ({ path: [i.unit, i.code], key: `scores.issues.${i.key}`, values: { code: i.code, ...i.values } })) };
  }
  if (error instanceof ProblemsError) {
    return { ok: false, error: { key: error.key, values: error.values }, issues: error.problems.map((p) => ({ path: [p.code], key: p.key, values: { code: p.code } })) };
  }
  if (error instanceof UserError && "current" in error) {
    return { ok: false, error: { key: error.key, values: error.values }, conflict: (error as UserError & { current: unknown }).current };
  }
  if (error instanceof UserError) return { ok: false, error: { key: error.key, values: error.values } };
  console.error(error);
  return { ok: false, error: { key: "api.internal" } };
}
