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

/** Converts the workbook to PDF, then to one PNG per page; returns the PNG paths in page order. */
export function renderXlsx(file: string, outDir: string, dpi = 60): string[] {
  const soffice = findSoffice();
  if (!soffice) throw new Error('LibreOffice (soffice) is not installed: apt-get install libreoffice-calc-nogui');
  if (!hasPdftoppm()) throw new Error('pdftoppm is not installed: apt-get install poppler-utils');
  fs.mkdirSync(outDir, { recursive: true });
  // A profile of its own, so a LibreOffice already running for the user is not disturbed. It is
  // kept between runs: on a new profile soffice restarts itself and returns before converting.
  const profile = path.join(os.tmpdir(), 'boardplan-render-profile');
  const pdf = path.join(outDir, `${path.parse(file).name}.pdf`);
  fs.rmSync(pdf, { force: true });
  for (let attempt = 0; attempt < 2 && !fs.existsSync(pdf); attempt++) {
    execFileSync(soffice, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, file], {
      stdio: 'pipe',
      timeout: 180_000,
    });
  }
  if (!fs.existsSync(pdf)) throw new Error(`LibreOffice did not convert ${file} to PDF`);
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
