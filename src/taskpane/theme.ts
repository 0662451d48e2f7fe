import { webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';

/** How light a colour #RRGGBB is, from 0 (black) to 1 (white); null when it is not one. */
function lightness(colour: string | undefined): number | null {
  if (!colour || !/^#?[0-9A-Fa-f]{6}$/.test(colour)) return null;
  const hex = colour.replace('#', '');
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return (0.299 * r + 0.587 * g + 0.114 * b) / 255;
}

/** The Fluent theme that matches Office's: dark when Office's body background is dark. */
export function themeFor(officeTheme?: { bodyBackgroundColor?: string } | null): Theme {
  const l = lightness(officeTheme?.bodyBackgroundColor);
  return l !== null && l < 0.5 ? webDarkTheme : webLightTheme;
}

/** Whether a theme is a dark one: its background is darker than mid-grey. */
export function isDarkTheme(theme: Theme): boolean {
  return (lightness(theme.colorNeutralBackground1) ?? 1) < 0.5;
}

/** Outside Office there is no Office theme: the page follows the system's light or dark setting. */
export function systemTheme(): Theme {
  return typeof window !== 'undefined' && window.matchMedia?.('(prefers-color-scheme: dark)').matches ? webDarkTheme : webLightTheme;
}
