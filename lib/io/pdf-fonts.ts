import { readFileSync } from "node:fs";
import path from "node:path";
import PDFDocument from "pdfkit";

/*
 * What every printable report shares: the embedded fonts (Noto Serif, full Vietnamese coverage), text
 * measure and word wrap with them, text cleaning, placeholders and Vietnam's local dates (used by the
 * assessment report and the cycle summary).
 */

export type Style = "regular" | "bold" | "italic";
export type Para = { text: string; style: Style };
export type Line = { text: string; style: Style };
export type Align = "left" | "center" | "right";

/** Dates and times on reports are Vietnam's local time, wherever the server runs. */
export const TIME_ZONE = "Asia/Ho_Chi_Minh";

/**
 * Noto Serif shipped as TTF by @expo-google-fonts/noto-serif, resolved at run time from the project's
 * node_modules (a bundler must not try to bundle font files).
 */
const FONT_DIR = path.join(/* turbopackIgnore: true */ process.cwd(), "node_modules", "@expo-google-fonts", "noto-serif");
const FONT_FILES: Record<Style, string> = {
  regular: path.join(FONT_DIR, "400Regular", "NotoSerif_400Regular.ttf"),
  bold: path.join(FONT_DIR, "700Bold", "NotoSerif_700Bold.ttf"),
  italic: path.join(FONT_DIR, "400Regular_Italic", "NotoSerif_400Regular_Italic.ttf"),
};

let fontCache: Record<Style, Buffer> | null = null;

function fonts(): Record<Style, Buffer> {
  fontCache ??= {
    regular: readFileSync(FONT_FILES.regular),
    bold: readFileSync(FONT_FILES.bold),
    italic: readFileSync(FONT_FILES.italic),
  };
  return fontCache;
}

/** A PDF document with the fonts registered as "regular", "bold" and "italic". */
export function fontDocument(options: PDFKit.PDFDocumentOptions): PDFKit.PDFDocument {
  // The default font too, so pdfkit never loads its standard fonts (Latin-1 only, and read through package
  // "imports" that a bundler would break).
  const doc = new PDFDocument({ font: FONT_FILES.regular, ...options });
  const f = fonts();
  doc.registerFont("regular", f.regular);
  doc.registerFont("bold", f.bold);
  doc.registerFont("italic", f.italic);
  return doc;
}

/** The finished document's bytes. */
export function pdfBytes(doc: PDFKit.PDFDocument, draw: () => void): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  draw();
  doc.end();
  return done;
}

/** Text widths and word wrap with the embedded fonts. */
export class TextMeasure {
  private readonly widths = new Map<string, number>();

  constructor(
    readonly doc: PDFKit.PDFDocument,
    private readonly scale = 1,
  ) {}

  width(text: string, style: Style, size: number): number {
    const key = `${style}|${size}|${text}`;
    let w = this.widths.get(key);
    if (w === undefined) {
      w = this.doc.font(style).fontSize(size).widthOfString(text) * this.scale;
      this.widths.set(key, w);
    }
    return w;
  }

  lineHeight(size: number): number {
    return this.doc.font("regular").fontSize(size).currentLineHeight(true);
  }

  /** Greedy word wrap; a word wider than the line breaks after "_", "-", ".", "/" where it can, else anywhere. */
  wrap(paras: readonly Para[], width: number, size: number): Line[] {
    const out: Line[] = [];
    for (const para of paras) {
      const { style } = para;
      const space = this.width(" ", style, size);
      for (const text of para.text.split("\n")) {
        let cur = "";
        let curWidth = 0;
        for (const word of text.split(/\s+/).filter((w) => w !== "")) {
          const w = this.width(word, style, size);
          if (cur !== "" && curWidth + space + w <= width) {
            cur += ` ${word}`;
            curWidth += space + w;
            continue;
          }
          if (w <= width) {
            if (cur !== "") out.push({ text: cur, style });
            cur = word;
            curWidth = w;
            continue;
          }
          // A word longer than a line: start it on the current line when a good part of that is free.
          const room = cur === "" ? width : width - curWidth - space;
          const pieces = room >= width / 3 ? this.breakWord(word, style, size, width, room) : this.breakWord(word, style, size, width);
          if (room >= width / 3 && cur !== "") pieces[0] = `${cur} ${pieces[0]}`;
          else if (cur !== "") out.push({ text: cur, style });
          for (const piece of pieces.slice(0, -1)) out.push({ text: piece, style });
          cur = pieces[pieces.length - 1] ?? "";
          curWidth = this.width(cur, style, size);
        }
        out.push({ text: cur, style });
      }
    }
    return out;
  }

