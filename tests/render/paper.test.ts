import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as os from 'os';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { PNG } from 'pngjs';
import { runRefresh } from '../../src/core/refresh';
import { SettingsSchema } from '../../src/core/settings';
import { XlsxHost } from '../../src/xlsx/host';
import { printToPdf } from '../../scripts/render';
import { needs } from '../helpers/programs';
import { overlapping, pdfWords, pointSize, type Word } from './pdf';

/**
 * The chair's paper as LibreOffice prints it: the refreshed sample, and the same two plans after two
 * recorded quarters with the view by lead (every sheet BoardPlan writes, Travel columns included),
 * printed to PDF with the user's sheets hidden, so that every page is one of BoardPlan's. From the
 * PDF's words: how big the text came out on every page, and whether any word was printed over
 * another. The pages are kept as PNGs in test-output/paper, with a list of what was measured.
 *
 * BoardPlan sizes its columns in Calibri's digits (the workbook's own font) and sets its text in
 * Arial, so LibreOffice prints it as Excel does only with their metric twins installed: Carlito and
 * Liberation Sans (fonts-crosextra-carlito, fonts-liberation2).
 */

const out = path.resolve('test-output/paper');
const SAMPLE = path.resolve('samples/sample-plan.xlsx');
/** Body text is 10 pt on the sheet; printed no smaller than this, whatever the fitting. */
const SMALLEST = 9;

const { describe: maybe } = needs('the paper test', 'soffice', 'pdftotext', 'pdftoppm', 'carlito', 'liberationSans');

/** A copy of the workbook with only BoardPlan's sheets visible: what LibreOffice prints is then all BoardPlan's. */
async function boardPlanOnly(file: string, ours: string[], copy: string): Promise<void> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const book = await zip.file('xl/workbook.xml')!.async('string');
  // LibreOffice prints the sheet the workbook opens on, hidden or not: it opens on the first of ours.
  const names = [...book.matchAll(/<sheet [^>]*name="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&').replace(/&apos;/g, "'"));
  const view = `<bookViews><workbookView activeTab="${names.findIndex((n) => ours.includes(n))}"/></bookViews>`;
  const xml = book
    .replace(/<bookViews>[\s\S]*?<\/bookViews>/, '')
    .replace('<sheets>', `${view}<sheets>`)
    .replace(/<sheet ([^>]*?)\/>/g, (tag, attrs: string) => {
      const name = /name="([^"]*)"/.exec(attrs)![1].replace(/&amp;/g, '&').replace(/&apos;/g, "'");
      if (ours.includes(name) || /state="(hidden|veryHidden)"/.test(attrs)) return tag;
      return `<sheet ${attrs.replace(/\s*state="[^"]*"/, '')} state="hidden"/>`;
    });
  zip.file('xl/workbook.xml', xml);
  fs.writeFileSync(copy, await zip.generateAsync({ type: 'nodebuffer' }));
}

/** A page of 10 pt Arial at full size, to learn how tall pdftotext's box is per point of Arial. */
async function calibration(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Calibration', { pageSetup: { paperSize: 9, orientation: 'landscape', scale: 100 } });
  ws.getCell('A1').value = 'Calibration';
  ws.getCell('A1').font = { name: 'Arial', size: 10 };
  await wb.xlsx.writeFile(file);
}

/** How far right anything is printed on a page image, in pixels: a table's ruling, a word. */
function rightmostInk(file: string): number {
  const png = PNG.sync.read(fs.readFileSync(file));
  let rightmost = 0;
  for (let y = 0; y < png.height; y++) {
    for (let x = png.width - 1; x > rightmost; x--) {
      const i = (y * png.width + x) * 4;
      if (png.data[i] < 230 || png.data[i + 1] < 230 || png.data[i + 2] < 230) {
        rightmost = x;
        break;
      }
    }
  }
  return rightmost;
}

interface Page {
  file: string;
  page: number;
  title: string;
  words: number;
  smallest: number;
  body: number;
  overlapping: Word[];
}

function measure(pdf: string, boxPerPoint: number): Page[] {
  const words = pdfWords(pdf);
  const over = overlapping(words);
  const pages = [...new Set(words.map((w) => w.page))];
  return pages.map((page) => {
    const on = words.filter((w) => w.page === page);
    const sizes = on.map((w) => pointSize(w, boxPerPoint)).sort((a, b) => a - b);
    return {
      file: path.basename(pdf),
      page,
      title: on.slice(0, 6).map((w) => w.text).join(' '),
      words: on.length,
      smallest: sizes[0],
      body: sizes[Math.floor(sizes.length / 2)],
      overlapping: over.filter((w) => w.page === page),
    };
  });
}

