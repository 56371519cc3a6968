#!/usr/bin/env node
// `npx par …`: the project's command line (scripts/par.ts), run through tsx with the server data layer enabled.
import { register } from "tsx/esm/api";

register();
await import("./server-only-hook.mjs");
await import("./par.ts");
