import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * Renders a workbook to PNG pages with LibreOffice and poppler, so that what a refresh produced can
 * be looked at (and its colours checked) without Excel:
 *
 *   npm run render -- samples/sample-plan-refreshed.xlsx [out-dir]
 */

export function findSoffice(): string | null {
  for (const name of ['soffice', 'libreoffice']) {
    try {
      execFileSync('which', [name], { stdio: 'pipe' });
      return name;
    } catch {
      // try the next name
    }
  }
  return null;
}

export function hasPdftoppm(): boolean {
  try {
    execFileSync('which', ['pdftoppm'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Prints workbooks to PDF with LibreOffice, in one run; returns each PDF's path, in the order given.
 * @param profile LibreOffice's profile folder: one of its own, so a LibreOffice already running for
 *   the user (or another test printing at the same time) is not disturbed. It is kept between runs:
 *   on a new profile soffice restarts itself and returns before converting.
 */
export function printToPdf(files: string[], outDir: string, profile = path.join(os.tmpdir(), 'boardplan-render-profile')): string[] {
  const soffice = findSoffice();
  if (!soffice) throw new Error('LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui');
  fs.mkdirSync(outDir, { recursive: true });
  const pdfs = files.map((file) => path.join(outDir, `${path.parse(file).name}.pdf`));
  for (const pdf of pdfs) fs.rmSync(pdf, { force: true });
  for (let attempt = 0; attempt < 2 && !pdfs.every((pdf) => fs.existsSync(pdf)); attempt++) {
    execFileSync(soffice, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, ...files], {
      stdio: 'pipe',
      timeout: 180_000,
    });
  }
  const missing = files.filter((_, i) => !fs.existsSync(pdfs[i]));
  if (missing.length) throw new Error(`LibreOffice did not convert ${missing.join(', ')} to PDF`);
  return pdfs;
}

/** Converts the workbook to PDF, then to one PNG per page; returns the PNG paths in page order. */
export function renderXlsx(file: string, outDir: string, dpi = 60): string[] {
  if (!hasPdftoppm()) throw new Error('pdftoppm is not installed: apt-get install poppler-utils');
  const [pdf] = printToPdf([file], outDir);
  const prefix = path.join(outDir, path.parse(file).name);
  execFileSync('pdftoppm', ['-png', '-r', String(dpi), pdf, prefix], { stdio: 'pipe', timeout: 120_000 });
  return fs
    .readdirSync(outDir)
    .filter((f) => f.startsWith(path.parse(file).name) && f.endsWith('.png'))
    .sort()
    .map((f) => path.join(outDir, f));
}

if (require.main === module) {
  const [file, out = 'test-output/render'] = process.argv.slice(2);
  if (!file) {
    console.error('usage: npm run render -- <workbook.xlsx> [out-dir]');
    process.exit(2);
  }
  for (const png of renderXlsx(file, out)) console.log(png);
}
