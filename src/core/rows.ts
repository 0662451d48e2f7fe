import { planReading, toAction, type Draft } from './actions';
import { cannotBeHeadings } from './header-rows';
import { normaliseHeader } from './heading-words';
import { oneLine } from './markup';
import { FIELDS, type Action, type Field, type Plan, type PlanPeriod, type Priority } from './model';
import { leadingRef, parseRefCell, refKey, refPriority } from './refs';
import { isHeaderRowAt, type Region } from './regions';
import { priorityAbove, priorityFrom, sectionHeading } from './sections';
import { cellLine, cellText, EMPTY_CELL, readCell, type Cell, type ShownSheet } from './sheet-cells';

/**
 * What each row of a plan is, read the way a board officer reads it, once regions.ts has found
 * where the plan sits and columns.ts which column is which field:
 *
 * - A section row ("Priority 2a: To be assured …", "Key Priority 1", "Strategic Priority (1) …",
 *   "1. Statutory duties" over actions 1.1, 1.2 …, or a row with text in a single cell of the ref
 *   or an unnamed column) starts a priority; a repeated header row under it is skipped. A section row that only gives a number ("Key
 *   Priority 1") takes the single-text row under it as the rest of its title.
 * - A row with a blank ref (or Issue) cell but its own action text is a separate action, under the
 *   same priority, with no ref of its own (it does not inherit the item's number, so numbering
 *   checks never report it as a duplicate).
 * - A row with neither ref nor action text but other cells filled adds its timescale, progress,
 *   lead and outcome to the action above (that action's lastRow grows).
 * - A row with only text in the ref column, followed by such ref-less actions, is a heading for
 *   them, not an action.
 * - Refs: the ref column's text; an Issue-style cell that starts with a number ("4. Gather assurance
 *   …") gives the number as the ref and, when the action cell is blank, its text as the action; else
 *   a numeric ref at the start of the action text ("1.1.1 To develop …").
 * - Priorities come from a priority column, else section rows, else a sheet or table name such as
 *   "Priority 2", else the first part of a two-level ref ("2a.1" → "2a").
 */

export interface ReadContext {
  planPeriod: PlanPeriod;
  /** Whether a cell is one BoardPlan wrote beside a plan above on the sheet. */
  ownedCell: (row: number, col: number) => boolean;
  /** The first row below the plans above on the sheet: a title is looked for no higher. */
  searchFrom?: number;
}

/** The filled cells of a row among the plan's own columns. */
interface Filled {
  count: number;
  /** The first filled cell, and its column. */
  col: number;
  cell: Cell;
}

/** A one-word label, a colon and a sentence: "Notes: the board reviews this plan each quarter." */
const FOOTNOTE = /^\p{Lu}\p{L}*:\s+\S+(?:\s+\S+){3,}/u;

class PlanRows {
  private readonly columns: Plan['columns'];
  /** The plan's own columns: from its first to its last, less BoardPlan's. */
  private readonly contentCols: number[] = [];
  private readonly priorities = new Map<string, Priority & { declaredAt: number }>();
  private readonly drafts: Draft[] = [];
  private section: string | null = null;
  private columnPriority: string | null = null;
  /** The action that continuation rows add to; none after a section or header row. */
  private current: Draft | null = null;
  /** Rows of a single labelled text ("Notes: …"): a footnote when no action follows them. */
  private readonly labelled = new Set<Draft>();
  /** The plan's headings as compared, by column: a row that repeats them is a header row again. */
  private readonly headingKeys = new Map<number, string>();

  constructor(
    private readonly sheet: ShownSheet,
    private readonly region: Region,
    private readonly ctx: ReadContext,
  ) {
    this.columns = region.columns;
    for (let col = region.firstCol; col <= region.lastCol; col++) if (!region.ownedCols.includes(col)) this.contentCols.push(col);
    for (const col of this.contentCols) {
      const key = normaliseHeader(cellLine(sheet, region.headerRow, col));
      if (key) this.headingKeys.set(col, key);
    }
  }

  /** The field a column holds (the first listed, where one column holds two). */
  private fieldAt(col: number): Field | null {
    return FIELDS.find((f) => this.columns[f]?.col === col) ?? null;
  }

