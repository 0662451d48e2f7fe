import { WorkbookPatchSchema } from '../../src/core/patch';
import { ExcelHost } from '../../src/excel/host';
import { createFakeExcel } from '../../src/fake-excel';
import { fakeFromXlsx, fakeToXlsx } from '../../src/fake-excel/xlsx';
import { readCharts } from '../../src/xlsx/chart';
import { tableShape } from '../fixtures/plans';
import { fixtureWorkbook } from '../fixtures/workbook';

/** The fake to and from .xlsx bytes, as the task pane's test mode uses it. */

const overview = WorkbookPatchSchema.parse({
  sheets: [
    {
      name: 'Board Overview',
      rows: [['Priority', 'Red', 'Green'], ['1. Early help', 1, 2], ['2. Child sexual exploitation', 2, 1]],
      links: [{ cell: 'A2', sheet: 'Children', target: 'B4' }],
      chart: {
        type: 'barStacked',
        title: 'Actions by rating',
        categories: 'A2:A3',
        series: [
          { name: 'Red', values: 'B2:B3', colour: '#C00000' },
          { name: 'Green', values: 'C2:C3', colour: '#00B050' },
        ],
        from: 'E2',
        to: 'L18',
      },
    },
  ],
});

describe('fakeToXlsx and fakeFromXlsx', () => {
  it('carry the workbook, its tables, links and charts through the file format', async () => {
    const fake = createFakeExcel(fixtureWorkbook(tableShape));
    const host = new ExcelHost(fake.run);
    await host.snapshot();
    await host.apply(overview);
    const before = await new ExcelHost(fake.run).snapshot();

    const bytes = await fakeToXlsx(fake);
    expect(await readCharts(Buffer.from(bytes))).toEqual([{ sheet: 'Board Overview', title: 'Actions by rating', series: ['Red', 'Green'] }]);

    const reopened = await fakeFromXlsx(bytes, { name: before.name });
    expect(await new ExcelHost(reopened.run).snapshot()).toEqual(before);
    const link = reopened.workbook.getWorksheet('Board Overview')!.getCell('A2').value as { hyperlink: string };
    expect(link.hyperlink).toBe("#'Children'!B4");
  });
});