  /** Pieces of a word too long for a line; character widths are summed (kerning inside the word is ignored). */
  private breakWord(word: string, style: Style, size: number, width: number, firstWidth = width): string[] {
    const pieces: string[] = [];
    let rest = [...word];
    while (rest.length > 0) {
      const limit = pieces.length === 0 ? firstWidth : width;
      let n = 1;
      let used = this.width(rest[0]!, style, size);
      while (n < rest.length && used + this.width(rest[n]!, style, size) <= limit) used += this.width(rest[n++]!, style, size);
      if (n < rest.length) {
        const soft = rest.slice(0, n).findLastIndex((ch, i) => i > 0 && "_-./".includes(ch));
        if (soft > 0) n = soft + 1;
      }
      pieces.push(rest.slice(0, n).join(""));
      rest = rest.slice(n);
    }
    return pieces;
  }
}

/** Fills `{name}` placeholders; unknown ones stay as they are. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in values ? String(values[name]) : m));
}

/** Composed forms (NFC) and no control characters, so every letter maps to one glyph of the font. */
export function pdfText(s: string): string {
  return s.normalize("NFC").replace(/\t/g, " ").replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, "");
}

/** Day, month, year, hour and minute of a moment in Vietnam, two digits each (year four). */
export function dateParts(d: Date): { day: string; month: string; year: string; hour: string; minute: string } {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: TIME_ZONE, day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
  }).formatToParts(d);
  const get = (t: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === t)?.value ?? "";
  return { day: get("day"), month: get("month"), year: get("year"), hour: get("hour"), minute: get("minute") };
}

/** "dd/mm/yyyy" in Vietnam. */
export function shortDate(d: Date): string {
  const p = dateParts(d);
  return `${p.day}/${p.month}/${p.year}`;
}

/** "dd/mm/yyyy hh:mm" in Vietnam. */
export function dateTime(d: Date): string {
  const p = dateParts(d);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** An A4 portrait report whose layout is computed by the caller (no pdfkit margins, pages buffered for footers). */
export class A4Report extends TextMeasure {
  constructor(meta: { locale: string; title: string; author: string; createdAt: Date }) {
    super(fontDocument({
      size: "A4",
      // The layout is computed by the report; pdfkit's own margins would add pages behind its back.
      margins: { top: 0, bottom: 0, left: 0, right: 0 },
      bufferPages: true,
      autoFirstPage: true,
      lang: meta.locale === "vi" ? "vi-VN" : "en-GB",
      displayTitle: true,
      info: { Title: meta.title, Author: meta.author, Creator: "PAR INDEX", Producer: "PAR INDEX", CreationDate: meta.createdAt },
    }));
  }

  /** One line of text at (x, y) within `width`, aligned; nothing for an empty text. */
  drawLine(text: string, style: Style, size: number, x: number, y: number, width: number, align: Align, color = "black") {
    if (text === "") return;
    const w = this.width(text, style, size);
    const dx = align === "center" ? (width - w) / 2 : align === "right" ? width - w : 0;
    this.doc.font(style).fontSize(size).fillColor(color).text(text, x + Math.max(0, dx), y, { lineBreak: false });
  }
}
