/**
 * How much JavaScript the task pane downloads on first load, raw and gzipped, against the target.
 * Counts every local script taskpane.html loads (Office.js from Microsoft's CDN is not ours to
 * count); run it after a production build:
 *
 *   npx webpack --mode production && npx ts-node -P tsconfig.jest.json --transpile-only scripts/bundle-size.ts
 */
import { existsSync, readFileSync } from 'fs';
import { join, normalize } from 'path';
import { gzipSync } from 'zlib';

export const TARGET_GZIP_BYTES = 350 * 1024;

export interface ScriptSize {
  file: string;
  raw: number;
  gzip: number;
}

export interface BundleSize {
  scripts: ScriptSize[];
  raw: number;
  gzip: number;
  target: number;
  /** gzip / target: below 1 is within the target. */
  ratio: number;
}

/** The local scripts a page loads: src attributes (quoted or not, as minified HTML has them) that are not absolute URLs. */
export function localScripts(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<script\b[^>]*?\bsrc=(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi)) {
    const src = m[1] ?? m[2] ?? m[3];
    if (/^(?:[a-z]+:)?\/\//i.test(src)) continue;
    out.push(src.replace(/^\.?\//, '').split(/[?#]/)[0]);
  }
  return out;
}

export function measureBundle(dist: string, page = 'taskpane.html'): BundleSize {
  const htmlFile = join(dist, page);
  if (!existsSync(htmlFile)) throw new Error(`${htmlFile} does not exist: build the add-in first (npx webpack --mode production).`);
  const scripts = localScripts(readFileSync(htmlFile, 'utf8')).map((file) => {
    const path = normalize(join(dist, file));
    if (!existsSync(path)) throw new Error(`${page} loads ${file}, which is not in ${dist}: rebuild the add-in.`);
    const bytes = readFileSync(path);
    return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  if (scripts.length === 0) throw new Error(`${htmlFile} loads no local script: is it the add-in's page?`);
  const raw = scripts.reduce((n, s) => n + s.raw, 0);
  const gzip = scripts.reduce((n, s) => n + s.gzip, 0);
  return { scripts, raw, gzip, target: TARGET_GZIP_BYTES, ratio: gzip / TARGET_GZIP_BYTES };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

export function report(size: BundleSize): string {
  const lines = size.scripts.map((s) => `  ${s.file.padEnd(32)} ${kb(s.raw).padStart(10)} raw ${kb(s.gzip).padStart(10)} gzipped`);
  if (size.scripts.some((s) => s.file.startsWith('office-js/'))) lines.push('  (office-js/ is served locally: this is a development build, not the production one)');
  return [
    'Task pane JavaScript at first load (Office.js from the CDN not counted):',
    ...lines,
    `  total ${kb(size.raw)} raw, ${kb(size.gzip)} gzipped; target ${kb(size.target)} gzipped (${(size.ratio * 100).toFixed(0)}% of target: ${size.ratio <= 1 ? 'within' : 'OVER'})`,
  ].join('\n');
}

if (require.main === module) {
  try {
    console.log(report(measureBundle(join(__dirname, '..', 'dist'))));
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
