import { vietnamTime } from "../../lib/domain/phases.ts";
import type { Tx } from "../../lib/server/db/client.ts";

/*
 * Demo tasks of the 2026 improvement plan (kế hoạch cải thiện Chỉ số CCHC): one per state, so the plan
 * page shows each flag in November 2026 (done, overdue, at risk, on track, not started yet), with
 * progress reports by the lead units. Area-level criterion codes (2.2, 6.1 …): tasks created from lost
 * points target leaves, so the two never collide. Invented for the demo.
 */

type DemoTask = {
  code: string; title: string; deliverable: string; lead: string; coordinating: string[];
  starts: [number, number, number]; due: [number, number, number];
  updates: { at: [number, number, number]; progress: number; status: "IN_PROGRESS" | "DONE"; note: string; by: string }[];
};

const TASKS: DemoTask[] = [
  {
    code: "2.2", title: "Rà soát, hệ thống hóa văn bản quy phạm pháp luật do HĐND, UBND tỉnh ban hành trong lĩnh vực quản lý", lead: "STP", coordinating: ["SNV"],
    deliverable: "Quyết định công bố kết quả rà soát, danh mục văn bản hết hiệu lực", starts: [2026, 3, 1], due: [2026, 11, 30],
    updates: [
      { at: [2026, 5, 15], progress: 30, status: "IN_PROGRESS", note: "Đã ban hành kế hoạch rà soát; các sở gửi danh mục văn bản cần rà soát.", by: "cb.stp" },
      { at: [2026, 8, 20], progress: 60, status: "IN_PROGRESS", note: "Đã tổng hợp kết quả rà soát của 18/26 sở, ngành; đang xây dựng dự thảo danh mục.", by: "cb.stp" },
    ],
  },
  {
    code: "7.1", title: "Triển khai hệ thống quản lý văn bản và điều hành liên thông bốn cấp", lead: "SKHCN", coordinating: ["STC"],
    deliverable: "Hệ thống vận hành; tỷ lệ văn bản điện tử có ký số đạt từ 95% trở lên", starts: [2026, 2, 1], due: [2026, 9, 30],
    updates: [
      { at: [2026, 6, 30], progress: 50, status: "IN_PROGRESS", note: "Hoàn thành nâng cấp phần mềm; đang kết nối với các đơn vị cấp xã.", by: "cb.skhcn" },
      { at: [2026, 9, 25], progress: 80, status: "IN_PROGRESS", note: "23/26 sở, ngành đã liên thông; còn 3 đơn vị chưa hoàn thành cấp chứng thư số.", by: "cb.skhcn" },
    ],
  },
  {
    code: "6.1", title: "Công khai dự toán, quyết toán ngân sách đúng thời hạn trên cổng thông tin điện tử", lead: "STC", coordinating: [],
    deliverable: "Chuyên mục công khai ngân sách cập nhật đủ 4 quý", starts: [2026, 1, 1], due: [2026, 12, 31],
    updates: [
      { at: [2026, 4, 10], progress: 40, status: "IN_PROGRESS", note: "Đã công khai dự toán năm và báo cáo quý I.", by: "cb.stc" },
      { at: [2026, 10, 15], progress: 100, status: "DONE", note: "Đã công khai đủ dự toán, báo cáo quý I–III và quyết toán năm 2025.", by: "cb.stc" },
    ],
  },
  {
    code: "4.1", title: "Rà soát, kiện toàn chức năng, nhiệm vụ, cơ cấu tổ chức của các sở sau sắp xếp", lead: "SNV", coordinating: ["SXD", "STC"],
    deliverable: "Quyết định quy định chức năng, nhiệm vụ của các sở sau sắp xếp", starts: [2026, 4, 1], due: [2026, 12, 31],
    updates: [
      { at: [2026, 10, 30], progress: 75, status: "IN_PROGRESS", note: "Đã trình UBND tỉnh 20/26 dự thảo quyết định.", by: "sonoivu" },
    ],
  },
  {
    code: "1.1", title: "Ban hành Kế hoạch cải cách hành chính năm 2027 đúng thời hạn", lead: "SNV", coordinating: [],
    deliverable: "Kế hoạch CCHC năm 2027 của UBND tỉnh", starts: [2026, 12, 1], due: [2026, 12, 25], updates: [],
  },
];

/**
 * Creates the demo tasks of the 2026 plan. `ids`: the seed's unit ids by unit code and user ids by
 * username (an unknown code or username is skipped or left empty, so the demo never fails on it).
 */
export async function seedPlans(tx: Tx, ids: { units: ReadonlyMap<string, string>; users: ReadonlyMap<string, string> }): Promise<void> {
  const createdById = ids.users.get("sonoivu") ?? null;
  for (const t of TASKS) {
    const leadUnitId = ids.units.get(t.lead);
    if (!leadUnitId) continue;
    const last = t.updates.at(-1);
    await tx.improvementTask.create({ data: {
      year: 2026, criterionCode: t.code, title: t.title, deliverable: t.deliverable, leadUnitId, createdById,
      startsAt: vietnamTime(...t.starts, 0, 0), dueAt: vietnamTime(...t.due, 17, 0),
      progress: last?.progress ?? 0, status: last?.status ?? "NOT_STARTED",
      createdAt: vietnamTime(2026, 1, 15, 9, 0),
      coordinating: { create: t.coordinating.flatMap((c) => (ids.units.get(c) ? [{ unitId: ids.units.get(c)! }] : [])) },
      updates: { create: t.updates.map((u) => ({ progress: u.progress, status: u.status, note: u.note,
        createdById: ids.users.get(u.by) ?? null, createdAt: vietnamTime(...u.at, 10, 0) })) },
    } });
  }
}
