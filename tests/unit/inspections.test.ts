import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compareAreaCodes, findingFlags, findingTransition, FINDING_STATUSES, inspectionDateIssues, inspectionProgress, inspectionStatusRefusal,
  needsRemediationReminder, planSummary, teamMembers, vietnamWeek, type FindingEvent, type FindingStatus, type PlanInspection,
} from "@/lib/domain/inspections";
import { vietnamTime } from "@/lib/domain/phases";

const NOW = vietnamTime(2026, 11, 22, 10);
const DAY = 86_400_000;

describe("finding transitions", () => {
  it("follows OPEN → REMEDIATION_REPORTED → CLOSED", () => {
    expect(findingTransition("OPEN", { kind: "report" })).toEqual({ ok: true, status: "REMEDIATION_REPORTED" });
    expect(findingTransition("REMEDIATION_REPORTED", { kind: "close" })).toEqual({ ok: true, status: "CLOSED" });
  });

  it("takes a further report on a reported finding and keeps it reported", () => {
    expect(findingTransition("REMEDIATION_REPORTED", { kind: "report" })).toEqual({ ok: true, status: "REMEDIATION_REPORTED" });
  });

  it("sends a reported finding back to OPEN only with a note", () => {
    expect(findingTransition("REMEDIATION_REPORTED", { kind: "sendBack", note: "Chưa có văn bản ban hành" })).toEqual({ ok: true, status: "OPEN" });
    expect(findingTransition("REMEDIATION_REPORTED", { kind: "sendBack", note: "  \n " })).toEqual({ ok: false, key: "inspections.errors.noteRequired" });
  });

  it("refuses to close or send back a finding nothing was reported on", () => {
    expect(findingTransition("OPEN", { kind: "close" })).toEqual({ ok: false, key: "inspections.errors.notReported" });
    expect(findingTransition("OPEN", { kind: "sendBack", note: "x" })).toEqual({ ok: false, key: "inspections.errors.notReported" });
  });

  it("refuses everything on a closed finding", () => {
    for (const event of [{ kind: "report" }, { kind: "close" }, { kind: "sendBack", note: "x" }] as FindingEvent[]) {
      expect(findingTransition("CLOSED", event)).toEqual({ ok: false, key: "inspections.errors.closed" });
    }
  });

  const event = fc.oneof(
    fc.constant<FindingEvent>({ kind: "report" }),
    fc.constant<FindingEvent>({ kind: "close" }),
    fc.string({ maxLength: 5 }).map<FindingEvent>((note) => ({ kind: "sendBack", note })),
  );

  it("property: any sequence of events only ever walks the allowed edges, and CLOSED is final", () => {
    const allowed = new Set(["OPEN>REMEDIATION_REPORTED", "REMEDIATION_REPORTED>REMEDIATION_REPORTED", "REMEDIATION_REPORTED>CLOSED", "REMEDIATION_REPORTED>OPEN"]);
    fc.assert(fc.property(fc.constantFrom(...FINDING_STATUSES), fc.array(event, { maxLength: 30 }), (start, events) => {
      let status: FindingStatus = start;
      for (const e of events) {
        const r = findingTransition(status, e);
        if (status === "CLOSED") expect(r.ok).toBe(false);
        if (!r.ok) {
          expect(r.key).toMatch(/^inspections\.errors\.(closed|notReported|noteRequired)$/);
          continue;
        }
        expect(allowed.has(`${status}>${r.status}`)).toBe(true);
        // Only the secretariat's close reaches CLOSED, only a report reaches REMEDIATION_REPORTED.
        if (r.status === "CLOSED") expect(e.kind).toBe("close");
        if (r.status === "REMEDIATION_REPORTED") expect(e.kind).toBe("report");
        if (e.kind === "sendBack") expect(e.note.trim()).not.toBe("");
        status = r.status;
      }
    }));
  });
});

