import { Button, Caption1, Dropdown, Field, makeStyles, Option, tokens } from '@fluentui/react-components';
import { formatDate, isIsoDate, type IsoDate } from '../core/cells';
import type { PlanPeriod } from '../core/model';
import { asOfOutsidePeriod } from '../core/period';
import { lastCompletedQuarterEnd, quarterOf } from '../core/quarters';
import { PRESET_NAMES, PRESETS, type Scheme } from '../core/schemes';
import { DateInput } from './DateInput';
import { schemeName } from './labels';
import { useRecordQuarter } from './RecordQuarter';

/** The as-of date, the scheme and the actions: Refresh and Record the quarter (both write), Check only (reads). */

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  picks: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  grow: { flexGrow: 1 },
});

export interface RunControlsProps {
  today: IsoDate;
  asOf: string;
  scheme: string;
  /** The scheme in force for the current result (its key is shown under the dropdown). */
  current: Scheme | null;
  customDefined: boolean;
  busy: boolean;
  /** Quarters already in the workbook's RAG History. */
  recorded: string[];
  /** The plan period of the workbook as last read, to warn of an as-of date outside it. */
  planPeriod: PlanPeriod | null;
  onAsOf(asOf: string): void;
  onScheme(scheme: string): void;
  onRefresh(): void;
  onRecord(): void;
  onCheck(): void;
}

export function RunControls(props: RunControlsProps) {
  const styles = useStyles();
  const { today, asOf } = props;
  const lastQuarter = lastCompletedQuarterEnd(today);
  const thisQuarter = quarterOf(today).end;
  const validDate = isIsoDate(asOf);
  const outside = validDate && props.planPeriod ? asOfOutsidePeriod(asOf, props.planPeriod) : null;
  const schemes = props.customDefined ? [...PRESET_NAMES, 'custom'] : PRESET_NAMES;
  const key = props.current && props.current.name === props.scheme ? props.current.title : PRESETS[props.scheme]?.title;
  const record = useRecordQuarter({ asOf: validDate ? asOf : null, recorded: props.recorded, disabled: props.busy, className: styles.grow, onRecord: props.onRecord });

  return (
    <section className={styles.root} aria-label="Run">
      <Field
        label="As-of date"
        hint={validDate && !outside ? `Ratings are worked out as at ${formatDate(asOf)}.` : undefined}
        validationState={!validDate ? 'error' : outside ? 'warning' : 'none'}
        validationMessage={
          !validDate
            ? 'Enter the date to rate the plan at, day first, e.g. 31/03/2016.'
            : outside
              ? `${outside}: choose a date within it, such as the end of a quarter below.`
              : undefined
        }
      >
        <DateInput value={asOf} onDate={props.onAsOf} />
      </Field>
      <div className={styles.picks} role="group" aria-label="Quick picks for the as-of date">
        <Button size="small" appearance={asOf === lastQuarter ? 'primary' : 'outline'} onClick={() => props.onAsOf(lastQuarter)}>
          {`End of last quarter (${formatDate(lastQuarter)})`}
        </Button>
        <Button size="small" appearance={asOf === thisQuarter ? 'primary' : 'outline'} onClick={() => props.onAsOf(thisQuarter)}>
          {`End of this quarter (${formatDate(thisQuarter)})`}
        </Button>
        <Button size="small" appearance={asOf === today ? 'primary' : 'outline'} onClick={() => props.onAsOf(today)}>
          Today
        </Button>
      </div>
      <Field label="Rating scheme" hint={key}>
        <Dropdown
          value={schemeName(props.scheme)}
          selectedOptions={[props.scheme]}
          onOptionSelect={(_, d) => d.optionValue && props.onScheme(d.optionValue)}
        >
          {schemes.map((name) => (
            <Option key={name} value={name}>
              {schemeName(name)}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <div className={styles.actions}>
        <Button appearance="primary" className={styles.grow} disabled={props.busy || !validDate} onClick={props.onRefresh}>
          Refresh
        </Button>
        {record.button}
        <Button className={styles.grow} disabled={props.busy || !validDate} onClick={props.onCheck}>
          Check only
        </Button>
      </div>
      {record.question}
      <Caption1>
        Refresh colours the plan and writes the summary sheets. Record does the same and keeps the quarter's ratings in the RAG History, to show the
        direction of travel at the next review. Check only reads the plan; nothing is written.
        {props.recorded.length > 0 && ` Recorded so far: ${props.recorded.join(', ')}.`}
      </Caption1>
    </section>
  );
}
