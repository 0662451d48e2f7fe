import * as ExcelJS from 'exceljs';
import fc from 'fast-check';
import JSZip from 'jszip';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { rangeA1 } from '../../src/core/cells';
import { OWNED_HEADERS } from '../../src/core/patch';
import { ExcelHost } from '../../src/excel/host';
import { REQUEST_BUDGET } from '../../src/excel/payload';
import { shiftFormula } from '../../src/excel/rules';
import { cellsOf } from '../../src/excel/writer';
import { runRefresh, refresh, type RunInput } from '../../src/core/refresh';
import type { WorkbookSnapshot } from '../../src/core/snapshot';
import { fakeFromXlsx, fakeToXlsx } from '../../src/fake-excel/xlsx';
import { XlsxHost } from '../../src/xlsx/host';
import { readCharts } from '../../src/xlsx/chart';
import { syntheticRows } from '../../bench/synthetic';
import { allShapes, bathShape, tableShape } from '../fixtures/plans';
import { fixtureSnapshot, fixtureWorkbook, type FixtureWorkbook } from '../fixtures/workbook';
import { workbookArbitrary, xlsxOf } from '../fixtures/arbitrary';

/**
 * The refresh through the Office.js host on the fake Excel, against the same refresh through the
 * .xlsx host: same workbook at the end, and a fixed number of round trips whatever the plan's size.
 */

const input: RunInput = { today: '2016-03-31', asOf: '2016-03-31' };

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'boardplan-hosts-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function xlsxBytes(fx: FixtureWorkbook): Promise<Buffer> {
  return Buffer.from(await fixtureWorkbook(fx).xlsx.writeBuffer());
}

/** Refresh through the xlsx host, save, and read the result back. */
async function viaFile(bytes: Buffer, name: string, run: RunInput = input): Promise<{ snapshot: WorkbookSnapshot; file: string }> {
  const file = path.join(dir, `${name}-in.xlsx`);
  const out = path.join(dir, `${name}-file.xlsx`);
  fs.writeFileSync(file, bytes);
  const host = await XlsxHost.open(file);
  await runRefresh(host, run);
  await host.save(out);
  return { snapshot: await (await XlsxHost.open(out)).snapshot(), file: out };
}

/** Refresh through the Office.js host on the fake, save the fake as .xlsx, and read that back. */
async function viaExcel(bytes: Buffer, name: string, run: RunInput = input) {
  const fake = await fakeFromXlsx(bytes);
  const host = new ExcelHost(fake.run);
  const before = fake.stats.syncs;
  const { result, stats } = await runRefresh(host, run);
  const out = path.join(dir, `${name}-excel.xlsx`);
  fs.writeFileSync(out, await fakeToXlsx(fake));
  return { snapshot: await (await XlsxHost.open(out)).snapshot(), file: out, result, stats, syncs: fake.stats.syncs - before, fake, host };
}

/**
 * How each cell BoardPlan wrote looks, one line a cell: its sheet and address, number format, font,
 * fill, alignment, link and borders. The cells of its own sheets, and of its columns beside the plans.
 */
async function looks(file: string, userSheets: string[]): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const headings: string[] = Object.values(OWNED_HEADERS);
  const lines: string[] = [];
  for (const ws of wb.worksheets) {
    const ours = !userSheets.includes(ws.name);
    const ownedCols = new Set<number>();
    ws.eachRow((row) => row.eachCell((cell) => void (headings.includes(String(cell.value)) && ownedCols.add(Number(cell.col)))));
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (!ours && !ownedCols.has(Number(cell.col))) return;
        // What shows: a cell with a value, not the covered part of a merge.
        if (cell.value === null || cell.value === '' || (cell.isMerged && cell.master.address !== cell.address)) return;
        const f = cell.font ?? {};
        const fill = cell.fill?.type === 'pattern' && cell.fill.pattern === 'solid' ? (cell.fill.fgColor?.argb ?? '') : '';
        const a = cell.alignment ?? {};
        const v = cell.value;
        const link = v && typeof v === 'object' && 'hyperlink' in v ? `${v.text}→${v.hyperlink}` : '';
        lines.push(
          `${ws.name}!${cell.address} fmt=${cell.numFmt ?? 'General'} font=${f.name ?? ''},${f.size ?? ''},${f.bold ? 'b' : ''}${f.italic ? 'i' : ''},${f.color?.argb ?? ''} ` +
            `fill=${fill} align=${a.wrapText ? 'wrap' : ''},${a.horizontal ?? ''},${a.vertical ?? ''} link=${link} ` +
            `border=${(['top', 'left', 'bottom', 'right'] as const).map((e) => cell.border?.[e]?.style ?? '').join(',')}`,
        );
      }),
    );
  }
  return lines;
}

