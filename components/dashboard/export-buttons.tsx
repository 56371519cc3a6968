"use client";

import { useTranslations } from "next-intl";
import { useState, useSyncExternalStore } from "react";
import { cellText, cellValue, exportFilename, spanGrid, type SpanCell, type TableModel } from "@/lib/domain/table-export";

/*
 * Export buttons for any table and any chart on a page.
 * - TableExport: the <table id={tableId}>'s header rows (thead) and data rows (tbody, tfoot) to an XLSX file.
 *   A cell's `data-value` attribute, when present, is written as a number instead of the displayed text;
 *   `data-export-text` replaces the displayed text. A cell marked `data-export-ignore` is left out (mark every
 *   cell of a column to leave the column out); so are buttons, form fields, decoration hidden from assistive
 *   technology (aria-hidden, such as sort arrows) and marked elements inside a cell. Visually hidden (`.sr-only`)
 *   text is used only when a cell shows no other text.
 * - ChartExport: the element with id `targetId` (a chart's <figure>) to PNG (2× pixels) or SVG, on white.
 *   Export buttons inside it (and anything marked `data-export-ignore`) are left out of the image. A figure
 *   whose title is not inside it (named by a heading outside, or by aria-label only) gets its title on top.
 * The libraries (ExcelJS, html-to-image) load on click, not with the page.
 * The buttons' accessible names say what they export: `label` when given, else the table's or figure's
 * own name (aria-label, aria-labelledby, caption or figcaption).
 */

type Status = { busy: boolean; error: string | null };

export function TableExport({ tableId, filename, sheetName, label }: { tableId: string; filename: string; sheetName?: string; label?: string }) {
  const t = useTranslations("exports");
  const [status, setStatus] = useState<Status>({ busy: false, error: null });
  const what = useTargetName(tableId, label);

  async function onExport() {
    if (status.busy) return;
    const table = document.getElementById(tableId);
    if (!(table instanceof HTMLTableElement)) {
      setStatus({ busy: false, error: t("errors.missing") });
      return;
    }
    setStatus({ busy: true, error: null });
    try {
      const { tableWorkbook } = await import("@/lib/io/table-xlsx");
      const bytes = await tableWorkbook(readTable(table), { sheetName: sheetName ?? what ?? filename });
      saveBlob(new Blob([bytes], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }), exportFilename(filename, "xlsx"));
      setStatus({ busy: false, error: null });
    } catch (error) {
      console.error(error);
      setStatus({ busy: false, error: t("errors.failed", { format: "Excel" }) });
    }
  }

  return (
    <span data-export-ignore="" className="inline-flex flex-wrap items-center gap-2 print:hidden">
      <ExportButton busy={status.busy} onClick={onExport} name={what ? t("table.named", { what }) : undefined} busyText={t("busy")}>
        {t("table.button")}
      </ExportButton>
      {status.error && <span role="alert" className="text-xs text-accent-600">{status.error}</span>}
    </span>
  );
}

export function ChartExport({ targetId, filename, label }: { targetId: string; filename: string; label?: string }) {
  const t = useTranslations("exports");
  const [busy, setBusy] = useState<"png" | "svg" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const what = useTargetName(targetId, label);

  async function onExport(format: "png" | "svg") {
    if (busy) return;
    const target = document.getElementById(targetId);
    if (!target) {
      setError(t("errors.missing"));
      return;
    }
    setBusy(format);
    setError(null);
    try {
      const { toPng, toSvg } = await import("html-to-image");
      const options = {
        backgroundColor: "#ffffff",
        pixelRatio: format === "png" ? 2 : 1,
        filter: (node: HTMLElement) => !(node instanceof Element && node.hasAttribute("data-export-ignore")),
      };
      // A chart whose title is outside it (a heading naming it, or only an aria-label) gets the title on top.
      const title = outsideTitle(target);
      const url = format === "png"
        ? await withTitlePng(await toPng(target, options), title, options.pixelRatio)
        : withTitleSvg(await toSvg(target, options), title);
      saveUrl(url, exportFilename(filename, format));
    } catch (e) {
      console.error(e);
      setError(t("errors.failed", { format: format.toUpperCase() }));
    } finally {
      setBusy(null);
    }
  }

  return (
    <span data-export-ignore="" className="inline-flex flex-wrap items-center gap-2 print:hidden">
      <span role="group" aria-label={t("chart.group")} className="inline-flex gap-1">
        {(["png", "svg"] as const).map((format) => (
          <ExportButton key={format} busy={busy === format} onClick={() => onExport(format)} busyText={t("busy")}
            name={what ? t("chart.named", { format: format.toUpperCase(), what }) : t("chart.name", { format: format.toUpperCase() })}>
            {format.toUpperCase()}
          </ExportButton>
        ))}
      </span>
      {error && <span role="alert" className="text-xs text-accent-600">{error}</span>}
    </span>
  );
}

