import { planAtAddress } from '../../src/core/pointed-plans';
import type ExcelJS from 'exceljs';
import { CF_MARKER, WorkbookPatchSchema, type WorkbookPatch } from '../../src/core/patch';
import { ExcelHostError } from '../../src/excel/errors';
import { ExcelHost } from '../../src/excel/host';
import { DATE_FORMAT } from '../../src/core/patch';
import { isoToSerial } from '../../src/core/cells';
import { REQUEST_BUDGET } from '../../src/excel/payload';
import { ruleAreas, shiftFormula } from '../../src/excel/rules';
import { widthToPoints, pointsToWidth } from '../../src/excel/units';
import { createFakeExcel, type FakeExcel } from '../../src/fake-excel';
import { leicsShape } from '../fixtures/plans';
import { fixtureWorkbook } from '../fixtures/workbook';
import { describeWorkbook, statsSince } from './helpers';

const RED = { fill: '#C00000', font: '#FFFFFF', bold: true };
const GREEN = { fill: '#00B050', font: '#FFFFFF', bold: true };

/**
 * The Office.js host's write, on the fake seeded with the one-sheet fixture plan ("Business Plan":
 * header row 6, actions from row 7 in columns A–F), with a hand-made patch of every kind.
 */

const PLAN = 'Business Plan';

function seeded(): FakeExcel {
  const wb = fixtureWorkbook(leicsShape);
  const ws = wb.getWorksheet(PLAN)!;
  ws.getCell('G11').value = 'Amber'; // left over from a longer plan: must be cleared
  wb.addWorksheet('Old Summary').getCell('A1').value = 'P9 summary';
  return createFakeExcel(wb, { name: leicsShape.name });
}

const patch: WorkbookPatch = WorkbookPatchSchema.parse({
  columns: [
    { sheet: PLAN, col: 7, headerRow: 6, header: 'RAG (proposed)', firstRow: 7, values: ['Green', 'Red', '=SUM(A1)', null], clearToRow: 12, width: 14 },
    { sheet: PLAN, col: 8, headerRow: 6, header: 'RAG reason', firstRow: 7, values: ['Due 30 Jun 2014.', '+44 1632 960000', '- see notes', '12'], clearToRow: 0 },
  ],
  rules: [
    {
      sheet: PLAN,
      rules: [
        { address: 'G7:G10', formula: `AND($G7="Red",${CF_MARKER})`, fill: '#C00000', font: '#FFFFFF', bold: true },
        { address: 'G7:G10', formula: `AND($G7="Green",${CF_MARKER})`, fill: '#00B050' },
      ],
    },
  ],
  sheets: [
    {
      name: 'Board Overview',
      rows: [['Board overview'], ['As of', { date: '2016-03-31' }], [], ['Priority', 'Red', 'Green'], ['P1', 1, 2], ['=P2 (formula-like text)', 0, 3]],
      styles: [
        { address: 'A1', style: { bold: true, size: 14 } },
        { address: 'A4:C4', style: { fill: '#D9D9D9', border: true, align: 'center' } },
        { address: 'B2', style: { numberFormat: 'dd/mm/yyyy' } },
      ],
      links: [{ cell: 'A5', sheet: PLAN, target: 'A7' }],
      merges: ['A1:C1'],
      widths: [{ col: 1, width: 30 }],
      freezeRows: 4,
      tabColor: '#1F4E79',
      chart: {
        type: 'barStacked',
        title: 'Actions by rating',
        categories: 'A5:A6',
        series: [
          { name: 'Red', values: 'B5:B6', colour: '#C00000' },
          { name: 'Green', values: 'C5:C6', colour: '#00B050' },
        ],
        from: 'E2',
        to: 'L18',
      },
      print: { orientation: 'landscape', fitToWidth: true, titleRows: '1:4', area: 'A1:C6' },
    },
    { name: 'BoardPlan', visibility: 'veryHidden', rows: [['settings', '{"scheme":"brag"}'], ['owned-sheet', 'Board Overview']] },
  ],
  deleteSheets: ['Old Summary'],
});

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected the promise to reject');
}

