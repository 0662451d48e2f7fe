import { execFile } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';
import { promisify } from 'util';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';

/**
 * What the end-to-end test needs around the pane: a test build, a local server, and the eyes of
 * an officer and of axe-core (Deque's accessibility engine, run in the page as a browser extension
 * would run it).
 */

export const ROOT = path.resolve(__dirname, '../..');
/** Kept after the run, for a person to look at. */
export const OUTPUT = path.join(ROOT, 'test-output', 'e2e');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.xml': 'application/xml',
  '.map': 'application/json',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The pane built in test mode (it can open a local .xlsx in an in-memory Excel) into `dist`. */
export async function buildPane(dist: string): Promise<void> {
  await promisify(execFile)(
    process.execPath,
    [require.resolve('webpack/bin/webpack.js'), '--mode', 'development', '--env', 'testMode', '--output-path', dist],
    { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
  );
}

/** A static server for the built pane (/) and the workbooks (/fixtures/), on 127.0.0.1 only. */
export function serve(dist: string, fixtures: string): Promise<{ server: http.Server; origin: string }> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const [base, rel] = url.pathname.startsWith('/fixtures/') ? [fixtures, url.pathname.slice('/fixtures/'.length)] : [dist, url.pathname.slice(1)];
    const file = path.resolve(base, decodeURIComponent(rel));
    if (!file.startsWith(base + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end('Not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })),
  );
}

export function isLocal(url: string): boolean {
  const u = new URL(url);
  return ['data:', 'blob:', 'about:'].includes(u.protocol) || ['127.0.0.1', 'localhost'].includes(u.hostname);
}

/** Reads until the value passes (the pane selects through an async host call), then returns it. */
export async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, ms = 5000): Promise<T> {
  const until = Date.now() + ms;
  let value = await read();
  while (!ok(value) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}

/**
 * Opens one of the pane's views as an officer would: its tab, or, when the pane is too narrow
 * for the tab, the "More" menu. Returns how it got there.
 */
export async function openView(page: Page, name: string): Promise<'tab' | 'menu'> {
  const tab = page.getByRole('tab', { name: new RegExp(`^${name}`) });
  if (await tab.isVisible()) {
    await tab.click();
    return 'tab';
  }
  await page.getByRole('button', { name: 'More views' }).click();
  await page.getByRole('menuitem', { name: new RegExp(`^${name}`) }).click();
  await page.getByRole('menu').waitFor({ state: 'detached' });
  return 'menu';
}

/** What sideways scrolling there is: the page wider than the window, or scrolled. */
export async function sideways(page: Page): Promise<{ overflow: number; scrolledBy: number }> {
  return page.evaluate(() => ({
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    scrolledBy: window.scrollX,
  }));
}

/** Waits until nothing on the page is moving (a menu fading in), so that colours are read as they end up. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's violations on the page as it is now (default rules: WCAG 2 A and AA, and best
 * practice). Fluent's focus sentinels, invisible elements tabster adds around focus traps, are left out.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run({ exclude: [['[data-tabster-dummy]']] }, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
}

export const isSerious = (v: AxeViolation) => v.impact === 'serious' || v.impact === 'critical';

/** One look by axe at one view of the pane. */
export interface AxeRun {
  theme: 'light' | 'dark';
  width: number;
  stage: 'before refresh' | 'after refresh';
  view: string;
  /** How the officer reached the view: its tab, or the "More" menu. */
  reached: 'tab' | 'menu' | 'open menu';
  violations: AxeViolation[];
}

/** What axe found, every impact included, kept beside the screenshots: axe.json, and axe.txt to read. */
export function writeAxeRecord(runs: AxeRun[]): void {
  fs.writeFileSync(path.join(OUTPUT, 'axe.json'), JSON.stringify(runs, null, 2));
  const lines = runs.map((r) => {
    const serious = r.violations.filter(isSerious).length;
    const ids = r.violations.map((v) => `${v.id} (${v.impact})`).join(', ') || 'none';
    return `${r.theme.padEnd(5)} ${r.width} px  ${r.stage.padEnd(14)}  ${r.view.padEnd(23)} via ${r.reached.padEnd(9)}  serious or critical: ${serious}; all: ${ids}`;
  });
  fs.writeFileSync(path.join(OUTPUT, 'axe.txt'), lines.join('\n') + '\n');
}

/** The colours along the right-hand edge and the bottom of a screenshot, as #rrggbb, each once. */
export function edgeColours(png: Buffer): Set<string> {
  const image = PNG.sync.read(png);
  const seen = new Set<string>();
  const at = (x: number, y: number) => {
    const i = (y * image.width + x) * 4;
    seen.add(`#${[0, 1, 2].map((k) => image.data[i + k].toString(16).padStart(2, '0')).join('')}`);
  };
  for (let y = 0; y < image.height; y++) at(image.width - 1, y);
  for (let x = 0; x < image.width; x++) at(x, image.height - 1);
  return seen;
}
