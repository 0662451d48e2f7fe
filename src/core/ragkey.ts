import { PRESETS, SchemeSchema } from './schemes';
import { sheetBottom, sheetRight, cellAt, type WorkbookSnapshot } from './snapshot';

/**
 * Many plans print their RAG key near the top ("Red: Off Target; Amber: On Target; Green:
 * Complete"). When the board has not chosen a scheme in BoardPlan yet, the preset whose labels and
 * meanings match that key is the one the board already uses.
 */

const KEY_ROWS = 15;
const norm = (s: string) => s.toLowerCase().replace(/[^a-z]+/g, ' ').trim();

/** "Red: Off Target; Amber: On Target" → [["red","off target"], ["amber","on target"]]. */
function keyPairs(text: string): [string, string][] {
  const pairs: [string, string][] = [];
  for (const m of text.matchAll(/\b(red|amber|green|blue|grey|gray)\s*[:=\-–]\s*([^;:,\n]+?)(?=\s*(?:[;,\n]|\b(?:red|amber|green|blue|grey|gray)\s*[:=\-–]|$))/gi)) {
    pairs.push([norm(m[1]), norm(m[2])]);
  }
  return pairs;
}

export function schemeFromKey(snapshot: WorkbookSnapshot): string | null {
  for (const sheet of snapshot.sheets) {
    if (sheet.visibility !== 'visible') continue;
    const bottom = Math.min(sheetBottom(sheet), sheet.top + KEY_ROWS - 1);
    const right = sheetRight(sheet);
    for (let row = sheet.top; row <= bottom; row++) {
      for (let col = sheet.left; col <= right; col++) {
        const v = cellAt(sheet, row, col);
        if (typeof v !== 'string' || v.length > 300) continue;
        const pairs = keyPairs(v);
        if (pairs.length < 2) continue;
        for (const [name, input] of Object.entries(PRESETS)) {
          const ratings = SchemeSchema.parse(input).ratings;
          const fits = pairs.every(([label, meaning]) => ratings.some((r) => norm(r.label) === label && norm(r.meaning) === meaning));
          if (fits) return name;
        }
      }
    }
  }
  return null;
}
