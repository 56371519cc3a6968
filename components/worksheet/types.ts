import type { Rule } from "@/lib/domain/rules";
import type { EntryState } from "@/lib/server/data/worksheet";

export type { EntryState };

export type WsLeaf = {
  kind: "leaf"; code: string; title: string; max: number; rule: Rule; ruleText: string;
  evidenceText: string | null; evidenceMandatory: boolean; survey: boolean;
};
export type WsNode = { kind: "node"; code: string; title: string; max: number; depth: number };
export type WsArea = { code: string; title: string; max: number; rows: (WsLeaf | WsNode)[] };
export type WsEvidence = { id: string; fileName: string; mimeType: string; sizeBytes: number; criteria: string[] };

/** What the user typed and has not been saved yet, per leaf. */
export type Draft = { selfScore?: number | null; declaredValue?: string; explanation?: string };
export type SaveState = { kind: "idle" } | { kind: "saving" } | { kind: "saved"; at: Date } | { kind: "error"; message: string }
  | { kind: "conflict"; current: EntryState };
