import { makeStyles, tokens } from '@fluentui/react-components';
import type { RatingCount } from '../core/refresh';
import type { Scheme } from '../core/schemes';

/** A small stacked bar of counts by rating, with a legend that names every rating: colour is never the only signal. */

const useStyles = makeStyles({
  bar: {
    display: 'flex',
    height: '10px',
    borderRadius: tokens.borderRadiusMedium,
    overflow: 'hidden',
    backgroundColor: tokens.colorNeutralBackground4,
  },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
    padding: 0,
    listStyleType: 'none',
    fontSize: tokens.fontSizeBase200,
  },
  item: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  zero: { color: tokens.colorNeutralForeground3 },
  swatch: {
    width: '10px',
    height: '10px',
    borderRadius: '2px',
    flexShrink: 0,
    outline: `1px solid ${tokens.colorNeutralStroke1}`,
  },
  count: { fontWeight: tokens.fontWeightSemibold },
});

function fillOf(scheme: Scheme, label: string): string {
  return scheme.ratings.find((r) => r.label === label)?.fill ?? '#808080';
}

export function RatingBar({ scheme, ratings, total }: { scheme: Scheme; ratings: RatingCount[]; total: number }) {
  const styles = useStyles();
  const description = `${ratings.map((r) => `${r.label} ${r.count}`).join(', ')}, of ${total}`;
  return (
    <div role="img" aria-label={description} title={description} className={styles.bar}>
      {ratings
        .filter((r) => r.count > 0)
        .map((r) => (
          <span key={r.label} style={{ width: `${(100 * r.count) / Math.max(total, 1)}%`, backgroundColor: fillOf(scheme, r.label) }} />
        ))}
    </div>
  );
}

export function RatingLegend({ scheme, ratings }: { scheme: Scheme; ratings: RatingCount[] }) {
  const styles = useStyles();
  return (
    <ul className={styles.legend}>
      {ratings.map((r) => (
        <li key={r.label} className={r.count ? styles.item : `${styles.item} ${styles.zero}`} data-rating={r.label}>
          <span aria-hidden className={styles.swatch} style={{ backgroundColor: fillOf(scheme, r.label) }} />
          <span>{r.label}</span>{' '}
          <span className={styles.count}>{r.count}</span>
        </li>
      ))}
    </ul>
  );
}

/** One rating: its colour as a small square, then its label. */
export function RatingTag({ fill, label }: { fill: string; label: string }) {
  const styles = useStyles();
  return (
    <span className={styles.item} data-rating={label}>
      <span aria-hidden className={styles.swatch} style={{ backgroundColor: fill }} />
      <span>{label}</span>
    </span>
  );
}
