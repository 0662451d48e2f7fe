/**
 * How wide text prints, so that BoardPlan's sheets can be laid out before any program draws them.
 * Its sheets are set in Arial: Excel has it everywhere, and LibreOffice draws it with Liberation
 * Sans, whose characters have exactly Arial's widths, so both wrap a cell's text at the same words.
 */

/** The typeface of BoardPlan's printed sheets and its body size in points. */
export const SHEET_FONT = { name: 'Arial', size: 10 } as const;

/**
 * Advance widths of the printable ASCII characters, space (32) to tilde (126), in thousandths of
 * the font size, as Liberation Sans (and so Arial) sets them.
 */
const REGULAR = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584,
  584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278,
  278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500,
  500, 334, 260, 334, 584,
];
const BOLD = [
  278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584,
  584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333,
  278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556,
  500, 389, 280, 389, 584,
];

/** Characters plans and BoardPlan often print beyond ASCII: dashes, curly quotes, the scheme's symbols, travel arrows. */
const OTHERS: Record<string, number> = {
  '—': 1000, '–': 556, '‘': 222, '’': 222, '“': 333, '”': 333, '…': 1000, '£': 556, '\u00a0': 278,
  '●': 604, '▲': 990, '■': 604, '○': 604, '✓': 840, '↑': 500, '↓': 500, '→': 1000,
};

/**
 * Excel on screen rounds each character to whole pixels and prints with the printer's own widths,
 * so the same line can come out a little wider than the font says; the estimate allows for it.
 */
const ALLOWANCE = 1.04;

function charWidth(ch: string, bold: boolean): number {
  const code = ch.charCodeAt(0);
  if (code >= 32 && code <= 126) return (bold ? BOLD : REGULAR)[code - 32];
  // Accented letters are about as wide as plain ones; anything else is taken as wide as an em.
  return OTHERS[ch] ?? (code < 0x250 ? 600 : 1000);
}

/** The width in points of one line of text at `size` points. */
export function textWidth(text: string, size: number, bold = false): number {
  let units = 0;
  for (const ch of text) units += charWidth(ch, bold);
  return (units * size * ALLOWANCE) / 1000;
}

/**
 * How many lines a cell's text takes when wrapped into `width` points, as Excel and LibreOffice
 * wrap it: at spaces, a word too long for a line broken where it reaches the edge, and every line
 * break in the text kept.
 */
export function lineCount(text: string, width: number, size: number, bold = false): number {
  const space = textWidth(' ', size, bold);
  let lines = 0;
  for (const paragraph of text.split(/\r?\n/)) {
    lines++;
    let used = 0;
    for (const word of paragraph.split(' ')) {
      let w = textWidth(word, size, bold);
      if (used > 0 && used + space + w <= width) {
        used += space + w;
        continue;
      }
      if (used > 0) lines++;
      // A word longer than the line runs on over as many lines as it needs.
      while (w > width && width > 0) {
        lines++;
        w -= width;
      }
      used = w;
    }
  }
  return lines;
}
