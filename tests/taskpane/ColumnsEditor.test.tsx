/** @jest-environment jsdom */
import './setup';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FIELDS, type ColumnMatch, type Field, type Plan } from '../../src/core/model';
import { ColumnsEditor } from '../../src/taskpane/ColumnsEditor';
import { columnChoices } from '../../src/taskpane/headers';
import { fixtureSnapshot } from '../fixtures/workbook';

// A plan whose lead column has a heading BoardPlan does not know ("Accountable"), so Lead is unmatched.
const workbook = fixtureSnapshot({
  name: 'Board plan.xlsx',
  sheets: [
    {
      name: 'Plan',
      rows: [
        ['Children Board Business Plan 2015-16'],
        [],
        ['Ref', 'In 2015/16 we will', '<b>Who will lead?</b>', 'Accountable', 'Timescale', 'Progress', 'RAG (proposed)', 'RAG reason'],
        ['1.1', 'Publish the escalation protocol', 'Chair', 'Head of Service', 'Jun-16', 'Draft agreed', 'Green', 'Due later'],
      ],
    },
  ],
});

const match = (col: number, letter: string, header: string, reason?: string): ColumnMatch => ({ col, letter, header, ...(reason ? { reason } : {}) });
const columns = Object.fromEntries(FIELDS.map((f) => [f, null])) as Record<Field, ColumnMatch | null>;
Object.assign(columns, {
  ref: match(1, 'A', 'Ref'),
  action: match(2, 'B', 'In 2015/16 we will'),
  lead: match(3, 'C', 'Who will lead?', "heading 'Who will lead?'"),
  timescale: match(5, 'E', 'Timescale', "heading 'Timescale'; cells read as dates or timescales: 11 of 12; its dates are later than those under 'Start' in 11 of the rows and more"),
  progress: match(6, 'F', 'Progress'),
});

const plan: Plan = {
  id: 'Plan!A3',
  sheet: 'Plan',
  table: null,
  headerRow: 3,
  firstRow: 4,
  lastRow: 4,
  firstCol: 1,
  lastCol: 6,
  columns,
  priorities: [],
  actions: [],
  owned: { proposed: 7, reason: 8 },
};

function setup(override = {}) {
  const onSave = jest.fn();
  const user = userEvent.setup();
  render(<ColumnsEditor plans={[{ plan, choices: columnChoices(workbook, plan), override }]} busy={false} onSave={onSave} />);
  return { onSave, user };
}

async function choose(user: ReturnType<typeof userEvent.setup>, field: string, option: string) {
  await user.click(screen.getByRole('combobox', { name: `${field} column` }));
  await user.click(screen.getByRole('option', { name: option }));
}

describe('columnChoices', () => {
  it("lists the plan's header row as letter and heading, without markup and without BoardPlan's own columns", () => {
    expect(columnChoices(workbook, plan).map((c) => c.label)).toEqual([
      'A — Ref',
      'B — In 2015/16 we will',
      'C — Who will lead?',
      'D — Accountable',
      'E — Timescale',
      'F — Progress',
    ]);
  });
});

describe('ColumnsEditor', () => {
  it('shows the heading each field matched and the column chosen', () => {
    setup();
    expect(screen.getByText('Matched C — Who will lead?')).toBeTruthy();
    expect(screen.getByText('Matched E — Timescale')).toBeTruthy();
    expect(screen.getAllByText('No column matched')).toHaveLength(4); // outcome, priority, rag, status
    expect(screen.getByRole('combobox', { name: 'Lead column' }).textContent).toBe('C — Who will lead?');
    expect(screen.getByRole('combobox', { name: 'Outcome column' }).textContent).toBe('None');
  });

  it('says under each matched column why BoardPlan chose it, cut short with the whole reason on hover', () => {
    setup();
    expect(screen.getByText("heading 'Who will lead?'")).toBeTruthy();
    const long = screen.getByText(/^heading 'Timescale'; cells read as dates or timescales: 11 of 12;/);
    expect(long.textContent!.length).toBeLessThanOrEqual(90);
    expect(long.textContent!.endsWith('…')).toBe(true);
    expect(long.getAttribute('title')).toMatch(/and more$/);
  });

  it('saves the letter of the column the officer chose, and only what changed', async () => {
    const { onSave, user } = setup();
    expect((screen.getByRole('button', { name: 'Save columns' }) as HTMLButtonElement).disabled).toBe(true);
    await choose(user, 'Lead', 'D — Accountable');
    expect(screen.getByText(/Matched C — Who will lead\? · changed, not saved yet/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Save columns' }));
    expect(onSave).toHaveBeenCalledWith('Plan!A3', { lead: 'D' });
  });

  it('saves null for "None" and keeps the choices the workbook already had', async () => {
    const { onSave, user } = setup({ outcome: 'D' });
    await choose(user, 'Progress', 'None');
    await user.click(screen.getByRole('button', { name: 'Save columns' }));
    expect(onSave).toHaveBeenCalledWith('Plan!A3', { outcome: 'D', progress: null });
  });

  it('warns when a column the plan cannot do without is set to none, and can undo', async () => {
    const { onSave, user } = setup();
    await choose(user, 'Timescale', 'None');
    const field = screen.getByRole('combobox', { name: 'Timescale column' }).closest('div[class*="fui-Field"]') as HTMLElement;
    expect(within(field).getByText('Without this column the plan cannot be rated.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Undo changes' }));
    expect(screen.getByRole('combobox', { name: 'Timescale column' }).textContent).toBe('E — Timescale');
    expect(onSave).not.toHaveBeenCalled();
  });

  it('offers to go back to matching by headings when the workbook has choices for the plan', async () => {
    const { onSave, user } = setup({ lead: 'D' });
    await user.click(screen.getByRole('button', { name: 'Match by headings again' }));
    expect(onSave).toHaveBeenCalledWith('Plan!A3', {});
  });
});
