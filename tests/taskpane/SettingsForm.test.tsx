/** @jest-environment jsdom */
import './setup';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DEFAULT_SETTINGS, SettingsSchema, type Settings } from '../../src/core/settings';
import { SettingsForm } from '../../src/taskpane/SettingsForm';

function setup(settings: Settings = DEFAULT_SETTINGS) {
  const onSave = jest.fn();
  const user = userEvent.setup();
  render(<SettingsForm settings={settings} busy={false} onSave={onSave} />);
  return { onSave, user };
}

const dueSoon = () => screen.getByRole('textbox', { name: /Due-soon window/ }) as HTMLInputElement;
/** The message Fluent shows under a field, found from the field's input. */
const messageFor = (input: HTMLElement) => {
  const id = input.getAttribute('aria-describedby') ?? '';
  return id
    .split(' ')
    .map((i) => document.getElementById(i)?.textContent ?? '')
    .join(' ');
};

describe('SettingsForm', () => {
  it.each([
    ['-5', 'Cannot be negative.'],
    ['400', 'At most 365 days.'],
    ['two weeks', 'Enter a whole number of days, from 0 to 365.'],
    ['', 'Enter a whole number of days, from 0 to 365.'],
  ])('explains a due-soon window of "%s" next to the field and does not save it', async (typed, message) => {
    const { onSave, user } = setup();
    await user.clear(dueSoon());
    if (typed) await user.type(dueSoon(), typed);
    expect(messageFor(dueSoon())).toContain(message);
    expect(dueSoon().getAttribute('aria-invalid')).toBe('true');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.getByText(/One setting needs attention before saving/)).toBeTruthy();
  });

  it('saves valid input as parsed settings, keeping what the form does not show', async () => {
    const stored = SettingsSchema.parse({ columns: { 'Plan!A3': { lead: 'D' } }, summaries: { perLead: true } });
    const { onSave, user } = setup(stored);
    await user.clear(dueSoon());
    await user.type(dueSoon(), '14');
    await user.click(screen.getByRole('radio', { name: 'The rating cell and a tint on the progress cell' }));
    await user.click(screen.getByRole('switch', { name: /Put a symbol before each rating/ }));
    await user.click(screen.getByRole('radio', { name: 'End of the last quarter' }));
    await user.click(screen.getByRole('checkbox', { name: /Board overview/ }));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    expect(onSave).toHaveBeenCalledTimes(1);
    const saved: Settings = onSave.mock.calls[0][0];
    expect(saved).toEqual(
      SettingsSchema.parse({
        ...stored,
        dueSoonDays: 14,
        asOf: 'quarter-end',
        format: { style: 'cell+progress', symbols: true },
        summaries: { ...stored.summaries, overview: false },
      }),
    );
    expect(saved.dueSoonDays).toBe(14);
    expect(saved.columns).toEqual({ 'Plan!A3': { lead: 'D' } });
  });

  it('turns the By Lead sheet on and off with the other summary sheets', async () => {
    const { onSave, user } = setup();
    const byLead = screen.getByRole('checkbox', { name: /By Lead sheet/ }) as HTMLInputElement;
    expect(byLead.checked).toBe(DEFAULT_SETTINGS.summaries.perLead);
    await user.click(byLead);
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(onSave.mock.calls[0][0].summaries).toEqual({ ...DEFAULT_SETTINGS.summaries, perLead: !DEFAULT_SETTINGS.summaries.perLead });
  });

  it('checks a plan period the officer sets, its dates typed day first', async () => {
    const { onSave, user } = setup();
    await user.click(screen.getByRole('radio', { name: 'These dates' }));
    const start = screen.getByLabelText('Starts');
    const end = screen.getByLabelText('Ends');
    expect(messageFor(start)).toContain('Enter the date the plan period starts.');
    await user.type(start, '01/04/2016');
    await user.type(end, '01/04/2015');
    expect(messageFor(end)).toContain('The plan period must end after it starts.');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(onSave).not.toHaveBeenCalled();

    // Month first is not a date here: there is no 31st month.
    await user.clear(end);
    await user.type(end, '03/31/2017');
    expect(messageFor(end)).toContain('Enter the date day first, e.g. 31/03/2016.');

    await user.clear(end);
    await user.type(end, '31/3/17');
    await user.tab();
    expect((end as HTMLInputElement).value).toBe('31/03/2017');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(onSave.mock.calls[0][0].planPeriod).toEqual({ start: '2016-04-01', end: '2017-03-31' });
  });

  it('shows a stored plan period day first', () => {
    setup({ ...DEFAULT_SETTINGS, planPeriod: { start: '2015-04-01', end: '2016-03-31' } });
    expect((screen.getByLabelText('Starts') as HTMLInputElement).value).toBe('01/04/2015');
    expect((screen.getByLabelText('Ends') as HTMLInputElement).value).toBe('31/03/2016');
  });

  it('builds a custom scheme from a preset, with each problem next to its field', async () => {
    const { onSave, user } = setup();
    await user.click(screen.getByRole('combobox', { name: 'Scheme' }));
    await user.click(screen.getByRole('option', { name: /Custom/ }));

    const labels = screen.getAllByRole('textbox', { name: 'Label' }) as HTMLInputElement[];
    expect(labels.map((l) => l.value)).toEqual(['Blue', 'Green', 'Amber', 'Red', 'Grey']);
    await user.clear(labels[3]);
    expect(messageFor(labels[3])).toContain('Give the rating a label');
    await user.type(labels[3], 'Off track');
    const colours = screen.getAllByRole('textbox', { name: 'Colour' });
    await user.clear(colours[3]);
    await user.type(colours[3], 'crimson');
    expect(messageFor(colours[3])).toContain('Enter a colour as #RRGGBB');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(onSave).not.toHaveBeenCalled();

    await user.clear(colours[3]);
    await user.type(colours[3], '#990000');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    const saved: Settings = onSave.mock.calls[0][0];
    expect(saved.scheme).toBe('custom');
    const red = saved.customScheme!.ratings.find((r) => r.id === 'red')!;
    expect(red).toMatchObject({ label: 'Off track', fill: '#990000', font: '#FFFFFF' });
    expect(saved.customScheme!.map.overdue).toBe('red');
  });

  it('asks for a new choice when a rating a status used is removed', async () => {
    const { onSave, user } = setup();
    await user.click(screen.getByRole('combobox', { name: 'Scheme' }));
    await user.click(screen.getByRole('option', { name: /Custom/ }));
    await user.click(screen.getByRole('button', { name: 'Remove rating Grey' }));
    const notAssessed = screen.getByRole('combobox', { name: 'Not assessed actions are rated' });
    expect(messageFor(notAssessed)).toContain('Choose the rating not assessed actions get.');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(onSave).not.toHaveBeenCalled();

    await user.click(notAssessed);
    await user.click(screen.getByRole('option', { name: 'Amber' }));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(onSave.mock.calls[0][0].customScheme.map['not-assessed']).toBe('amber');
  });
});
