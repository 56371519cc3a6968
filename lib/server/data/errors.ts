/** A refusal the user can act on; `key` is a message catalogue key, `values` its parameters. */
export class UserError extends Error {
  constructor(readonly key: string, readonly values: Record<string, string | number> = {}) {
    super(key);
    this.name = "UserError";
  }
}
