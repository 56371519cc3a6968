/** A refusal the user can act on; `key` is a message catalogue key, `values` its parameters. */
export class UserError extends Error {
  constructor(readonly key: string, readonly values: Record<string, string | number> = {}) {
    super(key);
    this.name = "UserError";
  }
}

/** A problem of one unit in an import (a message key under `scores.issues`). */
export type ExchangeIssue = { unit: string; code: string; key: string; values: Record<string, string | number> };

/** A refused import, with every problem found (nothing was written). */
export class ImportRejectedError extends UserError {
  constructor(readonly issues: ExchangeIssue[]) {
    super("exchange.rejected", { count: issues.length });
    this.name = "ImportRejectedError";
  }
}

/** A refusal with a list of problems, each a message key about one item (a criterion, a phase…). */
export class ProblemsError extends UserError {
  constructor(key: string, readonly problems: { code: string; key: string }[]) {
    super(key, { count: problems.length });
    this.name = "ProblemsError";
  }
}
