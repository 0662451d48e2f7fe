/** @jest-environment jsdom */
import './setup';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Finding } from '../../src/core/model';
import { FindingsList } from '../../src/taskpane/FindingsList';

const findings: Finding[] = [
  { severity: 'warning', rule: 'timescale-unknown', sheet: 'Business Plan', cell: 'E12', message: `Timescale "When agreed" in 'Business Plan'!E12 is not a date.` },
  { severity: 'error', rule: 'excel-error', sheet: 'Business Plan', cell: 'F9', message: `'Business Plan'!F9 shows the Excel error #REF!.` },
  { severity: 'warning', rule: 'blank-cell', sheet: 'Business Plan', cell: 'D7', message: `Lead is blank in 'Business Plan'!D7.` },
  { severity: 'warning', rule: 'timescale-unknown', sheet: 'Adults Plan', cell: 'F4', message: `Timescale "TBC" in 'Adults Plan'!F4 is not a date.` },
  { severity: 'info', rule: 'stale-update', sheet: 'Business Plan', cell: 'G15', message: `No update since December in 'Business Plan'!G15.` },
];

describe('FindingsList', () => {
  it('groups by severity, errors first, then by rule, with a count on each group', () => {
    render(<FindingsList findings={findings} onSelect={() => {}} />);
    const headers = screen.getAllByRole('button', { expanded: true }).map((b) => b.textContent);
    expect(headers).toEqual(['Errors1', 'Warnings3', 'Notes1']);

    const timescales = screen.getByRole('region', { name: 'Timescales that are not dates' });
    expect(within(timescales).getByLabelText('2 findings')).toBeTruthy();
    expect(within(timescales).getAllByRole('button').map((b) => b.textContent)).toEqual([
      `Timescale "When agreed" in 'Business Plan'!E12 is not a date.Go to 'Business Plan'!E12`,
      `Timescale "TBC" in 'Adults Plan'!F4 is not a date.Go to 'Adults Plan'!F4`,
    ]);
    const blanks = screen.getByRole('region', { name: 'Blank cells' });
    expect(within(blanks).getByLabelText('1 finding')).toBeTruthy();
    // Rules follow the engine's order inside a severity: blank cells before timescales.
    const order = screen.getAllByRole('region').map((r) => r.getAttribute('aria-label'));
    expect(order.indexOf('Blank cells')).toBeLessThan(order.indexOf('Timescales that are not dates'));
  });

  it('takes Excel to the finding when it is clicked or chosen with the keyboard', async () => {
    const onSelect = jest.fn();
    const user = userEvent.setup();
    render(<FindingsList findings={findings} onSelect={onSelect} />);
    await user.click(screen.getByRole('button', { name: /TBC/ }));
    expect(onSelect).toHaveBeenLastCalledWith('Adults Plan', 'F4');

    screen.getByRole('button', { name: /#REF!/ }).focus();
    await user.keyboard('{Enter}');
    expect(onSelect).toHaveBeenLastCalledWith('Business Plan', 'F9');
    expect(onSelect).toHaveBeenCalledTimes(2);
  });

  it('goes to the top of the sheet for a finding about a whole sheet', async () => {
    const onSelect = jest.fn();
    render(
      <FindingsList
        findings={[{ severity: 'warning', rule: 'missing-column', sheet: 'Plan', cell: null, message: `The plan on 'Plan' has no Lead column.` }]}
        onSelect={onSelect}
      />,
    );
    await userEvent.click(screen.getByRole('button', { name: /no Lead column/ }));
    expect(onSelect).toHaveBeenCalledWith('Plan', 'A1');
  });

  it('says so when there is nothing to report', () => {
    render(<FindingsList findings={[]} onSelect={() => {}} />);
    expect(screen.getByText(/No findings/)).toBeTruthy();
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });

  it('shows the first 50 of a long list and the rest on request', async () => {
    const many: Finding[] = Array.from({ length: 120 }, (_, i) => ({
      severity: 'info',
      rule: 'markup',
      sheet: 'Plan',
      cell: `G${i + 5}`,
      message: `Progress in 'Plan'!G${i + 5} is shown without its markup.`,
    }));
    render(<FindingsList findings={many} onSelect={() => {}} />);
    const group = screen.getByRole('region', { name: 'Text with markup' });
    expect(within(group).getAllByRole('button', { name: /shown without its markup/ })).toHaveLength(50);
    await userEvent.click(within(group).getByRole('button', { name: 'Show all 120' }));
    expect(within(group).getAllByRole('button', { name: /shown without its markup/ })).toHaveLength(120);
  });
});
