import { Body1, Caption1, makeStyles, Subtitle1, tokens, type Theme } from '@fluentui/react-components';
import { LOADING_HEADING, type Block, type Inline } from './loading';
import { Page } from './Page';

/** Shown when the page is opened outside Excel: what BoardPlan is and how to load it, in the pane's own look. */

const useStyles = makeStyles({
  root: { padding: tokens.spacingHorizontalXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '640px' },
  heading: { margin: 0 },
  steps: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  text: { overflowWrap: 'anywhere' },
});

export interface OutsideExcelProps {
  theme: Theme;
  /** The README's "Loading the add-in" section (see loading.ts); empty when it could not be read. */
  steps: Block[];
}

function Parts({ parts }: { parts: Inline[] }) {
  const styles = useStyles();
  return (
    <>
      {parts.map((p, i) =>
        p.kind === 'code' ? (
          <code key={i} className={styles.code}>
            {p.text}
          </code>
        ) : p.kind === 'strong' ? (
          <strong key={i}>{p.text}</strong>
        ) : (
          p.text
        ),
      )}
    </>
  );
}

export function OutsideExcel({ theme, steps }: OutsideExcelProps) {
  const styles = useStyles();
  const paragraphs = steps.filter((b) => b.kind === 'paragraph');
  const items = steps.filter((b) => b.kind === 'item');
  return (
    <Page theme={theme}>
      <main className={styles.root}>
        <Subtitle1 as="h1" className={styles.heading}>
          BoardPlan runs inside Excel.
        </Subtitle1>
        {paragraphs.map((p, i) => (
          <Body1 as="p" key={i} className={styles.heading}>
            <Parts parts={p.parts} />
          </Body1>
        ))}
        {items.length > 0 ? (
          <ul className={styles.steps} aria-label={LOADING_HEADING}>
            {items.map((item, i) => (
              <li key={i}>
                <Body1 className={styles.text}>
                  <Parts parts={item.parts} />
                </Body1>
              </li>
            ))}
          </ul>
        ) : (
          <Body1 as="p" className={styles.heading}>
            To load it, follow "{LOADING_HEADING}" in the README of the BoardPlan folder.
          </Body1>
        )}
        <Caption1>
          The same engine also runs from a command line over .xlsx files: see <code className={styles.code}>boardplan --help</code>.
        </Caption1>
      </main>
    </Page>
  );
}
