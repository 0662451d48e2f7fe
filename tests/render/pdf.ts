import { execFileSync } from 'child_process';

/**
 * What a printed page shows, read back from the PDF LibreOffice made: every word with its box
 * (pdftotext -bbox), so that a test can measure how big the text came out and whether any word was
 * printed over another.
 */

export interface Word {
  page: number;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  text: string;
}

function unescape(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/** Every word of the PDF, page by page (pages counted from 1). */
export function pdfWords(pdf: string): Word[] {
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const words: Word[] = [];
  let page = 0;
  for (const m of html.matchAll(/<page\b[^>]*>|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    if (m[0].startsWith('<page')) {
      page++;
      continue;
    }
    words.push({ page, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), text: unescape(m[5]) });
  }
  return words;
}

/**
 * The part of a word's box its letters really cover: pdftotext's box runs from the font's highest
 * ascender to its lowest descender, so the boxes of two lines of one wrapped cell touch; printed
 * over one another, their letters' middles meet.
 */
function core(w: Word): { x0: number; x1: number; y0: number; y1: number } {
  const h = w.yMax - w.yMin;
  return { x0: w.xMin + 0.5, x1: w.xMax - 0.5, y0: w.yMin + 0.25 * h, y1: w.yMax - 0.25 * h };
}

/** Words printed over another word on the same page: text run into the next row, or clipped under its neighbour. */
export function overlapping(words: Word[]): Word[] {
  const hit = new Set<Word>();
  const byPage = new Map<number, Word[]>();
  for (const w of words) byPage.set(w.page, [...(byPage.get(w.page) ?? []), w]);
  for (const list of byPage.values()) {
    const sorted = [...list].sort((a, b) => a.xMin - b.xMin);
    for (let i = 0; i < sorted.length; i++) {
      const a = core(sorted[i]);
      for (let j = i + 1; j < sorted.length && sorted[j].xMin < sorted[i].xMax; j++) {
        const b = core(sorted[j]);
        if (a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1) {
          hit.add(sorted[i]);
          hit.add(sorted[j]);
        }
      }
    }
  }
  return words.filter((w) => hit.has(w));
}

/** A word's type size in points, given how tall pdftotext's box is for a known size of the same typeface. */
export function pointSize(w: Word, boxPerPoint: number): number {
  return (w.yMax - w.yMin) / boxPerPoint;
}
