import type ExcelJS from 'exceljs';
import { checkPlan, refreshStatus, registerCommands, type CommandDeps, type CommandEvent } from '../../src/commands/commands';
import type { Notice } from '../../src/commands/notify';
import { OutcomeStore } from '../../src/commands/outcome';
import { OWNED_HEADERS, STATE_SHEET } from '../../src/core/patch';
import { check, refresh, summaryLine } from '../../src/core/refresh';
import { createFakeExcel, type FakeExcel } from '../../src/fake-excel';
import { date, fixtureSnapshot, fixtureWorkbook, type FixtureWorkbook } from '../fixtures/workbook';

/**
 * The ribbon's functions run against the in-memory fake of Excel, as Office would call them: with an
 * event whose completed() must be called exactly once, whatever happens.
 */

const TODAY = '2016-03-31';

const HEADER = ['Ref', 'Action', 'Outcome', 'Lead', 'Timescale', 'Progress'];

/** A small plan in the shape boards use: a section row per priority, dates typed several ways. */
const plan: FixtureWorkbook = {
  name: 'ribbon-plan.xlsx',
  sheets: [
    {
      name: 'Plan 2015-16',
      rows: [
        ['Northdale Safeguarding Adults Board: Business Plan 2015-16'],
        [],
        HEADER,
        ['Priority 1: To know that people in the area are safe from abuse'],
        ['1.1', 'Publish a multi-agency audit timetable', 'Partners know when audits fall due', 'Audit sub-group', date('2015-06-30', 'mmm-yy'), 'Complete'],
        ['1.2', 'Report case review themes to the Board', 'Learning reaches front-line staff', 'Case Review chair', 'End of Nov 15', 'Update Oct 15: themes drafted.'],
        ['1.3', 'Review the self-neglect protocol', 'A protocol staff find useful', 'Policy lead', date('2016-09-30'), 'Not due'],
        ['Priority 2: To hear from people who use services'],
        ['2.1', 'Run two listening events with carers', 'Carers shape the Board priorities', 'Engagement officer', 'Quarterly', 'Update Jan 16: first event held.'],
        ['2.2', 'Agree a feedback form', 'Feedback is collected the same way', '', '???', ''],
      ],
    },
  ],
};

function sheetNames(wb: ExcelJS.Workbook): string[] {
  return wb.worksheets.map((w) => w.name);
}

function texts(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = [];
  ws.eachRow((row) => row.eachCell((cell) => void (typeof cell.value === 'string' && out.push(cell.value))));
  return out;
}

interface Harness {
  fake: FakeExcel;
  deps: CommandDeps;
  notices: Notice[];
  shown: number;
  event: CommandEvent & { completed: jest.Mock };
}

function harness(overrides: Partial<CommandDeps> = {}): Harness {
  const fake = createFakeExcel(fixtureWorkbook(plan), { name: plan.name });
  const h: Harness = {
    fake,
    notices: [],
    shown: 0,
    event: { completed: jest.fn() },
    deps: undefined as unknown as CommandDeps,
  };
  h.deps = {
    run: fake.run,
    actions: { associate: () => {} },
    notify: async (n) => void h.notices.push(n),
    showTaskpane: async () => void h.shown++,
    outcomes: new OutcomeStore(),
    today: TODAY,
    ...overrides,
  };
  return h;
}

