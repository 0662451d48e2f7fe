import { Input, type InputProps } from '@fluentui/react-components';
import { useState } from 'react';
import { isIsoDate } from '../core/cells';
import { dayFirst, parseDayFirst } from './dates';

/**
 * A date box that reads and shows dates day first (31/03/2016), whatever the browser's language.
 * The value is the date as YYYY-MM-DD, or what was typed while it is not yet a date, so that the
 * form around it can say what is wrong.
 */

export interface DateInputProps extends Omit<InputProps, 'value' | 'onChange' | 'type' | 'defaultValue'> {
  value: string;
  onDate(value: string): void;
}

export function DateInput({ value, onDate, onBlur, ...rest }: DateInputProps) {
  const [text, setText] = useState(() => (isIsoDate(value) ? dayFirst(value) : value));
  const [shown, setShown] = useState(value);
  // A date chosen elsewhere (a quick pick, the workbook's settings) replaces what was typed.
  if (value !== shown) {
    setShown(value);
    if (isIsoDate(value) && parseDayFirst(text) !== value) setText(dayFirst(value));
  }
  return (
    <Input
      {...rest}
      type="text"
      autoComplete="off"
      placeholder="dd/mm/yyyy"
      // As wide as a date, not the browser's default of twenty characters: two fit side by side in a narrow pane.
      input={{ size: 12 }}
      value={text}
      onChange={(_, d) => {
        setText(d.value);
        onDate(parseDayFirst(d.value) ?? d.value);
      }}
      onBlur={(e) => {
        // "31/3/16" reads back as "31/03/2016", so the officer sees how it was understood.
        const date = parseDayFirst(text);
        if (date) setText(dayFirst(date));
        onBlur?.(e);
      }}
    />
  );
}