maybe('the chair’s paper printed by LibreOffice', () => {
  let pages: Page[] = [];
  let sheets: Record<string, string[]> = {};

  beforeAll(async () => {
    fs.rmSync(out, { recursive: true, force: true });
    fs.mkdirSync(out, { recursive: true });
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'boardplan-paper-'));

    // The sample, refreshed as `npm run sample` does.
    const sample = await XlsxHost.open(SAMPLE);
    const refreshed = await runRefresh(sample, { asOf: '2016-03-31', today: '2016-04-05' });
    await sample.save(path.join(work, 'sample.xlsx'));
    // The same two plans with two quarters recorded and the view by lead.
    const settings = SettingsSchema.parse({ summaries: { perLead: true } });
    const q3 = await XlsxHost.open(SAMPLE);
    await runRefresh(q3, { asOf: '2015-12-31', today: '2016-01-05', record: true, settings });
    await q3.save(path.join(work, 'q3.xlsx'));
    const q4 = await XlsxHost.open(path.join(work, 'q3.xlsx'));
    const recorded = await runRefresh(q4, { asOf: '2016-03-31', today: '2016-04-05', record: true, settings });
    await q4.save(path.join(work, 'quarters.xlsx'));

    const visible = (r: typeof refreshed) => r.result.patch.sheets.filter((s) => s.visibility === 'visible').map((s) => s.name);
    sheets = { 'sample-refreshed': visible(refreshed), 'two-quarters-by-lead': visible(recorded) };
    await boardPlanOnly(path.join(work, 'sample.xlsx'), sheets['sample-refreshed'], path.join(out, 'sample-refreshed.xlsx'));
    await boardPlanOnly(path.join(work, 'quarters.xlsx'), sheets['two-quarters-by-lead'], path.join(out, 'two-quarters-by-lead.xlsx'));
    await calibration(path.join(out, 'calibration.xlsx'));

    const files = ['calibration', ...Object.keys(sheets)].map((n) => path.join(out, `${n}.xlsx`));
    const [calibrated, ...pdfs] = printToPdf(files, out, path.join(os.tmpdir(), 'boardplan-paper-profile'));
    const [word] = pdfWords(calibrated);
    const boxPerPoint = (word.yMax - word.yMin) / 10;
    for (const pdf of pdfs) {
      execFileSync('pdftoppm', ['-png', '-r', '80', pdf, pdf.replace(/\.pdf$/, '')], { stdio: 'pipe', timeout: 120_000 });
      pages.push(...measure(pdf, boxPerPoint));
    }
    const lines = pages.map(
      (p) => `${p.file} page ${p.page}: ${p.title} … ${p.words} words, smallest ${p.smallest.toFixed(1)} pt, body ${p.body.toFixed(1)} pt, ${p.overlapping.length} printed over another`,
    );
    fs.writeFileSync(path.join(out, 'measurements.txt'), `${lines.join('\n')}\n`);
    fs.rmSync(work, { recursive: true, force: true });
  }, 300_000);

  test('prints every sheet BoardPlan wrote', () => {
    for (const [file, names] of Object.entries(sheets)) {
      const printed = pages.filter((p) => p.file === `${file}.pdf`);
      expect({ file, pages: printed.length >= names.length }).toEqual({ file, pages: true });
    }
    expect(sheets['two-quarters-by-lead']).toEqual(expect.arrayContaining(['Board Overview', 'Exceptions', 'By Lead', 'RAG History']));
  });

  test('sets the body text at 10 pt on every page, and nothing smaller than 9 pt', () => {
    const small = pages.filter((p) => p.smallest < SMALLEST || Math.abs(p.body - 10) > 0.25);
    expect(small.map((p) => `${p.file} page ${p.page} (${p.title}): smallest ${p.smallest.toFixed(1)} pt, body ${p.body.toFixed(1)} pt`)).toEqual([]);
  });

  test('prints no word over another', () => {
    const over = pages.flatMap((p) => p.overlapping.map((w) => `${p.file} page ${p.page}: "${w.text}" at ${w.xMin.toFixed(0)},${w.yMin.toFixed(0)}`));
    expect(over).toEqual([]);
  });

  test('fills the width of the page: on most pages the tables reach within half an inch of the right margin', () => {
    for (const file of Object.keys(sheets)) {
      const pngs = fs.readdirSync(out).filter((f) => f.startsWith(`${file}-`) && f.endsWith('.png'));
      const reach = pngs.map((f) => rightmostInk(path.join(out, f))).sort((a, b) => a - b);
      // At 80 dpi A4 landscape is 935 px wide, its right margin (0.7") 56 px, half an inch 40 px.
      const median = reach[Math.floor(reach.length / 2)];
      expect({ file, median: median >= 935 - 56 - 40 }).toEqual({ file, median: true });
    }
  });
});