describe('Refresh status', () => {
  test('refreshes the workbook, publishes the summary line for the pane and shows it as a message', async () => {
    const h = harness();
    const published: string[] = [];
    h.deps.outcomes.subscribe((o) => published.push(o.message));

    await refreshStatus(h.event, h.deps);

    // The same counts the engine gives for this plan, read straight from the fixture.
    const expected = summaryLine(refresh(fixtureSnapshot(plan), { today: TODAY }));
    expect(expected).toMatch(/^5 actions: /);
    const outcome = h.deps.outcomes.latest();
    expect(outcome).toMatchObject({ command: 'refreshStatus', ok: true, message: expected, view: null });
    expect(outcome?.result?.asOf).toBe(TODAY);
    expect(published).toEqual([expected]);
    expect(h.notices).toEqual([{ tone: 'success', title: 'BoardPlan refreshed the plan', lines: [expected, ...outcome!.details] }]);

    // The workbook really changed: BoardPlan's columns beside the plan, its summaries and its state sheet.
    const wb = h.fake.workbook;
    expect(texts(wb.getWorksheet('Plan 2015-16')!)).toEqual(expect.arrayContaining([OWNED_HEADERS.proposed, OWNED_HEADERS.reason]));
    expect(sheetNames(wb)).toContain(STATE_SHEET);
    expect(sheetNames(wb).length).toBeGreaterThan(2);
    expect(h.event.completed).toHaveBeenCalledTimes(1);
    expect(h.shown).toBe(0);
  });

  test('uses the as-of date saved in the workbook, not only today', async () => {
    const h = harness();
    await refreshStatus(h.event, h.deps);
    // Save "quarter-end" as the pane would, then press the button again a quarter later.
    const settings = { ...h.deps.outcomes.latest()!.result!.settings, asOf: 'quarter-end' as const };
    const snapshot = fixtureSnapshot(plan);
    const expectedAsOf = check(snapshot, { settings, today: '2016-05-10' }).asOf;
    expect(expectedAsOf).toBe('2016-03-31');
    const state = h.fake.workbook.getWorksheet(STATE_SHEET)!;
    state.eachRow((row) => {
      if (row.getCell(1).value === 'settings') row.getCell(2).value = JSON.stringify(settings);
    });

    const again = { ...h.deps, today: '2016-05-10' };
    await refreshStatus({ completed: jest.fn() }, again);
    expect(h.deps.outcomes.latest()?.result?.asOf).toBe(expectedAsOf);
  });

  test('when Excel refuses the update, says why in the pane and in a message, and still completes', async () => {
    const h = harness();
    h.fake.editingCell = true;

    await refreshStatus(h.event, h.deps);

    const outcome = h.deps.outcomes.latest();
    expect(outcome).toMatchObject({ command: 'refreshStatus', ok: false, result: null });
    expect(outcome!.message).toMatch(/editing a cell/i);
    expect(h.notices).toHaveLength(1);
    expect(h.notices[0]).toMatchObject({ tone: 'error', title: 'BoardPlan could not refresh the plan', lines: [outcome!.message] });
    expect(h.event.completed).toHaveBeenCalledTimes(1);
  });

  test('a protected workbook structure is reported as such', async () => {
    const h = harness();
    h.fake.workbookProtected = true;
    await refreshStatus(h.event, h.deps);
    expect(h.deps.outcomes.latest()).toMatchObject({ ok: false });
    expect(h.deps.outcomes.latest()!.message).toMatch(/protect/i);
    expect(h.event.completed).toHaveBeenCalledTimes(1);
  });

  test('completes once even when the refresh throws something that is not an Office error', async () => {
    const h = harness({ run: (async () => Promise.reject(new TypeError('network down'))) as unknown as CommandDeps['run'] });
    await refreshStatus(h.event, h.deps);
    expect(h.deps.outcomes.latest()).toMatchObject({ ok: false });
    expect(h.deps.outcomes.latest()!.message.length).toBeGreaterThan(10);
    expect(h.event.completed).toHaveBeenCalledTimes(1);
  });

  test('completes once when the message cannot be shown', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    const h = harness({ notify: () => Promise.reject(new Error('dialog blocked')) });
    await refreshStatus(h.event, h.deps);
    expect(h.deps.outcomes.latest()).toMatchObject({ ok: true });
    expect(h.event.completed).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });

  test('completes once when Office itself is missing (no dependencies given, no Office global)', async () => {
    const error = jest.spyOn(console, 'error').mockImplementation(() => {});
    const event = { completed: jest.fn() };
    await refreshStatus(event);
    expect(event.completed).toHaveBeenCalledTimes(1);
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });

  test('two quick presses run one after the other, not over each other', async () => {
    const h = harness();
    let running = 0;
    let most = 0;
    const run = (async (batch: Parameters<FakeExcel['run']>[0]) => {
      running++;
      most = Math.max(most, running);
      try {
        await new Promise((r) => setTimeout(r, 5));
        return await h.fake.run(batch);
      } finally {
        running--;
      }
    }) as CommandDeps['run'];
    const first = { completed: jest.fn() };
    const second = { completed: jest.fn() };
    await Promise.all([refreshStatus(first, { ...h.deps, run }), refreshStatus(second, { ...h.deps, run })]);
    expect(most).toBe(1);
    expect(first.completed).toHaveBeenCalledTimes(1);
    expect(second.completed).toHaveBeenCalledTimes(1);
    expect(h.notices.map((n) => n.tone)).toEqual(['success', 'success']);
  });
});

