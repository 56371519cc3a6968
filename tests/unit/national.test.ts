import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  checkNationalRows,
  completeRanks,
  defaultProvince,
  hundredths,
  nationalTemplateCsv,
  parseNationalCsv,
  provinceKey,
  provinceList,
  provinceSeries,
  provincesInYear,
  regionRanks,
  yearAverage,
  type NationalParse,
  type NationalRow,
} from "@/lib/io/national";

const MAX_YEAR = 2026;
const parse = (input: string | Uint8Array) => parseNationalCsv(input, { maxYear: MAX_YEAR });

function rowsOf(result: NationalParse): NationalRow[] {
  if (!result.ok) throw new Error(`expected rows, got ${JSON.stringify(result.issues)}`);
  return result.rows;
}

function issuesOf(result: NationalParse) {
  if (result.ok) throw new Error(`expected issues, got ${JSON.stringify(result.rows)}`);
  return result.issues.map(({ row, column, key, values }) => ({ row, column, key, values }));
}

const row = (over: Partial<NationalRow> & Pick<NationalRow, "year" | "province" | "indexHundredths">): NationalRow =>
  ({ region: null, rank: null, regionRank: null, sipasHundredths: null, sipasRank: null, ...over });

describe("national import: reading the CSV", () => {
  it("reads Excel's Vietnamese CSV: BOM, semicolons, decimal commas, bilingual headers", () => {
    const csv = "\uFEFFTỉnh/Province;Năm/Year;Chỉ số/Index;Xếp hạng/Rank;Vùng/Region;Xếp hạng vùng/Region rank;SIPAS;Xếp hạng SIPAS/SIPAS rank\r\n"
      + "An Giang;2019;83,32;11;Đồng bằng sông Cửu Long;;89,81;8\r\n"
      + "An Giang;2016;72,89;36;;;;\r\n";
    expect(rowsOf(parse(csv))).toEqual([
      { year: 2019, province: "An Giang", region: "Đồng bằng sông Cửu Long", indexHundredths: 8332, rank: 11, regionRank: null, sipasHundredths: 8981, sipasRank: 8 },
      row({ year: 2016, province: "An Giang", indexHundredths: 7289, rank: 36 }),
    ]);
  });

  it("reads bytes with and without a BOM, commas and decimal dots, headers in any case and without diacritics", () => {
    const csv = "province,YEAR,chi so,xep hang,xep hang vung,vung\nAn Giang,2016,72.89,36,5,Đồng bằng sông Cửu Long\n";
    const expected = [row({ year: 2016, province: "An Giang", indexHundredths: 7289, rank: 36, regionRank: 5, region: "Đồng bằng sông Cửu Long" })];
    expect(rowsOf(parse(new TextEncoder().encode(csv)))).toEqual(expected);
    expect(rowsOf(parse(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(csv)])))).toEqual(expected);
    // Quoted decimal commas in a comma-separated file, a "%" sign, a title line above the header, Excel's sep= line.
    expect(rowsOf(parse('sep=,\nKết quả PAR INDEX\nTỉnh,Năm,Chỉ số (%)\n"An Giang",2016,"72,89 %"\n'))).toEqual([row({ year: 2016, province: "An Giang", indexHundredths: 7289 })]);
  });

  it("summarises the years of the file", () => {
    const r = parse("Tỉnh;Năm;Chỉ số\nA;2016;70\nB;2016;71\nC;2019;80\n");
    expect(r.ok && r.years).toEqual([
      { year: 2016, rows: 2, provinces: 63, complete: false },
      { year: 2019, rows: 1, provinces: 63, complete: false },
    ]);
  });

  it("names every problem by row and column", () => {
    const csv = "Tỉnh;Năm;Chỉ số;Xếp hạng;SIPAS;Xếp hạng vùng\n"
      + ";2016;70;;;\n"            // 2: no province
      + "B;2010;70;;;\n"           // 3: year before 2012
      + "C;2016;100,5;;;\n"        // 4: index above 100
      + "D;2016;70,123;;;\n"       // 5: 3 decimals
      + "E;2016;abc;;;\n"          // 6: not a number
      + "F;2016;70;64;;\n"         // 7: rank above 63
      + "G;2025;70;35;;\n"         // 8: 34 provinces from 2025
      + "H;2016;70;;;3\n"          // 9: region rank without a region
      + "I;2016;70;;101;\n"        // 10: SIPAS above 100
      + "J;2016;70;1,5;;\n"        // 11: rank not an integer
      + "K;2030;70;;;\n";          // 12: after the latest year
    expect(issuesOf(parse(csv)).map(({ row, column, key }) => [row, column, key])).toEqual([
      [2, "A", "import.cell.required"],
      [3, "B", "national.issues.year"],
      [4, "C", "national.issues.scoreRange"],
      [5, "C", "national.issues.scoreDecimals"],
      [6, "C", "import.cell.number"],
      [7, "D", "national.issues.rankRange"],
      [8, "D", "national.issues.rankRange"],
      [9, "F", "national.issues.regionRankWithoutRegion"],
      [10, "E", "national.issues.scoreRange"],
      [11, "D", "import.cell.integer"],
      [12, "B", "national.issues.year"],
    ]);
  });

  it("gives the header's own text and the value in the message values", () => {
    const [issue] = issuesOf(parse("Tỉnh/Province;Năm/Year;Chỉ số/Index\nAn Giang;2016;72,891\n"));
    expect(issue).toEqual({ row: 2, column: "C", key: "national.issues.scoreDecimals", values: { column: "Chỉ số/Index", value: "72,891" } });
  });

  it("refuses a province twice in a year (any spelling), too many provinces, and ranks contradicting the indices", () => {
    expect(issuesOf(parse("Tỉnh;Năm;Chỉ số\nAn Giang;2016;72,89\nTỉnh AN GIANG;2016;73\nAn Giang;2019;80\n"))).toEqual([
      { row: 3, column: "A", key: "national.issues.duplicate", values: { province: "Tỉnh AN GIANG", year: 2016, firstRow: 2 } },
    ]);
    const many = ["Tỉnh;Năm;Chỉ số", ...Array.from({ length: 35 }, (_, i) => `P${i};2025;${50 + i}`)].join("\n");
    expect(issuesOf(parse(many))).toEqual([{ row: 36, column: "B", key: "national.issues.tooManyProvinces", values: { year: 2025, count: 35, max: 34 } }]);
    expect(issuesOf(parse("Tỉnh;Năm;Chỉ số;Xếp hạng\nA;2016;90;2\nB;2016;80;1\nC;2016;80;1\n")).map((i) => [i.row, i.key])).toEqual([[2, "national.issues.rankOrder"]]);
    // Equal indices may share or split a rank.
    expect(parse("Tỉnh;Năm;Chỉ số;Xếp hạng\nA;2016;80;1\nB;2016;80;2\n").ok).toBe(true);
  });

  it("reports missing columns, empty files, unclosed quotes and bad encodings", () => {
    expect(issuesOf(parse("Tỉnh;Chỉ số\nA;70\n"))).toEqual([{ row: 1, column: undefined, key: "import.sheet.missingColumn", values: { column: "Năm/Year" } }]);
    expect(issuesOf(parse("")).map((i) => i.key)).toEqual(["import.file.empty"]);
    expect(issuesOf(parse("Tỉnh;Năm;Chỉ số\n;;\n")).map((i) => i.key)).toEqual(["import.file.empty"]);
    expect(issuesOf(parse('Tỉnh;Năm;Chỉ số\n"An Giang;2016;70\n')).map((i) => i.key)).toEqual(["import.csv.quotes"]);
    expect(issuesOf(parse(new Uint8Array([0x54, 0xe1, 0xbb, 0x0a, 0xff]))).map((i) => i.key)).toEqual(["import.file.encoding"]);
  });

  it("never throws on arbitrary bytes or text: rows or issues", () => {
    const check = (result: NationalParse) => {
      if (result.ok) {
        expect(result.rows.length).toBeGreaterThan(0);
        for (const r of result.rows) {
          expect(r.indexHundredths).toBeGreaterThanOrEqual(0);
          expect(r.indexHundredths).toBeLessThanOrEqual(10_000);
          expect(checkNationalRows([r], { maxYear: MAX_YEAR })).toEqual([]);
        }
      } else expect(result.issues.length).toBeGreaterThan(0);
    };
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => check(parse(bytes))), { numRuns: 300 });
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (text) => check(parse(text))), { numRuns: 300 });
    const cell = fc.oneof(fc.constantFrom("", "An Giang", "2016", "2019", "72,89", "100", "-1", "63", "1", "abc", '"', "Đồng bằng"), fc.string({ maxLength: 8 }));
    const csv = fc.array(fc.array(cell, { minLength: 1, maxLength: 8 }), { maxLength: 12 })
      .map((lines) => ["Tỉnh;Năm;Chỉ số;Xếp hạng;Vùng;Xếp hạng vùng;SIPAS;Xếp hạng SIPAS", ...lines.map((l) => l.join(";"))].join("\r\n"));
    fc.assert(fc.property(csv, (text) => check(parse(text))), { numRuns: 300 });
  });

  it("reads its own template", () => {
    const rows = rowsOf(parse(nationalTemplateCsv()));
    expect(rows.map((r) => [r.province, r.year, r.indexHundredths, r.rank])).toEqual([["An Giang", 2019, 8332, 11], ["An Giang", 2022, 8422, 42]]);
  });
});