function ExportButton({ busy, onClick, name, busyText, children }: {
  busy: boolean; onClick: () => void; name?: string; busyText: string; children: React.ReactNode;
}) {
  // aria-disabled rather than disabled while busy, so keyboard focus stays on the button.
  return (
    <button type="button" onClick={onClick} aria-label={name} aria-disabled={busy || undefined} aria-busy={busy || undefined}
      title={busy ? busyText : name}
      className="btn gap-1 border border-slate-400 bg-white !px-2 !py-0.5 text-xs text-slate-800 hover:bg-brand-50 aria-disabled:cursor-wait aria-disabled:opacity-70">
      {busy ? <Spinner /> : <DownloadIcon />}
      {children}
    </button>
  );
}

function DownloadIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className="h-3.5 w-3.5" fill="none" stroke="currentColor" strokeWidth="1.6">
      <path d="M8 2v8m0 0L4.8 6.8M8 10l3.2-3.2M2.5 12.5v1h11v-1" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

function Spinner() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className="h-3.5 w-3.5 animate-spin motion-reduce:animate-none" fill="none" stroke="currentColor" strokeWidth="2">
      <path d="M14 8a6 6 0 1 1-6-6" strokeLinecap="round" />
    </svg>
  );
}

/**
 * What the target is called on the page (the explicit label wins), read from the DOM once it is there:
 * nothing on the server, the name after hydration; React reads it again after each commit of this component.
 */
function useTargetName(id: string, label: string | undefined): string | undefined {
  const name = useSyncExternalStore(noSubscription, () => {
    const el = document.getElementById(id);
    return el ? accessibleName(el) : "";
  }, () => "");
  return label ?? (name === "" ? undefined : name);
}

function noSubscription(): () => void {
  return () => {};
}

function accessibleName(el: HTMLElement): string {
  const own = el.getAttribute("aria-label");
  if (own && own.trim() !== "") return cellText(own);
  const ids = el.getAttribute("aria-labelledby");
  if (ids) {
    const text = ids.split(/\s+/).map((x) => document.getElementById(x)?.textContent ?? "").join(" ");
    if (cellText(text) !== "") return cellText(text);
  }
  const caption = el instanceof HTMLTableElement ? el.caption : el.querySelector(":scope > figcaption");
  return cellText(caption?.textContent ?? "");
}

// ---- A chart's title -----------------------------------------------------------------------------

const TITLE = { height: 32, size: 15, x: 12, baseline: 22, colour: "#0f2f5a", font: "600 {size}px 'Segoe UI', Roboto, Arial, sans-serif" };

/** The figure's name when the figure itself does not show it (no caption or labelling element inside). */
function outsideTitle(figure: HTMLElement): string | null {
  const ids = (figure.getAttribute("aria-labelledby") ?? "").split(/\s+/).filter((x) => x !== "");
  if (ids.some((x) => figure.contains(document.getElementById(x)))) return null;
  if (ids.length === 0 && figure.querySelector(":scope > figcaption")?.textContent?.trim()) return null;
  const name = accessibleName(figure);
  return name === "" ? null : name;
}

async function withTitlePng(url: string, title: string | null, ratio: number): Promise<string> {
  if (!title) return url;
  const image = new Image();
  image.src = url;
  await image.decode();
  const canvas = document.createElement("canvas");
  canvas.width = image.naturalWidth;
  canvas.height = image.naturalHeight + TITLE.height * ratio;
  const ctx = canvas.getContext("2d");
  if (!ctx) return url;
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = TITLE.colour;
  ctx.font = TITLE.font.replace("{size}", String(TITLE.size * ratio));
  ctx.fillText(title, TITLE.x * ratio, TITLE.baseline * ratio, canvas.width - 2 * TITLE.x * ratio);
  ctx.drawImage(image, 0, TITLE.height * ratio);
  return canvas.toDataURL("image/png");
}

