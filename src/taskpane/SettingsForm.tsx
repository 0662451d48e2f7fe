import {
  Button,
  Caption1,
  Checkbox,
  Dropdown,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Option,
  Radio,
  RadioGroup,
  Subtitle2,
  Switch,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { PRESET_NAMES, PRESETS } from '../core/schemes';
import type { FormatStyle, Settings } from '../core/settings';
import { schemeName } from './labels';
import { DateInput } from './DateInput';
import { SchemeEditor } from './SchemeEditor';
import { customStart, draftFrom, settingsFromDraft, type SettingsDraft } from './settingsDraft';

/** Settings stored in the workbook: scheme, dates, formatting and summaries, checked before they are saved. */

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  // A fieldset is as wide as its widest content unless told otherwise.
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, margin: 0, padding: 0, border: 'none', minWidth: 0 },
  legend: { padding: 0, marginBottom: tokens.spacingVerticalXS },
  dates: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: tokens.spacingHorizontalS },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS },
});

const STYLES: { value: FormatStyle; label: string }[] = [
  { value: 'cell', label: 'The rating cell only' },
  { value: 'cell+progress', label: 'The rating cell and a tint on the progress cell' },
  { value: 'row', label: 'The rating cell and a tint on the whole row' },
];

export interface SettingsFormProps {
  settings: Settings;
  busy: boolean;
  onSave(settings: Settings): void;
}

export function SettingsForm({ settings, busy, onSave }: SettingsFormProps) {
  const styles = useStyles();
  const [draft, setDraft] = useState<SettingsDraft>(() => draftFrom(settings));
  const [attempted, setAttempted] = useState(false);
  const outcome = settingsFromDraft(draft, settings);
  const errors = outcome.ok ? {} : outcome.errors;
  const error = (key: string) => (errors[key] ? { validationState: 'error' as const, validationMessage: errors[key] } : {});
  const set = (change: Partial<SettingsDraft>) => setDraft((d) => ({ ...d, ...change }));

  const chooseScheme = (name: string) => {
    // Going to "custom" starts from the scheme the officer had, so only the differences need typing.
    if (name === 'custom' && draft.scheme !== 'custom' && !settings.customScheme) set({ scheme: name, ...customStart(settings, draft.scheme) });
    else set({ scheme: name });
  };

  const save = () => {
    if (outcome.ok) {
      setAttempted(false);
      onSave(outcome.settings);
    } else setAttempted(true);
  };

  const problems = Object.keys(errors).length;
  return (
    <form
      className={styles.root}
      aria-label="Settings"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <fieldset className={styles.section}>
        <legend className={styles.legend}>
          <Subtitle2>Rating scheme</Subtitle2>
        </legend>
        <Field label="Scheme" hint={draft.scheme === 'custom' ? 'Your own ratings, below.' : PRESETS[draft.scheme]?.title}>
          <Dropdown value={schemeName(draft.scheme)} selectedOptions={[draft.scheme]} onOptionSelect={(_, d) => d.optionValue && chooseScheme(d.optionValue)}>
            {[...PRESET_NAMES, 'custom'].map((name) => (
              <Option key={name} value={name}>
                {schemeName(name)}
              </Option>
            ))}
          </Dropdown>
        </Field>
        {draft.scheme === 'custom' && <SchemeEditor ratings={draft.ratings} map={draft.map} errors={errors} onChange={set} />}
      </fieldset>

      <fieldset className={styles.section}>
        <legend className={styles.legend}>
          <Subtitle2>Dates</Subtitle2>
        </legend>
        <Field
          label="Due-soon window (days)"
          hint="An action due within this many days of the as-of date is rated at risk."
          {...error('dueSoonDays')}
        >
          <Input inputMode="numeric" value={draft.dueSoonDays} onChange={(_, d) => set({ dueSoonDays: d.value })} />
        </Field>
        <Field label="As-of date when the pane opens">
          <RadioGroup value={draft.asOf} onChange={(_, d) => set({ asOf: d.value as Settings['asOf'] })}>
            <Radio value="today" label="Today" />
            <Radio value="quarter-end" label="End of the last quarter" />
          </RadioGroup>
        </Field>
        <Field label="Plan period">
          <RadioGroup value={draft.period} onChange={(_, d) => set({ period: d.value as SettingsDraft['period'] })}>
            <Radio value="workbook" label="From the workbook's title (else the financial year of the as-of date)" />
            <Radio value="set" label="These dates" />
          </RadioGroup>
        </Field>
        {draft.period === 'set' && (
          <div className={styles.dates}>
            <Field label="Starts" {...error('planPeriod.start')}>
              <DateInput value={draft.periodStart} onDate={(periodStart) => set({ periodStart })} />
            </Field>
            <Field label="Ends" {...error('planPeriod.end')}>
              <DateInput value={draft.periodEnd} onDate={(periodEnd) => set({ periodEnd })} />
            </Field>
          </div>
        )}
      </fieldset>

      <fieldset className={styles.section}>
        <legend className={styles.legend}>
          <Subtitle2>Colouring the plan</Subtitle2>
        </legend>
        <Field label="Colour">
          <RadioGroup value={draft.style} onChange={(_, d) => set({ style: d.value as FormatStyle })}>
            {STYLES.map((s) => (
              <Radio key={s.value} value={s.value} label={s.label} />
            ))}
          </RadioGroup>
        </Field>
        <Switch checked={draft.symbols} onChange={(_, d) => set({ symbols: d.checked })} label="Put a symbol before each rating (● Green), for printing in black and white" />
      </fieldset>

      <fieldset className={styles.section}>
        <legend className={styles.legend}>
          <Subtitle2>Summary sheets</Subtitle2>
        </legend>
        <Checkbox
          checked={draft.summaries.overview}
          onChange={(_, d) => set({ summaries: { ...draft.summaries, overview: !!d.checked } })}
          label="Board overview: every priority's counts and a chart"
        />
        <Checkbox
          checked={draft.summaries.perPriority}
          onChange={(_, d) => set({ summaries: { ...draft.summaries, perPriority: !!d.checked } })}
          label="A summary sheet for each priority"
        />
        <Checkbox
          checked={draft.summaries.exceptions}
          onChange={(_, d) => set({ summaries: { ...draft.summaries, exceptions: !!d.checked } })}
          label="List overdue and at-risk actions on each summary"
        />
        <Checkbox
          checked={draft.summaries.perLead}
          onChange={(_, d) => set({ summaries: { ...draft.summaries, perLead: !!d.checked } })}
          label="By Lead sheet: each lead's actions, with those that need an update"
        />
      </fieldset>

      {attempted && problems > 0 && (
        <MessageBar intent="error">
          <MessageBarBody>
            {problems === 1 ? 'One setting needs' : `${problems} settings need`} attention before saving: see the message next to {problems === 1 ? 'it' : 'each'}.
          </MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button appearance="primary" type="submit" disabled={busy}>
          Save settings
        </Button>
        <Button
          disabled={busy}
          onClick={() => {
            setDraft(draftFrom(settings));
            setAttempted(false);
          }}
        >
          Undo changes
        </Button>
      </div>
      <Caption1>Settings are kept in the workbook, so the ribbon button and the command line use them too.</Caption1>
    </form>
  );
}