describe("finding flags and progress", () => {
  const due = (days: number) => new Date(NOW.getTime() + days * DAY);

  it("flags an overdue remediation: past due and not closed", () => {
    expect(findingFlags({ status: "OPEN", dueAt: due(-1) }, NOW)).toEqual({ overdue: true, awaitingClosure: false });
    expect(findingFlags({ status: "REMEDIATION_REPORTED", dueAt: due(-1) }, NOW)).toEqual({ overdue: true, awaitingClosure: true });
    expect(findingFlags({ status: "CLOSED", dueAt: due(-30) }, NOW)).toEqual({ overdue: false, awaitingClosure: false });
    expect(findingFlags({ status: "OPEN", dueAt: due(2) }, NOW)).toEqual({ overdue: false, awaitingClosure: false });
    // Exactly at the deadline is not late yet.
    expect(findingFlags({ status: "OPEN", dueAt: NOW }, NOW).overdue).toBe(false);
  });

  it("counts closed of total (rounded down) and the overdue", () => {
    const findings = [
      { status: "CLOSED" as const, dueAt: due(-5) },
      { status: "OPEN" as const, dueAt: due(-2) },
      { status: "REMEDIATION_REPORTED" as const, dueAt: due(3) },
    ];
    expect(inspectionProgress(findings, NOW)).toEqual({ total: 3, closed: 1, open: 1, reported: 1, overdue: 1, percent: 33 });
    expect(inspectionProgress([], NOW)).toEqual({ total: 0, closed: 0, open: 0, reported: 0, overdue: 0, percent: null });
    expect(inspectionProgress([{ status: "CLOSED", dueAt: due(1) }], NOW).percent).toBe(100);
  });
});

describe("inspection checks", () => {
  const d = (day: number) => vietnamTime(2026, 6, day);

  it("wants the decision no later than the start and the end no earlier than the start", () => {
    expect(inspectionDateIssues({ decisionDate: d(1), startsAt: d(10), endsAt: d(12) })).toEqual([]);
    expect(inspectionDateIssues({ decisionDate: d(10), startsAt: d(10), endsAt: d(10) })).toEqual([]);
    expect(inspectionDateIssues({ decisionDate: d(11), startsAt: d(10), endsAt: d(9) })).toEqual(["decisionAfterStart", "endBeforeStart"]);
  });

  it("closes an inspection only when every finding is closed", () => {
    expect(inspectionStatusRefusal("CLOSED", [{ status: "CLOSED" }, { status: "OPEN" }])).toBe("openFindings");
    expect(inspectionStatusRefusal("CLOSED", [{ status: "CLOSED" }])).toBeNull();
    expect(inspectionStatusRefusal("REPORTED", [{ status: "OPEN" }])).toBeNull();
  });

  it("reads the team one member per line", () => {
    expect(teamMembers(" Nguyễn Văn A — Trưởng đoàn\r\n\n Lê Thị B — Thành viên \n")).toEqual(["Nguyễn Văn A — Trưởng đoàn", "Lê Thị B — Thành viên"]);
  });
});

describe("the year's inspection plan", () => {
  const f = (areaCode: string, severity: "LOW" | "MEDIUM" | "HIGH", status: FindingStatus, days: number) =>
    ({ areaCode, severity, status, dueAt: new Date(NOW.getTime() + days * DAY) });
  const plan: PlanInspection[] = [
    { targetUnitId: "SXD", status: "REPORTED", findings: [f("2", "HIGH", "OPEN", -3), f("10", "LOW", "CLOSED", -10), f("2", "MEDIUM", "REMEDIATION_REPORTED", 5)] },
    { targetUnitId: "STP", status: "IN_PROGRESS", findings: [f("4", "MEDIUM", "OPEN", 20)] },
    { targetUnitId: "SYT", status: "PLANNED", findings: [] },
    { targetUnitId: "SYT", status: "PLANNED", findings: [] },
  ];

  it("sums units, statuses, severities and areas by hand", () => {
    expect(planSummary(plan, NOW)).toEqual({
      inspections: 4,
      units: 3,
      unitsPlanned: 1,
      unitsInProgress: 1,
      byStatus: { PLANNED: 2, IN_PROGRESS: 1, REPORTED: 1, CLOSED: 0 },
      findings: { total: 4, closed: 1, open: 2, reported: 1, overdue: 1, percent: 25 },
      bySeverity: { HIGH: 1, MEDIUM: 2, LOW: 1 },
      byArea: [{ areaCode: "2", count: 2, notClosed: 2 }, { areaCode: "4", count: 1, notClosed: 1 }, { areaCode: "10", count: 1, notClosed: 0 }],
    });
  });

  it("is empty without inspections", () => {
    const s = planSummary([], NOW);
    expect(s.inspections).toBe(0);
    expect(s.findings.percent).toBeNull();
    expect(s.byArea).toEqual([]);
  });

  it("orders area codes as numbers", () => {
    expect(["10", "2", "1.10", "1.2", "1"].sort(compareAreaCodes)).toEqual(["1", "1.2", "1.10", "2", "10"]);
  });
});

