import * as fs from 'fs';
import * as path from 'path';
import { PNG } from 'pngjs';
import { main } from '../../src/cli/main';
import { presetScheme } from '../../src/core/schemes';
import { renderXlsx } from '../../scripts/render';
import { bathShape } from '../fixtures/plans';
import { writeFixture } from '../fixtures/workbook';
import { needs } from '../helpers/programs';

/**
 * Proof that the colours are really in the file: a refreshed fixture rendered by LibreOffice shows
 * the scheme's strong fills and the row tints. The pages are kept in test-output/render to look at.
 */

const { test: maybe } = needs('the rendering test', 'soffice', 'pdftoppm');

const out = path.resolve('test-output/render');

function colours(file: string): Set<string> {
  const png = PNG.sync.read(fs.readFileSync(file));
  const seen = new Set<string>();
  for (let i = 0; i < png.data.length; i += 4) {
    const hex = [png.data[i], png.data[i + 1], png.data[i + 2]].map((v) => v.toString(16).padStart(2, '0')).join('').toUpperCase();
    seen.add(`#${hex}`);
  }
  return seen;
}

/** LibreOffice may round a colour by a step or two; accept anything within 6 per channel. */
function has(seen: Set<string>, hex: string): boolean {
  const target = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  for (const c of seen) {
    const v = [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16));
    if (v.every((x, i) => Math.abs(x - target[i]) <= 6)) return true;
  }
  return false;
}

maybe(
  'a refreshed plan rendered by LibreOffice shows the rating colours on the plan and in the summaries',
  async () => {
    fs.rmSync(out, { recursive: true, force: true });
    fs.mkdirSync(out, { recursive: true });
    const input = path.join(out, 'plan.xlsx');
    const refreshed = path.join(out, 'plan-refreshed.xlsx');
    await writeFixture(bathShape, input);
    const code = await main(['refresh', input, '--out', refreshed, '--as-of', '2016-03-31', '--scheme', 'brag'], { out: () => undefined, err: () => undefined });
    expect(code).toBeLessThan(2);

    const pages = renderXlsx(refreshed, out);
    expect(pages.length).toBeGreaterThan(1);
    const all = new Set<string>();
    for (const p of pages) for (const c of colours(p)) all.add(c);
    // The plan's first page carries only conditional-format colours: the fixture has no fills of its own.
    const first = colours(pages[0]);

    const brag = presetScheme('brag')!;
    const used = ['Blue', 'Green', 'Amber', 'Red'].map((l) => brag.ratings.find((r) => r.label === l)!);
    for (const r of used) {
      expect({ rating: r.label, strong: has(all, r.fill) }).toEqual({ rating: r.label, strong: true });
      expect({ rating: r.label, tintOnPlan: has(first, r.tint) }).toEqual({ rating: r.label, tintOnPlan: true });
    }
  },
  240_000,
);
