import { FluentProvider, makeStaticStyles, makeStyles, tokens, type Theme } from '@fluentui/react-components';
import { useEffect, type ReactNode } from 'react';
import { isDarkTheme } from './theme';

/**
 * The page the pane stands on, and the note shown outside Excel: the theme's background, text and
 * fonts to the very edges, so that a dark Office shows no white strip past the pane or under it.
 */

const usePageStyles = makeStaticStyles({ body: { margin: 0 } });

const useStyles = makeStyles({
  // Page styles go on a div: FluentProvider's own classes are also given to its portals (menus, listboxes).
  page: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground2 },
});

export function Page({ theme, children }: { theme: Theme; children: ReactNode }) {
  usePageStyles();
  const styles = useStyles();
  useEffect(() => {
    // The document itself, which shows past the pane when the pane is scrolled or resized, and its
    // scroll bars, take the theme too (the theme's tokens only reach inside the provider).
    const root = document.documentElement;
    root.style.backgroundColor = theme.colorNeutralBackground2;
    root.style.colorScheme = isDarkTheme(theme) ? 'dark' : 'light';
  }, [theme]);
  return (
    <FluentProvider theme={theme}>
      <div className={styles.page}>{children}</div>
    </FluentProvider>
  );
}
