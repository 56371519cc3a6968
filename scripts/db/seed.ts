/**
 * Demo data: a fictitious province with ~25 departments and 15 communes, a criterion set per unit
 * group, three published years (2023–2025) and the current year (2026) in self-assessment, and one
 * account per role. Idempotent: does nothing when the demo province exists. One transaction.
 */
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "../../lib/generated/prisma/client.ts";
import { vietnamTime, type Phase } from "../../lib/domain/phases.ts";
import { DEFAULT_BANDS, type CriterionDoc, type FrameworkDoc } from "../../lib/domain/framework.ts";
import { surveyPoints } from "../../lib/domain/engine.ts";
import { allowedScores, ruleSchema, type Rule } from "../../lib/domain/rules.ts";
import { createFramework } from "../../lib/server/data/frameworks.ts";
import { storeSnapshots } from "../../lib/server/data/snapshots.ts";
import { writeNationalYears } from "../../lib/server/data/national.ts";
import type { Tx } from "../../lib/server/db/client.ts";
import type { NationalRow, NationalYearInfo } from "../../lib/io/national.ts";
import { centiToDecimalString, toCenti, type Centi } from "../../lib/domain/points.ts";
import { hashPassword } from "../../lib/server/auth/password.ts";
import { COMMUNE_FRAMEWORK } from "../../prisma/seed/framework-communes.ts";
import { DEPARTMENT_FRAMEWORK } from "../../prisma/seed/framework-departments.ts";
import type { SeedCriterion, SeedFramework } from "../../prisma/seed/types.ts";
import { seedInitiatives } from "../../prisma/seed/followup-initiatives.ts";
import { seedInspections } from "../../prisma/seed/followup-inspections.ts";
import { seedPlans } from "../../prisma/seed/followup-plans.ts";
import { LINEAGE, PROVINCE, UNITS } from "../../prisma/seed/units.ts";
import { prng } from "../prng.ts";

export const DEMO_PASSWORD = "Demo@2026";

export const DEMO_ACCOUNTS = [
  { username: "admin", role: "ADMIN", name: "Quản trị hệ thống", unit: null },
  { username: "sonoivu", role: "SECRETARIAT", name: "Trần Thị Thu Hà", unit: "SNV" },
  { username: "thamdinh", role: "APPRAISER", name: "Nguyễn Văn Minh", unit: "STP" },
  { username: "thamdinh.stc", role: "APPRAISER", name: "Đỗ Thị Hồng", unit: "STC" },
  { username: "thamdinh.skhcn", role: "APPRAISER", name: "Võ Thành Nam", unit: "SKHCN" },
  { username: "lanhdao", role: "LEADERSHIP", name: "Lê Quang Vinh", unit: null },
  { username: "cb.sxd", role: "UNIT_STAFF", name: "Phạm Thị Lan", unit: "SXD" },
] as const;

export const CURRENT_YEAR = 2026;

/**
 * Who appraises what, every year: member departments of the council appraise the area they lead
 * (Justice: institutions; Finance: public finance; Science and Technology: e-government); the
 * secretariat (Home Affairs) the rest. Area 8 is scored by the surveys.
 */
export const DEMO_ASSIGNMENTS: readonly { unit: string; areas: readonly string[] }[] = [
  { unit: "STP", areas: ["2"] },
  { unit: "STC", areas: ["6"] },
  { unit: "SKHCN", areas: ["7"] },
  { unit: "SNV", areas: ["1", "3", "4", "5"] },
];
const PUBLISHED_YEARS = [2023, 2024, 2025];


const ADJUST_REASONS = [
  "Tài liệu kiểm chứng chưa đầy đủ, chưa có văn bản ban hành của cấp có thẩm quyền.",
  "Báo cáo gửi chậm so với thời hạn quy định.",
  "Số liệu tự kê khai không khớp với số liệu trên Hệ thống thông tin giải quyết TTHC.",
  "Kế hoạch không xác định rõ kết quả, sản phẩm và trách nhiệm thực hiện.",
  "Không có tài liệu chứng minh việc tổ chức thực hiện.",
];
const PAPER_EVIDENCE = "Tài liệu kiểm chứng là hồ sơ giấy lưu tại Văn phòng đơn vị; đơn vị xuất trình bản gốc khi thẩm định.";
const ACCEPTED_AFTER_EXPLANATION = "Đơn vị đã giải trình và bổ sung tài liệu kiểm chứng: chấp nhận điểm tự chấm.";

