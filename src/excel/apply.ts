import { rangeA1 } from '../core/cells';
import type { ApplyStats } from '../core/host';
import { TEXT_FORMAT, WorkbookPatchSchema, type OwnedColumn, type WorkbookPatch } from '../core/patch';
import { ExcelHostError, PROTECTED_WORKBOOK_MESSAGE, protectedSheetMessage } from './errors';
import { gridBytes, jsonBytes, RANGE_BYTES, REQUEST_BUDGET } from './payload';
import { addRules, findOwnRules } from './rules';
import { writeWidths } from './layout';
import { writeSheet } from './sheets';
import { styleCalls, writeStyle } from './styles';
import type { ReadHandles, SheetHandle } from './snapshot';
import { blockUnit, cellsOf, pieces, setNumberFormat, SHEET, unit, Writer } from './writer';


/**
 * Writing a WorkbookPatch through Office.js. The write is a list of units (a block of values, a
 * style, a rule…), each with a bound of the bytes it adds to a request (payload.ts); units go to
 * Excel in as few requests as stay under 4.5 MB, and a request Excel still finds too large is split
 * and sent again. What is the same for many cells is sent once for the range: one grid of values
 * and one of number formats per block, one number format for a whole column, a conditional format
 * over a whole range, never a call per cell. Each request suspends screen updating and API
 * calculation until it is done (Excel resumes both by itself, so the user's calculation mode is
 * never changed).
 *
 * Round trips: the read takes two (the list of sheets, then what each holds), the write one per
 * 4.5 MB, and one more where a plan sheet already has BoardPlan's conditional formats. Those are
 * found by their mark in this write's own batch, one request before they are deleted: a rule's id
 * is only its position in the sheet's list, and the positions the read saw can shift while the plan
 * is assessed (a rule the officer adds meanwhile), so deleting by them could remove the officer's
 * rule, and a batch cannot delete a rule by what its formula holds in the request that reads it.
 * Where the read found none of BoardPlan's rules there is nothing to delete and the write only
 * adds, so a plan's first refresh takes three round trips and a later one four.
 *
 * Nothing is written when a precondition found during the read fails (a protected sheet the patch
 * would write to, a missing sheet, a protected workbook structure). Once writing has started, a
 * failure is reported as a partial update: Excel keeps what ran before the failing call.
 */

export interface ApplyOptions {
  /** Upper bound of the bytes one request may carry (default 4.5 MB). */
  requestBytes?: number;
  /** Largest single write of cell values (default 1 MB), so big columns spread over requests. */
  pieceBytes?: number;
}

function handleOf(handles: ReadHandles, name: string): SheetHandle | undefined {
  const lower = name.toLowerCase();
  return handles.sheets.find((s) => s.name.toLowerCase() === lower);
}

/** Everything that can be known to fail is checked before the first write. */
function checkPreconditions(patch: WorkbookPatch, handles: ReadHandles): void {
  const written = new Set([...patch.columns.map((c) => c.sheet), ...patch.rules.map((r) => r.sheet)]);
  for (const name of written) {
    const h = handleOf(handles, name);
    if (!h) {
      throw new ExcelHostError('missing-sheet', `Sheet '${name}' is no longer in the workbook (it may have been renamed or deleted): run Refresh again.`);
    }
    if (h.protected) throw new ExcelHostError('protected-sheet', protectedSheetMessage(h.name));
  }
  for (const s of patch.sheets) {
    const h = handleOf(handles, s.name);
    if (h?.protected) throw new ExcelHostError('protected-sheet', protectedSheetMessage(h.name));
  }
  const structural =
    patch.sheets.some((s) => {
      const h = handleOf(handles, s.name);
      return !h || h.visibility !== s.visibility;
    }) || patch.deleteSheets.some((n) => handleOf(handles, n));
  if (structural && handles.workbookProtected) throw new ExcelHostError('protected-workbook', PROTECTED_WORKBOOK_MESSAGE);

  const addresses = [
    ...patch.rules.flatMap((r) => r.rules.map((rule) => [r.sheet, rule.address])),
    ...patch.sheets.flatMap((s) => [
      ...s.styles.map((st) => [s.name, st.address]),
      ...s.merges.map((m) => [s.name, m]),
      ...s.links.map((l) => [s.name, l.cell]),
      ...(s.chart ? [s.chart.categories, s.chart.from, s.chart.to, ...s.chart.series.map((x) => x.values)].map((a) => [s.name, a]) : []),
    ]),
  ];
  for (const [sheet, address] of addresses) {
    if (!cellsOf(address)) {
      throw new ExcelHostError('invalid-patch', `BoardPlan built an address it cannot write on sheet '${sheet}' ('${address}'): please report this; nothing was changed.`);
    }
  }
}