describe('Check plan', () => {
  test('checks without writing, and opens the pane on the findings', async () => {
    const h = harness();
    const before = sheetNames(h.fake.workbook);

    await checkPlan(h.event, h.deps);

    const expected = check(fixtureSnapshot(plan), { today: TODAY });
    expect(expected.findings.length).toBeGreaterThan(0);
    const outcome = h.deps.outcomes.latest();
    expect(outcome).toMatchObject({ command: 'checkPlan', ok: true, view: 'findings', message: summaryLine(expected) });
    expect(outcome!.result!.findings).toHaveLength(expected.findings.length);
    expect(sheetNames(h.fake.workbook)).toEqual(before);
    expect(texts(h.fake.workbook.getWorksheet('Plan 2015-16')!)).not.toContain(OWNED_HEADERS.proposed);
    expect(h.shown).toBe(1);
    expect(h.notices).toEqual([]);
    expect(h.event.completed).toHaveBeenCalledTimes(1);
  });

  test('where the pane cannot be opened, shows the outcome as a message instead', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    const h = harness({ showTaskpane: () => Promise.reject(new Error('not supported')) });
    await checkPlan(h.event, h.deps);
    expect(h.notices).toHaveLength(1);
    expect(h.notices[0].tone).toBe('success');
    expect(h.notices[0].lines[0]).toBe(h.deps.outcomes.latest()!.message);
    expect(h.event.completed).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });

  test('a failed read is published for the pane and the event still completes', async () => {
    const h = harness({ run: (async () => Promise.reject(Object.assign(new Error('busy'), { code: 'InvalidOperationInCellEditMode' }))) as unknown as CommandDeps['run'] });
    await checkPlan(h.event, h.deps);
    expect(h.deps.outcomes.latest()).toMatchObject({ command: 'checkPlan', ok: false, view: 'findings' });
    expect(h.deps.outcomes.latest()!.message).toMatch(/editing a cell/i);
    expect(h.shown).toBe(1);
    expect(h.event.completed).toHaveBeenCalledTimes(1);
  });
});

describe('registerCommands', () => {
  test('associates each ribbon function by name, and the registered function runs the command', async () => {
    const h = harness();
    const registered = new Map<string, (event: CommandEvent) => unknown>();
    const names = registerCommands({ ...h.deps, actions: { associate: (name, fn) => void registered.set(name, fn) } });
    expect(names).toEqual(['refreshStatus', 'checkPlan']);
    expect([...registered.keys()]).toEqual(names);

    await registered.get('refreshStatus')!(h.event);
    expect(h.deps.outcomes.latest()).toMatchObject({ command: 'refreshStatus', ok: true });
    expect(h.event.completed).toHaveBeenCalledTimes(1);
  });

  test('registers nothing, without failing, where Office is not loaded', () => {
    expect(registerCommands()).toEqual([]);
  });
});

describe('OutcomeStore', () => {
  test('keeps the latest outcome, tells subscribers until they unsubscribe, and survives a failing subscriber', () => {
    const error = jest.spyOn(console, 'error').mockImplementation(() => {});
    const store = new OutcomeStore();
    expect(store.latest()).toBeNull();
    const seen: string[] = [];
    store.subscribe(() => {
      throw new Error('broken view');
    });
    const stop = store.subscribe((o) => seen.push(o.message));
    const outcome = { command: 'refreshStatus' as const, ok: true, message: 'first', details: [], result: null, view: null, at: 1 };
    store.publish(outcome);
    stop();
    store.publish({ ...outcome, message: 'second', at: 2 });
    expect(seen).toEqual(['first']);
    expect(store.latest()?.message).toBe('second');
    expect(error).toHaveBeenCalledTimes(2);
    error.mockRestore();
  });
});
