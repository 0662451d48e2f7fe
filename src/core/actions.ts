import type { Action, Field, PlanPeriod, Progress, Timescale } from './model';
import { FIELDS } from './model';
import { parseProgress, parseProgressText } from './progress';
import type { Cell } from './sheet-cells';
import type { CellValue } from './snapshot';
import { parseTimescale } from './timescale';

/** An action's fields read from the cells of its row or rows. */

/**
 * The A1 address of each field's cell on an action's first row, spelt out when asked for: a plan
 * of thousands of actions asks for a few (those with findings), and holding every address as a
 * string would take most of the memory an action needs.
 */
export class RowCells {
  constructor(
    private readonly letters: Partial<Record<Field, string>>,
    private readonly row: number,
  ) {}

  /** The address of a field's cell, or undefined when the plan has no such column. */
  address(field: Field): string | undefined {
    const letter = this.letters[field];
    return letter && letter + this.row;
  }
}

// Read like a record of addresses: one getter per field, from the one list of fields.
export interface RowCells extends Partial<Record<Field, string>> {}
for (const field of FIELDS) {
  Object.defineProperty(RowCells.prototype, field, {
    get(this: RowCells) {
      return this.address(field);
    },
  });
}

/** What an action takes from the cells of its row or rows, beyond its draft. */
export type ActionFields = Pick<Action, 'timescale' | 'progress' | 'outcome' | 'lead' | 'agreedRag' | 'statusText' | 'maybeFlagged'>;

// A ReadAction has the fields of an Action, as the interface gives them, less its cells.
export interface ReadAction extends Omit<Action, 'cells'> {}

/**
 * An action as the reader makes it. Its cells' addresses (RowCells) are made when asked for, from
 * the plan's column letters and the action's row, and not kept: most actions are never asked.
 */
export class ReadAction implements Action {
  constructor(
    sheet: string,
    d: Draft,
    fields: ActionFields,
    markup: Field[],
    private readonly letters: Partial<Record<Field, string>>,
  ) {
    this.sheet = sheet;
    this.row = d.row;
    this.lastRow = d.lastRow;
    this.ref = d.ref;
    this.refSource = d.refSource;
    this.priority = d.priority;
    this.action = d.action;
    this.outcome = fields.outcome;
    this.lead = fields.lead;
    this.timescale = fields.timescale;
    this.progress = fields.progress;
    this.agreedRag = fields.agreedRag;
    this.statusText = fields.statusText;
    this.markup = markup;
    this.maybeFlagged = fields.maybeFlagged;
  }

  get cells(): Partial<Record<Field, string>> {
    return new RowCells(this.letters, this.row);
  }
}

export interface Draft {
  row: number;
  lastRow: number;
  ref: string | null;
  refSource: Action['refSource'];
  priority: string | null;
  action: string;
  /**
   * The cells of each continued field, over the action's rows; null while the action has one row
   * (most have), whose cells are then read where they are.
   */
  parts: Record<Continued, Cell[] | null> | null;
  /** Fields with markup in their ref and action cells. */
  markup: Field[] | null;
}

/** Shared by every action without markup, or without the marks of a placeholder; never changed. */
export const NO_FIELDS: Field[] = Object.freeze([]) as unknown as Field[];
/** Shared by every action with markup, or such marks, in one field only; never changed. */
export const ONLY_FIELD = Object.fromEntries(FIELDS.map((f) => [f, Object.freeze([f]) as unknown as Field[]])) as Record<Field, Field[]>;

/** The texts of a field's cells over an action's rows, joined. */
export function joinTexts(cells: Cell[] | null, separator: string): string {
  if (!cells) return '';
  // Most fields have one cell: its text is the whole text.
  if (cells.length === 1) return cells[0].text;
  return cells.map((c) => c.text).join(separator);
}

/** Fields whose cells a continuation row can add to. */
export const CONTINUED = ['outcome', 'lead', 'timescale', 'progress', 'rag', 'status'] as const;
export type Continued = (typeof CONTINUED)[number];

/**
 * How many texts of each field a FieldParser remembers. A plan's repeated texts are found again
 * all the same, and a large plan's one-off notes do not fill a table of tens of thousands, slower
 * to search than a small one.
 */
const REMEMBERED_TEXTS = 4096;

/** Remembers a text's reading in a cache of at most REMEMBERED_TEXTS, starting it afresh when full. */
function remember<T>(cache: Map<string, T>, text: string, parsed: T): T {
  if (cache.size >= REMEMBERED_TEXTS) cache.clear();
  cache.set(text, parsed);
  return parsed;
}

/**
 * Parses timescales and progress notes for one read. Real plans repeat their texts ("Quarterly",
 * "Not due", "On going"), so each distinct text is parsed once and its result shared by the
 * actions that hold it: parsed fields are read-only.
 */
export class FieldParser {
  private readonly timescales = new Map<string, Timescale>();
  private readonly notes = new Map<string, Progress>();

  constructor(private readonly period: PlanPeriod) {}

  timescale(value: CellValue, format: string): Timescale {
    // A text's reading does not depend on its number format; a number's does.
    if (typeof value !== 'string') return parseTimescale(value, format, this.period);
    return this.timescales.get(value) ?? remember(this.timescales, value, parseTimescale(value, format, this.period));
  }

  /** A timescale in one cell, as peek gives it: a plain text, or a cell as read. */
  timescaleOf(cell: Cell | string): Timescale {
    if (typeof cell === 'string') return this.timescale(cell || null, 'General');
    return cell.text ? this.timescale(cell.value, cell.format) : this.timescale(null, 'General');
  }

  /**
   * A note in one cell, as peek gives it, read from the text the cell shows (markup already
   * stripped); a plain text cell shows its text as written.
   */
  progressOf(cell: Cell | string): Progress {
    if (typeof cell !== 'string' && typeof cell.value !== 'string') return parseProgress(cell.text ? cell.value : null, this.period);
    const written = typeof cell === 'string' ? cell : (cell.value as string);
    return (
      this.notes.get(written) ??
      remember(this.notes, written, typeof cell === 'string' ? parseProgressText(cell, false, this.period) : parseProgressText(cell.text, cell.markup, this.period))
    );
  }

  /** A note written over several cells, as one text. */
  progressOfText(text: string): Progress {
    return this.notes.get(text) ?? remember(this.notes, text, parseProgress(text, this.period));
  }
}
