import { columnLetter, sheetAddress } from './cells';
import type { WorkbookPatch } from './patch';

/**
 * Excel holds at most 32,767 characters in a cell; a longer text (a progress note pasted in whole,
 * copied into a summary) would make Excel report the workbook as damaged. Every text a refresh
 * writes is cut to fit, ending with an ellipsis, and the refresh says which cells were cut.
 */

export const CELL_TEXT_LIMIT = 32_767;

/** The text cut to the limit, ending with "…", never between the two halves of a character. */
export function fitCell(text: string): string {
  if (text.length <= CELL_TEXT_LIMIT) return text;
  let end = CELL_TEXT_LIMIT - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/** The patch with every text fitted to a cell, and a sentence naming the cells cut (none when none was). */
export function fitPatchText(patch: WorkbookPatch): { patch: WorkbookPatch; notices: string[] } {
  const cut: string[] = [];
  const fit = (text: string, where: () => string): string => {
    if (text.length <= CELL_TEXT_LIMIT) return text;
    cut.push(where());
    return fitCell(text);
  };
  const fitted: WorkbookPatch = {
    ...patch,
    columns: patch.columns.map((c) => ({
      ...c,
      header: fit(c.header, () => sheetAddress(c.sheet, `${columnLetter(c.col)}${c.headerRow}`)),
      values: c.values.map((v, i) => (v === null ? v : fit(v, () => sheetAddress(c.sheet, `${columnLetter(c.col)}${c.firstRow + i}`)))),
    })),
    sheets: patch.sheets.map((s) => ({
      ...s,
      rows: s.rows.map((row, r) => row.map((v, c) => (typeof v === 'string' ? fit(v, () => sheetAddress(s.name, `${columnLetter(c + 1)}${r + 1}`)) : v))),
    })),
  };
  if (!cut.length) return { patch, notices: [] };
  const cells = cut.length > 3 ? `${cut.slice(0, 3).join(', ')} and ${cut.length - 3} more` : cut.join(', ');
  return {
    patch: fitted,
    notices: [`${cut.length === 1 ? 'One text was' : `${cut.length} texts were`} longer than the 32,767 characters a cell holds and cut to fit, ending in "…" (${cells}).`],
  };
}
