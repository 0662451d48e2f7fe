import { Button, Dropdown, Field, Input, makeStyles, MessageBar, MessageBarBody, Option, Text, tokens } from '@fluentui/react-components';
import { STATUSES, type Status } from '../core/model';
import { isHexColour } from './colours';
import { STATUS_LABELS } from './labels';
import { newRatingId, type FieldErrors, type RatingDraft, type SettingsDraft } from './settingsDraft';

/** A custom scheme: each rating's label, meaning and colour, and which rating each status gets. */

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  rating: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)',
    gap: tokens.spacingVerticalXS + ' ' + tokens.spacingHorizontalS,
    padding: tokens.spacingVerticalS,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  wide: { gridColumn: '1 / span 2' },
  input: { width: '100%', minWidth: 0 },
  swatch: { width: '14px', height: '14px', borderRadius: '3px', outline: `1px solid ${tokens.colorNeutralStroke1}` },
  row: { display: 'flex', justifyContent: 'space-between', alignItems: 'center', gridColumn: '1 / span 2' },
});

export interface SchemeEditorProps {
  ratings: RatingDraft[];
  map: SettingsDraft['map'];
  errors: FieldErrors;
  onChange(change: Pick<SettingsDraft, 'ratings' | 'map'>): void;
}

export function SchemeEditor({ ratings, map, errors, onChange }: SchemeEditorProps) {
  const styles = useStyles();
  const error = (key: string) => (errors[key] ? { validationState: 'error' as const, validationMessage: errors[key] } : {});
  const setRating = (i: number, change: Partial<RatingDraft>) =>
    onChange({ ratings: ratings.map((r, j) => (j === i ? { ...r, ...change } : r)), map });
  const remove = (i: number) => {
    const gone = ratings[i].id;
    const nextMap = { ...map };
    // A status that pointed at the removed rating needs a new choice; the form says so next to it.
    for (const s of STATUSES) if (nextMap[s] === gone) nextMap[s] = '';
    onChange({ ratings: ratings.filter((_, j) => j !== i), map: nextMap });
  };
  const add = () =>
    onChange({ ratings: [...ratings, { id: newRatingId(ratings), label: '', meaning: '', fill: '#7030A0', symbol: '', aliases: [] }], map });

  return (
    <div className={styles.root}>
      {errors['customScheme.ratings'] && (
        <MessageBar intent="error">
          <MessageBarBody>{errors['customScheme.ratings']}</MessageBarBody>
        </MessageBar>
      )}
      {ratings.map((r, i) => (
        <div key={r.id} className={styles.rating} role="group" aria-label={`Rating ${i + 1}${r.label ? `: ${r.label}` : ''}`}>
          <div className={styles.row}>
            <Text weight="semibold">Rating {i + 1}</Text>
            <Button size="small" appearance="subtle" disabled={ratings.length <= 2} onClick={() => remove(i)} aria-label={`Remove rating ${r.label || i + 1}`}>
              Remove
            </Button>
          </div>
          <Field label="Label" {...error(`customScheme.ratings.${i}.label`)}>
            <Input className={styles.input} value={r.label} onChange={(_, d) => setRating(i, { label: d.value })} />
          </Field>
          <Field label="Colour" {...error(`customScheme.ratings.${i}.fill`)}>
            <Input
              className={styles.input}
              value={r.fill}
              onChange={(_, d) => setRating(i, { fill: d.value })}
              contentBefore={<span aria-hidden className={styles.swatch} style={{ backgroundColor: isHexColour(r.fill.trim()) ? r.fill.trim() : 'transparent' }} />}
            />
          </Field>
          <Field className={styles.wide} label="Meaning" {...error(`customScheme.ratings.${i}.meaning`)}>
            <Input className={styles.input} value={r.meaning} onChange={(_, d) => setRating(i, { meaning: d.value })} placeholder="e.g. Off target" />
          </Field>
        </div>
      ))}
      <Button size="small" onClick={add} disabled={ratings.length >= 8}>
        Add a rating
      </Button>
      {STATUSES.map((s: Status) => {
        const chosen = ratings.find((r) => r.id === map[s]);
        return (
          <Field key={s} label={`${STATUS_LABELS[s]} actions are rated`} {...error(`customScheme.map.${s}`)}>
            <Dropdown
              value={chosen ? chosen.label || '(no label yet)' : ''}
              placeholder="Choose a rating"
              selectedOptions={chosen ? [chosen.id] : []}
              onOptionSelect={(_, d) => d.optionValue && onChange({ ratings, map: { ...map, [s]: d.optionValue } })}
            >
              {ratings.map((r) => (
                <Option key={r.id} value={r.id} text={r.label || '(no label yet)'}>
                  {r.label || '(no label yet)'}
                </Option>
              ))}
            </Dropdown>
          </Field>
        );
      })}
    </div>
  );
}
