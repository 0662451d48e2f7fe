import { columnLetter } from './cells';
import { normaliseHeader, type ColumnMap } from './columns';
import { CONTINUED, FieldParser, NO_FIELDS, ONLY_FIELD, ReadAction, joinTexts, type ActionFields, type Continued, type Draft } from './actions';
import { oneLine } from './markup';
import { FIELDS, type Action, type Field, type Plan, type Priority } from './model';
import { leadingRef, parseRefCell, refPriority } from './refs';
import { isHeaderRowAt, type Region } from './regions';
import { presetScheme, recogniseRating } from './schemes';
import { priorityFrom, sectionHeading } from './sections';
import { cellsOf, EMPTY, hasMarkup, lineOf, textOf, type Cell, type SheetCells } from './sheet-cells';
import { sheetRight, type SheetSnapshot, type TableSnapshot } from './snapshot';

/** What each row of a plan is: a section row, an item heading, an action, or the continuation of one. */

/** How far above a header row a title or section row is looked for. */
const TITLE_SEARCH_ROWS = 10;

const BRAG = presetScheme('brag')!;

/** How many cells of a row are filled, and the first of them with its column. */
interface Filled {
  count: number;
  col: number;
  cell: Cell | string;
}

const NONE_FILLED: Filled = { count: 0, col: 0, cell: EMPTY };

export class PlanReader {
  private readonly cols: ColumnMap;
  private readonly contentCols: number[];
  /** The plan's rows, less those of other tables inside its range. */
  private readonly rowList: number[] = [];
  /** Column letter of each field the plan has, for the actions' cell addresses. */
  private readonly letters: Partial<Record<Field, string>> = {};
  private readonly fieldAt = new Map<number, Field>();
  private readonly priorities = new Map<string, Priority & { declaredAt: number }>();
  private readonly actions: Action[] = [];
  /** The action last started, still open to continuation rows until the next one starts. */
  private open: Draft | null = null;
  private section: string | null = null;
  private columnPriority: string | null = null;
  private current: Draft | null = null;

  private readonly cells: SheetCells;
  /** Columns of the continued fields the plan has. */
  private readonly continuedCols: [Continued, number][] = [];
  /** Columns left of the plan and BoardPlan's own are no headings of it. */
  private readonly notHeading = (col: number): boolean => col < this.region.firstCol || this.region.ownedCols.has(col);

  constructor(
    private readonly sheet: SheetSnapshot,
    private readonly region: Region,
    private readonly parser: FieldParser,
    otherTables: TableSnapshot[],
    /** Whether a cell is one BoardPlan wrote beside a plan above on the sheet. */
    private readonly ownedCell: (row: number, col: number) => boolean,
  ) {
    this.cells = cellsOf(sheet);
    this.cols = { ...region.columns };
    this.contentCols = [];
    for (let col = region.firstCol; col <= region.lastCol; col++) if (!region.ownedCols.has(col)) this.contentCols.push(col);
    const { headerRow, rowsTo, firstCol, lastCol } = region;
    for (let row = headerRow + 1; row <= rowsTo; row++) {
      if (otherTables.length && otherTables.some((t) => row >= t.top && row <= t.bottom && t.left <= lastCol && t.right >= firstCol)) continue;
      this.rowList.push(row);
    }
    this.detectRagInProgress();
    for (const f of FIELDS) {
      const m = this.cols[f];
      if (m && !this.fieldAt.has(m.col)) this.fieldAt.set(m.col, f);
      if (m) this.letters[f] = columnLetter(m.col);
    }
    for (const f of CONTINUED) {
      const m = this.cols[f];
      if (m) this.continuedCols.push([f, m.col]);
    }
  }

  /** "Progress (RAG)" is also the RAG column when most of what it holds are ratings. */
  private detectRagInProgress(): void {
    const progress = this.cols.progress;
    if (this.cols.rag || !progress || !/\brag\b/.test(normaliseHeader(progress.header))) return;
    let filled = 0;
    let ratings = 0;
    for (const row of this.rowList) {
      const text = this.cells.textAt(row, progress.col);
      if (!text) continue;
      filled++;
      if (recogniseRating(BRAG, text)) ratings++;
    }
    if (filled > 0 && ratings / filled > 0.5) this.cols.rag = progress;
  }

  private cell(row: number, field: Field): Cell {
    const m = this.cols[field];
    return m ? this.cells.at(row, m.col) : EMPTY;
  }

