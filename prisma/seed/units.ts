import type { SeedLineage, SeedUnit } from "./types";

/*
 * Demo units. "Tỉnh Phú An" is a FICTITIOUS province used only for demo data; it does not
 * correspond to any of Vietnam's provinces (63 until 06/2025, 34 since 01/07/2025).
 * The unit structure follows the real 2025 restructuring:
 *  - provincial departments merged effective 01/03/2025 (Nghị định 45/2025/NĐ-CP model):
 *    KH&ĐT + Tài chính → Tài chính; TN&MT + NN&PTNT → Nông nghiệp và Môi trường;
 *    GTVT + Xây dựng → Xây dựng; TT&TT + KH&CN → Khoa học và Công nghệ;
 *    LĐTB&XH + Nội vụ → Nội vụ; Ban Dân tộc → Sở Dân tộc và Tôn giáo;
 *  - central agencies in the province reorganised in 2025 (regional treasury, customs and
 *    State Bank branches; provincial tax office);
 *  - two-level local government from 01/07/2025: no district level, communes/wards report to
 *    the province directly.
 * A department that kept its name across a merger gets a new code for the post-merger unit
 * and a "-2024" code for the pre-merger one, linked in LINEAGE.
 * UNITS does not contain PROVINCE: seed PROVINCE first, every unit's `parent` is its code.
 */

export const PROVINCE: SeedUnit = {
  code: "PHUAN",
  nameVi: "Tỉnh Phú An",
  nameEn: "Phu An Province",
  kind: "PROVINCE",
  group: null,
  activeFrom: 2023,
};

const P = PROVINCE.code;

function dept(code: string, nameVi: string, nameEn: string, activeFrom: number, activeTo?: number): SeedUnit {
  return activeTo === undefined
    ? { code, nameVi, nameEn, kind: "DEPARTMENT", group: "SBN", activeFrom, parent: P }
    : { code, nameVi, nameEn, kind: "DEPARTMENT", group: "SBN", activeFrom, activeTo, parent: P };
}

/** Wards are urban; the communes alternate between the lowland and the upland area (demo). */
function commune(code: string, nameVi: string, nameEn: string): SeedUnit {
  const region = code.startsWith("P-") ? "DOTHI" : ["X-TANLOC", "X-MYHUNG", "X-HOABINH", "X-VINHTHANH", "X-SONGTRA"].includes(code) ? "DONGBANG" : "MIENNUI";
  return { code, nameVi, nameEn, kind: "COMMUNE", group: "XA", activeFrom: 2025, parent: P, region };
}

/** Sở, ban, ngành that exist throughout 2023–2026 (not affected by the 2025 mergers). */
const CONTINUING: SeedUnit[] = [
  dept("VPUB", "Văn phòng Ủy ban nhân dân tỉnh", "Office of the Provincial People's Committee", 2023),
  dept("STP", "Sở Tư pháp", "Department of Justice", 2023),
  dept("SCT", "Sở Công Thương", "Department of Industry and Trade", 2023),
  dept("SGDDT", "Sở Giáo dục và Đào tạo", "Department of Education and Training", 2023),
  dept("SYT", "Sở Y tế", "Department of Health", 2023),
  dept("SVHTTDL", "Sở Văn hóa, Thể thao và Du lịch", "Department of Culture, Sports and Tourism", 2023),
  dept("TTT", "Thanh tra tỉnh", "Provincial Inspectorate", 2023),
  dept(
    "BQLKKT",
    "Ban Quản lý Khu kinh tế và các Khu công nghiệp tỉnh",
    "Management Board of the Economic Zone and Industrial Parks",
    2023,
  ),
  dept(
    "TTPVHCC",
    "Trung tâm Phục vụ hành chính công tỉnh",
    "Provincial Public Administrative Service Centre",
    2023,
  ),
  dept(
    "BQLDA",
    "Ban Quản lý dự án đầu tư xây dựng tỉnh",
    "Provincial Construction Investment Project Management Board",
    2023,
  ),
  dept("QDTPT", "Quỹ Đầu tư phát triển tỉnh", "Provincial Development Investment Fund", 2023),
  dept(
    "TTXTDT",
    "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tỉnh",
    "Provincial Investment, Trade and Tourism Promotion Centre",
    2023,
  ),
  dept("DPTTH", "Đài Phát thanh và Truyền hình tỉnh", "Provincial Radio and Television Station", 2023),
  dept("CAT", "Công an tỉnh", "Provincial Police", 2023),
  dept("BCHQS", "Bộ Chỉ huy Quân sự tỉnh", "Provincial Military Command", 2023),
  dept("BHXH", "Bảo hiểm xã hội tỉnh", "Provincial Social Insurance", 2023),
];

