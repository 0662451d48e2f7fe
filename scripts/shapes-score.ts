import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { FixtureScore, Tally } from '../tests/fixtures/shapes/compare';
import { fixtureProblems, loadShapes, scoreShape } from '../tests/fixtures/shapes/run';

/**
 * `npm run shapes [-- folder]`: how well `boardplan check` reads the plans of a shape corpus
 * (tests/fixtures/shapes by default, or any folder whose index.ts exports `shapes`): per fixture,
 * whether each plan was found, and how many columns, actions, refs, due dates and statuses were
 * read as a careful officer reads them; then the totals. `--diffs` also prints what differs.
 */

async function mainScore(argv: string[]): Promise<number> {
  const showDiffs = argv.includes('--diffs');
  const folder = path.resolve(argv.find((a) => !a.startsWith('--')) ?? path.join(__dirname, '../tests/fixtures/shapes'));
  const shapes = loadShapes(folder);
  const problems = shapes.flatMap(fixtureProblems);
  if (problems.length) {
    console.error(`The fixtures themselves need fixing:\n  ${problems.join('\n  ')}`);
    return 2;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'boardplan-shapes-'));
  const scores: FixtureScore[] = [];
  try {
    for (const fx of shapes) scores.push(await scoreShape(fx, dir));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  const width = Math.max(7, ...scores.map((s) => s.id.length));
  const cols = ['plans', 'columns', 'actions', 'refs', 'due', 'status'] as const;
  const cell = (t: Tally) => `${t[0]}/${t[1]}`.padStart(8);
  console.log(`Shape corpus: ${folder} (${shapes.length} fixtures)\n`);
  console.log(`${'fixture'.padEnd(width)} ${cols.map((c) => c.padStart(8)).join(' ')}  extra`);
  const total: Record<(typeof cols)[number], Tally> = { plans: [0, 0], columns: [0, 0], actions: [0, 0], refs: [0, 0], due: [0, 0], status: [0, 0] };
  let extraPlans = 0;
  let extraActions = 0;
  for (const s of scores) {
    for (const c of cols) {
      total[c][0] += s[c][0];
      total[c][1] += s[c][1];
    }
    extraPlans += s.extraPlans;
    extraActions += s.extraActions;
    const extra = [s.extraPlans ? `${s.extraPlans} plan${s.extraPlans === 1 ? '' : 's'}` : '', s.extraActions ? `${s.extraActions} rows` : ''].filter(Boolean).join(', ');
    console.log(`${s.id.padEnd(width)} ${cols.map((c) => cell(s[c])).join(' ')}  ${extra || '–'}${s.error ? `  (${s.error.split('\n')[0]})` : ''}`);
  }
  console.log(`${'TOTAL'.padEnd(width)} ${cols.map((c) => cell(total[c])).join(' ')}  ${extraPlans} plans, ${extraActions} rows`);
  const pc = (t: Tally) => (t[1] ? `${Math.round((100 * t[0]) / t[1])}%` : '–');
  console.log(`\n${cols.map((c) => `${c} ${pc(total[c])}`).join(' · ')}; fixtures read exactly: ${scores.filter((s) => !s.diffs.length && !s.error).length}/${scores.length}`);
  if (showDiffs) {
    for (const s of scores) if (s.diffs.length) console.log(`\n${s.id}\n  ${s.diffs.join('\n  ')}`);
  }
  return 0;
}

mainScore(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    console.error(`shapes: ${(e as Error).message}`);
    process.exit(2);
  },
);
