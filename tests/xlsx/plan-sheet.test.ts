import fc from 'fast-check';
import { CF_MARKER, type OwnedColumn } from '../../src/core/patch';
import { comparePlanSheets } from '../../src/xlsx/compare-sheet';
import { readCells } from '../../src/xlsx/values';
import { editPlanSheet } from '../../src/xlsx/plan-sheet';
import { RefusedEdit } from '../../src/xlsx/refused';
import { STYLES_XML_MINIMAL, StyleBook } from '../../src/xlsx/styles';
import { parseXml } from '../../src/xlsx/xml-tree';
import { STYLES, col } from '../fixtures/corpus/package';

/**
 * The plan-sheet editor on sheets of any shape: it writes BoardPlan's cells, widths and rules and
 * changes nothing else, or refuses; what it writes reads back as written; writing again changes
 * nothing.
 */

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** A sheet: some rows (numbered, or following the one before), cells in column order, the user's columns, merges and rules. */
const sheetArbitrary = fc
  .record({
    rows: fc.uniqueArray(fc.integer({ min: 1, max: 14 }), { maxLength: 10 }).map((rs) => rs.sort((a, b) => a - b)),
    cells: fc.array(fc.uniqueArray(fc.integer({ min: 1, max: 12 }), { maxLength: 6 }).map((cs) => cs.sort((a, b) => a - b)), { minLength: 10, maxLength: 10 }),
    kinds: fc.array(fc.nat(4), { minLength: 60, maxLength: 60 }),
    explicit: fc.array(fc.boolean(), { minLength: 70, maxLength: 70 }),
    spans: fc.boolean(),
    cols: fc.option(fc.tuple(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 6 }), fc.boolean())),
    merge: fc.option(fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 6 }))),
    userRule: fc.boolean(),
    oldRule: fc.boolean(),
    dimension: fc.boolean(),
  })
  .map((s) => {
    let n = 0;
    const rowsXml = s.rows
      .map((r, i) => {
        const cells = s.cells[i]
          .map((c, j) => {
            // A cell without its address only where it follows the one before.
            const prev = j === 0 ? 0 : s.cells[i][j - 1];
            const explicit = s.explicit[i * 6 + j] || c !== prev + 1;
            const ref = explicit ? ` r="${col(c)}${r}"` : '';
            return [
              (x: string) => `<c${x} t="inlineStr"><is><t>keep</t></is></c>`,
              (x: string) => `<c${x} s="1"><v>42</v></c>`,
              (x: string) => `<c${x}><f>1+1</f><v>2</v></c>`,
              (x: string) => `<c${x} s="3"/>`,
              (x: string) => `<c${x} t="s"><v>0</v></c>`,
            ][s.kinds[n++ % 60]](ref);
          })
          .join('');
        const explicitRow = s.explicit[60 + (i % 10)] || r !== (i === 0 ? 0 : s.rows[i - 1]) + 1;
        const spans = s.spans && s.cells[i].length ? ` spans="${s.cells[i][0]}:${s.cells[i][s.cells[i].length - 1]}"` : '';
        return cells ? `<row${explicitRow ? ` r="${r}"` : ''}${spans} ht="15">${cells}</row>` : `<row${explicitRow ? ` r="${r}"` : ''}/>`;
      })
      .join('');
    const cols = s.cols ? `<cols><col min="${s.cols[0]}" max="${s.cols[0] + s.cols[1]}" width="9.5"${s.cols[2] ? ' style="3" hidden="1"' : ''}/></cols>` : '';
    const merge = s.merge ? `<mergeCells count="1"><mergeCell ref="A${s.merge[1]}:${col(s.merge[0])}${s.merge[1]}"/></mergeCells>` : '';
    const rules =
      (s.userRule ? '<conditionalFormatting sqref="A1:L14"><cfRule type="expression" dxfId="0" priority="4"><formula>$A1="x"</formula></cfRule></conditionalFormatting>' : '') +
      (s.oldRule ? `<conditionalFormatting sqref="M2:M9"><cfRule type="expression" dxfId="0" priority="9"><formula>AND(${CF_MARKER.replace(/"/g, '&quot;')},$M2="Red")</formula></cfRule></conditionalFormatting>` : '');
    return (
      `<worksheet xmlns="${MAIN}">${s.dimension ? '<dimension ref="A1:L14"/>' : ''}${cols}` +
      `<sheetData>${rowsXml}</sheetData>${merge}${rules}<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`
    );
  });