  private peek(row: number, field: Field): Cell | string {
    const m = this.cols[field];
    return m ? this.cells.peek(row, m.col) : EMPTY;
  }

  private text(row: number, field: Field): string {
    const m = this.cols[field];
    return m ? this.cells.textAt(row, m.col) : '';
  }

  private filled(row: number): Filled {
    let count = 0;
    let first = 0;
    for (let i = 0; i < this.contentCols.length; i++) {
      const col = this.contentCols[i];
      if (this.cells.textAt(row, col) !== '' && count++ === 0) first = col;
    }
    return count ? { count, col: first, cell: this.cells.peek(row, first) } : NONE_FILLED;
  }

  private addPriority(id: string, title: string, source: Priority['source'], row: number): void {
    if (!this.priorities.has(id)) this.priorities.set(id, { id, title, sheet: this.sheet.name, source, declaredAt: row });
  }

  private isHeaderLike(row: number): boolean {
    return isHeaderRowAt(this.cells, row, this.region.lastCol, this.notHeading);
  }

  /** Index in rowList of the next non-blank row of the plan after rowList[i], or -1. */
  private nextRow(i: number): number {
    for (let j = i + 1; j < this.rowList.length; j++) if (this.filled(this.rowList[j]).count) return j;
    return -1;
  }

  /** A row (given by its filled cells) with one text in the ref or an unnamed column, that is neither an item nor a ref alone. */
  private isLoneTitle(filled: Filled): boolean {
    if (filled.count !== 1) return false;
    const field = this.fieldAt.get(filled.col) ?? null;
    if (field !== null && field !== 'ref') return false;
    return field === null || parseRefCell(textOf(filled.cell)).ref === null;
  }

  /** Whether the row is an action of its own with a blank ref: what follows an item heading. */
  private isRefLessAction(row: number): boolean {
    return this.cols.ref !== null && this.text(row, 'ref') === '' && this.text(row, 'action') !== '';
  }

  /** Priority from a title or section row above the header, or from the table or sheet name. */
  private startingPriority(): void {
    const { headerRow, firstCol } = this.region;
    const top = Math.max(this.sheet.top, headerRow - TITLE_SEARCH_ROWS);
    const right = Math.max(this.region.lastCol, sheetRight(this.sheet));
    for (let row = headerRow - 1; row >= top; row--) {
      const texts: string[] = [];
      for (let col = firstCol; col <= right; col++) {
        if (this.ownedCell(row, col)) continue;
        const t = this.cells.at(row, col).text;
        if (t) texts.push(t);
      }
      if (texts.length >= 3) break; // data or headings of something else
      if (!texts.length) continue;
      const heading = sectionHeading(oneLine(texts[0]));
      if (!heading) continue;
      let title = oneLine(texts[0]);
      if (!heading.rest && row + 1 < headerRow) {
        const below = this.cells.at(row + 1, firstCol).text;
        if (below && !sectionHeading(below)) title = `${title}: ${oneLine(below)}`;
      }
      this.addPriority(heading.id, title, 'section', row);
      this.section = heading.id;
      return;
    }
    const named = (this.region.table && sectionHeading(this.region.table.replace(/[_-]+/g, ' '))) || null;
    if (named) {
      this.addPriority(named.id, this.region.table!, 'table', headerRow);
      this.section = named.id;
      return;
    }
    const sheetNamed = sectionHeading(this.sheet.name);
    if (sheetNamed) {
      this.addPriority(sheetNamed.id, this.sheet.name, 'sheet', headerRow);
      this.section = sheetNamed.id;
    }
  }

