/** @jest-environment jsdom */
import './setup';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { OWNED_HEADERS } from '../../src/core/patch';
import { readState } from '../../src/core/state';
import { OutcomeStore } from '../../src/commands/outcome';
import { App } from '../../src/taskpane/App';
import { themeFor } from '../../src/taskpane/theme';
import { webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { snapshotFromWorkbook } from '../fixtures/exceljs/snapshot';
import { riverside } from '../e2e/riverside';
import { WorkbookInMemory } from './inMemory';

function setup(ribbon?: OutcomeStore) {
  const host = new WorkbookInMemory();
  const user = userEvent.setup();
  render(<App host={host} today="2016-04-12" ribbon={ribbon} />);
  return { host, user };
}

const refreshAt = async (user: ReturnType<typeof userEvent.setup>) => {
  await user.click(screen.getByRole('button', { name: 'End of last quarter (31 Mar 2016)' }));
  await user.click(screen.getByRole('button', { name: 'Refresh' }));
  await screen.findByRole('heading', { name: 'Refreshed as of 31 Mar 2016' });
};

describe('the task pane', () => {
  it('reads the workbook on opening and shows the plans it found, writing nothing', async () => {
    const { host } = setup();
    expect(screen.getByText('Reading workbook…')).toBeTruthy();
    const plans = await screen.findByRole('list', { name: 'Plans found' });
    expect(plans.textContent).toContain('Business Plan');
    expect(plans.textContent).toContain('8 actions · 2 priorities');
    expect(within(plans).getByText('Priority 1: Making safeguarding personal')).toBeTruthy();
    expect(screen.getByRole('heading', { name: /^Checked as of 12 Apr 2016/ })).toBeTruthy();
    expect(host.patches).toHaveLength(0);
  });

  it('refreshes: writes the patch, shows counts per priority with labels, and links to the summary sheets', async () => {
    const { host, user } = setup();
    await screen.findByRole('list', { name: 'Plans found' });
    await refreshAt(user);

    expect(host.patches).toHaveLength(1);
    const header = host.workbook.getWorksheet('Business Plan')!.getRow(4).values as unknown[];
    expect(header).toContain(OWNED_HEADERS.proposed);
    const priority1 = document.querySelector('li[data-priority="1"]')!;
    expect(within(priority1 as HTMLElement).getByRole('img').getAttribute('aria-label')).toMatch(/Blue 1.*Red 1/);
    expect(priority1.textContent).toContain('4 actions');

    const links = within(screen.getByRole('group', { name: 'Summary sheets' })).getAllByRole('button');
    const names = host.patches[0].sheets.map((s) => s.name).filter((n) => n !== 'BoardPlan');
    expect(links.map((l) => l.textContent)).toEqual(names);
    await user.click(links[0]);
    expect(host.selections).toEqual([{ sheet: names[0], cell: 'A1' }]);
  });

  it('lists the ratings that changed since the previous refresh in this session', async () => {
    const { host, user } = setup();
    await screen.findByRole('list', { name: 'Plans found' });
    await refreshAt(user);
    expect(screen.getByText(/first refresh since the pane opened/)).toBeTruthy();

    // The officer records that 1.2 is done, then refreshes again.
    host.workbook.getWorksheet('Business Plan')!.getCell('F7').value = 'Complete: all frontline staff trained by March.';
    await user.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(host.patches).toHaveLength(2));
    const change = await screen.findByRole('button', { name: '1.2 Red → Blue' });
    await user.click(change);
    expect(host.selections.at(-1)).toEqual({ sheet: 'Business Plan', cell: 'A7' });
  });

  it('says what went wrong and what to do, instead of a blank pane', async () => {
    const { host, user } = setup();
    await screen.findByRole('list', { name: 'Plans found' });
    host.failNextRead = Object.assign(new Error('The sheet is protected.'), { code: 'AccessDenied' });
    await user.click(screen.getByRole('button', { name: 'Check only' }));
    const alert = await screen.findByText('Could not finish');
    expect(alert.parentElement!.textContent).toMatch(/protected.*Review > Unprotect Sheet.*run Refresh again/);
    // What was there before stays on screen.
    expect(screen.getByRole('list', { name: 'Plans found' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText('Could not finish')).toBeNull();
  });

  it('saves a column choice in the workbook and reads the plan again with it', async () => {
    const { host, user } = setup();
    await screen.findByRole('list', { name: 'Plans found' });
    await user.click(screen.getByRole('tab', { name: /Findings/ }));
    expect(screen.getByRole('region', { name: 'Missing columns' }).textContent).toMatch(/outcome/i);

    await user.click(screen.getByRole('tab', { name: 'Columns' }));
    await user.click(screen.getByRole('combobox', { name: 'Outcome column' }));
    await user.click(screen.getByRole('option', { name: 'C — What will change' }));
    await user.click(screen.getByRole('button', { name: 'Save columns' }));
    await screen.findByText(/Column choices saved to the workbook/);

    expect(host.patches).toHaveLength(1);
    expect(host.patches[0].columns).toEqual([]);
    expect(host.workbook.getWorksheet('BoardPlan')).toBeDefined();
    expect(screen.getByRole('combobox', { name: 'Outcome column' }).textContent).toBe('C — What will change');
    await user.click(screen.getByRole('tab', { name: /Findings/ }));
    expect(screen.queryByRole('region', { name: 'Missing columns' })).toBeNull();
  });

  it('saves settings into the workbook, where the ribbon and the command line read them', async () => {
    const { host, user } = setup();
    await screen.findByRole('list', { name: 'Plans found' });
    await user.click(screen.getByRole('tab', { name: 'Settings' }));
    const days = screen.getByRole('textbox', { name: /Due-soon window/ });
    await user.clear(days);
    await user.type(days, '10');
    await user.click(screen.getByRole('radio', { name: 'End of the last quarter' }));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Settings saved to the workbook.');

    const stored = readState(snapshotFromWorkbook(host.workbook, riverside.name)).settings;
    expect(stored).toMatchObject({ dueSoonDays: 10, asOf: 'quarter-end' });
    // The new as-of default applies at once: the plan is re-read as at the end of the last quarter.
    await user.click(screen.getByRole('tab', { name: 'Overview' }));
    expect(screen.getByRole('heading', { name: /^Checked as of 31 Mar 2016/ })).toBeTruthy();
  });

  it("shows the ribbon button's outcome, reads the workbook again and opens the view it asks for", async () => {
    const ribbon = new OutcomeStore();
    const { host } = setup(ribbon);
    await screen.findByRole('list', { name: 'Plans found' });
    const reads = jest.spyOn(host, 'snapshot');
    act(() =>
      ribbon.publish({
        command: 'checkPlan',
        ok: true,
        message: '8 actions: 2 Blue, 2 Green, 1 Amber, 2 Red, 1 Grey — 5 findings',
        details: [],
        result: null,
        view: 'findings',
        at: Date.now(),
      }),
    );
    expect(screen.getByText(/Check plan \(ribbon\)/).parentElement!.textContent).toContain('— 5 findings');
    expect(screen.getByRole('tab', { name: /Findings/ }).getAttribute('aria-selected')).toBe('true');
    await waitFor(() => expect(reads).toHaveBeenCalledTimes(1));
  });
});

describe('themeFor', () => {
  it("follows Office's theme: dark body background, dark theme", () => {
    expect(themeFor({ bodyBackgroundColor: '#262626' })).toBe(webDarkTheme);
    expect(themeFor({ bodyBackgroundColor: '#FFFFFF' })).toBe(webLightTheme);
    expect(themeFor(undefined)).toBe(webLightTheme);
  });
});
