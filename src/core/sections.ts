import { normaliseHeader } from './columns';
import { oneLine } from './markup';

/** Which text starts a priority: "Priority 2a: To be assured …", "Key Priority 1", "Theme 2", or a title with a number. */

/** Words before "Priority" in a section row ("Key Priority 1"), and the words that stand for it ("Theme 2"). */
const PRIORITY_QUALIFIERS = ['key', 'strategic', 'business', 'board'];
const PRIORITY_SYNONYMS = ['theme', 'workstream', 'strand'];
const SECTION = new RegExp(
  String.raw`^(?:(?:${PRIORITY_QUALIFIERS.join('|')})\s+)?priorit(?:y|ies)\s*(?:no\.?\s*)?\(?\s*(\d{1,2}[a-z]?)\b\s*\)?\s*[:.\-–—]?\s*([\s\S]*)$`,
  'i',
);
const THEME = new RegExp(String.raw`^(?:${PRIORITY_SYNONYMS.join('|')})\s*\(?\s*(\d{1,2}[a-z]?)\b\s*\)?\s*[:.\-–—]?\s*([\s\S]*)$`, 'i');
const LEADING_NUMBER = /^(\d{1,2}[a-z]?)(?:\s*[.):\-–]\s*|\s+|$)([\s\S]*)$/i;

/** The letters a section row's text can start with, lower-case: the first letters of the words above. */
const SECTION_INITIALS = new Set([...PRIORITY_QUALIFIERS, 'priority', ...PRIORITY_SYNONYMS].map((w) => w.charCodeAt(0)));

/** A section row's text as a priority: "Priority 2a: …" → id "2a". Null when it is not one. */
export function sectionHeading(text: string): { id: string; rest: string } | null {
  const t = text.trim();
  // Every row of a plan is asked, and most start with a ref or an action: one letter turns them away.
  if (!SECTION_INITIALS.has(t.charCodeAt(0) | 0x20)) return null;
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