const columnArbitrary = fc
  .record({
    col: fc.integer({ min: 1, max: 14 }),
    headerRow: fc.integer({ min: 1, max: 4 }),
    values: fc.array(fc.option(fc.oneof(fc.constantFrom('Red', 'Green', '=SUM(A1)', '_x000D_ & <b>'), fc.string({ maxLength: 6 })), { nil: null }), { maxLength: 8 }),
    extra: fc.nat(4),
    width: fc.option(fc.integer({ min: 5, max: 40 }), { nil: undefined }),
  })
  .map(
    (c): OwnedColumn => ({
      sheet: 'Plan',
      col: c.col,
      headerRow: c.headerRow,
      header: 'RAG (proposed)',
      firstRow: c.headerRow + 1,
      values: c.values,
      clearToRow: c.headerRow + c.values.length + c.extra,
      ...(c.width !== undefined ? { width: c.width } : {}),
    }),
  );

const rulesArbitrary = fc.option(
  fc.array(fc.record({ address: fc.constantFrom('M2:M9', 'A2:L9'), formula: fc.constantFrom(`=AND(${CF_MARKER},$M2="Red")`, `=AND(${CF_MARKER},$M2="Green")`), fill: fc.constantFrom('#C00000', '#00B050') }), { maxLength: 3 }),
  { nil: undefined },
);

/** The text each cell of the sheet shows, by "row:col". */
function texts(xml: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of readCells(xml, ['shared'], [], false).cells) out.set(`${c.row}:${c.col}`, String(c.value));
  return out;
}

describe('editing a plan sheet of any shape', () => {
  test('writes only BoardPlan’s cells, widths and rules, reads back as written, and is the same written twice, or refuses', () => {
    let written = 0;
    fc.assert(
      fc.property(sheetArbitrary, fc.uniqueArray(columnArbitrary, { selector: (c) => c.col, maxLength: 2 }), rulesArbitrary, (xml, columns, rules) => {
        const styles = new StyleBook(STYLES);
        let out: string;
        try {
          out = editPlanSheet(xml, 'Plan', { columns, rules }, styles).xml;
        } catch (err) {
          expect(err).toBeInstanceOf(RefusedEdit);
          return;
        }
        written++;
        parseXml(out);
        expect(comparePlanSheets(xml, out, 'Plan', new Set(columns.map((c) => c.col)))).toEqual([]);
        const merged = /<mergeCell ref="A(\d+):([A-Z]+)\d+"/.exec(xml);
        const read = texts(out);
        for (const c of columns) {
          c.values.forEach((v, i) => {
            const row = c.firstRow + i;
            const underMerge = merged && row === Number(merged[1]) && c.col > 1 && c.col <= columnIndex(merged[2]);
            if (v !== null && v !== '' && !underMerge) expect(read.get(`${row}:${c.col}`)).toBe(v);
          });
        }
        const again = editPlanSheet(out, 'Plan', { columns, rules }, styles).xml;
        expect(again).toBe(out);
      }),
      { numRuns: 400 },
    );
    // Most shapes are written, not refused.
    expect(written).toBeGreaterThan(200);
  });

  test('refuses a row whose cells are out of order, where a cell would have to go among them', () => {
    const xml = `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="C1"><v>1</v></c><c r="A1"><v>2</v></c></row></sheetData></worksheet>`;
    const header: OwnedColumn = { sheet: 'Plan', col: 2, headerRow: 1, header: 'RAG (proposed)', firstRow: 2, values: [], clearToRow: 0 };
    expect(() => editPlanSheet(xml, 'Plan', { columns: [header], rules: undefined }, new StyleBook(STYLES_XML_MINIMAL))).toThrow(
      "row 1 of the sheet 'Plan' has its cells out of order; open the workbook in Excel, save it, and refresh again",
    );
  });
});

function columnIndex(letters: string): number {
  return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}