/** Every link in the workbook as "sheet!cell → target", read from the package (a location, or a relationship's "#…" target). */
async function linkTargets(file: string): Promise<string[]> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const workbook = (await zip.file('xl/workbook.xml')!.async('string')).replace(/&apos;/g, "'");
  const wbRels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
  const links: string[] = [];
  for (const sheet of workbook.match(/<sheet\s[^>]*>/g) ?? []) {
    const rel = (wbRels.match(/<Relationship\s[^>]*>/g) ?? []).find((r) => attr(r, 'Id') === attr(sheet, 'r:id'))!;
    const part = `xl/${attr(rel, 'Target')!.replace(/^\/?xl\//, '')}`;
    const xml = await zip.file(part)!.async('string');
    const rels = (await zip.file(part.replace(/([^/]+)$/, '_rels/$1.rels'))?.async('string')) ?? '';
    for (const h of xml.match(/<hyperlink\s[^>]*>/g) ?? []) {
      const byRel = (rels.match(/<Relationship\s[^>]*>/g) ?? []).find((r) => attr(r, 'Id') === attr(h, 'r:id'));
      const target = attr(h, 'location') ?? attr(byRel ?? '', 'Target')?.replace(/^#/, '');
      links.push(`${attr(sheet, 'name')}!${attr(h, 'ref')} → ${(target ?? '').replace(/&apos;/g, "'")}`);
    }
  }
  return links.sort();
}