/** The seed's criterion sets in the exchange format (the `demo` markers stay in the seed files). */
function toFrameworkDoc(f: SeedFramework): FrameworkDoc {
  const node = (n: SeedCriterion): CriterionDoc => {
    const { demo: _demo, children, rule, ...rest } = n;
    return { ...rest, ...(rule ? { rule: ruleSchema.parse(rule) } : {}), ...(children?.length ? { children: children.map(node) } : {}) };
  };
  return { format: "par-framework/v1", code: f.code, nameVi: f.nameVi, nameEn: f.nameEn, legalBasis: f.legalBasis, unitGroup: f.group,
    fromYear: f.fromYear, ...(f.toYear ? { toYear: f.toYear } : {}), bonusCap: f.bonusCap, penaltyCap: f.penaltyCap,
    classification: DEFAULT_BANDS, tree: f.tree.map(node) };
}

type Leaf = { id: string; code: string; max: Centi; rule: Rule; source: "SELF" | "SURVEY"; evidenceMandatory: boolean };

function phaseWindows(year: number): { phase: Phase; opensAt: Date; closesAt: Date }[] {
  const y = year + 1;
  const w = (phase: Phase, from: [number, number, number], to: [number, number, number]) => ({
    phase, opensAt: vietnamTime(...from, 0, 0), closesAt: vietnamTime(...to, 17, 0) });
  // The current year opens early (mid-November) so the demo has an open self-assessment today.
  return [
    w("SELF_ASSESSMENT", year === CURRENT_YEAR ? [year, 11, 15] : [year, 12, 1], [y, 1, 15]),
    w("APPRAISAL_R1", [y, 1, 16], [y, 2, 10]),
    w("EXPLANATION", [y, 2, 11], [y, 2, 25]),
    w("APPRAISAL_R2", [y, 2, 26], [y, 3, 10]),
    w("COUNCIL_REVIEW", [y, 3, 11], [y, 3, 25]),
    w("PUBLICATION", [y, 3, 26], [y, 4, 15]),
  ];
}

export async function isSeeded(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.unit.count({ where: { code: PROVINCE.code } })) > 0;
}