describe("remediation reminders", () => {
  it("reminds open findings due within seven days or overdue, not reported or closed ones", () => {
    expect(needsRemediationReminder({ status: "OPEN", dueAt: new Date(NOW.getTime() + 7 * DAY) }, NOW)).toBe(true);
    expect(needsRemediationReminder({ status: "OPEN", dueAt: new Date(NOW.getTime() + 8 * DAY) }, NOW)).toBe(false);
    expect(needsRemediationReminder({ status: "OPEN", dueAt: new Date(NOW.getTime() - 40 * DAY) }, NOW)).toBe(true);
    expect(needsRemediationReminder({ status: "REMEDIATION_REPORTED", dueAt: NOW }, NOW)).toBe(false);
    expect(needsRemediationReminder({ status: "CLOSED", dueAt: NOW }, NOW)).toBe(false);
  });

  it("names the ISO week in Vietnam time", () => {
    // Sunday 22/11/2026 is in week 47; Monday 23/11 at 00:30 in Vietnam (still Sunday in UTC) starts week 48.
    expect(vietnamWeek(vietnamTime(2026, 11, 22, 23))).toBe("2026-W47");
    expect(vietnamWeek(vietnamTime(2026, 11, 23, 0, 30))).toBe("2026-W48");
    // 1 January 2027 is a Friday: ISO week 53 of 2026.
    expect(vietnamWeek(vietnamTime(2027, 1, 1, 9))).toBe("2026-W53");
    expect(vietnamWeek(vietnamTime(2027, 1, 4, 9))).toBe("2027-W01");
  });
});

describe("the printable inspection report", () => {
  it("lays out a long findings table over several pages with every label filled", async () => {
    const { inspectionReportPdf, INSPECTION_REPORT_LABEL_KEYS } = await import("@/lib/io/inspection-report");
    const labels = Object.fromEntries(INSPECTION_REPORT_LABEL_KEYS.map((k) => [k, `${k} {page}/{pages}`])) as Record<(typeof INSPECTION_REPORT_LABEL_KEYS)[number], string>;
    const findings = Array.from({ length: 40 }, (_, i) => ({
      areaCode: String((i % 8) + 1), areaTitle: "Cải cách thủ tục hành chính", limitation: "Tồn tại, hạn chế ".repeat(12), severity: "Cao",
      recommendation: "Kiến nghị khắc phục ".repeat(8), dueAt: vietnamTime(2026, 12, 31, 17), status: "Chưa khắc phục", overdue: i % 3 === 0, closingNote: i % 5 === 0 ? "Ghi chú" : null,
    }));
    const pdf = await inspectionReportPdf({ locale: "vi", provinceName: "Phú An", generatedAt: NOW, labels, inspection: {
      year: 2026, decisionNumber: "125/QĐ-SNV", decisionDate: vietnamTime(2026, 5, 20), unitName: "Sở Y tế", members: ["Trần Thị Thu Hà — Trưởng đoàn"],
      startsAt: vietnamTime(2026, 6, 9), endsAt: vietnamTime(2026, 6, 11), status: "Đã báo cáo kết quả", conclusion: null, closed: 0, findings } });
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const pages = pdf.toString("latin1").match(/\/Type \/Page\b/g)?.length ?? 0;
    expect(pages).toBeGreaterThan(2);
  });
});
