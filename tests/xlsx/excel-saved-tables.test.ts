import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import JSZip from 'jszip';
import { fakeFromXlsx } from '../../src/fake-excel/xlsx';
import { ExcelHost } from '../../src/excel/host';
import { XlsxHost } from '../../src/xlsx/host';
import { check } from '../../src/core/refresh';
import { tableShape } from '../fixtures/plans';
import { fixtureWorkbook } from '../fixtures/workbook';

/**
 * Excel writes a table's header row as the schema's default, without `headerRowCount`; ExcelJS
 * writes it explicitly. A workbook saved by Excel must read as a table with headers in both hosts.
 */
async function asSavedByExcel(): Promise<Buffer> {
  const written = Buffer.from(await fixtureWorkbook(tableShape).xlsx.writeBuffer());
  const zip = await JSZip.loadAsync(written);
  const tables = Object.keys(zip.files).filter((p) => /^xl\/tables\/.+\.xml$/.test(p));
  expect(tables.length).toBeGreaterThan(0);
  for (const p of tables) {
    const xml = await zip.file(p)!.async('string');
    expect(xml).toContain('headerRowCount="1"');
    zip.file(p, xml.replace(/\sheaderRowCount="1"/, ''));
  }
  return zip.generateAsync({ type: 'nodebuffer' });
}

test('tables in a workbook saved by Excel keep their header row in the file host', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'boardplan-tables-'));
  const file = path.join(dir, 'saved-by-excel.xlsx');
  fs.writeFileSync(file, await asSavedByExcel());
  const snapshot = await (await XlsxHost.open(file)).snapshot();
  expect(snapshot.tables.length).toBeGreaterThan(0);
  for (const t of snapshot.tables) expect(t.showHeaders).toBe(true);
  expect(check(snapshot, { today: '2016-03-31' }).plans.some((p) => p.plan.table)).toBe(true);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('tables in a workbook saved by Excel keep their header row in the fake Excel', async () => {
  const fake = await fakeFromXlsx(await asSavedByExcel());
  const snapshot = await new ExcelHost(fake.run).snapshot();
  expect(snapshot.tables.length).toBeGreaterThan(0);
  for (const t of snapshot.tables) expect(t.showHeaders).toBe(true);
});
