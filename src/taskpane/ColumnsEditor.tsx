import { Button, Caption1, Dropdown, Field, makeStyles, Option, Subtitle2, tokens } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import { clip } from '../core/markup';
import { FIELDS, REQUIRED_FIELDS, type Field as PlanField, type Plan } from '../core/model';
import type { ColumnOverride } from '../core/settings';
import type { ColumnChoice } from './headers';
import { FIELD_LABELS } from './labels';

/** Which column of a plan holds each field: what BoardPlan matched, and the officer's choice. */

const NONE = 'none';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL },
  heading: { margin: 0 },
  plan: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  dropdown: { minWidth: 'auto', width: '100%' },
  // Why BoardPlan chose the column, under its choice: a short caption that wraps within 320 px.
  reason: { display: 'block', color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
});

/** Long enough for "heading 'Owner'; cells look like people, roles or agencies: 11 of 12". */
const REASON_CHARS = 90;

export interface PlanColumns {
  plan: Plan;
  choices: ColumnChoice[];
  /** What the workbook's settings already say for this plan. */
  override: ColumnOverride;
}

export interface ColumnsEditorProps {
  plans: PlanColumns[];
  busy: boolean;
  onSave(planId: string, override: ColumnOverride): void;
}

export function ColumnsEditor({ plans, busy, onSave }: ColumnsEditorProps) {
  const styles = useStyles();
  if (!plans.length) return <Caption1>No plan found, so there are no columns to choose.</Caption1>;
  return (
    <div className={styles.root}>
      <Caption1>
        BoardPlan matches each field to a column by its heading and what its cells hold, and says why under each. Choose another column where it guessed wrong; the choice is saved in the
        workbook and used by Refresh, the ribbon button and the command line.
      </Caption1>
      {plans.map((p) => (
        <PlanColumnsForm key={`${p.plan.id}|${JSON.stringify(p.plan.columns)}`} {...p} busy={busy} onSave={onSave} />
      ))}
    </div>
  );
}

type Choice = Record<PlanField, string | null>;

function matched(plan: Plan): Choice {
  return Object.fromEntries(FIELDS.map((f) => [f, plan.columns[f]?.letter ?? null])) as Choice;
}

function PlanColumnsForm({ plan, choices, override, busy, onSave }: PlanColumns & { busy: boolean; onSave: ColumnsEditorProps['onSave'] }) {
  const styles = useStyles();
  const initial = useMemo(() => matched(plan), [plan]);
  const [choice, setChoice] = useState<Choice>(initial);
  const changed = FIELDS.filter((f) => choice[f] !== initial[f]);
  const labelOf = (letter: string | null) =>
    letter === null ? 'None' : (choices.find((c) => c.letter === letter)?.label ?? `${letter} — (outside the plan's header row)`);
  const title = `${plan.sheet}${plan.table ? ` — table ${plan.table}` : ''}`;

  const save = () => {
    // Only the fields the officer changed are added to what the workbook already says.
    const next: ColumnOverride = { ...override };
    for (const f of changed) next[f] = choice[f];
    onSave(plan.id, next);
  };

  return (
    <section className={styles.plan} aria-label={`Columns of ${title}`}>
      <Subtitle2 as="h2" className={styles.heading}>
        {title}
      </Subtitle2>
      <Caption1>Header row {plan.headerRow}</Caption1>
      {FIELDS.map((f) => {
        const m = plan.columns[f];
        const hint = m ? `Matched ${m.letter} — ${m.header}` : 'No column matched';
        const required = REQUIRED_FIELDS.includes(f);
        return (
          <Field
            key={f}
            label={FIELD_LABELS[f]}
            required={required}
            hint={
              <>
                <span>{choice[f] !== initial[f] ? `${hint} · changed, not saved yet` : hint}</span>
                {m?.reason && (
                  <span className={styles.reason} title={m.reason}>
                    {clip(m.reason, REASON_CHARS)}
                  </span>
                )}
              </>
            }
            validationState={required && choice[f] === null ? 'warning' : 'none'}
            validationMessage={required && choice[f] === null ? 'Without this column the plan cannot be rated.' : undefined}
          >
            <Dropdown
              className={styles.dropdown}
              aria-label={`${FIELD_LABELS[f]} column`}
              value={labelOf(choice[f])}
              selectedOptions={[choice[f] ?? NONE]}
              onOptionSelect={(_, d) => d.optionValue && setChoice({ ...choice, [f]: d.optionValue === NONE ? null : d.optionValue })}
            >
              <Option value={NONE}>None</Option>
              {choices.map((c) => (
                <Option key={c.letter} value={c.letter} text={c.label}>
                  {c.label}
                </Option>
              ))}
            </Dropdown>
          </Field>
        );
      })}
      <div className={styles.actions}>
        <Button appearance="primary" disabled={busy || changed.length === 0} onClick={save}>
          Save columns
        </Button>
        <Button disabled={busy || changed.length === 0} onClick={() => setChoice(initial)}>
          Undo changes
        </Button>
        {Object.keys(override).length > 0 && (
          <Button appearance="subtle" disabled={busy} onClick={() => onSave(plan.id, {})}>
            Match by headings again
          </Button>
        )}
      </div>
    </section>
  );
}