/** Apply the patch; `handles` come from the read that the patch was computed from. */
export async function applyPatch(context: Excel.RequestContext, patchInput: WorkbookPatch, handles: ReadHandles, options: ApplyOptions = {}): Promise<ApplyStats> {
  const parsed = WorkbookPatchSchema.safeParse(patchInput);
  if (!parsed.success) {
    throw new ExcelHostError('invalid-patch', `BoardPlan built an update it cannot write (${parsed.error.issues[0]?.message ?? 'invalid'}): please report this; nothing was changed.`);
  }
  const patch = parsed.data;
  checkPreconditions(patch, handles);

  const budget = options.requestBytes ?? REQUEST_BUDGET;
  const pieceBytes = Math.min(options.pieceBytes ?? 1024 * 1024, Math.floor(budget / 2));
  const w = new Writer(context, budget);
  // BoardPlan's rules to replace, found by their mark in this batch, one request before they are
  // deleted: where the read found none there is nothing to delete, and rules are only added.
  const replaced = patch.rules.map((r) => r.sheet).filter((name) => handleOf(handles, name)?.ownRules !== 0);
  const ours = replaced.length ? await findOwnRules(w.syncs, replaced) : new Map<string, string[]>();

  for (const sheet of patch.sheets) writeSheet(w, sheet, handleOf(handles, sheet.name), pieceBytes);
  for (const group of columnGroups(patch.columns)) writeColumns(w, group, pieceBytes);
  for (const name of patch.deleteSheets) {
    const h = handleOf(handles, name);
    if (!h) continue;
    w.add(
      unit(0, SHEET, 2, jsonBytes(name), (r) => {
        const ws = r.sheet(name);
        // Excel will not delete a very hidden sheet.
        if (h.visibility === 'veryHidden') ws.visibility = 'Visible';
        ws.delete();
      }),
    );
  }
  for (const { sheet, rules } of patch.rules) {
    const old = ours.get(sheet) ?? [];
    // Highest position first, so that each deletion leaves the positions still to delete as they were.
    const positions = [...old].sort((a, b) => Number(b) - Number(a));
    if (positions.length) {
      w.add(
        unit(1, SHEET + 1 + positions.length, positions.length, 0, (r) => {
          const formats = r.sheet(sheet).getRange().conditionalFormats;
          for (const id of positions) formats.getItem(id).delete();
        }, sheet),
      );
    }
    addRules(w, sheet, rules, sheet);
  }
  await w.run();
  return w.syncs.stats();
}

// ---- owned columns ---------------------------------------------------------------------------------

/** BoardPlan's columns side by side over the same rows, written as one block. */
function columnGroups(columns: OwnedColumn[]): OwnedColumn[][] {
  const groups: OwnedColumn[][] = [];
  for (const c of columns) {
    const last = groups[groups.length - 1];
    const prev = last?.[last.length - 1];
    const fits = prev && prev.sheet === c.sheet && prev.col + 1 === c.col && prev.headerRow === c.headerRow && prev.firstRow === c.firstRow && prev.values.length === c.values.length;
    if (fits) last.push(c);
    else groups.push([c]);
  }
  return groups;
}

function writeColumns(w: Writer, group: OwnedColumn[], pieceBytes: number): void {
  const { sheet, headerRow, firstRow } = group[0];
  const left = group[0].col;
  const right = group[group.length - 1].col;
  const headers = [group.map((c) => c.header)];
  // Text format first, so that a value such as "=SUM(A1)" or "+44 …" is stored as text.
  // The patch's look for BoardPlan's headings; the typeface and size stay the plan's, the row's height the user's.
  const look = group[0].headerStyle ?? { bold: true };
  const heading = { top: headerRow, left, bottom: headerRow, right };
  w.add(
    unit(1, SHEET + 2 + styleCalls(look, heading), 2 + 2 * styleCalls(look, heading), jsonBytes(headers) + jsonBytes(look), (r) => {
      const range = r.range(sheet, rangeA1(headerRow, left, headerRow, right));
      setNumberFormat(range, TEXT_FORMAT);
      range.values = headers;
      writeStyle(range, look, heading);
    }),
  );
  writeWidths(w, sheet, group.filter((c) => c.width !== undefined).map((c) => ({ col: c.col, width: c.width! })));
  const rows = group[0].values.map((_, i) => group.map((c) => c.values[i] ?? ''));
  for (const piece of pieces(rows, pieceBytes)) {
    w.add(
      blockUnit(piece.rows, firstRow + piece.start, (b) => RANGE_BYTES + gridBytes(b) + gridBytes([[TEXT_FORMAT]]), 2, (r, block, top) => {
        const range = r.range(sheet, rangeA1(top, left, top + block.length - 1, right));
        setNumberFormat(range, TEXT_FORMAT);
        range.values = block;
      }),
    );
  }
  const below = firstRow + group[0].values.length;
  const clears = group.filter((c) => c.clearToRow >= below);
  if (clears.length) {
    w.add(
      unit(clears.length, 0, clears.length, 0, (r) => {
        for (const c of clears) r.range(sheet, rangeA1(below, c.col, c.clearToRow, c.col)).clear('Contents');
      }),
    );
  }
}

