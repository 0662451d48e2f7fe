import { a1 } from './cells';
import type { Plan } from './model';
import { PRESETS, SchemeSchema } from './schemes';
import { sheetBottom, sheetRight, cellAt, type SheetSnapshot, type WorkbookSnapshot } from './snapshot';
import { readStatusWords } from './status-words';

/**
 * Many plans print a key above or beside the plan that says what their ratings mean: "Red: Off
 * Target; Amber: On Target; Green: Complete", "G on track  A some slippage  R off track  C
 * complete" across a row of cells, "1 Fully achieved … 4 Not achieved". The key defines the board's
 * own words and numbers: a status cell holding "C" or "1" means what the key says it means. And
 * when the board has not chosen a scheme in BoardPlan yet, the preset whose labels and meanings
 * match a key of colours is the one the board already uses.
 */

/** One code of a key and what the key says it means: "C" → "complete", "1" → "Fully achieved". */
export interface KeyEntry {
  /** As written: "C", "1", "Green". */
  code: string;
  meaning: string;
}

export interface BoardKey {
  sheet: string;
  /** Where the key starts, A1. */
  cell: string;
  entries: KeyEntry[];
}

/** A region of a sheet a key is not looked for in: a plan's own rows and columns. */
interface Region {
  sheet: string;
  top: number;
  bottom: number;
  left: number;
  right: number;
}

const KEY_ROWS = 40;
const SCHEME_KEY_ROWS = 15;
const MAX_MEANING = 80;
const COLOURS = 'red|amber|green|blue|grey|gray|black|purple|white|yellow|orange';

/**
 * A code in a key: a colour, a capital letter or a digit standing alone, where an entry can begin
 * (a new cell, after a colon, semicolon or comma, or after a wide gap), with a separator or a
 * space after it. "RAG:  G on track   A at risk", "R = off track, A = at risk", "1  Fully achieved".
 */
const CODE = new RegExp(
  String.raw`(?:^|(?<=[\t;,:(|/]\s*)|(?<=\s\s)|(?<=\s)(?=(?:${COLOURS})\b))(${COLOURS}|[A-Z]|[1-9])(?![\w%]|\.\d)\s*(?:[:=\-–—.)]\s*)?`,
  'gi',
);
const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
const isColour = (code: string) => new RegExp(`^(?:${COLOURS})$`, 'i').test(code);

/** The entries a line of a key holds ("G\ton track\tA\tat risk"); a line whose entries do not read as a key gives none. */
export function keyEntries(line: string): KeyEntry[] {
  const codes = [...line.matchAll(CODE)].filter((m) => isColour(m[1]) || /^[A-Z1-9]$/.test(m[1]));
  const entries: KeyEntry[] = [];
  codes.forEach((m, i) => {
    const end = i + 1 < codes.length ? codes[i + 1].index : line.length;
    // The meaning is the rest of the code's cell, or the next cell when the code stands alone in its own.
    const rest = line.slice(m.index + m[0].length, end).split('\t').find((part) => part.trim()) ?? '';
    const meaning = rest.replace(/^[\s:=\-–—.)]+|[\s;,|/(]+$/g, '').replace(/\s+/g, ' ');
    // A code means something only when its meaning reads as a status ("Red: the team met" is no key).
    if (!meaning || meaning.length > MAX_MEANING || !readStatusWords(meaning)) return;
    if (entries.some((e) => norm(e.code) === norm(m[1]))) return;
    entries.push({ code: m[1], meaning });
  });
  return entries.length >= 2 ? entries : [];
}

const shown = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** The key printed on a sheet, read row by row and column by column outside the plans (the first line to give a code decides it), or null. */
function sheetKey(sheet: SheetSnapshot, rows: number, outside: Region[]): BoardKey | null {
  const bottom = Math.min(sheetBottom(sheet), sheet.top + rows - 1);
  const right = sheetRight(sheet);
  const free = (row: number, col: number) => !outside.some((r) => r.sheet === sheet.name && row >= r.top && row <= r.bottom && col >= r.left && col <= r.right);
  const text = (row: number, col: number) => (free(row, col) ? shown(cellAt(sheet, row, col)).slice(0, 300) : '');
  const lines: { cell: string; line: string }[] = [];
  for (let row = sheet.top; row <= bottom; row++) {
    const cells = [];
    for (let col = sheet.left; col <= right; col++) cells.push(text(row, col));
    lines.push({ cell: a1(row, sheet.left), line: cells.join('\t') });
  }
  for (let col = sheet.left; col <= right; col++) {
    const cells = [];
    for (let row = sheet.top; row <= bottom; row++) cells.push(text(row, col));
    lines.push({ cell: a1(sheet.top, col), line: cells.join('\t') });
  }
  let key: BoardKey | null = null;
  for (const { cell, line } of lines) {
    const entries = keyEntries(line.replace(/^\t+|\t+$/g, ''));
    if (!entries.length) continue;
    key ??= { sheet: sheet.name, cell, entries: [] };
    for (const e of entries) if (!key.entries.some((k) => norm(k.code) === norm(e.code))) key.entries.push(e);
  }
  return key;
}

/** Where a plan's own columns stand on its sheet, BoardPlan's beside them included (a key may share the header row). */
function regionOf(p: Plan): Region {
  const cols = [...Object.values(p.columns).flatMap((c) => (c ? [c.col] : [])), p.owned.proposed ?? p.firstCol, p.owned.reason ?? p.firstCol];
  return { sheet: p.sheet, top: p.headerRow, bottom: p.lastRow, left: Math.min(p.firstCol, ...cols), right: Math.max(...cols) };
}

/** The keys printed in a workbook, one per sheet at most, looked for outside the plans' own cells and BoardPlan's own sheets. */
export function readKeys(snapshot: WorkbookSnapshot, plans: Plan[] = [], skipSheets: string[] = []): BoardKey[] {
  const regions = plans.map(regionOf);
  return snapshot.sheets.filter((s) => s.visibility === 'visible' && !skipSheets.includes(s.name)).flatMap((s) => sheetKey(s, KEY_ROWS, regions) ?? []);
}

/** The key that applies to a plan on a sheet: the sheet's own, else one printed elsewhere in the workbook. */
export function keyFor(keys: BoardKey[], sheet: string): BoardKey | null {
  return keys.find((k) => k.sheet === sheet) ?? keys[0] ?? null;
}

/** What a key says a code means, or null when the key does not have it. */
export function keyMeaning(key: BoardKey | null, code: string): string | null {
  const c = norm(code);
  return (c && key?.entries.find((e) => norm(e.code) === c)?.meaning) || null;
}

/** The preset whose colours and meanings a printed key gives, if any. */
export function schemeFromKey(snapshot: WorkbookSnapshot): string | null {
  for (const sheet of snapshot.sheets) {
    if (sheet.visibility !== 'visible') continue;
    const pairs = (sheetKey(sheet, SCHEME_KEY_ROWS, [])?.entries ?? []).filter((e) => isColour(e.code)).map((e) => [norm(e.code), norm(e.meaning)]);
    if (pairs.length < 2) continue;
    for (const [name, input] of Object.entries(PRESETS)) {
      const ratings = SchemeSchema.parse(input).ratings;
      if (pairs.every(([label, meaning]) => ratings.some((r) => norm(r.label) === label && norm(r.meaning) === meaning))) return name;
    }
  }
  return null;
}