describe('the Office.js host writes what the .xlsx host writes', () => {
  test.each(allShapes.map((fx) => [fx.name, fx] as const))('%s', async (name, fx) => {
    const bytes = await xlsxBytes(fx);
    const file = await viaFile(bytes, name);
    const excel = await viaExcel(bytes, name);
    expect(excel.snapshot.sheets.map((s) => s.name)).toEqual(file.snapshot.sheets.map((s) => s.name));
    for (const sheet of file.snapshot.sheets) {
      const other = excel.snapshot.sheets.find((s) => s.name === sheet.name)!;
      expect({ name: other.name, visibility: other.visibility, values: other.values }).toEqual({
        name: sheet.name,
        visibility: sheet.visibility,
        values: sheet.values,
      });
    }
    // Both carry the Board Overview's chart.
    const charts = async (f: string) => (await readCharts(fs.readFileSync(f))).map((c) => `${c.sheet}: ${c.title} [${c.series.join(', ')}]`);
    expect(await charts(excel.file)).toEqual(await charts(file.file));
    expect((await charts(file.file)).length).toBe(1);
  });

  test('any workbook: the same sheets and the same cells after a refresh', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(workbookArbitrary, async (generated) => {
        const bytes = await xlsxOf(generated);
        const name = `any-${++n}`;
        const file = await viaFile(bytes, name);
        const excel = await viaExcel(bytes, name);
        expect(excel.snapshot.sheets.map((s) => [s.name, s.visibility, s.values])).toEqual(file.snapshot.sheets.map((s) => [s.name, s.visibility, s.values]));
      }),
      { numRuns: 20 },
    );
  });

  test('their sheets and columns look the same: fonts, fills, alignment, number formats, links, borders', async () => {
    const bytes = await xlsxBytes(bathShape);
    const file = await viaFile(bytes, 'look');
    const excel = await viaExcel(bytes, 'look');
    const userSheets = bathShape.sheets.map((sh) => sh.name);
    const fromFile = await looks(file.file, userSheets);
    expect(fromFile.length).toBeGreaterThan(100);
    const fromExcel = await looks(excel.file, userSheets);
    const byCell = (lines: string[]) => new Map(lines.map((l) => [l.slice(0, l.indexOf(' ')), l.slice(l.indexOf(' ') + 1)]));
    const [a, b] = [byCell(fromFile), byCell(fromExcel)];
    const differ = [...new Set([...a.keys(), ...b.keys()])].filter((k) => a.get(k) !== b.get(k)).map((k) => `${k}: file ${a.get(k) ?? '(none)'} | Excel ${b.get(k) ?? '(none)'}`);
    expect({ cells: a.size, differ: differ.slice(0, 12), more: Math.max(0, differ.length - 12) }).toEqual({ cells: b.size, differ: [], more: 0 });
    // The links: the same cells, to the same places (their texts are the cells' values, compared above).
    const links = await linkTargets(file.file);
    expect(links.length).toBeGreaterThan(5);
    expect(await linkTargets(excel.file)).toEqual(links);
  });

  test('their conditional formats colour the same cells, with the same formula seen from each cell, the same look and order', async () => {
    const bytes = await xlsxBytes(bathShape);
    const file = await viaFile(bytes, 'cf');
    const excel = await viaExcel(bytes, 'cf');
    type Rule = { priority?: number; formulae?: string[]; style?: { fill?: { bgColor?: { argb?: string } }; font?: { color?: { argb?: string }; bold?: boolean } } };
    // One line a cell: every rule that applies there, first first, its formula as Excel reads it from that cell.
    const rules = async (f: string) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(f);
      const cells = new Map<string, { priority: number; text: string }[]>();
      for (const ws of wb.worksheets) {
        for (const cf of (ws as unknown as { conditionalFormattings?: { ref: string; rules: Rule[] }[] }).conditionalFormattings ?? []) {
          const areas = cf.ref.split(/\s+/).filter(Boolean).map((a) => cellsOf(a)!);
          for (const rule of cf.rules) {
            const look = `${rule.style?.fill?.bgColor?.argb ?? '-'} ${rule.style?.font?.color?.argb ?? '-'} ${rule.style?.font?.bold ?? '-'}`;
            for (const a of areas) {
              for (let row = a.top; row <= a.bottom; row++) {
                for (let col = a.left; col <= a.right; col++) {
                  const key = `${ws.name}!${rangeA1(row, col, row, col)}`;
                  const formula = (rule.formulae ?? []).map((x) => shiftFormula(x, row - areas[0].top, col - areas[0].left)).join(';');
                  cells.set(key, [...(cells.get(key) ?? []), { priority: rule.priority ?? 0, text: `${formula} ${look}` }]);
                }
              }
            }
          }
        }
      }
      return new Map([...cells].map(([k, v]) => [k, v.sort((x, y) => x.priority - y.priority).map((r) => r.text).join(' | ')]));
    };
    const fromFile = await rules(file.file);
    expect(fromFile.size).toBeGreaterThan(100);
    const fromExcel = await rules(excel.file);
    const differ = [...new Set([...fromFile.keys(), ...fromExcel.keys()])].filter((k) => fromFile.get(k) !== fromExcel.get(k)).map((k) => `${k}: file ${fromFile.get(k) ?? '(none)'} | Excel ${fromExcel.get(k) ?? '(none)'}`);
    expect({ cells: fromExcel.size, differ: differ.slice(0, 8), more: Math.max(0, differ.length - 8) }).toEqual({ cells: fromFile.size, differ: [], more: 0 });
  });
});

