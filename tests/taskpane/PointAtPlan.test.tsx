/** @jest-environment jsdom */
import './setup';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { check } from '../../src/core/refresh';
import { readState } from '../../src/core/state';
import { App, type PaneTab } from '../../src/taskpane/App';
import { snapshotFromWorkbook } from '../fixtures/exceljs/snapshot';
import { date, type FixtureWorkbook } from '../fixtures/workbook';
import { WorkbookInMemory } from './inMemory';

// A plan under a long introduction, past the rows BoardPlan searches, with headings no list knows.
const intro = Array.from({ length: 34 }, (_, i) => [i % 3 === 0 ? `Paragraph ${i + 1} of the board's introduction to this year's work, agreed at its meeting.` : null]);
const deepPlan: FixtureWorkbook = {
  name: 'Delivery plan.xlsx',
  sheets: [
    {
      name: 'Delivery plan',
      rows: [
        ...intro,
        ['Workstream step', 'Champion', 'Checkpoint', 'Where we are'],
        ['Refresh the multi-agency threshold document with partners', 'Head of Service', date('2015-09-30'), 'Sept 2015 – draft shared with partners; sign-off due.'],
        ['Run an audit of strategy discussions held out of hours', 'Audit Lead', date('2015-12-31'), 'Dec 2015 – audit complete, report to the board in January.'],
        ['Train frontline staff in the neglect assessment toolkit', 'Training Officer', date('2016-06-30'), 'Feb 2016 – two sessions delivered; more booked.'],
      ],
    },
  ],
};

function setup(initialTab: PaneTab = 'overview') {
  const host = new WorkbookInMemory(deepPlan);
  const user = userEvent.setup();
  render(<App host={host} today="2016-03-31" initialTab={initialTab} />);
  return { host, user };
}

const stored = (host: WorkbookInMemory) => readState(snapshotFromWorkbook(host.workbook, deepPlan.name)).settings;

describe('"Use the selected range as a plan"', () => {
  it('when no plan is found the pane says so and offers it; the selection is kept and the plan read, for the ribbon too', async () => {
    const { host, user } = setup();
    const offer = await screen.findByRole('region', { name: 'Point at the plan' });
    expect(within(offer).getByText('No plan found')).toBeTruthy();
    expect(host.patches).toHaveLength(0);

    host.selectRange('Delivery plan', 'A35:D38');
    await user.click(within(offer).getByRole('button', { name: 'Use the selected range as a plan' }));

    expect(await screen.findByText(/^The plan at 'Delivery plan'!A35:D38 is saved in the workbook: 3 actions read\./)).toBeTruthy();
    const plans = await screen.findByRole('list', { name: 'Plans found' });
    expect(plans.textContent).toContain('3 actions');
    expect(screen.queryByText('No plan found')).toBeNull();
    // Kept in the workbook's settings: the ribbon's refresh and the command line read the same plan.
    expect(stored(host).plans).toEqual([{ sheet: 'Delivery plan', range: 'A35:D38' }]);
    const ribbon = check(snapshotFromWorkbook(host.workbook, deepPlan.name), { today: '2016-03-31' });
    expect(ribbon.plans.map((p) => [p.plan.headerRow, p.plan.source, p.actions.length])).toEqual([[35, 'settings', 3]]);
  });

  it('selecting the same header row again replaces the range kept before', async () => {
    const { host, user } = setup();
    await screen.findByRole('region', { name: 'Point at the plan' });
    host.selectRange('Delivery plan', 'A35:D36');
    await user.click(screen.getByRole('button', { name: 'Use the selected range as a plan' }));
    await screen.findByText(/is saved in the workbook: 1 action read/);
    host.selectRange('Delivery plan', '35:35');
    await user.click(screen.getByRole('tab', { name: /^Columns/ }));
    await user.click(screen.getByRole('button', { name: 'Use the selected range as a plan' }));
    await screen.findByText(/^The plan at 'Delivery plan'!A35 is saved in the workbook: 3 actions read/);
    expect(stored(host).plans).toEqual([{ sheet: 'Delivery plan', range: 'A35' }]);
  });

  it('a selection that is no range of cells gets one sentence, and nothing is saved', async () => {
    const { host, user } = setup();
    await screen.findByRole('region', { name: 'Point at the plan' });
    host.selection = "'Delivery plan'!A:D";
    await user.click(screen.getByRole('button', { name: 'Use the selected range as a plan' }));
    expect(await screen.findByText(/The selection \('Delivery plan'!A:D\) is not a range of cells: select the plan's header row/)).toBeTruthy();
    expect(host.patches).toHaveLength(0);
  });

  it('a plan pointed at can be forgotten from the Columns tab', async () => {
    const { host, user } = setup('columns');
    await screen.findByRole('region', { name: 'Point at the plan' });
    host.selectRange('Delivery plan', 'A35:D38');
    await user.click(screen.getByRole('button', { name: 'Use the selected range as a plan' }));
    await screen.findByRole('list', { name: 'Plans you pointed at' });
    expect(screen.getByRole('region', { name: 'Columns of Delivery plan' })).toBeTruthy();

    await user.click(screen.getByRole('button', { name: "Forget the plan at 'Delivery plan'!A35:D38" }));
    expect(await screen.findByText('No plan found')).toBeTruthy();
    expect(stored(host).plans).toEqual([]);
  });
});