  read(): { plan: Plan; refsFromText: number } {
    this.startingPriority();
    const rows = this.rowList;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      const filled = this.filled(row);
      if (!filled.count) continue;
      if (this.isHeaderLike(row)) {
        this.current = null;
        continue;
      }

      const firstField = this.fieldAt.get(filled.col) ?? null;

      // Section rows: "Priority 2a: …", "Key Priority 1", "Strategic Priority (1) …".
      const heading = firstField === 'priority' ? null : sectionHeading(lineOf(filled.cell));
      if (heading && (filled.count === 1 || (!this.text(row, 'timescale') && !this.text(row, 'lead')))) {
        let title = lineOf(filled.cell);
        const next = heading.rest ? -1 : this.nextRow(i);
        const nextFilled = next < 0 ? NONE_FILLED : this.filled(rows[next]);
        if (next >= 0 && this.isLoneTitle(nextFilled) && !sectionHeading(textOf(nextFilled.cell))) {
          title = `${title}: ${oneLine(textOf(nextFilled.cell))}`;
          i = next;
        }
        this.startSection(heading.id, title, row);
        continue;
      }

      // A priority column: a new value starts a priority; blank cells keep the one above.
      if (this.cols.priority) {
        const pc = this.cell(row, 'priority');
        if (pc.text) {
          const p = priorityFrom(pc.text);
          this.addPriority(p.id, p.title, 'column', row);
          this.columnPriority = p.id;
          if (filled.count === 1) {
            this.current = null;
            continue;
          }
        }
      }

      if (this.isLoneTitle(filled)) {
        const next = this.nextRow(i);
        const isItemHeading = firstField === 'ref' && next >= 0 && this.isRefLessAction(rows[next]);
        this.current = null;
        if (!isItemHeading) {
          const p = priorityFrom(textOf(filled.cell));
          this.startSection(p.id, oneLine(textOf(filled.cell)), row);
        }
        continue;
      }

      const refCell = this.peek(row, 'ref');
      const actionCell = this.peek(row, 'action');
      if (!textOf(refCell) && !textOf(actionCell) && this.current) {
        this.continueAction(this.current, row);
        continue;
      }
      this.current = this.startAction(row, refCell, actionCell);
    }
    return this.finish();
  }

  private startSection(id: string, title: string, row: number): void {
    this.addPriority(id, title, 'section', row);
    this.section = id;
    this.columnPriority = null;
    this.current = null;
  }

  private startAction(row: number, refCell: Cell | string, actionCell: Cell | string): Draft {
    const refText = textOf(refCell);
    const fromRefCell = refText ? parseRefCell(refText) : null;
    let ref = fromRefCell?.ref ?? null;
    let refSource: Action['refSource'] = ref ? 'column' : null;
    let text = textOf(actionCell);
    if (!ref && text) {
      const lead = leadingRef(text);
      if (lead) {
        ref = lead.ref;
        refSource = 'action-text';
        text = lead.rest;
      }
    }
    // An Issue cell with a title and no action of its own: the title is what is to be done.
    if (!text && fromRefCell?.title) text = fromRefCell.title;

    let priority = this.columnPriority ?? this.section;
    if (!priority && ref) {
      const fromRef = refPriority(ref);
      if (fromRef) {
        this.addPriority(fromRef, `Priority ${fromRef}`, 'ref', row);
        priority = fromRef;
      }
    }
    const refMarkup = hasMarkup(refCell);
    const actionMarkup = hasMarkup(actionCell);
    const markup: Field[] | null = refMarkup || actionMarkup ? [] : null;
    if (refMarkup) markup!.push('ref');
    if (actionMarkup) markup!.push('action');
    const draft: Draft = { row, lastRow: row, ref, refSource, priority, action: text, parts: null, markup };
    // The action before can take no more rows: it is finished now, so that drafts never pile up.
    this.close();
    this.open = draft;
    return draft;
  }

  private continueAction(draft: Draft, row: number): void {
    if (!draft.parts) {
      draft.parts = { outcome: null, lead: null, timescale: null, progress: null, rag: null, status: null };
      this.addParts(draft.parts, draft.row);
    }
    draft.lastRow = row;
    this.addParts(draft.parts, row);
  }

  private addParts(parts: Record<Continued, Cell[] | null>, row: number): void {
    for (const [field, col] of this.continuedCols) {
      const c = this.cells.at(row, col);
      if (!c.text) continue;
      // A literal of one: an empty array grows room for many on its first push.
      const cells = parts[field];
      if (cells) cells.push(c);
      else parts[field] = [c];
    }
  }

  /** The fields of an action whose cells held markup, in FIELDS order. */
  private markupOf(d: Draft): Field[] {
    let found: Field[] | null = d.markup;
    // Indexed: every action is asked, and destructuring each pair would make objects to throw away.
    for (let i = 0; i < this.continuedCols.length; i++) {
      const field = this.continuedCols[i][0];
      const col = this.continuedCols[i][1];
      const marked = d.parts ? (d.parts[field]?.some((c) => c.markup) ?? false) : this.cells.markupAt(d.row, col);
      if (marked) (found ??= []).push(field);
    }
    if (!found) return NO_FIELDS;
    // Most cells with markup are an action's only ones: one shared list for each field.
    if (found.length === 1) return ONLY_FIELD[found[0]];
    return FIELDS.filter((f) => found.includes(f));
  }

  /**
   * The fields of an action on one row whose cells have the marks of a placeholder or an Excel
   * error (Action.maybeFlagged). The ref and the action can each be read from the other's cell:
   * a mark in either counts for both.
   */
  private flaggedOf(row: number): Field[] {
    const { ref, action } = this.cols;
    let found: Field[] | null = (ref && this.cells.flaggedAt(row, ref.col)) || (action && this.cells.flaggedAt(row, action.col)) ? ['ref', 'action'] : null;
    for (let i = 0; i < this.continuedCols.length; i++) {
      if (this.cells.flaggedAt(row, this.continuedCols[i][1])) (found ??= []).push(this.continuedCols[i][0]);
    }
    if (!found) return NO_FIELDS;
    return found.length === 1 ? ONLY_FIELD[found[0]] : found;
  }

  private toAction(d: Draft): Action {
    return d.parts ? this.toActionOverRows(d, d.parts) : this.toActionOfRow(d);
  }

  /** An action on one row: its cells are read where they are. */
  private toActionOfRow(d: Draft): Action {
    const ts = this.peek(d.row, 'timescale');
    const pr = this.peek(d.row, 'progress');
    return this.action(d, {
      timescale: this.parser.timescaleOf(ts),
      progress: this.parser.progressOf(pr),
      outcome: this.text(d.row, 'outcome'),
      lead: this.text(d.row, 'lead'),
      agreedRag: this.text(d.row, 'rag') || null,
      statusText: this.text(d.row, 'status') || null,
      maybeFlagged: this.flaggedOf(d.row),
    });
  }

  private toActionOverRows(d: Draft, parts: Record<Continued, Cell[] | null>): Action {
    const ts = parts.timescale ?? [];
    // Timescales spread over rows are read as one text: "Contract signed July 15" + "First review Dec 15".
    const timescale =
      ts.length === 0 ? this.parser.timescale(null, 'General') : ts.length === 1 ? this.parser.timescale(ts[0].value, ts[0].format) : this.parser.timescale(joinTexts(ts, ' '), 'General');
    const pr = parts.progress ?? [];
    const progress =
      pr.length <= 1 ? this.parser.progressOf(pr[0] ?? EMPTY) : this.parser.progressOfText(pr.map((c) => (typeof c.value === 'string' ? c.value : c.text)).join('\n'));
    return this.action(d, {
      timescale,
      progress,
      outcome: joinTexts(parts.outcome, '\n'),
      lead: joinTexts(parts.lead, '; '),
      agreedRag: parts.rag?.[0].text ?? null,
      statusText: parts.status?.[0].text ?? null,
      // Texts joined over rows are looked at whole, by validation.
      maybeFlagged: undefined,
    });
  }

  private action(d: Draft, fields: ActionFields): Action {
    return new ReadAction(this.sheet.name, d, fields, this.markupOf(d), this.letters);
  }

  private close(): void {
    if (this.open) this.actions.push(this.toAction(this.open));
    this.open = null;
  }

  private finish(): { plan: Plan; refsFromText: number } {
    this.close();
    const { actions } = this;
    const used = new Set(actions.map((a) => a.priority));
    const lastActionRow = actions.length ? actions[actions.length - 1].row : this.region.headerRow;
    // Section rows after the last action (notes, a key, the next plan's title) are not priorities.
    const priorities: Priority[] = [...this.priorities.values()]
      .filter((p) => used.has(p.id) || p.declaredAt < lastActionRow)
      .map(({ declaredAt: _, ...p }) => p);
    const { region } = this;
    const lastRow = region.table ? region.rowsTo : actions.reduce((m, a) => Math.max(m, a.lastRow), region.headerRow);
    return {
      plan: {
        id: region.id,
        sheet: this.sheet.name,
        table: region.table,
        headerRow: region.headerRow,
        firstRow: region.headerRow + 1,
        lastRow,
        firstCol: region.firstCol,
        lastCol: region.lastCol,
        columns: this.cols,
        priorities,
        actions,
        owned: region.owned,
      },
      refsFromText: actions.filter((a) => a.refSource === 'action-text').length,
    };
  }
}