  private cell(row: number, field: Field): Cell {
    const m = this.columns[field];
    return m ? readCell(this.sheet, row, m.col) : EMPTY_CELL;
  }

  private text(row: number, field: Field): string {
    return this.cell(row, field).text;
  }

  private filled(row: number): Filled {
    const cols = this.contentCols.filter((col) => cellText(this.sheet, row, col) !== '');
    return cols.length ? { count: cols.length, col: cols[0], cell: readCell(this.sheet, row, cols[0]) } : { count: 0, col: 0, cell: EMPTY_CELL };
  }

  private addPriority(id: string, title: string, source: Priority['source'], row: number): void {
    if (!this.priorities.has(id)) this.priorities.set(id, { id, title, sheet: this.sheet.name, source, declaredAt: row });
  }

  /** A header row repeated inside the plan (one per priority block): known headings, or the plan's own again. */
  private isHeaderLike(row: number): boolean {
    const { firstCol, ownedCols, lastCol } = this.region;
    const skip = (col: number) => col < firstCol || ownedCols.includes(col);
    if (cannotBeHeadings(this.sheet, row, firstCol, lastCol, skip)) return false;
    let same = 0;
    for (const [col, key] of this.headingKeys) if (normaliseHeader(cellLine(this.sheet, row, col)) === key) same++;
    if (same >= 3) return true;
    return isHeaderRowAt(this.sheet, row, lastCol, skip);
  }

  /** The ref an action row gives, in its ref column or at the start of its action. */
  private refOf(row: number): string | null {
    const fromColumn = this.text(row, 'ref');
    return fromColumn ? parseRefCell(fromColumn).ref : (leadingRef(this.text(row, 'action'))?.ref ?? null);
  }

  /** "1. Statutory duties" alone on its row, over actions numbered 1.1, 1.2: a section, not an action. */
  private isNumberedSection(i: number, filled: Filled): boolean {
    if (filled.count !== 1) return false;
    const { ref, title } = parseRefCell(oneLine(filled.cell.text));
    const next = this.nextRow(i);
    if (!ref || !title || next < 0) return false;
    const below = this.refOf(this.region.rows[next]);
    return below !== null && refPriority(below) === refKey(ref);
  }

  /** Index in the plan's rows of the next non-blank row after rows[i], or -1. */
  private nextRow(i: number): number {
    const { rows } = this.region;
    for (let j = i + 1; j < rows.length; j++) if (this.filled(rows[j]).count) return j;
    return -1;
  }

  /** A row with one text in the ref or an unnamed column, that is neither an item nor a ref alone. */
  private isLoneTitle(filled: Filled): boolean {
    if (filled.count !== 1) return false;
    const field = this.fieldAt(filled.col);
    if (field !== null && field !== 'ref') return false;
    return field === null || parseRefCell(filled.cell.text).ref === null;
  }

  /** Whether the row is an action of its own with a blank ref: what follows an item heading. */
  private isRefLessAction(row: number): boolean {
    return this.columns.ref !== null && this.text(row, 'ref') === '' && this.text(row, 'action') !== '';
  }

