/** @jest-environment jsdom */
import './setup';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../src/taskpane/App';
import { WorkbookInMemory } from './inMemory';

/**
 * The quarterly review as an officer runs it in the pane: record the quarter just ended, then, a
 * quarter later, record the next one and read the direction of travel and what to chase.
 */

const HISTORY = 'RAG History';

function setup() {
  const host = new WorkbookInMemory().mapLead('D');
  const user = userEvent.setup();
  render(<App host={host} today="2016-04-12" />);
  return { host, user };
}

type User = ReturnType<typeof userEvent.setup>;

async function opened() {
  await screen.findByRole('list', { name: 'Plans found' });
}

async function setAsOf(user: User, date: string) {
  const input = screen.getByLabelText('As-of date');
  await user.clear(input);
  await user.type(input, date);
}

async function record(user: User, quarter: string) {
  await user.click(screen.getByRole('button', { name: `Record ${quarter}` }));
  await screen.findByText(`Recorded ${quarter} in '${HISTORY}'.`);
}

/** The quarter columns of the RAG History as written to the workbook (header row 4, after Sheet, Ref, Action, Status). */
function historyQuarters(host: WorkbookInMemory): string[] {
  const sheet = host.workbook.getWorksheet(HISTORY);
  if (!sheet) return [];
  const header = (sheet.getRow(4).values as unknown[]).slice(5).map(String);
  return header.filter((h) => !h.startsWith('Due '));
}

const priority = (id: string) => document.querySelector(`li[data-priority="${id}"]`) as HTMLElement;

