import { tokens } from '@fluentui/react-components';

/**
 * The pane's lists of things to go to in Excel (findings, actions to chase, a lead's actions):
 * a plain list of full-width buttons whose text reads like a line, not like a button label.
 */

export const plainList = { margin: 0, padding: 0, listStyleType: 'none' } as const;

export const cellButton = {
  width: '100%',
  justifyContent: 'flex-start',
  textAlign: 'left',
  fontWeight: tokens.fontWeightRegular,
  padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
  minHeight: 'auto',
  minWidth: 0,
} as const;