export default async function seed(prisma: PrismaClient, log: (line: string) => void = console.log): Promise<boolean> {
  if (await isSeeded(prisma)) {
    log("Demo data already present: nothing to do.");
    return false;
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  await prisma.$transaction(async (tx) => {
    const groups = {
      SBN: await tx.unitGroup.create({ data: { code: "SBN", nameVi: "Sở, ban, ngành", nameEn: "Departments and agencies" } }),
      XA: await tx.unitGroup.create({ data: { code: "XA", nameVi: "UBND cấp xã", nameEn: "Commune People's Committees" } }),
    };

    // Units, province first.
    const unitIds = new Map<string, string>();
    const all = [PROVINCE, ...UNITS];
    for (const u of all) unitIds.set(u.code, randomUUID());
    await tx.unit.createMany({
      data: all.map((u) => ({ id: unitIds.get(u.code)!, code: u.code, nameVi: u.nameVi, nameEn: u.nameEn, kind: u.kind,
        parentId: u.parent ? unitIds.get(u.parent)! : null, groupId: u.group ? groups[u.group].id : null,
        region: u.region ?? null, activeFrom: u.activeFrom, activeTo: u.activeTo ?? null })),
    });
    await tx.unitLineage.createMany({
      data: LINEAGE.map((l) => ({ predecessorId: unitIds.get(l.predecessor)!, successorId: unitIds.get(l.successor)!,
        kind: l.kind, effectiveYear: l.effectiveYear, note: l.note ?? null })),
    });

    // Frameworks and their criterion trees, through the data layer (same validation as an import).
    const leavesByFramework = new Map<string, Leaf[]>();
    const frameworkIds = new Map<string, string>();
    for (const f of [DEPARTMENT_FRAMEWORK, COMMUNE_FRAMEWORK] as SeedFramework[]) {
      const created = await createFramework(toFrameworkDoc(f), null, tx);
      await tx.framework.update({ where: { id: created.id }, data: { isDemo: f.isDemo } });
      frameworkIds.set(f.group, created.id);
      const nodes = await tx.criterionNode.findMany({ where: { frameworkId: created.id, children: { none: {} } } });
      leavesByFramework.set(f.group, nodes.map((n) => ({ id: n.id, code: n.code, max: toCenti(n.maxPoints), rule: ruleSchema.parse(n.rule),
        source: n.source, evidenceMandatory: n.evidenceMandatory })));
    }

    // Users: one per role plus a PAR focal account for every active unit.
    const userIds = new Map<string, string>();
    const users = [
      ...DEMO_ACCOUNTS,
      ...UNITS.filter((u) => !u.activeTo && u.code !== "SXD").map((u) => ({ username: `cb.${u.code.toLowerCase()}`, role: "UNIT_STAFF" as const,
        name: `Đầu mối CCHC ${u.nameVi}`, unit: u.code })),
    ];
    for (const u of users) userIds.set(u.username, randomUUID());
    await tx.user.createMany({
      data: users.map((u) => ({ id: userIds.get(u.username)!, username: u.username, name: u.name, role: u.role, passwordHash,
        unitId: u.unit ? unitIds.get(u.unit)! : null })),
    });
    const appraiserId = userIds.get("thamdinh")!;

    // Cycles.
    for (const year of [...PUBLISHED_YEARS, CURRENT_YEAR]) {
      const published = year !== CURRENT_YEAR;
      const cycle = await tx.cycle.create({ data: {
        year, nameVi: `Đánh giá Chỉ số CCHC năm ${year}`, nameEn: `PAR INDEX assessment ${year}`,
        publishedAt: published ? vietnamTime(year + 1, 4, 10, 9) : null,
        compiledAt: published ? vietnamTime(year + 1, 3, 25, 9) : null,
        approvedAt: published ? vietnamTime(year + 1, 4, 5, 9) : null,
        approvedById: published ? userIds.get("lanhdao")! : null,
        deadlines: { create: phaseWindows(year) },
        assignments: { create: DEMO_ASSIGNMENTS.flatMap((a) => a.areas.map((criterionCode) => ({ criterionCode, unitId: unitIds.get(a.unit)! }))) },
      } });
      const groupsInYear = (["SBN", "XA"] as const).filter((g) => g === "SBN" || year >= 2025);
      await tx.cycleFramework.createMany({ data: groupsInYear.map((g) => ({ cycleId: cycle.id, groupId: groups[g].id, frameworkId: frameworkIds.get(g)! })) });

      const entries: { id: string; assessmentId: string; criterionId: string; selfScore: string | null; declaredValue: string | null;
        explanation: string | null; finalScore: string | null; version: number }[] = [];
      const rounds: { entryId: string; round: number; score: string; reason: string; appraiserId: string; createdAt: Date }[] = [];
      const surveys: { cycleId: string; unitId: string; kind: "SOCIOLOGICAL" | "SIPAS"; criterionId: string | null; percent: string;
        points: string | null; elements?: number[]; respondents: number }[] = [];

      const units = UNITS.filter((u) => u.group && u.activeFrom <= year && (u.activeTo ?? 9999) >= year && groupsInYear.includes(u.group));
      for (const [ui, u] of units.entries()) {
        const rnd = prng(`${u.code}:${year}`);
        const quality = 0.8 + prng(u.code)() * 0.17 + (year - 2023) * 0.01;
        const status = published ? "PUBLISHED" : currentStatus(u.code, ui);
        const assessmentId = randomUUID();
        await tx.assessment.create({ data: { id: assessmentId, unitId: unitIds.get(u.code)!, cycleId: cycle.id,
          frameworkId: frameworkIds.get(u.group!)!, status,
          submittedAt: status === "NOT_STARTED" || status === "IN_PROGRESS" ? null : published ? vietnamTime(year + 1, 1, 10 + (ui % 5), 10) : vietnamTime(year, 11, 20, 15) } });
        if (status === "NOT_STARTED") continue;
        const leaves = leavesByFramework.get(u.group!)!;
        const selfLeaves = leaves.filter((l) => l.source === "SELF");
        const scoredCount = status === "IN_PROGRESS" ? Math.floor(selfLeaves.length * (0.3 + rnd() * 0.4)) : selfLeaves.length;
        for (const [li, leaf] of selfLeaves.entries()) {
          if (li >= scoredCount) break;
          const choice = pickScore(leaf, quality, rnd);
          const entryId = randomUUID();
          let final = choice.score;
          if (published && rnd() < 0.16 && choice.score > 0) {
            const allowed = allowedScores(leaf.rule, leaf.max)!;
            const lower = allowed.find((s) => s < choice.score) ?? (0 as Centi);
            rounds.push({ entryId, round: 1, score: centiToDecimalString(lower), reason: ADJUST_REASONS[Math.floor(rnd() * ADJUST_REASONS.length)]!,
              appraiserId, createdAt: vietnamTime(year + 1, 2, 1, 9) });
            final = lower;
            if (rnd() < 0.3) {
              rounds.push({ entryId, round: 2, score: centiToDecimalString(choice.score), reason: ACCEPTED_AFTER_EXPLANATION,
                appraiserId, createdAt: vietnamTime(year + 1, 3, 5, 9) });
              final = choice.score;
            }
          }
          entries.push({ id: entryId, assessmentId, criterionId: leaf.id, selfScore: centiToDecimalString(choice.score),
            declaredValue: choice.declared === null ? null : String(choice.declared),
            explanation: (choice.score < leaf.max && rnd() < 0.5 ? "Đơn vị chưa hoàn thành đầy đủ nhiệm vụ theo kế hoạch do thiếu nhân lực." : null)
              // A submitted worksheet passed the submission check: mandatory evidence has a file or an explanation (the demo has no files).
              ?? (status === "SUBMITTED" && leaf.evidenceMandatory ? PAPER_EVIDENCE : null),
            finalScore: published ? centiToDecimalString(final) : null, version: 1 });
        }
        if (published) {
          for (const leaf of leaves.filter((l) => l.rule.kind === "survey" && l.rule.survey === "SOCIOLOGICAL")) {
            const percent = Number(Math.min(98, Math.max(60, quality * 100 + (rnd() - 0.5) * 10)).toFixed(4));
            const points = surveyPoints(leaf.max, percent);
            surveys.push({ cycleId: cycle.id, unitId: unitIds.get(u.code)!, kind: "SOCIOLOGICAL", criterionId: leaf.id,
              percent: percent.toFixed(4), points: centiToDecimalString(points), respondents: 80 + Math.floor(rnd() * 120) });
          }
          const rounded = Array.from({ length: 5 }, () => Number(Math.min(99, Math.max(65, quality * 100 + (rnd() - 0.4) * 12)).toFixed(2)));
          surveys.push({ cycleId: cycle.id, unitId: unitIds.get(u.code)!, kind: "SIPAS", criterionId: null,
            percent: (rounded.reduce((a, b) => a + b, 0) / 5).toFixed(4), points: null, elements: rounded,
            respondents: 150 + Math.floor(rnd() * 200) });
        }
      }
      for (let i = 0; i < entries.length; i += 2000) await tx.scoreEntry.createMany({ data: entries.slice(i, i + 2000) });
      for (let i = 0; i < rounds.length; i += 2000) await tx.appraisalRound.createMany({ data: rounds.slice(i, i + 2000) });
      if (surveys.length) await tx.surveyResult.createMany({ data: surveys });
      if (published) await storeSnapshots(cycle.id, { published: true, actorId: null }, tx);
      log(`  ${year}: ${units.length} assessments, ${entries.length} scores, ${rounds.length} appraisal rounds`);
    }
    await tx.auditEvent.create({ data: { action: "demo.seed", entityType: "System", entityId: PROVINCE.code,
      after: { units: all.length, users: users.length } } });
    await seedNational(tx);
    log(`  national PAR INDEX: ${NATIONAL_DEMO.rows.length} published figures (${NATIONAL_DEMO.years.length} years, partial)`);
    // Follow-up work between two indexes: the 2026 improvement plan, an inspection, initiatives.
    const ids = { units: unitIds, users: userIds };
    await seedPlans(tx, ids);
    await seedInspections(tx, ids);
    const initiatives = await seedInitiatives(tx, ids);
    log(`  follow-up: improvement plan 2026, one inspection, ${initiatives} initiatives`);
  }, { timeout: 300_000, maxWait: 60_000 });
  log("Demo data loaded.");
  return true;
}

/** Statuses in the current year: a realistic mix; the demo unit (SXD) is half-way through. */
function currentStatus(code: string, index: number): "NOT_STARTED" | "IN_PROGRESS" | "SUBMITTED" {
  if (code === "SXD") return "IN_PROGRESS";
  return (["IN_PROGRESS", "NOT_STARTED", "IN_PROGRESS", "SUBMITTED", "IN_PROGRESS", "NOT_STARTED"] as const)[index % 6]!;
}

/** A self score: full marks with probability `quality`, else a lower allowed score. */
function pickScore(leaf: Leaf, quality: number, rnd: () => number): { score: Centi; declared: number | null } {
  if (leaf.rule.kind === "tiers") {
    const declared = Math.round(Math.min(100, Math.max(40, quality * 100 + (rnd() - 0.45) * 30)) * 10) / 10;
    const best = [...leaf.rule.tiers].sort((a, b) => b.min - a.min).find((t) => declared >= t.min);
    return { score: best ? toCenti(best.points) : (0 as Centi), declared };
  }
  const allowed = allowedScores(leaf.rule, leaf.max) ?? [leaf.max];
  let i = 0;
  while (i < allowed.length - 1 && rnd() > quality) i++;
  return { score: allowed[i]!, declared: null };
}

// ---- National PAR INDEX (Bộ Nội vụ): published figures only, every year partial --------------------------------

const NATIONAL_SOURCE = "Dữ liệu minh họa, chưa đầy đủ: chỉ một số tỉnh, theo số liệu công bố trên báo chí "
  + "(VietnamPlus, Báo Điện tử Chính phủ, Báo An Giang, infographics.vn, Báo Quảng Ninh).";
const MEKONG = "Đồng bằng sông Cửu Long";
const RED_RIVER = "Đồng bằng sông Hồng";
const SOUTH_EAST = "Đông Nam Bộ";
const CENTRAL = "Bắc Trung Bộ và Duyên hải miền Trung";
const NORTH = "Trung du và miền núi phía Bắc";

type DemoResult = [year: number, province: string, region: string | null, index: number, rank?: number | null, sipas?: number | null, sipasRank?: number | null];

/** The published figures in ../shared/notes/domain.md ("Published results usable as fixtures"); nothing else. */
const NATIONAL_FIGURES: readonly DemoResult[] = [
  [2012, "Đà Nẵng", CENTRAL, 87.14],
  [2012, "Bà Rịa - Vũng Tàu", SOUTH_EAST, 86.14],
  [2012, "TP. Hồ Chí Minh", SOUTH_EAST, 83.83],
  [2012, "Đồng Tháp", MEKONG, 83.44],
  [2012, "An Giang", MEKONG, 83.25],
  [2012, "Hà Nội", RED_RIVER, 82.79],
  [2016, "Đà Nẵng", CENTRAL, 90.32, 1],
  [2016, "An Giang", MEKONG, 72.89, 36],
  [2016, "Hậu Giang", MEKONG, 62.55, 63],
  [2017, "Quảng Ninh", RED_RIVER, 89.45, 1],
  [2017, "Quảng Ngãi", CENTRAL, 59.69, 63],
  [2019, "Quảng Ninh", RED_RIVER, 90.09, 1],
  [2019, "An Giang", MEKONG, 83.32, 11, 89.81, 8],
  [2022, "Quảng Ninh", RED_RIVER, 90.1, 1, 87.59],
  [2022, "An Giang", MEKONG, 84.22, 42],
  [2023, "Quảng Ninh", RED_RIVER, 92.18],
  [2023, "Hải Phòng", RED_RIVER, 91.87],
  [2023, "Hà Nội", RED_RIVER, 91.43],
  [2023, "Bắc Giang", NORTH, 91.16],
  [2023, "Bà Rịa - Vũng Tàu", SOUTH_EAST, 91.03],
  [2024, "Hải Phòng", RED_RIVER, 96.17, 1],
];

/** Published national averages. */
const NATIONAL_AVERAGES: Readonly<Record<number, number>> = { 2016: 74.64, 2024: 88.37 };

const hundredths = (v: number) => Math.round(v * 100);

export const NATIONAL_DEMO: { years: NationalYearInfo[]; rows: NationalRow[] } = {
  rows: NATIONAL_FIGURES.map(([year, province, region, index, rank = null, sipas = null, sipasRank = null]) => ({
    year, province, region, indexHundredths: hundredths(index), rank, regionRank: null,
    sipasHundredths: sipas === null ? null : hundredths(sipas), sipasRank })),
  years: [...new Set(NATIONAL_FIGURES.map(([year]) => year))].map((year) => ({
    year, provinces: 63, partial: true, source: NATIONAL_SOURCE,
    averageHundredths: NATIONAL_AVERAGES[year] === undefined ? null : hundredths(NATIONAL_AVERAGES[year]) })),
};

async function seedNational(tx: Tx): Promise<void> {
  await writeNationalYears(tx, NATIONAL_DEMO.years, NATIONAL_DEMO.rows, null);
}
