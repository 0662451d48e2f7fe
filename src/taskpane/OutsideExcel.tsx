import { Body1, Caption1, makeStyles, Subtitle1, tokens } from '@fluentui/react-components';

/** Shown when the page is opened outside Excel: what BoardPlan is and how to load it. */

const useStyles = makeStyles({
  root: { padding: tokens.spacingHorizontalXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '640px' },
  steps: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

export function OutsideExcel() {
  const styles = useStyles();
  return (
    <main className={styles.root}>
      <Subtitle1 as="h1" style={{ margin: 0 }}>BoardPlan runs inside Excel.</Subtitle1>
      <Body1>To load it:</Body1>
      <ol className={styles.steps}>
        <li>
          <Body1>
            Excel on the web: open your plan, then choose Insert &gt; Add-ins &gt; Upload My Add-in, and upload <code>manifest.xml</code>.
          </Body1>
        </li>
        <li>
          <Body1>
            Excel on Windows or Mac: in the BoardPlan folder run <code>npm start</code>; Excel opens with BoardPlan on the ribbon.
          </Body1>
        </li>
      </ol>
      <Caption1>The same engine also runs from a command line over .xlsx files: see <code>boardplan --help</code>.</Caption1>
    </main>
  );
}