function withTitleSvg(url: string, title: string | null): string {
  if (!title) return url;
  const comma = url.indexOf(",");
  const doc = new DOMParser().parseFromString(decodeURIComponent(url.slice(comma + 1)), "image/svg+xml");
  const svg = doc.documentElement;
  const ns = "http://www.w3.org/2000/svg";
  const width = Number(svg.getAttribute("width")) || 0;
  const height = Number(svg.getAttribute("height")) || 0;
  if (svg.nodeName !== "svg" || !(height > 0)) return url;
  const body = doc.createElementNS(ns, "g");
  body.setAttribute("transform", `translate(0 ${TITLE.height})`);
  while (svg.firstChild) body.append(svg.firstChild);
  const label = doc.createElementNS(ns, "title");
  label.textContent = title;
  const background = doc.createElementNS(ns, "rect");
  for (const [k, v] of [["width", "100%"], ["height", "100%"], ["fill", "#ffffff"]] as const) background.setAttribute(k, v);
  const text = doc.createElementNS(ns, "text");
  for (const [k, v] of [["x", TITLE.x], ["y", TITLE.baseline], ["fill", TITLE.colour], ["font-size", TITLE.size], ["font-weight", 600],
    ["font-family", "'Segoe UI', Roboto, Arial, sans-serif"]] as const) text.setAttribute(k, String(v));
  text.textContent = title;
  svg.append(label, background, text, body);
  svg.setAttribute("height", String(height + TITLE.height));
  svg.setAttribute("viewBox", `0 0 ${width} ${height + TITLE.height}`);
  return `${url.slice(0, comma + 1)}${encodeURIComponent(new XMLSerializer().serializeToString(doc))}`;
}

// ---- Reading a table -----------------------------------------------------------------------------

const LEFT_OUT = "button, input, select, textarea, script, style, template, [hidden], [aria-hidden='true'], [data-export-ignore]";
const BREAKS = "br, p, div, li";

function readTable(table: HTMLTableElement): TableModel {
  const head = table.tHead ? [...table.tHead.rows] : [];
  const body = [...table.tBodies].flatMap((b) => [...b.rows]);
  const foot = table.tFoot ? [...table.tFoot.rows] : [];
  // A table without <thead>: its leading rows made only of <th> cells are the header.
  const leading = head.length > 0 ? 0 : body.findIndex((r) => [...r.cells].some((c) => c.tagName !== "TH"));
  const headerRows = head.length > 0 ? head : body.slice(0, leading < 0 ? 0 : leading);
  const dataRows = [...(head.length > 0 ? body : body.slice(headerRows.length)), ...foot];
  return {
    header: spanGrid(headerRows.map((r) => cellsOf(r, false))).map((row) => row.map(String)),
    rows: spanGrid(dataRows.map((r) => cellsOf(r, true))),
  };
}

function cellsOf(row: HTMLTableRowElement, numbers: boolean): SpanCell[] {
  return [...row.cells].filter((cell) => !cell.hasAttribute("data-export-ignore")).map((cell) => ({
    value: numbers ? cellValue(cell.getAttribute("data-value"), displayText(cell)) : displayText(cell),
    colSpan: cell.colSpan,
    rowSpan: cell.rowSpan,
  }));
}

/** The text a cell shows; its visually hidden text only when it shows none. */
function displayText(cell: HTMLTableCellElement): string {
  const given = cell.getAttribute("data-export-text");
  if (given !== null) return cellText(given);
  const clone = cell.cloneNode(true) as HTMLElement;
  clone.querySelectorAll(LEFT_OUT).forEach((n) => n.remove());
  clone.querySelectorAll(BREAKS).forEach((n) => n.after(" "));
  const full = cellText(clone.textContent ?? "");
  clone.querySelectorAll(".sr-only").forEach((n) => n.remove());
  const visible = cellText(clone.textContent ?? "");
  return visible !== "" ? visible : full;
}

// ---- Downloads -----------------------------------------------------------------------------------

function saveBlob(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  saveUrl(url, name);
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

function saveUrl(url: string, name: string) {
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.rel = "noopener";
  a.style.display = "none";
  document.body.append(a);
  a.click();
  a.remove();
}
