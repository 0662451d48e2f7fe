/**
 * Plans copied from web pages or exported from other systems carry HTML into their cells
 * ("<b>Update Dec 15</b> :", "<p style=…>"). The engine reads and shows the text without it.
 */

/** Tags that start a new line of text; every other tag simply disappears. */
const BLOCK_TAGS = new Set(['p', 'br', 'div', 'li', 'ul', 'ol', 'tr', 'table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote']);

const TAG = /<\/?([a-z][a-z0-9]*)\b[^<>]*>/gi;
const COMMENT = /<!--[\s\S]*?-->/g;
const ENTITY = /&(?:amp|lt|gt|nbsp|quot|apos|#\d{1,7}|#x[0-9a-f]{1,6});/gi;

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', nbsp: ' ', quot: '"', apos: "'" };

function decodeEntity(entity: string): string {
  const name = entity.slice(1, -1).toLowerCase();
  if (name in NAMED) return NAMED[name];
  const code = name.startsWith('#x') ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
  // Leave anything that is not a printable code point as it was rather than invent a character.
  if (!Number.isFinite(code) || code < 32 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return entity;
  return String.fromCodePoint(code);
}

/**
 * Removes HTML-ish tags, decodes the common entities and tidies whitespace: runs of spaces become
 * one, and paragraphs or list items stay on lines of their own (no blank lines between them).
 */
export function stripMarkup(raw: string): { text: string; hadMarkup: boolean } {
  const hadMarkup = raw.search(TAG) !== -1 || raw.search(ENTITY) !== -1 || raw.includes('<!--');
  const untagged = raw
    .replace(COMMENT, ' ')
    .replace(TAG, (_tag, name: string) => (BLOCK_TAGS.has(name.toLowerCase()) ? '\n' : ''))
    // Entities are decoded after tags are removed so that "&lt;b&gt;" stays visible as text.
    .replace(ENTITY, decodeEntity)
    .replace(/\r\n?/g, '\n');
  const text = untagged
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
  return { text, hadMarkup };
}

/** The text on one line with single spaces, for cells whose line breaks carry no meaning. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * A text cut to at most `max` characters, an ellipsis showing where it was cut: between words,
 * unless that would lose more than half of what fits.
 */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const wordEnd = text[max - 1] === ' ' ? cut.length : cut.lastIndexOf(' ');
  return `${(wordEnd > max / 2 ? cut.slice(0, wordEnd) : cut).trimEnd()}…`;
}
