"use client";

/**
 * Export buttons for any table and any chart on a page (contract; implementation in progress).
 * - TableExport: the <table id={tableId}>'s header and body rows to an XLSX file; a cell's `data-value`
 *   attribute, when present, is written as a number instead of the displayed text.
 * - ChartExport: the element with id `targetId` (a chart's <figure>) to PNG or SVG.
 */
export function TableExport(_props: { tableId: string; filename: string; sheetName?: string }) {
  return null;
}

export function ChartExport(_props: { targetId: string; filename: string }) {
  return null;
}