  read(): { plan: Plan; refsFromText: number } {
    const above = priorityAbove(this.sheet, this.region, this.ctx.ownedCell, this.ctx.searchFrom);
    if (above) {
      this.addPriority(above.id, above.title, above.source, above.row);
      this.section = above.id;
    }
    const { rows } = this.region;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      const filled = this.filled(row);
      if (!filled.count) continue;
      if (this.isHeaderLike(row)) {
        this.current = null;
        continue;
      }

      const firstField = this.fieldAt(filled.col);
      const firstLine = oneLine(filled.cell.text);

      // Section rows: "Priority 2a: …", "Key Priority 1", "Strategic Priority (1) …".
      const heading = firstField === 'priority' ? null : sectionHeading(firstLine);
      if (heading && (filled.count === 1 || (!this.text(row, 'timescale') && !this.text(row, 'lead')))) {
        let title = firstLine;
        const next = heading.rest ? -1 : this.nextRow(i);
        const nextFilled = next < 0 ? null : this.filled(rows[next]);
        if (nextFilled && this.isLoneTitle(nextFilled) && !sectionHeading(nextFilled.cell.text)) {
          title = `${title}: ${oneLine(nextFilled.cell.text)}`;
          i = next;
        }
        this.startSection(heading.id, title, row);
        continue;
      }

      // A priority column: a new value starts a priority; blank cells keep the one above.
      const priorityText = this.text(row, 'priority');
      if (priorityText) {
        const p = priorityFrom(priorityText);
        this.addPriority(p.id, p.title, 'column', row);
        this.columnPriority = p.id;
        if (filled.count === 1) {
          this.current = null;
          continue;
        }
      }

      if (this.isNumberedSection(i, filled)) {
        this.startSection(priorityFrom(firstLine).id, firstLine, row);
        continue;
      }

      if (this.isLoneTitle(filled)) {
        const next = this.nextRow(i);
        const isItemHeading = firstField === 'ref' && next >= 0 && this.isRefLessAction(rows[next]);
        this.current = null;
        if (!isItemHeading) this.startSection(priorityFrom(filled.cell.text).id, firstLine, row);
        continue;
      }

      const refText = this.text(row, 'ref');
      const actionText = this.text(row, 'action');
      if (!refText && !actionText && this.current) {
        this.current.rows.push(row);
        continue;
      }
      this.current = this.startAction(row, refText, actionText);
      if (filled.count === 1 && FOOTNOTE.test(oneLine(filled.cell.text))) this.labelled.add(this.current);
    }
    return this.finish();
  }

  private startSection(id: string, title: string, row: number): void {
    this.addPriority(id, title, 'section', row);
    this.section = id;
    this.columnPriority = null;
    this.current = null;
  }

  private startAction(row: number, refText: string, actionText: string): Draft {
    const fromRefCell = refText ? parseRefCell(refText) : null;
    let ref = fromRefCell?.ref ?? null;
    let refSource: Action['refSource'] = ref ? 'column' : null;
    let text = actionText;
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
    const draft: Draft = { rows: [row], ref, refSource, priority, action: text };
    this.drafts.push(draft);
    return draft;
  }

  private finish(): { plan: Plan; refsFromText: number } {
    const { region, sheet } = this;
    // A lone labelled text under the plan's last action, with no lead, date or note of its own, is a
    // footnote to the plan ("Notes: the board reviews …"), not an action. A table's rows are its own.
    while (!region.table && this.drafts.length > 1 && this.labelled.has(this.drafts[this.drafts.length - 1]) && this.drafts[this.drafts.length - 1].rows.length === 1) {
      this.drafts.pop();
    }
    const reading = planReading(this.columns, region.progressHistory);
    const actions = this.drafts.map((d) => toAction(sheet, this.columns, d, this.ctx.planPeriod, reading));
    const used = new Set(actions.map((a) => a.priority));
    const lastActionRow = actions.length ? actions[actions.length - 1].row : region.headerRow;
    // Section rows after the last action (notes, a key, the next plan's title) are not priorities.
    const priorities: Priority[] = [...this.priorities.values()]
      .filter((p) => used.has(p.id) || p.declaredAt < lastActionRow)
      .map(({ declaredAt: _, ...p }) => p);
    const lastRow = region.table ? region.rowsTo : actions.reduce((last, a) => Math.max(last, a.lastRow), region.headerRow);
    return {
      plan: {
        id: region.id,
        sheet: sheet.name,
        table: region.table,
        headerRow: region.headerRow,
        firstRow: region.headerRow + 1,
        lastRow,
        firstCol: region.firstCol,
        lastCol: region.lastCol,
        columns: this.columns,
        progressHistory: region.progressHistory,
        source: region.source,
        priorities,
        actions,
        owned: region.owned,
      },
      refsFromText: actions.filter((a) => a.refSource === 'action-text').length,
    };
  }
}

/** A plan's actions and priorities, read row by row from the region regions.ts found. */
export function readPlan(sheet: ShownSheet, region: Region, ctx: ReadContext): { plan: Plan; refsFromText: number } {
  return new PlanRows(sheet, region, ctx).read();
}
