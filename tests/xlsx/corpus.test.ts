import { execFileSync } from 'child_process';
import { existsSync, promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { serialToIso } from '../../src/core/cells';
import { check } from '../../src/core/refresh';
import { CELL_TEXT_LIMIT } from '../../src/core/celltext';
import { readSnapshot } from '../../src/xlsx/open';
import { ZipPackage } from '../../src/xlsx/zip';
import { CORPUS, type CorpusFile } from '../fixtures/corpus/files';
import { INPUT, refreshTwice, type Outcome } from '../fixtures/corpus/property';
import { BUILT_AT_TEST_TIME, CORPUS_DIR, LIBREOFFICE_COPY } from '../fixtures/corpus/write';

/**
 * The corpus of odd workbooks (tests/fixtures/corpus/files.ts): each one checked, refreshed, and
 * refreshed again. What a refresh writes keeps every part of the user's, byte for byte, and the
 * parts it edits differ only by BoardPlan's additions (compare.ts), or it refuses in one line and
 * writes nothing; a second refresh writes the same parts as the first; what it writes opens in
 * ExcelJS and LibreOffice.
 */

/** Files ExcelJS itself takes minutes or gigabytes to open, whatever BoardPlan does. */
const TOO_MUCH_FOR_EXCELJS = new Set(['value-in-XFD1048576.xlsx', 'validation-over-the-whole-sheet.xlsx', 'fifty-thousand-merges.xlsx']);

const ENTRIES: CorpusFile[] = [
  ...CORPUS,
  { name: LIBREOFFICE_COPY, expect: 'kept', holds: 'charts and a text box, saved by LibreOffice Calc', build: async () => Buffer.alloc(0) },
];

let dir: string;
const outcomes = new Map<string, Outcome>();

async function input(file: CorpusFile): Promise<Buffer> {
  return BUILT_AT_TEST_TIME.has(file.name) ? file.build() : fs.readFile(path.join(CORPUS_DIR, file.name));
}

async function outcomeOf(file: CorpusFile): Promise<Outcome> {
  let outcome = outcomes.get(file.name);
  if (!outcome) outcomes.set(file.name, (outcome = await refreshTwice(await input(file), file.name)));
  return outcome;
}

async function opensInExcelJS(data: Buffer): Promise<boolean> {
  try {
    await new ExcelJS.Workbook().xlsx.load(data as unknown as ExcelJS.Buffer);
    return true;
  } catch {
    return false;
  }
}

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'boardplan-corpus-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('the corpus of odd workbooks', () => {
  test.each(ENTRIES.map((f) => [f.name, f.holds, f] as const))('%s (%s)', async (_name, _holds, file) => {
    const outcome = await outcomeOf(file);
    if (file.expect === 'refused') {
      expect(outcome.kind).toBe('refused');
      if (outcome.kind === 'refused') expect(outcome.line.split('\n')).toHaveLength(1);
      return;
    }
    if (outcome.kind !== 'kept') throw new Error(`${file.name}: ${outcome.kind === 'failed' ? outcome.reason : outcome.line}`);
    if (!TOO_MUCH_FOR_EXCELJS.has(file.name) && (await opensInExcelJS(await input(file)))) expect(await opensInExcelJS(outcome.output)).toBe(true);
  }, 120_000);

  const soffice = ['/usr/bin/soffice', '/usr/local/bin/soffice', '/opt/libreoffice/program/soffice'].find((p) => existsSync(p));
  (soffice ? test : test.skip)('every refreshed workbook opens in LibreOffice', async () => {
    const files: string[] = [];
    for (const file of ENTRIES.filter((f) => f.expect === 'kept')) {
      const outcome = await outcomeOf(file);
      if (outcome.kind !== 'kept') continue;
      const out = path.join(dir, `refreshed-${path.parse(file.name).name}.xlsx`);
      await fs.writeFile(out, outcome.output);
      files.push(out);
    }
    expect(files.length).toBe(ENTRIES.filter((f) => f.expect === 'kept').length);
    execFileSync(soffice!, [`-env:UserInstallation=file://${dir}/lo-profile`, '--headless', '--convert-to', 'pdf', '--outdir', path.join(dir, 'pdf'), ...files], { stdio: 'ignore', timeout: 600_000 });
    const opened = files.filter((f) => existsSync(path.join(dir, 'pdf', `${path.parse(f).name}.pdf`)));
    expect(opened.map((f) => path.basename(f))).toEqual(files.map((f) => path.basename(f)));
  }, 900_000);
});

