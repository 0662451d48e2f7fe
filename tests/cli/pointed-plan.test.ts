import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';
import { settingsPatch } from '../../src/core/refresh';
import { CheckReportSchema, type CheckReport } from '../../src/core/report';
import { SettingsSchema } from '../../src/core/settings';
import { XlsxHost } from '../../src/xlsx/host';
import { date, writeFixture, type FixtureWorkbook } from '../fixtures/workbook';

/**
 * The officer points at the plan when BoardPlan finds none or reads it wrongly: `--plan` names the
 * range (or its header row) and `--map` names a field's column, for one run; the same choices kept
 * in the workbook's settings hold for every run. The plan here sits under a long introduction, past
 * the rows BoardPlan searches, with headings no list knows.
 */

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t), today: '2016-03-31' });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const intro = Array.from({ length: 34 }, (_, i) => [i % 3 === 0 ? `Paragraph ${i + 1} of the board's introduction to this year's work, agreed at its meeting.` : null]);

const deepPlan: FixtureWorkbook = {
  name: 'deep-plan',
  sheets: [
    {
      name: 'Delivery plan',
      rows: [
        ...intro,
        ['Workstream step', 'Champion', 'Checkpoint', 'Where we are'],
        ['Refresh the multi-agency threshold document with partners', 'Head of Service', date('2015-09-30'), 'Sept 2015 – draft shared with partners; sign-off due.'],
        ['Run an audit of strategy discussions held out of hours', 'Audit Lead', date('2015-12-31'), 'Dec 2015 – audit complete, report to the board in January.'],
        ['Train frontline staff in the neglect assessment toolkit', 'Training Officer', date('2016-06-30'), 'Feb 2016 – two sessions delivered; more booked.'],
        [],
        ['Notes: the board reviews this plan each quarter and the chair signs off every change to it.'],
      ],
    },
  ],
};

let dir: string;
let file: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'boardplan-pointed-'));
  file = path.join(dir, 'deep-plan.xlsx');
  await writeFixture(deepPlan, file);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const report = (out: string): CheckReport => CheckReportSchema.parse(JSON.parse(out));

describe('--plan: a plan BoardPlan cannot find is read where the officer points', () => {
  test('without it, no plan is found and the one line says how to point at it', async () => {
    const r = await run('check', file);
    expect(r.code).toBe(2);
    expect(r.err.split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/--plan "'Sheet name'!A3:H40"/);
  });

  test('its header row is enough: the fields come from what the cells hold, each with its reason and source', async () => {
    const r = await run('check', file, '--plan', "'Delivery plan'!A35:D35", '--json');
    expect(r.err).toBe('');
    const [plan] = report(r.out).plans;
    expect(plan).toMatchObject({ sheet: 'Delivery plan', headerRow: 35, source: 'option' });
    expect(plan.columns.action).toMatchObject({ column: 'A', source: 'recognised' });
    expect(plan.columns.lead).toMatchObject({ column: 'B', reason: expect.stringMatching(/people, roles or agencies: 3 of 3/) });
    expect(plan.columns.timescale).toMatchObject({ column: 'C', reason: expect.stringMatching(/dates or timescales: 3 of 3/) });
    expect(plan.columns.progress).toMatchObject({ column: 'D', reason: expect.stringMatching(/progress notes/) });
    expect(plan.columns.priority).toBeNull();
    expect(plan.actions.map((a) => a.lead)).toEqual(['Head of Service', 'Audit Lead', 'Training Officer']);
    expect(plan.actions.map((a) => a.timescale.due)).toEqual(['2015-09-30', '2015-12-31', '2016-06-30']);
  });

  test('a whole range ends the plan where the officer says: the notes below are no action', async () => {
    const header = await run('check', file, '--plan', "'Delivery plan'!A35:D35", '--json');
    const range = await run('check', file, '--plan', "'Delivery plan'!$A$35:$D$38", '--json');
    expect(report(range.out).plans[0].actions.map((a) => a.row)).toEqual([36, 37, 38]);
    expect(report(header.out).plans[0].actions.length).toBeGreaterThanOrEqual(3);
  });

  test('the text report names where each column came from', async () => {
    const r = await run('check', file, '--plan', "'Delivery plan'!A35:D38", '--map', 'progress=none', '--map', 'timescale=C');
    expect(r.out).toMatch(/sheet 'Delivery plan': header row 35, 3 actions/);
    const columns = r.out.split('\n').filter((l) => /^ {4}[a-z]+ +/.test(l));
    expect(columns).toEqual(
      expect.arrayContaining([
        '    action     A   "Workstream step" — the longest free texts, not dates, names or notes: 8 words on average over 3 rows',
        '    lead       B   "Champion" — cells look like people, roles or agencies: 3 of 3',
        '    timescale  C   "Checkpoint" — set by the --map option',
        '    progress   (none)',
      ]),
    );
  });
});

describe('--map: the officer names a field\'s column, over what BoardPlan recognised', () => {
  test('by heading in any case, or by letter, or none', async () => {
    const r = await run('check', file, '--plan', "'Delivery plan'!A35:D38", '--map', 'lead=where we are', '--map', 'progress=B', '--map', 'timescale=none', '--json');
    const { columns } = report(r.out).plans[0];
    expect(columns.lead).toMatchObject({ column: 'D', header: 'Where we are', source: 'option', reason: 'set by the --map option' });
    expect(columns.progress).toMatchObject({ column: 'B', source: 'option' });
    expect(columns.timescale).toBeNull();
    // What was not named is still recognised.
    expect(columns.action).toMatchObject({ column: 'A', source: 'recognised' });
  });

  test.each([
    [['--plan', 'A35:D38'], /^boardplan: --plan needs a sheet and a range, like --plan "'Delivery plan'!A5:H40"/],
    [['--plan', 'Delivery plan!row 35'], /^boardplan: --plan needs a sheet and a range/],
    [['--map', 'lead'], /^boardplan: --map needs a field and a column, like --map lead=Owner .*fields: ref, action/],
    [['--map', 'champion=B'], /^boardplan: --map needs a field and a column/],
    [['--plan', "'Delivery plan'!A35:D38", '--map', 'lead=Sponsor'], /^boardplan: --map lead=Sponsor: no plan found has a column with that heading/],
    [['--plan'], /^boardplan: --plan needs a value/],
  ])('a bad value %j gets one line and exit 2', async (args, line) => {
    const r = await run('check', file, ...args);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.split('\n')).toHaveLength(1);
    expect(r.err).toMatch(line);
  });
});

describe("the workbook's settings: the same choices, kept for every run", () => {
  test('a plan and a column kept in the settings are used with no option, and an option still wins', async () => {
    const host = await XlsxHost.open(file);
    const settings = SettingsSchema.parse({
      plans: [{ sheet: 'Delivery plan', range: 'A35:D38' }],
      columns: { 'Delivery plan!A35': { timescale: null } },
    });
    await host.apply(settingsPatch(await host.snapshot(), settings));
    const kept = path.join(dir, 'kept.xlsx');
    await host.save(kept);

    const r = await run('check', kept, '--json');
    expect(r.err).toBe('');
    const [plan] = report(r.out).plans;
    expect(plan).toMatchObject({ headerRow: 35, source: 'settings' });
    expect(plan.actions).toHaveLength(3);
    expect(plan.columns.timescale).toBeNull();
    expect(plan.columns.lead).toMatchObject({ column: 'B', source: 'recognised' });

    const over = report((await run('check', kept, '--map', 'timescale=Checkpoint', '--json')).out).plans[0];
    expect(over.columns.timescale).toMatchObject({ column: 'C', source: 'option' });
  });
});