describe("national results: numbers, keys, checks", () => {
  it("reads scores to hundredths", () => {
    expect(hundredths("72,89")).toBe(7289);
    expect(hundredths("90.1")).toBe(9010);
    expect(hundredths("100")).toBe(10_000);
    expect(hundredths("0")).toBe(0);
    expect(hundredths("1.005")).toBe("national.issues.scoreDecimals");
    expect(hundredths("100,01")).toBe("national.issues.scoreRange");
    expect(hundredths("1 234")).toBe("import.cell.number");
  });

  it("has 63 provinces until 2024 and 34 from 2025", () => {
    expect([2012, 2024, 2025, 2026].map(provincesInYear)).toEqual([63, 63, 34, 34]);
  });

  it("matches spellings of a province", () => {
    expect(provinceKey("Tỉnh An Giang")).toBe(provinceKey("AN GIANG"));
    expect(provinceKey("TP. Hồ Chí Minh")).toBe(provinceKey("Thành phố Hồ Chí Minh"));
    expect(provinceKey("Bà Rịa - Vũng Tàu")).toBe(provinceKey("Bà Rịa–Vũng Tàu"));
  });

  it("re-checks rows sent for saving, by row number", () => {
    const good = row({ year: 2016, province: "An Giang", indexHundredths: 7289, rank: 36 });
    expect(checkNationalRows([good])).toEqual([]);
    const bad = [good, { ...good, rank: 64 }, row({ year: 2016, province: "X", indexHundredths: 10_001 }), row({ year: 2011, province: "Y", indexHundredths: 1 })];
    expect(checkNationalRows(bad).map((i) => [i.row, i.key])).toEqual([
      [2, "national.issues.rankRange"],
      [2, "national.issues.duplicate"],
      [3, "national.issues.scoreRange"],
      [4, "national.issues.year"],
    ]);
  });
});