describe('recording the quarter from the pane', () => {
  it('names the quarter of the as-of date, and records it in the RAG History where Refresh does not', async () => {
    const { host, user } = setup();
    await opened();
    // Opened as of today, 12 Apr 2016: the first quarter of 2016/17.
    expect(screen.getByRole('button', { name: 'Record Q1 2016/17' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'End of last quarter (31 Mar 2016)' }));

    await user.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(host.patches).toHaveLength(1));
    expect(host.workbook.getWorksheet(HISTORY)).toBeUndefined();

    await record(user, 'Q4 2015/16');
    expect(host.patches).toHaveLength(2);
    expect(historyQuarters(host)).toEqual(['Q4 2015/16']);
    const links = within(screen.getByRole('group', { name: 'Summary sheets' })).getAllByRole('button');
    expect(links.map((l) => l.textContent)).toContain(HISTORY);
    // One quarter recorded: nothing to compare with yet.
    expect(screen.getByText(/No quarter before Q4 2015\/16 is recorded/)).toBeTruthy();
    expect(screen.queryByTestId('travel')).toBeNull();
    expect(screen.getByText(/Recorded so far: Q4 2015\/16\./)).toBeTruthy();
  });

  it('asks before replacing a quarter already recorded, and leaves the workbook alone on Cancel', async () => {
    const { host, user } = setup();
    await opened();
    await setAsOf(user, '31/03/2016');
    await record(user, 'Q4 2015/16');
    expect(host.patches).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: 'Record Q4 2015/16' }));
    const question = screen.getByRole('alertdialog', { name: 'Q4 2015/16 is already recorded: replace it?' });
    expect(question.textContent).toMatch(/replaces them with the ratings as at 31 Mar 2016; other quarters are kept/);
    // The safe answer has the focus: Enter does not replace anything.
    expect(document.activeElement).toBe(within(question).getByRole('button', { name: 'Cancel' }));
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Record Q4 2015/16' }));
    expect(host.patches).toHaveLength(1);

    // The officer has since marked 1.2 done: replacing records that, in the same column.
    host.type('Business Plan', 'F7', 'Update March 16: complete; all frontline staff trained.');
    await user.click(screen.getByRole('button', { name: 'Record Q4 2015/16' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Replace Q4 2015/16' }));
    await waitFor(() => expect(host.patches).toHaveLength(2));
    await screen.findByText(`Recorded Q4 2015/16 in '${HISTORY}', replacing the ratings recorded for it before.`);
    expect(historyQuarters(host)).toEqual(['Q4 2015/16']);
    const row = host.workbook.getWorksheet(HISTORY)!.getRow(6).values as unknown[];
    expect(row.slice(1, 6)).toEqual(['Business Plan', '1.2', 'Train frontline staff in person-centred safeguarding', 'recorded since Q4 2015/16', 'Blue']);
  });

  it('shows the direction of travel per priority, long-running Reds and what to chase, a quarter later', async () => {
    const { host, user } = setup();
    await opened();
    await setAsOf(user, '31/03/2016');
    await record(user, 'Q4 2015/16');

    // Next quarter: 1.2 is done, 1.4's date has moved in the notes, 1.3's deadline has passed.
    host.type('Business Plan', 'F7', 'Update Jan 16: half of the staff trained. Update June 16: complete; all frontline staff trained.');
    host.type('Business Plan', 'F9', 'Update March 16: audit tool agreed. Update June 16: date revised to Dec 16 as the sub-group chair changed.');
    await setAsOf(user, '30/06/2016');
    await record(user, 'Q1 2016/17');
    expect(historyQuarters(host)).toEqual(['Q4 2015/16', 'Q1 2016/17']);

    const p1 = within(priority('1')).getByTestId('travel').textContent;
    expect(p1).toContain('↑ 1 improved · ↓ 2 worsened · → 1 held since Q4 2015/16');
    expect(p1).toContain('↓ worsening');
    const p2 = within(priority('2')).getByTestId('travel').textContent;
    expect(p2).toContain('→ 4 held');
    expect(p2).not.toMatch(/improved|worsened/);
    expect(screen.getByTestId('red-quarters').textContent).toBe('Red for two or more quarters: 1');

    const attention = screen.getByRole('region', { name: 'Needs attention' });
    const stale = within(within(attention).getByRole('region', { name: 'No recent update' })).getAllByRole('button');
    expect(stale.map((b) => b.textContent)).toEqual([expect.stringMatching(/^2\.4 .*Housing lead · No progress update since 1 Jan 2016 \(the last is dated 31 Dec 2015\)\./)]);
    await user.click(stale[0]);
    expect(host.selections.at(-1)).toEqual({ sheet: 'Business Plan', cell: 'F14' });

    const slipped = within(within(attention).getByRole('region', { name: 'Date revised' })).getAllByRole('button');
    expect(slipped.map((b) => b.textContent)).toEqual([expect.stringContaining('30 Sep 2016 → 31 Dec 2016, revised in the progress notes.')]);
    expect(slipped[0].textContent).toMatch(/^1\.4 Audit case files/);
    await user.click(slipped[0]);
    expect(host.selections.at(-1)).toEqual({ sheet: 'Business Plan', cell: 'E9' });
  });

  it('shows what to chase after Check only too, without writing anything', async () => {
    const { host, user } = setup();
    await opened();
    await setAsOf(user, '30/06/2016');
    await user.click(screen.getByRole('button', { name: 'Check only' }));
    await screen.findByRole('heading', { name: 'Checked as of 30 Jun 2016' });
    const attention = screen.getByRole('region', { name: 'Needs attention' });
    expect(within(attention).getByRole('region', { name: 'No recent update' }).textContent).toContain('Housing lead');
    expect(host.patches).toHaveLength(0);
  });
});