/** Units created by the 2025 restructuring (active from 2025). */
const POST_2025: SeedUnit[] = [
  dept("SNV", "Sở Nội vụ", "Department of Home Affairs", 2025),
  dept("STC", "Sở Tài chính", "Department of Finance", 2025),
  dept("SNNMT", "Sở Nông nghiệp và Môi trường", "Department of Agriculture and Environment", 2025),
  dept("SXD", "Sở Xây dựng", "Department of Construction", 2025),
  dept("SKHCN", "Sở Khoa học và Công nghệ", "Department of Science and Technology", 2025),
  dept("SDTTG", "Sở Dân tộc và Tôn giáo", "Department of Ethnic Minorities and Religion", 2025),
  dept("THUE", "Thuế tỉnh Phú An", "Phu An Provincial Tax Office", 2025),
  dept("KBNN", "Kho bạc Nhà nước khu vực XV", "State Treasury, Region XV", 2025),
  dept("HQKV", "Chi cục Hải quan khu vực XV", "Customs Sub-department, Region XV", 2025),
  dept("NHNN", "Ngân hàng Nhà nước Chi nhánh Khu vực 12", "State Bank of Vietnam, Regional Branch 12", 2025),
];

/** Units dissolved or reorganised by the 2025 restructuring (active 2023–2024 only). */
const PRE_2025: SeedUnit[] = [
  dept("SNV-2024", "Sở Nội vụ (trước 2025)", "Department of Home Affairs (before 2025)", 2023, 2024),
  dept(
    "SLDTBXH",
    "Sở Lao động – Thương binh và Xã hội",
    "Department of Labour, War Invalids and Social Affairs",
    2023,
    2024,
  ),
  dept("STC-2024", "Sở Tài chính (trước 2025)", "Department of Finance (before 2025)", 2023, 2024),
  dept("SKHDT", "Sở Kế hoạch và Đầu tư", "Department of Planning and Investment", 2023, 2024),
  dept("STNMT", "Sở Tài nguyên và Môi trường", "Department of Natural Resources and Environment", 2023, 2024),
  dept(
    "SNNPTNT",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Department of Agriculture and Rural Development",
    2023,
    2024,
  ),
  dept("SXD-2024", "Sở Xây dựng (trước 2025)", "Department of Construction (before 2025)", 2023, 2024),
  dept("SGTVT", "Sở Giao thông vận tải", "Department of Transport", 2023, 2024),
  dept(
    "SKHCN-2024",
    "Sở Khoa học và Công nghệ (trước 2025)",
    "Department of Science and Technology (before 2025)",
    2023,
    2024,
  ),
  dept("STTTT", "Sở Thông tin và Truyền thông", "Department of Information and Communications", 2023, 2024),
  dept("BDT", "Ban Dân tộc tỉnh", "Provincial Committee for Ethnic Minority Affairs", 2023, 2024),
  dept("SNGV", "Sở Ngoại vụ", "Department of Foreign Affairs", 2023, 2024),
  dept("CTHUE", "Cục Thuế tỉnh Phú An", "Phu An Provincial Tax Department", 2023, 2024),
  dept("KBNN-2024", "Kho bạc Nhà nước Phú An", "Phu An State Treasury", 2023, 2024),
  dept("CHQ", "Cục Hải quan tỉnh Phú An", "Phu An Customs Department", 2023, 2024),
  dept(
    "NHNN-2024",
    "Ngân hàng Nhà nước chi nhánh tỉnh Phú An",
    "State Bank of Vietnam, Phu An Branch",
    2023,
    2024,
  ),
];

/** Communes and wards of the two-level local government (from 01/07/2025). */
const COMMUNES: SeedUnit[] = [
  commune("P-PHUAN", "Phường Phú An", "Phu An Ward"),
  commune("P-TANTHINH", "Phường Tân Thịnh", "Tan Thinh Ward"),
  commune("P-BINHMINH", "Phường Bình Minh", "Binh Minh Ward"),
  commune("P-LONGHOA", "Phường Long Hòa", "Long Hoa Ward"),
  commune("P-ANKHANH", "Phường An Khánh", "An Khanh Ward"),
  commune("X-TANLOC", "Xã Tân Lộc", "Tan Loc Commune"),
  commune("X-MYHUNG", "Xã Mỹ Hưng", "My Hung Commune"),
  commune("X-HOABINH", "Xã Hòa Bình", "Hoa Binh Commune"),
  commune("X-VINHTHANH", "Xã Vĩnh Thạnh", "Vinh Thanh Commune"),
  commune("X-PHUOCLONG", "Xã Phước Long", "Phuoc Long Commune"),
  commune("X-DONGSON", "Xã Đông Sơn", "Dong Son Commune"),
  commune("X-THANHPHU", "Xã Thạnh Phú", "Thanh Phu Commune"),
  commune("X-TAMHIEP", "Xã Tam Hiệp", "Tam Hiep Commune"),
  commune("X-SONGTRA", "Xã Sông Trà", "Song Tra Commune"),
  commune("X-HONGLINH", "Xã Hồng Lĩnh", "Hong Linh Commune"),
];

