/** @jest-environment jsdom */
import './setup';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { check } from '../../src/core/refresh';
import { LeadsPanel } from '../../src/taskpane/LeadsPanel';
import { quarterlyView } from '../../src/taskpane/quarterly';
import { date, fixtureSnapshot, type FixtureWorkbook } from '../fixtures/workbook';

/** A children's board CSE plan whose lead cells are written loosely, as officers write them. */
const cse: FixtureWorkbook = {
  name: 'cse-plan.xlsx',
  sheets: [
    {
      name: 'CSE Plan',
      rows: [
        ['Northfield Safeguarding Children Board — CSE Action Plan 2016-17'],
        ['Ref', 'Action', 'Outcome', 'Lead', 'Timescale', 'Progress'],
        ['Priority 1: Tackling child sexual exploitation'],
        ['1.1', 'Map known hotspots with the police', 'Hotspots known to every partner', 'CSE Sub group', date('2016-05-31'), 'Update Dec 15: first meeting with the police held.'],
        ['1.2', 'Run awareness sessions in secondary schools', 'Pupils know where to get help', 'PPPG / CSE Subgroup', date('2016-09-30', 'mmm-yy'), 'Update May 16: six schools visited.'],
        ['1.3', 'Publish the CSE strategy', 'Strategy agreed by the Board', '', date('2016-04-30', 'mmm-yy'), 'Update April 16: complete, published on the website.'],
      ],
    },
  ],
};

function setup(workbook: FixtureWorkbook = cse) {
  const snapshot = fixtureSnapshot(workbook);
  const result = check(snapshot, { asOf: '2016-06-30', today: '2016-07-04' });
  const { leads, review } = quarterlyView(snapshot, result);
  const onSelect = jest.fn();
  const user = userEvent.setup();
  render(<LeadsPanel leads={leads} plans={result.plans} scheme={result.scheme} review={review} onSelect={onSelect} />);
  return { onSelect, user, scheme: result.scheme };
}

const headers = () => screen.getAllByRole('button').filter((b) => b.hasAttribute('aria-expanded'));
const actionsOf = (lead: string) => screen.queryByRole('list', { name: `Actions led by ${lead}` });

describe('LeadsPanel', () => {
  it('groups actions under each lead however the name is written, an action with two leads under both, blank leads last', () => {
    setup();
    expect(headers().map((h) => h.textContent)).toEqual(['CSE Sub group2 actions1 update needed', 'PPPG1 action', 'No lead named1 action']);
    expect(screen.getByText('3 leads · 1 lead needs to update')).toBeTruthy();
  });

  it('opens the leads owing an update and shows each action with its rating, dates and what is needed', () => {
    const { scheme } = setup();
    expect(headers().map((h) => h.getAttribute('aria-expanded'))).toEqual(['true', 'false', 'false']);
    const [overdue, later] = within(actionsOf('CSE Sub group')!).getAllByRole('button');
    expect(overdue.textContent).toMatch(/^1\.1 Map known hotspots/);
    expect(overdue.textContent).toContain('Due 31 May 2016');
    expect(overdue.textContent).toContain('Last update 31 Dec 2015');
    expect(overdue.textContent).toContain('Update needed');
    expect(later.textContent).toMatch(/^1\.2 Run awareness sessions/);
    expect(later.textContent).not.toContain('Update needed');

    // The rating is named beside its colour.
    const rating = overdue.querySelector('[data-rating]')!;
    expect(rating.textContent).toBe('Red');
    const swatch = rating.querySelector('[aria-hidden]') as HTMLElement;
    const red = scheme.ratings.find((r) => r.label === 'Red')!.fill;
    expect(swatch.style.backgroundColor).toBe(hexToRgb(red));
  });

  it('takes Excel to the action when it is clicked or chosen with the keyboard', async () => {
    const { onSelect, user } = setup();
    await user.click(screen.getByRole('button', { name: /^1\.1 Map known hotspots/ }));
    expect(onSelect).toHaveBeenLastCalledWith('CSE Plan', 'A4');

    await user.click(screen.getByRole('button', { name: /^PPPG/ }));
    const shared = within(actionsOf('PPPG')!).getByRole('button');
    shared.focus();
    await user.keyboard('{Enter}');
    expect(onSelect).toHaveBeenLastCalledWith('CSE Plan', 'A5');
  });

  it('opens and closes every lead at once', async () => {
    const { user } = setup();
    await user.click(screen.getByRole('button', { name: 'Open all' }));
    expect(headers().every((h) => h.getAttribute('aria-expanded') === 'true')).toBe(true);
    expect(within(actionsOf('No lead named')!).getByRole('button').textContent).toMatch(/^1\.3 Publish the CSE strategy.*Blue/);
    await user.click(screen.getByRole('button', { name: 'Close all' }));
    expect(headers().every((h) => h.getAttribute('aria-expanded') === 'false')).toBe(true);
    expect(actionsOf('CSE Sub group')).toBeNull();
  });

  it('says when a plan has no lead column, and lists its actions under no lead', () => {
    const noLead: FixtureWorkbook = {
      ...cse,
      sheets: [{ ...cse.sheets[0], rows: cse.sheets[0].rows.map((r) => [...r.slice(0, 3), ...r.slice(4)]) }],
    };
    setup(noLead);
    expect(screen.getByText(/No lead column was found in 'CSE Plan': choose it in the Columns tab/)).toBeTruthy();
    expect(headers().map((h) => h.textContent)).toEqual(['No lead named3 actions1 update needed']);
  });

  it('says there are no leads to list when no plan was found', () => {
    setup({ name: 'notes.xlsx', sheets: [{ name: 'Notes', rows: [['Minutes of the March meeting']] }] });
    expect(screen.getByText(/No plan found yet, so there are no leads to list/)).toBeTruthy();
  });
});

function hexToRgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}
