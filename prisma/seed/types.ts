import type { RuleInput } from "../../lib/domain/rules";

export type SeedCriterion = {
  code: string;
  titleVi: string;
  titleEn: string;
  maxPoints: number;
  rule?: RuleInput;
  evidenceVi?: string;
  evidenceEn?: string;
  evidenceMandatory?: boolean;
  source?: "SELF" | "SURVEY";
  /** true when the point value is invented for the demo (not from a real decision) */
  demo?: boolean;
  children?: SeedCriterion[];
};

export type SeedUnit = {
  code: string;
  nameVi: string;
  nameEn: string;
  kind: "PROVINCE" | "DEPARTMENT" | "COMMUNE";
  group: "SBN" | "XA" | null;
  activeFrom: number;
  activeTo?: number;
  parent?: string;
  /** Area within the province (khu vực), for filtering the commune rankings; a code of `regions` in the messages. */
  region?: "DOTHI" | "DONGBANG" | "MIENNUI";
};

export type SeedLineage = {
  predecessor: string;
  successor: string;
  kind: "MERGED" | "SPLIT" | "RENAMED";
  effectiveYear: number;
  note?: string;
};

/** A criterion set (methodology version) for one unit group. */
export type SeedFramework = {
  code: string;
  nameVi: string;
  nameEn: string;
  legalBasis: string;
  /** Unit group the set applies to ("SBN" = sở, ban, ngành; "XA" = xã, phường). */
  group: "SBN" | "XA";
  fromYear: number;
  toYear?: number;
  bonusCap: number;
  penaltyCap: number;
  /** The whole set is demo data (fictitious decision). */
  isDemo: boolean;
  tree: SeedCriterion[];
};
