import { normaliseHeader } from './columns';
import { oneLine } from './markup';
import type { Priority } from './model';
import type { Region } from './regions';
import { cellText, type ShownSheet } from './sheet-cells';

/**
 * Which text starts a priority, and so which rows are section rows: "Priority 2a: To be assured …",
 * "Key Priority 1", "Strategic Priority (1)", "Theme 2", or a title with or without a number. A
 * plan's first priority may also be named above its header row, or by its table or sheet.
 */

/** How far above a header row a title or section row is looked for. */
const TITLE_SEARCH_ROWS = 10;

/** Words before "Priority" in a section row ("Key Priority 1"), and the words that stand for it ("Theme 2"). */
const PRIORITY_QUALIFIERS = ['key', 'strategic', 'business', 'board'];
const PRIORITY_SYNONYMS = ['theme', 'workstream', 'strand'];
const SECTION = new RegExp(
  String.raw`^(?:(?:${PRIORITY_QUALIFIERS.join('|')})\s+)?priorit(?:y|ies)\s*(?:no\.?\s*)?\(?\s*(\d{1,2}[a-z]?)\b\s*\)?\s*[:.\-–—]?\s*([\s\S]*)$`,
  'i',
);
const THEME = new RegExp(String.raw`^(?:${PRIORITY_SYNONYMS.join('|')})\s*\(?\s*(\d{1,2}[a-z]?)\b\s*\)?\s*[:.\-–—]?\s*([\s\S]*)$`, 'i');
const LEADING_NUMBER = /^(\d{1,2}[a-z]?)(?:\s*[.):\-–]\s*|\s+|$)([\s\S]*)$/i;

/** A section row's text as a priority: "Priority 2a: …" → id "2a". Null when it is not one. */
export function sectionHeading(text: string): { id: string; rest: string } | null {
  const t = text.trim();
  const m = SECTION.exec(t) ?? THEME.exec(t);
  return m ? { id: m[1].toLowerCase(), rest: m[2].trim() } : null;
}

/** A short id for a title that has no number: its first words, lower-case, joined by dashes. */
export function slug(text: string): string {
  const words = normaliseHeader(text).split(' ').filter(Boolean).slice(0, 5);
  return words.join('-').slice(0, 40).replace(/-+$/, '') || 'priority';
}

/** A priority from a section row or a priority cell: its number if it has one, else a slug. */
export function priorityFrom(text: string): { id: string; title: string } {
  const t = oneLine(text);
  const heading = sectionHeading(t);
  if (heading) return { id: heading.id, title: t };
  // "<p>3</p> <p>LSCB IDENTIFIED PRIORITIES …</p>" or "1. Early help": the number is the id.
  const m = LEADING_NUMBER.exec(t);
  if (m) return { id: m[1].toLowerCase(), title: m[2].trim() || t };
  return { id: slug(t), title: t };
}

/** A priority declared somewhere other than a row of the plan, and the row it is declared at. */
export interface DeclaredPriority {
  id: string;
  title: string;
  source: Priority['source'];
  row: number;
}

/**
 * The priority a plan starts under: a section row in the few rows above its header row, below any
 * plan above (`searchFrom`), not BoardPlan's own cells beside a plan above (which `ownedCell`
 * names), else its table's or sheet's
 * name ("Priority_2", "Priority 2"). A "Key Priority 1" row takes the text under it as the rest of
 * its title.
 */
export function priorityAbove(sheet: ShownSheet, region: Region, ownedCell: (row: number, col: number) => boolean, searchFrom = 1): DeclaredPriority | null {
  const { headerRow, firstCol } = region;
  // Not into a plan above: its rows are its own, not this plan's title.
  const top = Math.max(sheet.top, headerRow - TITLE_SEARCH_ROWS, searchFrom);
  const right = Math.max(region.lastCol, sheet.right);
  for (let row = headerRow - 1; row >= top; row--) {
    const texts: string[] = [];
    for (let col = firstCol; col <= right; col++) {
      const t = ownedCell(row, col) ? '' : cellText(sheet, row, col);
      if (t) texts.push(t);
    }
    // Three texts or more are data, or the headings of something else: the search ends there.
    if (texts.length >= 3) break;
    if (!texts.length) continue;
    const heading = sectionHeading(oneLine(texts[0]));
    if (!heading) continue;
    let title = oneLine(texts[0]);
    if (!heading.rest && row + 1 < headerRow) {
      const below = cellText(sheet, row + 1, firstCol);
      if (below && !sectionHeading(below)) title = `${title}: ${oneLine(below)}`;
    }
    return { id: heading.id, title, source: 'section', row };
  }
  const named = region.table ? sectionHeading(region.table.replace(/[_-]+/g, ' ')) : null;
  if (named) return { id: named.id, title: region.table!, source: 'table', row: headerRow };
  const sheetNamed = sectionHeading(sheet.name);
  if (sheetNamed) return { id: sheetNamed.id, title: sheet.name, source: 'sheet', row: headerRow };
  return null;
}
