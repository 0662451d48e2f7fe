import { webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';

/** The Fluent theme that matches Office's: dark when Office's body background is dark. */
export function themeFor(officeTheme?: { bodyBackgroundColor?: string } | null): Theme {
  const bg = officeTheme?.bodyBackgroundColor;
  if (!bg || !/^#?[0-9A-Fa-f]{6}$/.test(bg)) return webLightTheme;
  const hex = bg.replace('#', '');
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return (0.299 * r + 0.587 * g + 0.114 * b) / 255 < 0.5 ? webDarkTheme : webLightTheme;
}