export const UNITS: SeedUnit[] = [...CONTINUING, ...POST_2025, ...PRE_2025, ...COMMUNES];

const MERGED_2025 = "Hợp nhất theo phương án sắp xếp cơ quan chuyên môn thuộc UBND tỉnh, hiệu lực từ 01/03/2025";

export const LINEAGE: SeedLineage[] = [
  // Sở Tài chính = Sở Tài chính (cũ) + Sở Kế hoạch và Đầu tư
  { predecessor: "STC-2024", successor: "STC", kind: "MERGED", effectiveYear: 2025, note: MERGED_2025 },
  { predecessor: "SKHDT", successor: "STC", kind: "MERGED", effectiveYear: 2025, note: MERGED_2025 },
  // Sở Nông nghiệp và Môi trường = Sở TN&MT + Sở NN&PTNT
  { predecessor: "STNMT", successor: "SNNMT", kind: "MERGED", effectiveYear: 2025, note: MERGED_2025 },
  { predecessor: "SNNPTNT", successor: "SNNMT", kind: "MERGED", effectiveYear: 2025, note: MERGED_2025 },
  // Sở Xây dựng = Sở Xây dựng (cũ) + Sở GTVT
  { predecessor: "SXD-2024", successor: "SXD", kind: "MERGED", effectiveYear: 2025, note: MERGED_2025 },
  { predecessor: "SGTVT", successor: "SXD", kind: "MERGED", effectiveYear: 2025, note: MERGED_2025 },
  // Sở Khoa học và Công nghệ = Sở KH&CN (cũ) + Sở TT&TT
  { predecessor: "SKHCN-2024", successor: "SKHCN", kind: "MERGED", effectiveYear: 2025, note: MERGED_2025 },
  {
    predecessor: "STTTT",
    successor: "SKHCN",
    kind: "MERGED",
    effectiveYear: 2025,
    note: `${MERGED_2025}; quản lý nhà nước về báo chí, xuất bản chuyển sang Sở Văn hóa, Thể thao và Du lịch`,
  },
  // Sở Nội vụ = Sở Nội vụ (cũ) + Sở LĐTB&XH
  { predecessor: "SNV-2024", successor: "SNV", kind: "MERGED", effectiveYear: 2025, note: MERGED_2025 },
  {
    predecessor: "SLDTBXH",
    successor: "SNV",
    kind: "MERGED",
    effectiveYear: 2025,
    note: `${MERGED_2025}; bảo trợ xã hội, trẻ em chuyển sang Sở Y tế, giáo dục nghề nghiệp chuyển sang Sở Giáo dục và Đào tạo`,
  },
  // Ban Dân tộc → Sở Dân tộc và Tôn giáo
  {
    predecessor: "BDT",
    successor: "SDTTG",
    kind: "MERGED",
    effectiveYear: 2025,
    note: "Thành lập trên cơ sở Ban Dân tộc, tiếp nhận chức năng quản lý nhà nước về tín ngưỡng, tôn giáo từ Sở Nội vụ (01/03/2025)",
  },
  // Sở Ngoại vụ: chức năng đối ngoại chuyển về Văn phòng UBND tỉnh (mô phỏng)
  {
    predecessor: "SNGV",
    successor: "VPUB",
    kind: "MERGED",
    effectiveYear: 2025,
    note: "Giải thể Sở Ngoại vụ, chức năng, nhiệm vụ về đối ngoại chuyển về Văn phòng UBND tỉnh (dữ liệu minh họa)",
  },
  // Cơ quan Trung ương đóng trên địa bàn
  {
    predecessor: "CTHUE",
    successor: "THUE",
    kind: "RENAMED",
    effectiveYear: 2025,
    note: "Cục Thuế tỉnh tổ chức lại thành Chi cục Thuế khu vực (03/2025), sau đó Thuế tỉnh (07/2025)",
  },
  {
    predecessor: "KBNN-2024",
    successor: "KBNN",
    kind: "MERGED",
    effectiveYear: 2025,
    note: "Kho bạc Nhà nước cấp tỉnh sắp xếp thành Kho bạc Nhà nước khu vực (01/03/2025)",
  },
  {
    predecessor: "CHQ",
    successor: "HQKV",
    kind: "MERGED",
    effectiveYear: 2025,
    note: "Cục Hải quan tỉnh sắp xếp thành Chi cục Hải quan khu vực (03/2025)",
  },
  {
    predecessor: "NHNN-2024",
    successor: "NHNN",
    kind: "MERGED",
    effectiveYear: 2025,
    note: "Ngân hàng Nhà nước chi nhánh tỉnh sắp xếp thành Chi nhánh Khu vực (01/03/2025)",
  },
];
