/**
 * Plans copied from web pages or exported from other systems carry HTML into their cells
 * ("<b>Update Dec 15</b> :", "<p style=…>"). The engine reads and shows the text without it.
 */

/** Tags that start a new line of text; every other tag simply disappears. */
const BLOCK_TAGS = new Set(['p', 'br', 'div', 'li', 'ul', 'ol', 'tr', 'table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote']);

const TAG = /<\/?([a-z][a-z0-9]*)\b[^<>]*>/gi;
const COMMENT = /<!--[\s\S]*?-->/g;
const ENTITY = /&(?:amp|lt|gt|nbsp|quot|apos|#\d{1,7}|#x[0-9a-f]{1,6});/gi;

/** Whitespace other than the plain space: what \s matches, less ' ', spelled out. */
const OTHER_SPACE = '\\t\\n\\v\\f\\r\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff';
/** Untidy: whitespace other than single spaces between words. One search, as every cell is asked. */
const UNTIDY = new RegExp(`[${OTHER_SPACE}]| {2}|^ | $`);
/** Untidy, or with a '<' or '&' that may start markup: a text with none of these is plain already. */
export const NOT_PLAIN = new RegExp(`[<&${OTHER_SPACE}]| {2}|^ | $`);

/** Whether a text is shown as it is: no markup to remove, nothing to tidy, on one line. */
export function isPlainText(text: string): boolean {
  return !NOT_PLAIN.test(text);
}

/** Whether tidying would change a text: it has whitespace other than single spaces between words. */
function isUntidy(text: string): boolean {
  return UNTIDY.test(text);
}

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
  // Most cells are plain text on one line already: nothing to remove or tidy.
  if (isPlainText(raw)) return { text: raw, hadMarkup: false };
  TAG.lastIndex = 0;
  ENTITY.lastIndex = 0;
  const hadMarkup = TAG.test(raw) || ENTITY.test(raw) || raw.includes('<!--');
  TAG.lastIndex = 0;
  ENTITY.lastIndex = 0;
  // Each step runs only when the text has the character it looks for.
  let untagged = raw;
  if (untagged.includes('<')) {
    untagged = untagged.replace(COMMENT, ' ').replace(TAG, (_tag, name: string) => (BLOCK_TAGS.has(name.toLowerCase()) ? '\n' : ''));
  }
  // Entities are decoded after tags are removed so that "&lt;b&gt;" stays visible as text.
  if (untagged.includes('&')) untagged = untagged.replace(ENTITY, decodeEntity);
  if (untagged.includes('\r')) untagged = untagged.replace(/\r\n?/g, '\n');
  const text = untagged
    .split('\n')
    .map(tidyLine)
    .filter((line) => line !== '')
    .join('\n');
  return { text, hadMarkup };
}

/** A line with runs of spaces made one and its ends trimmed. */
function tidyLine(line: string): string {
  return isUntidy(line) ? line.replace(/[\s\u00a0]+/g, ' ').trim() : line;
}

/** The text on one line with single spaces, for cells whose line breaks carry no meaning. */
export function oneLine(text: string): string {
  return isUntidy(text) ? text.replace(/\s+/g, ' ').trim() : text;
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
