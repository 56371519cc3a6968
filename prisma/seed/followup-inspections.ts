import { vietnamTime } from "../../lib/domain/phases.ts";
import type { Tx } from "../../lib/server/db/client.ts";

/*
 * Demo inspection of the 2026 plan: the Department of Home Affairs' team inspected the Department of Health
 * (SYT) in June 2026 and recorded three findings: one remediated and closed, one whose remediation the
 * unit has reported (awaiting the secretariat), one still open and past its deadline (overdue in the demo).
 */

export const DEMO_INSPECTION = {
  year: 2026,
  unit: "SYT",
  decisionNumber: "125/QĐ-SNV",
  team: [
    "Trần Thị Thu Hà — Phó Giám đốc Sở Nội vụ, Trưởng đoàn",
    "Nguyễn Văn Minh — Chuyên viên Sở Tư pháp, Thành viên",
    "Đỗ Thị Hồng — Chuyên viên Sở Tài chính, Thành viên",
    "Lê Hoàng Phúc — Chuyên viên Sở Nội vụ, Thư ký đoàn",
  ].join("\n"),
} as const;

/**
 * Writes the demo inspection inside the seed's transaction. `ids`: the seed's unit ids by unit code and
 * user ids by username (it needs the unit SYT and the users "sonoivu" and "cb.syt").
 */
export async function seedInspections(tx: Tx, ids: { units: ReadonlyMap<string, string>; users: ReadonlyMap<string, string> }): Promise<void> {
  const unitId = ids.units.get(DEMO_INSPECTION.unit);
  const secretariat = ids.users.get("sonoivu") ?? null;
  const staff = ids.users.get(`cb.${DEMO_INSPECTION.unit.toLowerCase()}`) ?? null;
  if (!unitId) return;
  await tx.inspection.create({ data: {
    year: DEMO_INSPECTION.year,
    decisionNumber: DEMO_INSPECTION.decisionNumber,
    decisionDate: vietnamTime(2026, 5, 20),
    team: DEMO_INSPECTION.team,
    targetUnitId: unitId,
    startsAt: vietnamTime(2026, 6, 9),
    endsAt: vietnamTime(2026, 6, 11),
    status: "REPORTED",
    createdById: secretariat,
    createdAt: vietnamTime(2026, 5, 20, 9),
    findings: { create: [
      {
        areaCode: "1",
        limitation: "Kế hoạch cải cách hành chính năm 2026 ban hành chậm (ngày 15/02/2026), chưa xác định rõ sản phẩm và thời hạn hoàn thành của một số nhiệm vụ.",
        severity: "MEDIUM",
        recommendation: "Điều chỉnh kế hoạch, bổ sung sản phẩm, thời hạn và đơn vị chủ trì của từng nhiệm vụ; ban hành kế hoạch năm sau trước ngày 31/12.",
        dueAt: vietnamTime(2026, 8, 31, 17),
        status: "CLOSED",
        closedAt: vietnamTime(2026, 8, 25, 10),
        closedById: secretariat,
        closingNote: "Đơn vị đã ban hành Kế hoạch điều chỉnh số 210/KH-SYT ngày 20/8/2026.",
        createdAt: vietnamTime(2026, 6, 12, 9),
        remediations: { create: [{ report: "Sở Y tế đã ban hành Kế hoạch điều chỉnh số 210/KH-SYT ngày 20/8/2026, bổ sung sản phẩm và thời hạn của 12 nhiệm vụ.",
          createdById: staff, createdAt: vietnamTime(2026, 8, 21, 15) }] },
      },
      {
        areaCode: "3",
        limitation: "Còn 7 thủ tục hành chính chưa được công khai đầy đủ tại Bộ phận Một cửa và trên Cổng Dịch vụ công của tỉnh.",
        severity: "HIGH",
        recommendation: "Rà soát, niêm yết đầy đủ các thủ tục hành chính thuộc thẩm quyền; cập nhật trên Cổng Dịch vụ công trong thời hạn.",
        dueAt: vietnamTime(2026, 12, 15, 17),
        status: "REMEDIATION_REPORTED",
        createdAt: vietnamTime(2026, 6, 12, 9),
        remediations: { create: [{ report: "Đã rà soát và niêm yết đủ 7 thủ tục hành chính tại Bộ phận Một cửa; đã cập nhật trên Cổng Dịch vụ công ngày 10/11/2026.",
          createdById: staff, createdAt: vietnamTime(2026, 11, 10, 16) }] },
      },
      {
        areaCode: "7",
        limitation: "Tỷ lệ hồ sơ thủ tục hành chính được số hóa kết quả giải quyết mới đạt 62%, thấp hơn chỉ tiêu của tỉnh (80%).",
        severity: "LOW",
        recommendation: "Xây dựng lộ trình số hóa kết quả giải quyết thủ tục hành chính; báo cáo tiến độ hằng tháng.",
        dueAt: vietnamTime(2026, 10, 31, 17),
        status: "OPEN",
        createdAt: vietnamTime(2026, 6, 12, 9),
      },
    ] },
  } });
}
