/*
 * Demo initiatives (sáng kiến, mô hình hay) for the registry: a few recognised, proposed and rejected
 * ones across departments and communes. Invented for the demo province "Tỉnh Phú An".
 *
 * A recognised initiative with bonus points carries the accepted bonus item `SK-<id>` on the unit's
 * assessment of that year, as the registry writes it. Only the open year (2026) gets a bonus: the
 * published years' stored results are already computed and must not change under them.
 */
import type { Tx } from "../../lib/server/db/client.ts";
import { bonusCode } from "../../lib/domain/initiatives.ts";
import { vietnamTime } from "../../lib/domain/phases.ts";

type DemoInitiative = {
  unit: string;
  year: number;
  title: string;
  areaCode: string;
  description: string;
  results: string;
  status: "PROPOSED" | "RECOGNISED" | "REJECTED";
  /** Bonus points (only for a RECOGNISED initiative of an unpublished year). */
  bonus?: string;
  decisionNote?: string;
  decidedAt?: Date;
};

export const DEMO_INITIATIVES: readonly DemoInitiative[] = [
  {
    unit: "STP", year: 2025, areaCode: "7", status: "RECOGNISED",
    title: "Chứng thực bản sao điện tử từ bản chính trên Cổng dịch vụ công có ký số",
    description: "Tổ chức tiếp nhận, xử lý và trả kết quả chứng thực bản sao điện tử từ bản chính hoàn toàn trực tuyến, "
      + "kết quả ký số và lưu trong kho dữ liệu của công dân; công chức không phải in, đóng dấu bản giấy.",
    results: "Trong năm 2025 giải quyết 18.420 hồ sơ chứng thực điện tử, giảm 65 % thời gian chờ; không có hồ sơ trễ hạn.",
    decisionNote: "Hội đồng sáng kiến tỉnh công nhận; đề nghị nhân rộng tại các xã, phường.",
    decidedAt: vietnamTime(2025, 12, 10, 9),
  },
  {
    unit: "P-PHUAN", year: 2025, areaCode: "3", status: "RECOGNISED",
    title: "Tổ công nghệ số cộng đồng hỗ trợ người dân nộp hồ sơ trực tuyến tại nhà",
    description: "Thành lập tổ công nghệ số cộng đồng ở mỗi khu phố, hướng dẫn người cao tuổi và hộ kinh doanh "
      + "tạo tài khoản định danh điện tử, nộp hồ sơ và thanh toán trực tuyến.",
    results: "Tỷ lệ hồ sơ nộp trực tuyến của phường tăng từ 41 % lên 78 %; 2.150 lượt người dân được hỗ trợ.",
    decisionNote: "Công nhận mô hình hay cấp tỉnh năm 2025.",
    decidedAt: vietnamTime(2025, 12, 12, 14),
  },
  {
    unit: "SKHCN", year: 2026, areaCode: "7", status: "RECOGNISED", bonus: "0.50",
    title: "Trợ lý ảo tra cứu thủ tục hành chính trên Zalo của tỉnh",
    description: "Xây dựng trợ lý ảo trả lời tự động câu hỏi của người dân về thành phần hồ sơ, phí, lệ phí và "
      + "tình trạng giải quyết hồ sơ, kết nối với Hệ thống thông tin giải quyết thủ tục hành chính tỉnh.",
    results: "Sau 6 tháng vận hành trả lời 36.000 câu hỏi, 92 % người dùng đánh giá hài lòng; giảm 30 % cuộc gọi đến đường dây nóng.",
    decisionNote: "Công nhận, thưởng 0,5 điểm theo bộ tiêu chí năm 2026.",
    decidedAt: vietnamTime(2026, 10, 20, 10),
  },
  {
    unit: "STC", year: 2026, areaCode: "6", status: "PROPOSED",
    title: "Công khai dự toán và quyết toán ngân sách của các đơn vị trên bản đồ số",
    description: "Tích hợp số liệu dự toán, giải ngân và quyết toán của các đơn vị sử dụng ngân sách lên bản đồ số "
      + "của tỉnh, người dân xem theo địa bàn và lĩnh vực.",
    results: "Thí điểm tại 12 đơn vị; số liệu cập nhật hằng tháng từ hệ thống quản lý ngân sách.",
  },
  {
    unit: "X-TANLOC", year: 2026, areaCode: "5", status: "REJECTED",
    title: "Sổ tay công vụ điện tử cho cán bộ xã",
    description: "Biên soạn sổ tay điện tử tổng hợp văn bản hướng dẫn nghiệp vụ cho cán bộ, công chức xã, tra cứu trên điện thoại.",
    results: "Đã đưa vào sử dụng cho 25 cán bộ, công chức của xã.",
    decisionNote: "Chưa đủ điều kiện công nhận: chưa có đánh giá hiệu quả sau triển khai; đề nghị bổ sung và đề xuất lại năm sau.",
    decidedAt: vietnamTime(2026, 10, 25, 15),
  },
];

/**
 * Seeds the demo initiatives inside the seed's transaction. `ids.units`: unit code → id; `ids.users`:
 * username → id (the proposer is the unit's focal account `cb.<code>`, the decider `sonoivu`). Call it after
 * the cycles and assessments exist. Units or accounts missing from the maps are skipped.
 */
export async function seedInitiatives(tx: Tx, ids: { units: ReadonlyMap<string, string>; users: ReadonlyMap<string, string> }): Promise<number> {
  let created = 0;
  for (const d of DEMO_INITIATIVES) {
    const unitId = ids.units.get(d.unit);
    if (!unitId) continue;
    const decided = d.status !== "PROPOSED";
    const initiative = await tx.initiative.create({ data: {
      unitId, year: d.year, title: d.title, areaCode: d.areaCode, description: d.description, results: d.results, status: d.status,
      createdById: ids.users.get(`cb.${d.unit.toLowerCase()}`) ?? null,
      createdAt: vietnamTime(d.year, 9, 15, 9),
      decidedById: decided ? ids.users.get("sonoivu") ?? null : null,
      decidedAt: decided ? d.decidedAt ?? null : null,
      decisionNote: decided ? d.decisionNote ?? null : null,
      bonusPoints: d.status === "RECOGNISED" ? d.bonus ?? null : null,
    } });
    created++;
    if (d.status !== "RECOGNISED" || !d.bonus) continue;
    const assessment = await tx.assessment.findFirst({ where: { unitId, cycle: { year: d.year, publishedAt: null } }, select: { id: true } });
    if (!assessment) throw new Error(`seedInitiatives: ${d.unit} has no open assessment in ${d.year} for its bonus`);
    await tx.scoreAdjustment.create({ data: { assessmentId: assessment.id, kind: "BONUS", code: bonusCode(initiative.id),
      description: `Sáng kiến được công nhận: ${d.title}`, points: d.bonus, appraiserNote: d.decisionNote ?? null, accepted: true } });
  }
  return created;
}