describe("national results: ranks of a complete year", () => {
  const regions = ["Đồng bằng sông Cửu Long", "Đông Nam Bộ", "Tây Nguyên"];
  const complete = Array.from({ length: 63 }, (_, i) => row({ year: 2016, province: `P${String(i).padStart(2, "0")}`,
    indexHundredths: 9000 - i * 50 + (i === 10 ? 50 : 0), region: regions[i % 3]!, sipasHundredths: 8000 + i }));

  it("ranks within each region by index, ties sharing a rank", () => {
    const rows = [
      row({ year: 2016, province: "A", indexHundredths: 8000, region: "Vùng 1" }),
      row({ year: 2016, province: "B", indexHundredths: 9000, region: "vùng 1" }),
      row({ year: 2016, province: "C", indexHundredths: 8500, region: "Vùng 2" }),
      row({ year: 2016, province: "D", indexHundredths: 9000, region: "Vùng 1" }),
      row({ year: 2016, province: "E", indexHundredths: 7000, region: null }),
    ];
    expect(regionRanks(rows)).toEqual([3, 1, 1, 1, null]);
  });

  it("fills national, SIPAS and regional ranks of a complete year when the file gives none", () => {
    const filled = completeRanks(complete);
    // P09 and P10 share 85.50 → both 10th, P11 is 12th.
    expect(filled.slice(8, 12).map((r) => r.rank)).toEqual([9, 10, 10, 12]);
    expect(filled[0]!.sipasRank).toBe(63);
    expect(filled[62]!.sipasRank).toBe(1);
    // Region of P00, P03, P06… (every third): ranks 1, 2, 3…
    expect(filled.filter((r) => r.region === regions[0]).slice(0, 3).map((r) => r.regionRank)).toEqual([1, 2, 3]);
    expect(checkNationalRows(filled)).toEqual([]);
    expect(yearAverage(filled, 2016)).toBe(Math.round(complete.reduce((s, r) => s + r.indexHundredths, 0) / 63));
  });

  it("leaves incomplete years and given ranks alone", () => {
    const partial = complete.slice(0, 62);
    expect(completeRanks(partial)).toEqual(partial);
    expect(yearAverage(partial, 2016)).toBeNull();
    const given = complete.map((r, i) => ({ ...r, rank: i + 1 }));
    expect(completeRanks(given).map((r) => r.rank)).toEqual(given.map((r) => r.rank));
  });
});

