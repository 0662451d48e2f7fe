/**
 * How to load the add-in, as the README's "Loading the add-in" section says it: the page opened
 * outside Excel shows those very lines, so the two can never give different steps. The build
 * bundles the README (src/taskpane/index.tsx loads it only outside Excel).
 */

/** A run of text in a README line: plain, **strong** or `code`. */
export interface Inline {
  kind: 'text' | 'strong' | 'code';
  text: string;
}

/** A paragraph of the section, or an item of its list. */
export interface Block {
  kind: 'paragraph' | 'item';
  parts: Inline[];
}

export const LOADING_HEADING = 'Loading the add-in';

/** "run `npm start` in **Excel**" → text, code, text, strong. */
export function inlineParts(line: string): Inline[] {
  const parts: Inline[] = [];
  for (const piece of line.split(/(\*\*[^*]+\*\*|`[^`]+`)/)) {
    if (!piece) continue;
    if (piece.startsWith('**') && piece.endsWith('**') && piece.length > 4) parts.push({ kind: 'strong', text: piece.slice(2, -2) });
    else if (piece.startsWith('`') && piece.endsWith('`') && piece.length > 2) parts.push({ kind: 'code', text: piece.slice(1, -1) });
    else parts.push({ kind: 'text', text: piece });
  }
  return parts;
}

/**
 * The opening of the README's loading section: the paragraphs before its list, and the list (a
 * way of loading per item). What follows the list is for readers of the README, not of the page.
 */
export function loadingSteps(readme: string): Block[] {
  const lines = readme.split(/\r?\n/);
  const start = lines.findIndex((l) => /^#{2,4}\s+/.test(l) && l.replace(/^#+\s+/, '').trim() === LOADING_HEADING);
  if (start < 0) return [];
  const blocks: { kind: Block['kind']; text: string }[] = [];
  let current: { kind: Block['kind']; text: string } | null = null;
  for (const line of lines.slice(start + 1)) {
    if (/^#/.test(line)) break;
    if (!line.trim()) {
      current = null;
      continue;
    }
    const item = /^[-*]\s+(.*)$/.exec(line);
    if (item) blocks.push((current = { kind: 'item', text: item[1].trim() }));
    else if (current) current.text += ` ${line.trim()}`;
    else blocks.push((current = { kind: 'paragraph', text: line.trim() }));
  }
  const firstItem = blocks.findIndex((b) => b.kind === 'item');
  if (firstItem < 0) return [];
  let end = firstItem;
  while (end < blocks.length && blocks[end].kind === 'item') end++;
  return blocks.slice(0, end).map((b) => ({ kind: b.kind, parts: inlineParts(b.text) }));
}
