import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { shapes } from '../fixtures/shapes';
import { isExact } from '../fixtures/shapes/compare';
import { scoreShape } from '../fixtures/shapes/run';

/**
 * `boardplan check --json` on plans in the shapes boards and councils keep (tests/fixtures/shapes):
 * for each, the plans, their columns, the actions, their due dates and statuses must be read as a
 * careful officer reads them. A failure lists every difference, one line each. `npm run shapes`
 * prints the same comparison as a scorecard. Run with `npm run test:shapes`; the corpus itself is
 * checked in every run by tests/fixtures/shapes/corpus.test.ts.
 */

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'boardplan-shapes-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('boardplan check reads each plan as its officer does', () => {
  test.each(shapes.map((fx) => [fx.id, fx] as const))('%s', async (_id, fx) => {
    const score = await scoreShape(fx, dir);
    if (!isExact(score)) {
      const lines = [...(score.error ? [`boardplan: ${score.error}`] : []), ...score.diffs];
      const failure = new Error(`${fx.about}\n${lines.length} difference${lines.length === 1 ? '' : 's'}:\n  ${lines.join('\n  ')}`);
      failure.stack = failure.message; // the differences are the message; where in this file it was thrown is not news
      throw failure;
    }
  });
});