describe("national results: a province's series", () => {
  const years = [
    { year: 2016, provinces: 63, averageHundredths: 7464, partial: true, source: "báo chí" },
    { year: 2019, provinces: 63, averageHundredths: null, partial: false, source: null },
  ];
  const rows = [
    row({ year: 2019, province: "An Giang", indexHundredths: 8332, rank: 11, region: "ĐBSCL", regionRank: 2, sipasHundredths: 8981, sipasRank: 8 }),
    row({ year: 2016, province: "Tỉnh An Giang", indexHundredths: 7289, rank: 36, region: "ĐBSCL" }),
    row({ year: 2019, province: "Đồng Tháp", indexHundredths: 8500, rank: 5, region: "ĐBSCL", regionRank: 1 }),
    row({ year: 2019, province: "Hà Nội", indexHundredths: 8400, region: "ĐBSH" }),
  ];

  it("gives year, index, rank of provinces, region rank of region size, SIPAS and the year's context, oldest first", () => {
    expect(provinceSeries("an giang", years, rows)).toEqual([
      { year: 2016, province: "Tỉnh An Giang", indexHundredths: 7289, rank: 36, of: 63, region: "ĐBSCL", regionRank: null, regionSize: null,
        sipasHundredths: null, sipasRank: null, averageHundredths: 7464, partial: true, source: "báo chí" },
      { year: 2019, province: "An Giang", indexHundredths: 8332, rank: 11, of: 63, region: "ĐBSCL", regionRank: 2, regionSize: 2,
        sipasHundredths: 8981, sipasRank: 8, averageHundredths: null, partial: false, source: null },
    ]);
    expect(provinceSeries("Nowhere", years, rows)).toEqual([]);
  });

  it("lists provinces once per spelling key and picks the default: home province, else most years (ties by name)", () => {
    const list = provinceList(rows);
    expect(list).toEqual([
      { province: "An Giang", key: "an giang", years: 2 },
      { province: "Đồng Tháp", key: "dong thap", years: 1 },
      { province: "Hà Nội", key: "ha noi", years: 1 },
    ]);
    expect(defaultProvince(list)).toBe("An Giang");
    expect(defaultProvince(list, "tỉnh đồng tháp")).toBe("Đồng Tháp");
    expect(defaultProvince(list, "Cà Mau")).toBe("Cà Mau");
    expect(defaultProvince(list.map((p) => ({ ...p, years: 1 })))).toBe("An Giang");
    expect(defaultProvince([])).toBeNull();
  });
});