describe('applying a patch', () => {
  it('writes every part of it in one request on a plan without its rules yet, and bounds what it sent', async () => {
    const fake = seeded();
    const host = new ExcelHost(fake.run);
    await host.snapshot();
    const before = { ...fake.stats, log: [...fake.stats.log] };
    const stats = await host.apply(patch);

    const requests = fake.stats.log.slice(before.log.length).filter((r) => !r.cleanup);
    expect(stats.syncs).toBe(1);
    expect(requests).toHaveLength(1);
    expect(requests[0].suspended).toEqual({ screen: true, calculation: true });
    // The host's bound of what it sent holds against what Microsoft's client really sent.
    const sent = statsSince(fake, before);
    expect(stats.syncs).toBe(sent.syncs);
    expect(stats.bytes).toBeGreaterThanOrEqual(sent.bytes);
    expect(stats.bytes).toBeLessThan(3 * sent.bytes);

    const plan = fake.workbook.getWorksheet(PLAN)!;
    expect(plan.getCell('G6').value).toBe('RAG (proposed)');
    expect(plan.getCell('G6').font.bold).toBe(true);
    expect(['G7', 'G8', 'G10', 'G11'].map((a) => plan.getCell(a).value)).toEqual(['Green', 'Red', null, null]);
    expect(plan.getCell('G7').numFmt).toBe('@');
    expect(plan.getColumn(7).width).toBeCloseTo(pointsToWidth(widthToPoints(14)), 5);
    expect(Math.abs(plan.getColumn(7).width! - 14)).toBeLessThan(0.2);

    const rules = (plan as unknown as { conditionalFormattings: { ref: string; rules: { formulae: string[]; style: { fill: { bgColor: { argb: string } }; font?: { bold?: boolean } } }[] }[] }).conditionalFormattings;
    expect(rules.flatMap((e) => e.rules.map((r) => [e.ref, r.formulae[0], r.style.fill.bgColor.argb, r.style.font?.bold ?? false]))).toEqual(
      expect.arrayContaining([
        ['G7:G10', `AND($G7="Red",${CF_MARKER})`, 'FFC00000', true],
        ['G7:G10', `AND($G7="Green",${CF_MARKER})`, 'FF00B050', false],
      ]),
    );

    const overview = fake.workbook.getWorksheet('Board Overview')!;
    expect(overview.getCell('B2').value).toBe(42460);
    expect(overview.getCell('B2').numFmt).toBe('dd/mm/yyyy');
    expect(overview.getCell('B5').value).toBe(1);
    expect(overview.getCell('A1').font).toMatchObject({ bold: true, size: 14 });
    expect(overview.getCell('B4').fill).toMatchObject({ fgColor: { argb: 'FFD9D9D9' } });
    expect(overview.getCell('B4').border).toMatchObject({ top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } });
    expect(overview.getCell('A5').value).toEqual({ text: 'P1', hyperlink: "#'Business Plan'!A7" });
    expect(Object.keys((overview as unknown as { _merges: object })._merges)).toEqual(['A1']);
    expect(overview.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(overview.properties.tabColor).toEqual({ argb: 'FF1F4E79' });
    expect(overview.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:4', printArea: 'A1:C6', paperSize: 9 });
    expect(fake.charts.map((c) => ({ ...c, sheet: c.sheet.name }))).toEqual([
      {
        name: 'Chart 1',
        sheet: 'Board Overview',
        type: 'BarStacked',
        title: 'Actions by rating',
        from: 'E2',
        to: 'L18',
        series: [
          { name: 'Red', values: 'B5:B6', categories: 'A5:A6', colour: '#C00000' },
          { name: 'Green', values: 'C5:C6', categories: 'A5:A6', colour: '#00B050' },
        ],
      },
    ]);

    expect(fake.workbook.getWorksheet('BoardPlan')!.state).toBe('veryHidden');
    expect(fake.workbook.getWorksheet('BoardPlan')!.getCell('B1').value).toBe('{"scheme":"brag"}');
    expect(fake.workbook.worksheets.map((w) => w.name)).toEqual([PLAN, 'Board Overview', 'BoardPlan']);
  });

  it('lays a printed sheet out as the patch says: typeface, row heights, page breaks and a labelled chart', async () => {
    const fake = seeded();
    const host = new ExcelHost(fake.run);
    await host.snapshot();
    const overview = patch.sheets[0];
    const laidOut = WorkbookPatchSchema.parse({
      ...patch,
      columns: patch.columns.map((c) => ({ ...c, headerStyle: { bold: true, font: '#000000', fill: '#D9E1F2', wrap: false } })),
      sheets: [
        {
          ...overview,
          font: { name: 'Arial', size: 10 },
          heights: [1, 2, 3, 4, 5, 6].map((row) => ({ row, height: row === 1 ? 20.25 : row === 3 ? 9 : 15 })),
          styles: [...overview.styles, { address: 'A5:C6', style: { wrap: true, valign: 'top' } }],
          chart: { ...overview.chart!, labels: 'name-and-value', series: overview.chart!.series.map((x, i) => ({ ...x, labelColour: '#FFFFFF', unlabelled: i === 0 ? [1] : [] })) },
          print: { ...overview.print!, breaks: [5] },
        },
        patch.sheets[1],
      ],
    });
    const stats = await host.apply(laidOut);
    // The plan has none of BoardPlan's rules yet: one request writes everything.
    expect(stats.syncs).toBe(1);

    const plan = fake.workbook.getWorksheet(PLAN)!;
    expect(plan.getCell('G6').font).toMatchObject({ bold: true, color: { argb: 'FF000000' } });
    expect(plan.getCell('G6').fill).toMatchObject({ fgColor: { argb: 'FFD9E1F2' } });
    expect(plan.getCell('G6').alignment?.wrapText).toBe(false);

    const ws = fake.workbook.getWorksheet('Board Overview')!;
    expect(ws.getCell('B5').font).toMatchObject({ name: 'Arial', size: 10 });
    expect(ws.getCell('A1').font).toMatchObject({ name: 'Arial', size: 14, bold: true });
    expect([1, 2, 3, 4, 5, 6].map((r) => ws.getRow(r).height)).toEqual([20.25, 15, 9, 15, 15, 15]);
    expect(ws.getCell('A5').alignment).toMatchObject({ wrapText: true, vertical: 'top' });
    expect((ws as unknown as { rowBreaks: { id: number }[] }).rowBreaks.map((b) => b.id)).toEqual([4]);
    expect(fake.charts[0].series.map((x) => [x.labels, x.unlabelled ?? []])).toEqual([
      [{ showValue: true, showSeriesName: true, position: 'Center', colour: '#FFFFFF' }, [1]],
      [{ showValue: true, showSeriesName: true, position: 'Center', colour: '#FFFFFF' }, []],
    ]);

    // A second refresh replaces the sheet: its old page breaks go with it.
    await host.snapshot();
    await host.apply(laidOut);
    expect((fake.workbook.getWorksheet('Board Overview') as unknown as { rowBreaks: unknown[] }).rowBreaks).toHaveLength(1);
  });

  it('keeps text that looks like a formula or a number as text, in owned columns and generated sheets', async () => {
    const fake = seeded();
    const host = new ExcelHost(fake.run);
    await host.snapshot();
    await host.apply(patch);
    const plan = fake.workbook.getWorksheet(PLAN)!;
    const cells = ['G9', 'H8', 'H9', 'H10'].map((a) => plan.getCell(a));
    expect(cells.map((c) => c.value)).toEqual(['=SUM(A1)', '+44 1632 960000', '- see notes', '12']);
    expect(cells.every((c) => c.formula === undefined && typeof c.value === 'string')).toBe(true);
    const a6 = fake.workbook.getWorksheet('Board Overview')!.getCell('A6');
    expect([a6.value, a6.formula]).toEqual(['=P2 (formula-like text)', undefined]);
  });

  it('replaces its own conditional-format rules, keeps the user’s, and ranks them as the patch orders them', async () => {
    const wb = fixtureWorkbook(leicsShape);
    const ws = wb.getWorksheet(PLAN)!;
    ws.addConditionalFormatting({ ref: 'F7:F40', rules: [{ type: 'expression', formulae: ['$F7="Not started"'], style: { font: { italic: true } }, priority: 1 } as ExcelJS.ConditionalFormattingRule] });
    ws.addConditionalFormatting({ ref: 'G7:G40', rules: [{ type: 'expression', formulae: [`AND($G7="Amber",${CF_MARKER})`], priority: 2 } as ExcelJS.ConditionalFormattingRule] });
    const fake = createFakeExcel(wb);
    const host = new ExcelHost(fake.run);
    await host.snapshot();
    await host.apply(WorkbookPatchSchema.parse({ rules: patch.rules }));
    // In the order Excel applies them: the user's rule first, then the patch's in its own order.
    const rules = (ws as unknown as { conditionalFormattings: { rules: { formulae: string[]; priority: number }[] }[] }).conditionalFormattings.flatMap((e) => e.rules);
    expect(rules.sort((a, b) => a.priority - b.priority).map((r) => r.formulae[0])).toEqual([
      '$F7="Not started"',
      `AND($G7="Red",${CF_MARKER})`,
      `AND($G7="Green",${CF_MARKER})`,
    ]);
  });

  it('gives the same workbook when applied twice as when applied once', async () => {
    const once = seeded();
    const host1 = new ExcelHost(once.run);
    await host1.snapshot();
    await host1.apply(patch);

    const twice = seeded();
    const host2 = new ExcelHost(twice.run);
    await host2.snapshot();
    await host2.apply(patch);
    await host2.snapshot();
    await host2.apply(patch);

    expect(describeWorkbook(twice)).toEqual(describeWorkbook(once));
  });

  it('reads afresh when asked to apply without a snapshot, and counts that read', async () => {
    const fake = seeded();
    const stats = await new ExcelHost(fake.run).apply(patch);
    expect(stats.syncs).toBe(3);
    expect(stats.syncs).toBe(fake.stats.syncs);
    expect(fake.workbook.getWorksheet('Board Overview')).toBeDefined();
  });
});

describe('a generated sheet', () => {
  const rated = (rows: number) =>
    WorkbookPatchSchema.parse({
      sheets: [
        {
          name: 'Exceptions',
          rows: [
            ['Ref', 'Count', 'Due', 'Rating'],
            ...Array.from({ length: rows }, (_, i) => [`00${i + 1}`, i, i % 3 ? { date: '2016-03-31' } : null, i % 2 ? 'Red' : 'Green']),
          ],
          styles: [
            { address: 'A1:D1', style: { bold: true, fill: '#D9E1F2' } },
            ...Array.from({ length: rows }, (_, i) => ({ address: `D${i + 2}`, style: i % 2 ? RED : GREEN })),
          ],
        },
      ],
    });

  async function write(p: WorkbookPatch, fake = createFakeExcel(fixtureWorkbook(leicsShape))) {
    const host = new ExcelHost(fake.run);
    await host.snapshot();
    return { fake, stats: await host.apply(p) };
  }

  it('colours its rating cells with their own fill; written again, it loses the rules an earlier version of BoardPlan put there', async () => {
    const { fake } = await write(rated(4));
    const ws = fake.workbook.getWorksheet('Exceptions')!;
    ws.addConditionalFormatting({ ref: 'D2:D5', rules: [{ type: 'expression', priority: 1, formulae: [`AND(D2="Red",${CF_MARKER})`], style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFC00000' } } } }] });
    await write(rated(4), fake);
    const rules = (ws as unknown as { conditionalFormattings: unknown[] }).conditionalFormattings;
    expect(rules).toEqual([]);
    expect([2, 3, 4, 5].map((r) => (ws.getCell(`D${r}`).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb)).toEqual(['FF00B050', 'FFC00000', 'FF00B050', 'FFC00000']);
    expect(ws.getCell('D3').font).toMatchObject({ bold: true, color: { argb: 'FFFFFFFF' } });
    expect(ws.getCell('A1').fill).toMatchObject({ fgColor: { argb: 'FFD9E1F2' } });
  });

  it('keeps text as text, dates as dates and numbers as numbers, with a format sent once per block of cells', async () => {
    const { fake, stats: short } = await write(rated(20));
    const ws = fake.workbook.getWorksheet('Exceptions')!;
    expect([ws.getCell('A3').value, ws.getCell('A3').numFmt]).toEqual(['002', '@']);
    expect([ws.getCell('B3').value, ws.getCell('B3').numFmt ?? 'General']).toEqual([1, 'General']);
    expect([ws.getCell('C3').value, ws.getCell('C3').numFmt]).toEqual([isoToSerial('2016-03-31'), DATE_FORMAT]);
    expect(ws.getCell('C2').value).toBeNull();
    // A hundred times the rows: one request still, and little more than the extra values and formats themselves.
    const before = { ...fake.stats };
    const { fake: longFake } = await write(rated(2_000));
    void before;
    const requests = longFake.stats.log.filter((r) => !r.cleanup);
    const longWrite = requests[requests.length - 1];
    const shortWrite = fake.stats.log.filter((r) => !r.cleanup)[2];
    expect(requests).toHaveLength(3);
    const sent = (p: WorkbookPatch) => JSON.stringify(p.sheets[0].rows.map((r) => r.map((v) => (v === null ? '' : typeof v === 'object' ? isoToSerial(v.date) : v)))).length;
    const extra = sent(rated(2_000)) - sent(rated(20));
    // Values, and a number format per cell ("@" or the date format), and Office.js's slices of 1,500 cells.
    expect(longWrite.bytes - shortWrite.bytes).toBeLessThan(extra + 2_000 * 4 * 14 + 5_000);
    expect(short.syncs).toBe(1);
  });
});

describe('the layout of a generated sheet', () => {
  const rows = 30;
  const laidOut = WorkbookPatchSchema.parse({
    sheets: [
      {
        name: 'Exceptions',
        rows: [['Exceptions'], ['As of 31 Mar 2016'], ...Array.from({ length: rows }, (_, i) => [`1.${i + 1}`, `Action ${i + 1}`])],
        links: Array.from({ length: rows }, (_, i) => ({ cell: `A${i + 3}`, sheet: PLAN, target: `A${i + 7}` })),
        merges: ['A1:D1', 'A2:D2', 'B5:D5', 'B6:D6', 'B9:D10'],
        widths: [{ col: 1, width: 10 }, { col: 2, width: 60 }, { col: 4, width: 12 }],
        heights: Array.from({ length: rows + 2 }, (_, i) => ({ row: i + 1, height: i === 0 ? 20.25 : i % 4 ? 15 : 30 })),
        print: { orientation: 'landscape', fitToWidth: true, breaks: [12, 24] },
      },
    ],
  });

  it('takes one call for its links, one for its widths, one per block of rows or per height for its heights, and merges rows together', async () => {
    const calls: string[] = [];
    const fake = createFakeExcel(fixtureWorkbook(leicsShape), { onRequest: (body) => calls.push(...body.Actions.map((a) => a.Name)) });
    const host = new ExcelHost(fake.run);
    await host.snapshot();
    await host.apply(laidOut);
    const count = (name: string) => calls.filter((c) => c === name).length;
    expect(count('SetCellProperties')).toBe(1);
    expect(count('SetColumnProperties')).toBe(1);
    expect(count('SetRowProperties') + count('RowHeight')).toBeLessThanOrEqual(3);
    // A1:D2 across, B5:D6 across, B9:D10 whole.
    expect(count('Merge')).toBe(3);

    const ws = fake.workbook.getWorksheet('Exceptions')!;
    expect(ws.getCell('A3').value).toEqual({ text: '1.1', hyperlink: "#'Business Plan'!A7" });
    expect(ws.getCell('A32').value).toEqual({ text: '1.30', hyperlink: "#'Business Plan'!A36" });
    expect(ws.getCell('B3').value).toBe('Action 1');
    expect(Object.keys((ws as unknown as { _merges: object })._merges).sort()).toEqual(['A1', 'A2', 'B5', 'B6', 'B9']);
    expect([1, 2, 3, 4].map((c) => ws.getColumn(c).width)).toEqual([pointsToWidth(widthToPoints(10)), pointsToWidth(widthToPoints(60)), undefined, pointsToWidth(widthToPoints(12))]);
    expect(Array.from({ length: rows + 2 }, (_, i) => ws.getRow(i + 1).height)).toEqual(laidOut.sheets[0].heights!.map((h) => h.height));
    expect((ws as unknown as { rowBreaks: { id: number }[] }).rowBreaks.map((b) => b.id)).toEqual([11, 23]);
  });
});

describe('the look of a generated sheet', () => {
  it('is the same cell for cell whichever way its styles are sent: a later style still wins where two meet', async () => {
    const look = WorkbookPatchSchema.parse({
      sheets: [
        {
          name: 'Board Overview',
          rows: Array.from({ length: 8 }, (_, i) => ['Priority', i, i * 2, 'Note']),
          styles: [
            { address: 'A1:D1', style: { bold: true, fill: '#D9E1F2', border: true, size: 14 } },
            { address: 'A2:D8', style: { wrap: true, valign: 'top', border: true } },
            // A rating's colour on two cells, then one of them coloured again: the later fill wins.
            { address: 'A3:B3', style: { fill: '#C00000', font: '#FFFFFF', bold: true } },
            { address: 'B3', style: { fill: '#00B050' } },
            { address: 'A5:B5', style: { fill: '#FFC000', align: 'center' } },
          ],
        },
      ],
    });
    const calls: string[] = [];
    const fake = createFakeExcel(fixtureWorkbook(leicsShape), { onRequest: (body) => calls.push(...body.Actions.map((a) => a.Name)) });
    const host = new ExcelHost(fake.run);
    await host.snapshot();
    await host.apply(look);
    expect(calls).toContain('SetCellProperties');
    const ws = fake.workbook.getWorksheet('Board Overview')!;
    const fill = (a: string) => (ws.getCell(a).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb ?? null;
    expect(['A1', 'D1', 'A3', 'B3', 'C3', 'A5', 'B5', 'A6'].map(fill)).toEqual(['FFD9E1F2', 'FFD9E1F2', 'FFC00000', 'FF00B050', null, 'FFFFC000', 'FFFFC000', null]);
    expect(ws.getCell('A1').font).toMatchObject({ bold: true, size: 14 });
    expect(ws.getCell('B3').font).toMatchObject({ bold: true, color: { argb: 'FFFFFFFF' } });
    expect(ws.getCell('A5').alignment).toMatchObject({ horizontal: 'center', wrapText: true, vertical: 'top' });
    expect(ws.getCell('C4').alignment).toMatchObject({ wrapText: true, vertical: 'top' });
    expect(ws.getCell('B2').border).toMatchObject({ top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } });
    expect(ws.getCell('C1').border).toMatchObject({ top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } });
  });
});

describe('a patch over the 4.5 MB budget', () => {
  it('is written in requests each under 4.5 MB as Microsoft’s client sends them, with every value in place', async () => {
    const wb = fixtureWorkbook(leicsShape);
    const fake = createFakeExcel(wb);
    const host = new ExcelHost(fake.run);
    await host.snapshot();
    const values = Array.from({ length: 60_000 }, (_, i) => `Due ${1 + (i % 28)} Mar 2016; no update since the last quarterly review (row ${i + 7}) – chase the lead officer`);
    const big = WorkbookPatchSchema.parse({ columns: [{ sheet: PLAN, col: 9, headerRow: 6, header: 'RAG reason', firstRow: 7, values, clearToRow: 0 }] });
    expect(JSON.stringify(big).length).toBeGreaterThan(REQUEST_BUDGET);

    const before = { ...fake.stats, log: [...fake.stats.log] };
    const stats = await host.apply(big);
    const chunks = fake.stats.log.slice(before.log.length).filter((c) => !c.cleanup);
    expect(stats.syncs).toBeGreaterThan(1);
    expect(stats.syncs).toBe(statsSince(fake, before).syncs);
    expect(chunks.every((c) => c.bytes < REQUEST_BUDGET && !c.error && c.suspended.screen && c.suspended.calculation)).toBe(true);
    const ws = fake.workbook.getWorksheet(PLAN)!;
    expect(ws.getCell(7, 9).value).toBe(values[0]);
    expect(ws.getCell(60_006, 9).value).toBe(values[59_999]);
    expect(ws.getCell(20_000, 9).value).toBe(values[20_000 - 7]);
  });
});

describe('when the workbook cannot take the patch', () => {
  it('refuses to write to a protected sheet, with a clear message, and writes nothing', async () => {
    const fake = seeded();
    (fake.workbook.getWorksheet(PLAN) as unknown as { sheetProtection: object }).sheetProtection = { sheet: true };
    const host = new ExcelHost(fake.run);
    await host.snapshot();
    const before = describeWorkbook(fake);
    const syncs = fake.stats.syncs;
    const e = await rejection(host.apply(patch));
    expect(e).toBeInstanceOf(ExcelHostError);
    expect(e.message).toBe("Sheet 'Business Plan' is protected: unprotect it (Review > Unprotect Sheet) and run Refresh again.");
    expect(fake.stats.syncs).toBe(syncs);
    expect(describeWorkbook(fake)).toEqual(before);
  });

  it('refuses to add or remove sheets in a workbook whose structure is protected', async () => {
    const fake = seeded();
    fake.workbookProtected = true;
    const host = new ExcelHost(fake.run);
    await host.snapshot();
    const before = describeWorkbook(fake);
    const e = await rejection(host.apply(patch));
    expect(e.message).toMatch(/^The workbook's structure is protected.*Review > Protect Workbook/);
    expect(describeWorkbook(fake)).toEqual(before);
  });

  it('says plainly that the workbook may be partly refreshed when Excel stops part-way', async () => {
    const fake = seeded();
    const host = new ExcelHost(fake.run);
    await host.snapshot();
    // Protected after the read: only Excel can tell, at the write.
    (fake.workbook.getWorksheet(PLAN) as unknown as { sheetProtection: object }).sheetProtection = { sheet: true };
    const e = await rejection(host.apply(patch));
    expect(e).toMatchObject({ kind: 'partial-update', partial: true });
    expect(e.message).toMatch(/^The workbook may be only partly refreshed: A sheet BoardPlan writes to is protected/);
    expect(fake.workbook.getWorksheet('Board Overview')).toBeDefined();
  });

  it('names a sheet that is no longer there', async () => {
    const fake = seeded();
    const host = new ExcelHost(fake.run);
    const e = await rejection(host.apply(WorkbookPatchSchema.parse({ columns: [{ ...patch.columns[0], sheet: 'Plan 2015' }] })));
    expect(e.message).toBe("Sheet 'Plan 2015' is no longer in the workbook (it may have been renamed or deleted): run Refresh again.");
  });
});

describe('selecting a cell', () => {
  it('activates the sheet and moves the selection in one sync', async () => {
    const fake = seeded();
    fake.workbook.addWorksheet('Notes');
    await new ExcelHost(fake.run).select(PLAN, 'C9');
    expect(fake.selection).toEqual({ sheet: PLAN, address: 'C9' });
    expect(fake.activeSheet).toBe(PLAN);
    expect(fake.stats.syncs).toBe(1);
  });

  it("reads the officer's selection as Excel writes its address, which the core reads as a plan", async () => {
    const fake = seeded();
    const host = new ExcelHost(fake.run);
    await host.select(PLAN, 'A4:F12');
    const address = await host.selectedRange();
    expect(address).toBe("'Business Plan'!A4:F12");
    expect(planAtAddress(address)).toEqual({ sheet: PLAN, range: 'A4:F12' });
  });
});

type Cf = { ref: string; rules: { priority: number; formulae: string[]; style?: { font?: { italic?: boolean } } }[] };
const rulesOf = (ws: ExcelJS.Worksheet) =>
  (ws as unknown as { conditionalFormattings: Cf[] }).conditionalFormattings
    .flatMap((e) => e.rules.map((r) => ({ ref: e.ref, formula: r.formulae[0], priority: r.priority, italic: !!r.style?.font?.italic })))
    .sort((a, b) => a.priority - b.priority);
const userRule = (ref: string, formula: string) =>
  ({ ref, rules: [{ type: 'expression', formulae: [formula], style: { font: { italic: true } }, priority: 1 } as ExcelJS.ConditionalFormattingRule] });

describe('BoardPlan’s conditional formats beside the user’s', () => {
  const ours = WorkbookPatchSchema.parse({ rules: patch.rules });

  it('finishes each new rule before moving it below the user’s, so no formula or colour lands on another rule', async () => {
    const wb = fixtureWorkbook(leicsShape);
    wb.getWorksheet(PLAN)!.addConditionalFormatting(userRule('G7:G10', '$G7="Draft"'));
    const fake = createFakeExcel(wb);
    const host = new ExcelHost(fake.run);
    await host.snapshot();
    await host.apply(ours);
    expect(rulesOf(fake.workbook.getWorksheet(PLAN)!).map((r) => [r.ref, r.formula, r.italic])).toEqual([
      ['G7:G10', '$G7="Draft"', true],
      ['G7:G10', `AND($G7="Red",${CF_MARKER})`, false],
      ['G7:G10', `AND($G7="Green",${CF_MARKER})`, false],
    ]);
  });

  it('finds its own rules by their mark when it writes: a rule the user adds after the read is kept', async () => {
    const fake = createFakeExcel(fixtureWorkbook(leicsShape));
    const host = new ExcelHost(fake.run);
    await host.snapshot();
    await host.apply(ours);
    await host.snapshot();
    // Meanwhile the officer adds a rule of their own, which Excel puts first.
    await fake.run(async (ctx) => {
      const cf = ctx.workbook.worksheets.getItem(PLAN).getRange('A7:A40').conditionalFormats.add('Custom');
      cf.custom.rule.formula = '=$F7="Not started"';
      cf.custom.format.font.italic = true;
      await ctx.sync();
    });
    // One request more than a first refresh: the rules to replace, found in the write's own batch.
    expect((await host.apply(ours)).syncs).toBe(2);
    expect(rulesOf(fake.workbook.getWorksheet(PLAN)!).map((r) => [r.ref, r.formula])).toEqual([
      ['A7:A40', '$F7="Not started"'],
      ['G7:G10', `AND($G7="Red",${CF_MARKER})`],
      ['G7:G10', `AND($G7="Green",${CF_MARKER})`],
    ]);
  });

  it('on a plan without its rules, only adds: a rule the officer adds between the read and the write is kept', async () => {
    const fake = createFakeExcel(fixtureWorkbook(leicsShape));
    const host = new ExcelHost(fake.run);
    await host.snapshot();
    await fake.run(async (ctx) => {
      const cf = ctx.workbook.worksheets.getItem(PLAN).getRange('G7:G10').conditionalFormats.add('Custom');
      cf.custom.rule.formula = '=$G7="Draft"';
      await ctx.sync();
    });
    expect((await host.apply(ours)).syncs).toBe(1);
    expect(rulesOf(fake.workbook.getWorksheet(PLAN)!).map((r) => [r.ref, r.formula])).toEqual([
      ['G7:G10', '$G7="Draft"'],
      ['G7:G10', `AND($G7="Red",${CF_MARKER})`],
      ['G7:G10', `AND($G7="Green",${CF_MARKER})`],
    ]);
  });

  it('when Excel cannot read rules that share one range, changes nothing and says how to clear its rules by hand', async () => {
    const fake = createFakeExcel(fixtureWorkbook(leicsShape));
    const host = new ExcelHost(fake.run);
    await host.snapshot();
    await host.apply(ours);
    // Excel's open bug with several rules on one range (office-js issues 5222, 6827, 6835).
    fake.sharedRangeRuleBug = true;
    await host.snapshot();
    const before = describeWorkbook(fake);
    const e = await rejection(host.apply(patch));
    expect(e.message).toBe(
      `Excel would not let BoardPlan read the colour rules on sheet '${PLAN}', so nothing was changed (Excel has a known problem with several conditional formats on the same cells): on that sheet choose Home > Conditional Formatting > Manage Rules, delete the rules whose formula contains N("BoardPlan"), and run Refresh again.`,
    );
    expect(describeWorkbook(fake)).toEqual(before);
  });
});

describe('sheets and requests Excel treats specially', () => {
  it('deletes its own very hidden sheet, which Excel deletes only once it is visible', async () => {
    const fake = seeded();
    fake.workbook.getWorksheet('Old Summary')!.state = 'veryHidden';
    const host = new ExcelHost(fake.run);
    await host.snapshot();
    await host.apply(WorkbookPatchSchema.parse({ deleteSheets: ['Old Summary'] }));
    expect(fake.workbook.worksheets.map((w) => w.name)).toEqual([PLAN]);
  });

  it('splits a request Excel refuses as too large and sends it again, instead of stopping part-way', async () => {
    const fake = seeded();
    // A smaller limit than the host plans for, as an Excel with less room would have.
    fake.limits = { ...fake.limits, requestBytes: 200_000 };
    const host = new ExcelHost(fake.run);
    await host.snapshot();
    const values = Array.from({ length: 5_000 }, (_, i) => `Update ${i}: reviewed at the sub-group`);
    await host.apply(WorkbookPatchSchema.parse({ ...patch, columns: [{ ...patch.columns[1], values }] }));
    expect(fake.stats.log.some((l) => l.error === 'RequestPayloadSizeLimitExceeded')).toBe(true);
    const ws = fake.workbook.getWorksheet(PLAN)!;
    expect([ws.getCell(7, 8).value, ws.getCell(5_006, 8).value]).toEqual([values[0], values[4_999]]);
    expect(fake.workbook.getWorksheet('Board Overview')).toBeDefined();
  });
});

describe('rules that say the same over several areas', () => {
  test('a formula seen from another cell moves its relative references, not what is pinned or quoted', () => {
    expect(shiftFormula('=AND($G3="Red",N("BoardPlan")=0)', 5, 2)).toBe('=AND($G8="Red",N("BoardPlan")=0)');
    expect(shiftFormula('=AND(F18="G3",SUM(A$1:B2)>LOG10(C4))', 8, 1)).toBe('=AND(G26="G3",SUM(B$1:C10)>LOG10(D12))');
    expect(shiftFormula('=A1>0', -1, 0)).toBeNull();
  });

  test('go as one conditional format over all their areas only where that colours each cell as the separate rules do', () => {
    const red = (address: string, cell: string) => ({ address, formula: `=AND(${cell}="Red",${CF_MARKER})`, fill: '#C00000' });
    const amber = (address: string, cell: string) => ({ address, formula: `=AND(${cell}="Amber",${CF_MARKER})`, fill: '#FFC000' });
    const areas = (rules: Parameters<typeof ruleAreas>[0]) => ruleAreas(rules).map((g) => `${g.rule.fill} ${g.areas.map((a) => `${a.top}:${a.bottom}`).join(',')}`);
    // Two rated tables of one priority: each colour once, over both.
    expect(areas([red('F18:F22', 'F18'), amber('F18:F22', 'F18'), red('F26', 'F26'), amber('F26', 'F26')])).toEqual(['#C00000 18:22,26:26', '#FFC000 18:22,26:26']);
    // A formula that reads another row from the second table is another rule.
    expect(areas([red('F18:F22', 'F18'), red('F26', 'F27')])).toHaveLength(2);
    // A rule between them over the same cells keeps the later one where it is.
    expect(areas([red('F18:F22', 'F18'), amber('F26', 'F26'), red('F26', 'F26')])).toEqual(['#C00000 18:22', '#FFC000 26:26', '#C00000 26:26']);
  });
});
