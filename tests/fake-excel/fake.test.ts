import ExcelJS from 'exceljs';
import { widthToPoints } from '../../src/excel/units';
import { createFakeExcel, type FakeExcel } from '../../src/fake-excel';

/** The fake must behave like Excel where the host depends on it; these tests pin that behaviour down. */

function book(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const plan = wb.addWorksheet('Plan');
  plan.getCell('A1').value = 'Ref';
  plan.getCell('B1').value = 'Action';
  plan.getCell('A2').value = '1.1';
  plan.getCell('B2').value = 'Publish the annual report';
  plan.getCell('C3').value = new Date(Date.UTC(2016, 2, 31));
  plan.getCell('C3').numFmt = 'dd/mm/yyyy';
  wb.addWorksheet('Empty');
  return wb;
}

async function rejection(p: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return e as { code?: string; message: string };
  }
  throw new Error('expected the promise to reject');
}

function syncError(fake: FakeExcel, batch: (ctx: Excel.RequestContext) => Promise<unknown>): Promise<{ code?: string; message: string }> {
  return rejection(fake.run(batch));
}

describe('loading and reading', () => {
  it('refuses to give a property that was not loaded and synced, as Office.js does', async () => {
    const fake = createFakeExcel(book());
    await fake.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem('Plan').getRange('A1:B2');
      expect(() => range.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      range.load('values');
      let early: unknown;
      try {
        void range.values;
      } catch (e) {
        early = e;
      }
      expect(early).toMatchObject({ code: 'PropertyNotLoaded' });
      expect((early as Error).message).toBe(
        `The property 'values' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      );
      await ctx.sync();
      expect(range.values).toEqual([
        ['Ref', 'Action'],
        ['1.1', 'Publish the annual report'],
      ]);
      expect(() => range.numberFormat).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    });
  });

  it('gives dates as serial numbers with their format, empty cells as "", and Office.js addresses and indexes', async () => {
    const fake = createFakeExcel(book());
    await fake.run(async (ctx) => {
      const used = ctx.workbook.worksheets.getItem('Plan').getUsedRange(true).load('address,values,numberFormat,rowIndex,columnIndex,rowCount,columnCount');
      await ctx.sync();
      expect(used.address).toBe('Plan!A1:C3');
      expect([used.rowIndex, used.columnIndex, used.rowCount, used.columnCount]).toEqual([0, 0, 3, 3]);
      expect(used.values[2]).toEqual(['', '', 42460]);
      expect(used.numberFormat[2]).toEqual(['General', 'General', 'dd/mm/yyyy']);
    });
  });

  it('quotes sheet names in addresses the way Excel does', async () => {
    const wb = book();
    wb.addWorksheet("Officer's Plan").getCell('B2').value = 'x';
    const fake = createFakeExcel(wb);
    await fake.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("officer's plan").getRange('B2').load('address');
      await ctx.sync();
      expect(r.address).toBe("'Officer''s Plan'!B2");
    });
  });
});

describe('writes', () => {
  it('change the workbook only when the batch is synced', async () => {
    const fake = createFakeExcel(book());
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Plan').getRange('D1').values = [['RAG (proposed)']];
      expect(fake.workbook.getWorksheet('Plan')!.getCell('D1').value).toBeNull();
      await ctx.sync();
      expect(fake.workbook.getWorksheet('Plan')!.getCell('D1').value).toBe('RAG (proposed)');
    });
  });

  it('turn text starting with "=" into a formula unless the cell is formatted as text', async () => {
    const fake = createFakeExcel(book());
    await fake.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Plan');
      sheet.getRange('E1:E3').values = [['=Review with partners'], ['+44 1632 960000'], ['12']];
      const safe = sheet.getRange('F1:F3');
      safe.numberFormat = [['@'], ['@'], ['@']];
      safe.values = [['=Review with partners'], ['+44 1632 960000'], ['12']];
      await ctx.sync();
    });
    const ws = fake.workbook.getWorksheet('Plan')!;
    expect(ws.getCell('E1').formula).toBe('Review with partners');
    expect(ws.getCell('E2').formula).toBe('+44 1632 960000');
    expect(ws.getCell('E3').value).toBe(12);
    expect(['F1', 'F2', 'F3'].map((a) => ws.getCell(a).value)).toEqual(['=Review with partners', '+44 1632 960000', '12']);
  });

  it('leave a cell alone for null in a 2-D array and clear it for ""', async () => {
    const fake = createFakeExcel(book());
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Plan').getRange('A2:B2').values = [[null, '']];
      await ctx.sync();
    });
    const ws = fake.workbook.getWorksheet('Plan')!;
    expect(ws.getCell('A2').value).toBe('1.1');
    expect(ws.getCell('B2').value).toBeNull();
  });

  it('apply a single value or number format to every cell of the range, as Excel documents', async () => {
    const fake = createFakeExcel(book());
    await fake.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem('Empty').getRange('A1:B3');
      (range as unknown as { numberFormat: string }).numberFormat = '@';
      (range as unknown as { values: string }).values = '012';
      await ctx.sync();
    });
    const ws = fake.workbook.getWorksheet('Empty')!;
    for (const a of ['A1', 'B2', 'B3']) expect([ws.getCell(a).value, ws.getCell(a).numFmt]).toEqual(['012', '@']);
    expect(ws.getCell('C1').value).toBeNull();
    const e = await syncError(fake, async (ctx) => {
      (ctx.workbook.worksheets.getItem('Empty').getRange('A1:B3') as unknown as { numberFormat: null }).numberFormat = null;
      await ctx.sync();
    });
    expect(e.code).toBe('InvalidArgument');
  });

  it('set many cells’, rows’ or columns’ properties in one call, an empty entry leaving its cell as it is', async () => {
    const fake = createFakeExcel(book());
    await fake.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Plan');
      sheet.getRange('A1:B2').setCellProperties([[{}, {}], [{ hyperlink: { documentReference: "'Empty'!A1", textToDisplay: '1.1' } }, {}]]);
      sheet.getRange('2:4').setRowProperties([{ format: { rowHeight: 30 } }, {}, { format: { rowHeight: 9 } }]);
      sheet.getRange('A:C').setColumnProperties([{ format: { columnWidth: 48 } }, {}, { format: { columnWidth: 96 } }]);
      sheet.getRange('D1:D2').setCellProperties([[{ format: { fill: { color: '#C00000' }, font: { bold: true, color: '#FFFFFF' }, wrapText: true, horizontalAlignment: 'Center', verticalAlignment: 'Top' } }], [{}]]);
      await ctx.sync();
    });
    const ws = fake.workbook.getWorksheet('Plan')!;
    expect(ws.getCell('D1').style).toMatchObject({
      fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFC00000' } },
      font: { bold: true, color: { argb: 'FFFFFFFF' } },
      alignment: { wrapText: true, horizontal: 'center', vertical: 'top' },
    });
    expect(ws.getCell('D2').style).toEqual({});
    expect(ws.getCell('A2').value).toEqual({ text: '1.1', hyperlink: "#'Empty'!A1" });
    expect([ws.getCell('A1').value, ws.getCell('B2').value]).toEqual(['Ref', 'Publish the annual report']);
    expect([2, 3, 4].map((r) => ws.getRow(r).height)).toEqual([30, undefined, 9]);
    expect([1, 3].map((c) => widthToPoints(ws.getColumn(c).width!))).toEqual([48, 96]);
    expect(ws.getColumn(2).width).toBeUndefined();
  });

  it('refuse a properties array of another shape than the range, and what the fake does not model, at sync', async () => {
    const fake = createFakeExcel(book());
    const shape = await syncError(fake, async (ctx) => {
      ctx.workbook.worksheets.getItem('Plan').getRange('A1:B2').setCellProperties([[{}, {}]]);
      await ctx.sync();
    });
    expect(shape.code).toBe('InvalidArgument');
    const unmodelled = await syncError(fake, async (ctx) => {
      ctx.workbook.worksheets.getItem('Plan').getRange('1:1').setRowProperties([{ rowHidden: true }]);
      await ctx.sync();
    });
    expect([unmodelled.code, unmodelled.message]).toEqual(['ApiNotFound', "The fake Excel does not model a row's rowHidden in Range.setRowProperties."]);
    const borders = await syncError(fake, async (ctx) => {
      ctx.workbook.worksheets.getItem('Plan').getRange('A1').setCellProperties([[{ format: { borders: { top: { style: 'Continuous' } } } }]]);
      await ctx.sync();
    });
    expect(borders.message).toBe("The fake Excel does not model a cell's format.borders in Range.setCellProperties.");
  });

  it('reject a values array whose shape differs from the range, at sync', async () => {
    const fake = createFakeExcel(book());
    const e = await syncError(fake, async (ctx) => {
      ctx.workbook.worksheets.getItem('Plan').getRange('A1:B2').values = [['only one row', 'x']];
      await ctx.sync();
    });
    expect(e.code).toBe('InvalidArgument');
  });
});

describe('null objects', () => {
  it('report isNullObject after sync instead of failing', async () => {
    const fake = createFakeExcel(book());
    await fake.run(async (ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject('Nope');
      const empty = ctx.workbook.worksheets.getItem('Empty').getUsedRangeOrNullObject(true).load('address');
      const afterLast = ctx.workbook.worksheets.getItem('Empty').getNextOrNullObject();
      const beyond = afterLast.getNextOrNullObject().load('name');
      expect(() => missing.isNullObject).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      expect(empty.isNullObject).toBe(true);
      expect(afterLast.isNullObject).toBe(true);
      expect(beyond.isNullObject).toBe(true);
    });
  });

  it('are not null when the thing exists', async () => {
    const fake = createFakeExcel(book());
    await fake.run(async (ctx) => {
      const plan = ctx.workbook.worksheets.getItemOrNullObject('PLAN').load('name');
      await ctx.sync();
      expect(plan.isNullObject).toBe(false);
      expect(plan.name).toBe('Plan');
    });
  });
});

describe('errors at sync', () => {
  it('stop the batch at the failing operation, keeping what ran before it', async () => {
    const fake = createFakeExcel(book());
    const e = await syncError(fake, async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      sheets.getItem('Plan').getRange('D1').values = [['before']];
      sheets.getItem('Missing').getRange('A1').values = [['never']];
      sheets.getItem('Plan').getRange('D2').values = [['after']];
      await ctx.sync();
    });
    expect(e.code).toBe('ItemNotFound');
    const ws = fake.workbook.getWorksheet('Plan')!;
    expect(ws.getCell('D1').value).toBe('before');
    expect(ws.getCell('D2').value).toBeNull();
  });

  it('deny writes to a protected sheet until it is unprotected', async () => {
    const wb = book();
    (wb.getWorksheet('Plan') as unknown as { sheetProtection: object }).sheetProtection = { sheet: true };
    const fake = createFakeExcel(wb);
    const e = await syncError(fake, async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Plan');
      sheet.getRange('D1').values = [['x']];
      await ctx.sync();
    });
    expect(e.code).toBe('AccessDenied');
    await fake.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Plan');
      const p = sheet.protection.load('protected');
      await ctx.sync();
      expect(p.protected).toBe(true);
      sheet.protection.unprotect();
      sheet.getRange('D1').values = [['x']];
      await ctx.sync();
    });
    expect(fake.workbook.getWorksheet('Plan')!.getCell('D1').value).toBe('x');
  });

  it('fail while the user is editing a cell, without applying anything', async () => {
    const fake = createFakeExcel(book());
    fake.editingCell = true;
    const e = await syncError(fake, async (ctx) => {
      ctx.workbook.worksheets.getItem('Plan').getRange('D1').values = [['x']];
      await ctx.sync();
    });
    expect(e.code).toBe('InvalidOperationInCellEditMode');
    expect(fake.workbook.getWorksheet('Plan')!.getCell('D1').value).toBeNull();
  });

  it('refuse to load custom-format details of a rule of another type; customOrNullObject gives null', async () => {
    const wb = book();
    const ws = wb.getWorksheet('Plan')!;
    ws.addConditionalFormatting({ ref: 'A1:A5', rules: [{ type: 'dataBar', priority: 1 } as unknown as ExcelJS.ConditionalFormattingRule] });
    ws.addConditionalFormatting({ ref: 'B1:B5', rules: [{ type: 'expression', formulae: ['LEN(B1)>3'], priority: 2 } as ExcelJS.ConditionalFormattingRule] });
    const fake = createFakeExcel(wb);
    const e = await syncError(fake, async (ctx) => {
      ctx.workbook.worksheets.getItem('Plan').getRange().conditionalFormats.load('items/custom/rule/formula');
      await ctx.sync();
    });
    expect(e.code).toBe('InvalidOperation');
    await fake.run(async (ctx) => {
      const cfs = ctx.workbook.worksheets.getItem('Plan').getRange().conditionalFormats.load('items/type,items/customOrNullObject/rule/formula');
      await ctx.sync();
      expect(cfs.items.map((c) => c.type)).toEqual(['DataBar', 'Custom']);
      expect(cfs.items[0].customOrNullObject.isNullObject).toBe(true);
      expect(cfs.items[1].customOrNullObject.rule.formula).toBe('=LEN(B1)>3');
    });
  });
});

describe('counting', () => {
  it('counts requests, actions and the bytes Microsoft’s client sent; a batch with nothing queued costs no round trip', async () => {
    const fake = createFakeExcel(book());
    await fake.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem('Plan').getRange('D1:D2');
      range.values = [['a'], ['b']];
      range.load('address');
      await ctx.sync();
      await ctx.sync();
    });
    expect(fake.stats.syncs).toBe(1);
    const [request] = fake.stats.log.filter((l) => !l.cleanup);
    expect(request.operations).toBeGreaterThanOrEqual(4);
    expect(fake.stats.operations).toBe(request.operations);
    // The request as JSON: the object paths, the instantiations and the write of ["a"], ["b"] at least.
    expect(request.bytes).toBeGreaterThan(JSON.stringify([['a'], ['b']]).length + 300);
    expect(fake.stats.bytes).toBe(request.bytes);
  });

  it('rejects a request over 5 MB whole, applying nothing', async () => {
    const fake = createFakeExcel(book());
    const rows = Array.from({ length: 60_000 }, (_, i) => [`Update ${i}: ${'progress noted at the sub-group meeting '.repeat(2)}`]);
    const e = await syncError(fake, async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Plan');
      sheet.getRange('D1').values = [['first']];
      sheet.getRange(`E1:E${rows.length}`).values = rows;
      await ctx.sync();
    });
    expect(e.code).toBe('RequestPayloadSizeLimitExceeded');
    expect(fake.stats.log[0].bytes).toBeGreaterThan(5 * 1024 * 1024);
    expect(fake.workbook.getWorksheet('Plan')!.getCell('D1').value).toBeNull();
  });

  it('answers null values for a range of more cells than Excel reads at a time', async () => {
    const fake = createFakeExcel(book());
    await fake.run(async (ctx) => {
      const all = ctx.workbook.worksheets.getItem('Plan').getRange('A:E').load('values,address');
      await ctx.sync();
      expect(all.address).toBe('Plan!A:E');
      expect(all.values).toBeNull();
    });
  });
});

describe('conditional formats as Excel numbers them', () => {
  const withRules = () => {
    const wb = book();
    const ws = wb.getWorksheet('Plan')!;
    ws.addConditionalFormatting({ ref: 'A1:A5', rules: [{ type: 'expression', formulae: ['A1="x"'], priority: 1 } as ExcelJS.ConditionalFormattingRule] });
    ws.addConditionalFormatting({ ref: 'B1:B5', rules: [{ type: 'expression', formulae: ['B1="y"'], priority: 2 } as ExcelJS.ConditionalFormattingRule] });
    return createFakeExcel(wb);
  };

  it('gives each rule its position as its id, so a rule added first moves the others along', async () => {
    const fake = withRules();
    await fake.run(async (ctx) => {
      const all = ctx.workbook.worksheets.getItem('Plan').getRange().conditionalFormats;
      all.load('items/id');
      await ctx.sync();
      expect(all.items.map((c) => c.id)).toEqual(['0', '1']);
      const added = ctx.workbook.worksheets.getItem('Plan').getRange('C1').conditionalFormats.add('Custom');
      added.custom.rule.formula = '=C1>0';
      const second = all.getItem('1').custom.rule.load('formula');
      await ctx.sync();
      // Id 1 was B's rule; with the new rule first it is now A's.
      expect(second.formula).toBe('=A1="x"');
    });
  });

  it('adds one rule over all the areas of a RangeAreas (ExcelApi 1.9), found from any of them and from neither gap', async () => {
    const fake = withRules();
    await fake.run(async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('Plan');
      const added = ws.getRanges('D2:D4,D8:D8').conditionalFormats.add('Custom');
      added.custom.rule.formula = '=D2="Red"';
      added.custom.format.fill.color = '#C00000';
      await ctx.sync();
      const at = (address: string) => ws.getRange(address).conditionalFormats.load('items/custom/rule/formula');
      const [second, gap] = [at('D8'), at('D6')];
      await ctx.sync();
      expect(second.items.map((c) => c.custom.rule.formula)).toEqual(['=D2="Red"']);
      expect(gap.items).toEqual([]);
    });
    const rules = (fake.workbook.getWorksheet('Plan') as unknown as { conditionalFormattings: { ref: string }[] }).conditionalFormattings.map((c) => c.ref);
    expect(rules).toContain('D2:D4 D8');
  });

  it('reproduces Excel’s bug with rules sharing a range when asked to', async () => {
    const wb = book();
    wb.getWorksheet('Plan')!.addConditionalFormatting({ ref: 'A1:A5', rules: [
      { type: 'expression', formulae: ['A1="x"'], priority: 1 } as ExcelJS.ConditionalFormattingRule,
      { type: 'expression', formulae: ['A1="y"'], priority: 2 } as ExcelJS.ConditionalFormattingRule,
    ] });
    const fake = createFakeExcel(wb);
    fake.sharedRangeRuleBug = true;
    const e = await syncError(fake, async (ctx) => {
      ctx.workbook.worksheets.getItem('Plan').getRange().conditionalFormats.load('items/customOrNullObject/rule/formula');
      await ctx.sync();
    });
    expect(e.code).toBe('ItemNotFound');
  });
});

describe('Excel’s own rules the fake follows', () => {
  it('will not delete a very hidden sheet', async () => {
    const wb = book();
    wb.getWorksheet('Empty')!.state = 'veryHidden';
    const e = await syncError(createFakeExcel(wb), async (ctx) => {
      ctx.workbook.worksheets.getItem('Empty').delete();
      await ctx.sync();
    });
    expect(e.code).toBe('InvalidOperation');
  });

  it('grows a table over a value written into the empty column beside it', async () => {
    const wb = book();
    wb.getWorksheet('Plan')!.addTable({ name: 'Actions', ref: 'A1', headerRow: true, columns: [{ name: 'Ref' }, { name: 'Action' }], rows: [['1.1', 'Publish the annual report']] });
    const fake = createFakeExcel(wb);
    await fake.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Plan').getRange('C1:C2').values = [['RAG'], ['Green']];
      const table = ctx.workbook.tables.getItem('Actions').getRange().load('address');
      await ctx.sync();
      expect(table.address).toBe('Plan!A1:C2');
    });
  });
});

describe('workbook objects', () => {
  it('adds, hides and deletes sheets, keeping one visible and names unique', async () => {
    const fake = createFakeExcel(book());
    await fake.run(async (ctx) => {
      const added = ctx.workbook.worksheets.add('Board Overview');
      added.visibility = 'Hidden';
      await ctx.sync();
    });
    expect(fake.workbook.getWorksheet('Board Overview')!.state).toBe('hidden');
    const dup = await syncError(fake, async (ctx) => {
      ctx.workbook.worksheets.add('board overview');
      await ctx.sync();
    });
    expect(dup.code).toBe('ItemAlreadyExists');
    const last = await syncError(fake, async (ctx) => {
      ctx.workbook.worksheets.getItem('Plan').delete();
      ctx.workbook.worksheets.getItem('Empty').delete();
      await ctx.sync();
    });
    expect(last.code).toBe('InvalidOperation');
    expect(fake.workbook.worksheets.map((w) => w.name)).toEqual(['Empty', 'Board Overview']);
  });

  it('moves the selection when a range is selected', async () => {
    const fake = createFakeExcel(book());
    await fake.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Empty');
      sheet.activate();
      sheet.getRange('C7').select();
      await ctx.sync();
    });
    expect(fake.selection).toEqual({ sheet: 'Empty', address: 'C7' });
    expect(fake.activeSheet).toBe('Empty');
  });

  it('keeps charts with their series, colours and position', async () => {
    const fake = createFakeExcel(book());
    await fake.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Plan');
      const chart = sheet.charts.add('BarStacked', sheet.getRange('B2:B4'), 'Columns');
      chart.title.text = 'Actions by rating';
      chart.setPosition('E2', 'K18');
      const first = chart.series.getItemAt(0);
      first.name = 'Red';
      first.setXAxisValues(sheet.getRange('A2:A4'));
      first.format.fill.setSolidColor('#C00000');
      const second = chart.series.add('Green');
      second.setValues(sheet.getRange('C2:C4'));
      second.format.fill.setSolidColor('#00B050');
      await ctx.sync();
    });
    expect(fake.charts).toHaveLength(1);
    expect(fake.charts[0]).toMatchObject({
      type: 'BarStacked',
      title: 'Actions by rating',
      from: 'E2',
      to: 'K18',
      series: [
        { name: 'Red', values: 'B2:B4', categories: 'A2:A4', colour: '#C00000' },
        { name: 'Green', values: 'C2:C4', categories: null, colour: '#00B050' },
      ],
    });
  });
});