describe('what the odd workbooks hold, read and written right', () => {
  const named = (name: string) => ENTRIES.find((f) => f.name === name)!;
  const dues = async (name: string) => {
    const file = path.join(dir, name);
    await fs.writeFile(file, await input(named(name)));
    return check(await readSnapshot(file), INPUT).plans[0].actions.map((a) => a.action.timescale.due);
  };

  test('timescales written as dates in a 1904 workbook, or as ISO dates, read as the same days', async () => {
    const expected = ['2015-11-30', '2016-06-30', '2016-03-31', null];
    expect(await dues('date-system-1904.xlsx')).toEqual(expected);
    expect(await dues('iso-date-cells.xlsx')).toEqual(expected);
  });

  test("BoardPlan's dates in a 1904 workbook are written in the 1904 system: they read back as the same days", async () => {
    const outcome = await outcomeOf(named('date-system-1904.xlsx'));
    if (outcome.kind !== 'kept') throw new Error(outcome.kind);
    const file = path.join(dir, 'refreshed-1904.xlsx');
    await fs.writeFile(file, outcome.output);
    const summary = (await readSnapshot(file)).sheets.find((s) => s.name === 'P1 Summary')!;
    const formats = summary.numberFormats.flat();
    const dates = summary.values.flat().filter((v, i) => typeof v === 'number' && /y/.test(formats[i])) as number[];
    expect(dates.map(serialToIso)).toEqual(expect.arrayContaining(['2016-03-31', '2016-06-30']));
  });

  test('a strict Open XML workbook is checked, and a refresh says how to save it so that it can be refreshed', async () => {
    const file = path.join(dir, 'strict.xlsx');
    await fs.writeFile(file, await input(named('strict-open-xml.xlsx')));
    expect(check(await readSnapshot(file), INPUT).plans).toHaveLength(1);
    expect(await outcomeOf(named('strict-open-xml.xlsx'))).toEqual({
      kind: 'refused',
      line: 'strict-open-xml.xlsx was not refreshed, and nothing was written: it is saved as Strict Open XML, which BoardPlan reads but does not write; save it in Excel as "Excel Workbook (.xlsx)" and refresh that copy.',
    });
  });

  test('zip bombs are refused unread, by their size or by how far they unpack', async () => {
    expect(await outcomeOf(named('zip-bomb.xlsx'))).toMatchObject({ kind: 'refused', line: expect.stringMatching(/^zip-bomb\.xlsx would unpack to 1,100 MB, more than the 1,024 MB BoardPlan reads in one workbook: it was not read; if it is a real workbook/) });
    expect(await outcomeOf(named('zip-bomb-small.xlsx'))).toMatchObject({ kind: 'refused', line: expect.stringMatching(/times its packed size .*as a zip bomb does/) });
  });

  test("a formula the user filled down BoardPlan's column is left alone, and the refresh says why it stopped", async () => {
    expect(await outcomeOf(named('shared-formula-in-rag-column.xlsx'))).toMatchObject({
      kind: 'refused',
      line: expect.stringContaining("cell Plan!G5, in BoardPlan's column, holds a formula other cells share; move or clear it in Excel, then refresh again"),
    });
  });

  test("a formula typed into BoardPlan's own column is replaced, and Excel's calculation chain goes with it", async () => {
    const outcome = await outcomeOf(named('calc-chain.xlsx'));
    if (outcome.kind !== 'kept') throw new Error(outcome.kind);
    const zip = ZipPackage.read(outcome.output);
    expect(zip.has('xl/calcChain.xml')).toBe(false);
    expect(await zip.read('[Content_Types].xml')).not.toContain('calcChain');
    expect(await zip.read('xl/_rels/workbook.xml.rels')).not.toContain('calcChain');
  });

  test('texts longer than a cell holds are cut in what BoardPlan writes, never in the user’s cells', async () => {
    const outcome = await outcomeOf(named('long-text.xlsx'));
    if (outcome.kind !== 'kept') throw new Error(outcome.kind);
    const file = path.join(dir, 'long.xlsx');
    await fs.writeFile(file, outcome.output);
    const snapshot = await readSnapshot(file);
    const texts = (name: string) => snapshot.sheets.find((s) => s.name === name)!.values.flat().filter((v): v is string => typeof v === 'string');
    expect(Math.max(...texts('Plan').map((t) => t.length))).toBeGreaterThan(CELL_TEXT_LIMIT);
    for (const sheet of snapshot.sheets.filter((s) => s.name !== 'Plan' && s.name !== 'BoardPlan')) {
      for (const t of texts(sheet.name)) expect(t.length).toBeLessThanOrEqual(CELL_TEXT_LIMIT);
    }
  });

  test('Excel still opens on the plan when sheets of the user are hidden around it', async () => {
    const outcome = await outcomeOf(named('hidden-sheets.xlsx'));
    if (outcome.kind !== 'kept') throw new Error(outcome.kind);
    const workbook = (await ZipPackage.read(outcome.output).read('xl/workbook.xml'))!;
    expect(workbook).toContain('<workbookView activeTab="1" firstSheet="1"/>');
    expect(workbook).toMatch(/<sheet name="Lists" sheetId="1" state="hidden" r:id="rId1"\/><sheet name="Plan" sheetId="2" r:id="rId2"\/><sheet name="Workings" sheetId="3" state="veryHidden" r:id="rId3"\/><sheet name="Notes" sheetId="4" r:id="rId4"\/><sheet name="Board Overview"/);
  });

  test("the docProps list of sheets gains BoardPlan's sheets under Excel's heading in any language", async () => {
    const outcome = await outcomeOf(named('app-titles-french.xlsx'));
    if (outcome.kind !== 'kept') throw new Error(outcome.kind);
    const app = (await ZipPackage.read(outcome.output).read('docProps/app.xml'))!;
    expect(app).toMatch(/<vt:lpstr>Feuilles de calcul<\/vt:lpstr><\/vt:variant><vt:variant><vt:i4>(\d+)<\/vt:i4>/);
    const count = Number(/<vt:i4>(\d+)<\/vt:i4>/.exec(app)![1]);
    expect(app).toContain(`<vt:vector size="${count}" baseType="lpstr"><vt:lpstr>Plan</vt:lpstr><vt:lpstr>Notes</vt:lpstr><vt:lpstr>Board Overview</vt:lpstr>`);
    expect(count).toBeGreaterThan(3);
  });
});