describe('round trips to Excel do not grow with the plan', () => {
  async function syncsFor(actions: number, refreshes = 1) {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Plan');
    for (const row of syntheticRows(actions)) ws.addRow(row);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const fake = await fakeFromXlsx(bytes);
    const host = new ExcelHost(fake.run);
    let counts = { read: 0, write: 0 };
    for (let i = 0; i < refreshes; i++) {
      const start = fake.stats.syncs;
      const snapshot = await host.snapshot();
      const read = fake.stats.syncs - start;
      const patch = refresh(snapshot, input).patch;
      const before = fake.stats.syncs;
      await host.apply(patch);
      counts = { read, write: fake.stats.syncs - before };
    }
    return { ...counts, log: fake.stats };
  }

  test('10 and 1,000 actions: two requests to read (the sheets, then their cells) and one to write on a first refresh', async () => {
    expect(await syncsFor(10)).toMatchObject({ read: 2, write: 1 });
    const large = await syncsFor(1_000);
    expect(large).toMatchObject({ read: 2, write: 1 });
    // All of it under 1 MB as Microsoft's client sends it.
    expect(large.log.bytes).toBeLessThan(1024 * 1024);
  }, 120_000);

  test('a later refresh writes in two: the rules it replaces, found by their mark in its own batch, then everything', async () => {
    expect(await syncsFor(10, 2)).toMatchObject({ read: 2, write: 2 });
    expect(await syncsFor(1_000, 2)).toMatchObject({ read: 2, write: 2 });
  }, 120_000);

  test('10,000 actions: no request over 4.5 MB as Microsoft’s client sends it, and no more than the bound needs', async () => {
    const { log, write } = await syncsFor(10_000);
    const requests = log.log.filter((l) => !l.cleanup);
    expect(requests.every((l) => !l.error && l.bytes < REQUEST_BUDGET)).toBe(true);
    const written = requests.slice(-write).reduce((n, l) => n + l.bytes, 0);
    // As many requests as the bytes need, and one more for the bound's margin.
    expect(write).toBeLessThanOrEqual(Math.ceil(written / REQUEST_BUDGET) + 1);
  }, 120_000);

  test('the officer’s table keeps its own columns: BoardPlan’s stand one column away, where Excel does not grow the table over them', async () => {
    const place = (t: { name: string; top: number; left: number; bottom: number; right: number }) => `${t.name} ${rangeA1(t.top, t.left, t.bottom, t.right)}`;
    const before = fixtureSnapshot(tableShape).tables.map(place);
    const excel = await viaExcel(await xlsxBytes(tableShape), 'tables');
    expect((await new ExcelHost(excel.fake.run).snapshot()).tables.map(place)).toEqual(before);
    // "Children" gets BoardPlan's columns for the first time; "Adults" has them from an earlier refresh, right beside its table, and keeps them there.
    for (const t of excel.snapshot.tables.filter((x) => x.sheet === 'Children')) {
      const sheet = excel.snapshot.sheets.find((s) => s.name === t.sheet)!;
      const header = sheet.values[t.top - sheet.top];
      expect(header[t.right + 1 - sheet.left] ?? null).toBeNull();
      expect(header[t.right + 2 - sheet.left]).toBe('RAG (proposed)');
    }
  });

  test('a refresh twice gives the same workbook as once, in the fake Excel too', async () => {
    const bytes = await xlsxBytes(tableShape);
    const once = await viaExcel(bytes, 'twice-1');
    const again = await viaExcel(fs.readFileSync(once.file), 'twice-2');
    expect(again.snapshot.sheets).toEqual(once.snapshot.sheets);
  });
});

describe('the quarterly review through both hosts', () => {
  test('recording Q3 then Q4 gives the same RAG History and Exceptions in Excel as in the file', async () => {
    const bytes = await xlsxBytes(bathShape);
    const q3: RunInput = { today: '2016-01-15', asOf: 'quarter-end', record: true };
    const q4: RunInput = { today: '2016-04-10', asOf: 'quarter-end', record: true };
    const file3 = await viaFile(bytes, 'q3', q3);
    const file4 = await viaFile(fs.readFileSync(file3.file), 'q4', q4);
    const excel3 = await viaExcel(bytes, 'q3', q3);
    const excel4 = await viaExcel(fs.readFileSync(excel3.file), 'q4', q4);
    expect(excel3.result.recordedQuarter).toBe('Q3 2015/16');
    expect(excel4.result.recordedQuarter).toBe('Q4 2015/16');
    for (const name of ['RAG History', 'Exceptions', 'Board Overview']) {
      const fromFile = file4.snapshot.sheets.find((s) => s.name === name);
      const fromExcel = excel4.snapshot.sheets.find((s) => s.name === name);
      expect(fromFile).toBeDefined();
      expect(fromExcel?.values).toEqual(fromFile!.values);
    }
    const history = excel4.snapshot.sheets.find((s) => s.name === 'RAG History')!;
    const header = history.values.find((row) => row.includes('Q3 2015/16'))!;
    expect(header).toContain('Q4 2015/16');
  });
});