describe('Needs attention', () => {
  const attention = () => screen.getByRole('region', { name: 'Needs attention' });
  const group = (name: string) => within(attention()).queryByRole('region', { name });

  it('lists the overdue and at-risk actions, and never says there is nothing to chase while there are any', async () => {
    const { host, user } = setup();
    await opened();
    await setAsOf(user, '31/03/2016');
    await user.click(screen.getByRole('button', { name: 'Check only' }));
    await screen.findByRole('heading', { name: 'Checked as of 31 Mar 2016' });
    // As of 31 Mar 2016 every progress note is recent and no date has moved, but 1.2 and 2.4 are Red and 1.3 Amber.
    expect(group('No recent update')).toBeNull();
    expect(group('Date revised')).toBeNull();
    const overdue = within(group('Overdue')!).getAllByRole('button');
    expect(overdue.map((b) => b.textContent)).toEqual([expect.stringMatching(/^1\.2 Train frontline staff.*Red: /), expect.stringMatching(/^2\.4 Agree an information-sharing protocol.*Red: /)]);
    expect(within(group('At risk')!).getAllByRole('button').map((b) => b.textContent)).toEqual([expect.stringMatching(/^1\.3 Publish guidance.*Amber: /)]);
    expect(attention().textContent).not.toMatch(/Nothing to chase/);
    await user.click(overdue[1]);
    expect(host.selections.at(-1)).toEqual({ sheet: 'Business Plan', cell: 'A14' });
  });

  it('says there is nothing to chase only when no action is overdue or at risk and every note is up to date', async () => {
    const host = new WorkbookInMemory({
      name: 'all-done.xlsx',
      sheets: [
        {
          name: 'Plan',
          rows: [
            ['Safeguarding Adults Board Business Plan 2015-16'],
            [],
            ['Ref', 'Action', 'Lead', 'Timescale', 'Progress'],
            ['Priority 1: Prevention'],
            ['1.1', 'Publish the prevention strategy', 'Board Manager', 'Dec-15', 'Update Dec 15: published. Complete'],
            ['1.2', 'Run the annual conference', 'Training sub-group', 'Mar-16', 'Update Mar 16: held on 10 March. Complete'],
          ],
        },
      ],
    });
    render(<App host={host} today="2016-03-31" />);
    await opened();
    expect(attention().textContent).toContain('Nothing to chase: no action is overdue or at risk');
  });
});

describe('the Leads tab', () => {
  it("lists each lead with their actions, opens the ones owing an update, and takes Excel to an action's row", async () => {
    const { host, user } = setup();
    await opened();
    await setAsOf(user, '30/06/2016');
    await user.click(screen.getByRole('button', { name: 'Check only' }));
    await screen.findByRole('heading', { name: 'Checked as of 30 Jun 2016' });
    await user.click(screen.getByRole('tab', { name: 'Leads' }));

    const panel = screen.getByRole('tabpanel', { name: 'Leads' });
    const headers = within(panel).getAllByRole('button', { expanded: false }).concat(within(panel).getAllByRole('button', { expanded: true }));
    expect(headers.map((h) => h.textContent)).toEqual(expect.arrayContaining([expect.stringMatching(/^Housing lead1 action1 update needed$/)]));
    expect(within(panel).getByText('8 leads · 1 lead needs to update')).toBeTruthy();

    // Only the lead owing an update starts open.
    const housing = within(panel).getByRole('list', { name: 'Actions led by Housing lead' });
    const action = within(housing).getByRole('button');
    expect(action.textContent).toMatch(/^2\.4 Agree an information-sharing protocol/);
    expect(action.textContent).toContain('Red');
    expect(action.textContent).toContain('Due 30 Nov 2015');
    expect(action.textContent).toContain('Last update 31 Dec 2015');
    expect(action.textContent).toContain('Update needed');
    expect(within(panel).queryByRole('list', { name: 'Actions led by Board Chair' })).toBeNull();

    await user.click(action);
    expect(host.selections).toEqual([{ sheet: 'Business Plan', cell: 'A14' }]);

    await user.click(within(panel).getByRole('button', { name: /^Board Chair/ }));
    const chair = within(panel).getByRole('list', { name: 'Actions led by Board Chair' });
    expect(within(chair).getByRole('button').textContent).not.toContain('Update needed');
  });

  it('says so when the workbook holds no plan', async () => {
    const host = new WorkbookInMemory({ name: 'notes.xlsx', sheets: [{ name: 'Notes', rows: [['Minutes of the March meeting']] }] });
    const user = userEvent.setup();
    render(<App host={host} today="2016-04-12" />);
    await screen.findByText(/No plan found yet\. See Findings/);
    await user.click(screen.getByRole('tab', { name: 'Leads' }));
    expect(screen.getByRole('tabpanel', { name: 'Leads' }).textContent).toMatch(/No plan found yet, so there are no leads to list/);
  });
});
