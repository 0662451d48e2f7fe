import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { formatDate, type IsoDate } from '../core/cells';
import { quarterOf } from '../core/quarters';

/**
 * "Record Q4 2015/16": refresh and keep the as-of quarter's ratings in the RAG History. A quarter
 * already recorded is replaced only after the officer says so, in a question shown under the
 * buttons rather than a dialog, which in a narrow pane would only add a layer to dismiss.
 */

export interface RecordQuarterOptions {
  /** The as-of date, or null while the date typed is not a date. */
  asOf: IsoDate | null;
  /** Quarters already in the RAG History. */
  recorded: string[];
  disabled: boolean;
  className?: string;
  onRecord(): void;
}

/** The Record button, and the question it may ask, for the caller to place. */
export function useRecordQuarter({ asOf, recorded, disabled, className, onRecord }: RecordQuarterOptions): { button: ReactNode; question: ReactNode } {
  const label = asOf ? quarterOf(asOf).label : null;
  // The quarter being asked about: a new as-of date withdraws the question.
  const [asking, setAsking] = useState<string | null>(null);
  const button = useRef<HTMLButtonElement>(null);
  if (!label || !asOf) {
    return {
      button: (
        <Button className={className} disabled>
          Record quarter
        </Button>
      ),
      question: null,
    };
  }
  const answer = (replace: boolean) => {
    setAsking(null);
    if (replace) onRecord();
    else button.current?.focus();
  };
  return {
    button: (
      <Button ref={button} className={className} disabled={disabled} onClick={() => (recorded.includes(label) ? setAsking(label) : onRecord())}>
        Record {label}
      </Button>
    ),
    question: asking === label && !disabled ? <ReplaceQuestion quarter={label} asOf={asOf} onAnswer={answer} /> : null,
  };
}

function ReplaceQuestion({ quarter, asOf, onAnswer }: { quarter: string; asOf: IsoDate; onAnswer(replace: boolean): void }) {
  const cancel = useRef<HTMLButtonElement>(null);
  // Keyboard users land on the question, on its safe answer.
  useEffect(() => {
    cancel.current?.focus();
  }, []);
  const title = `${quarter} is already recorded: replace it?`;
  return (
    <MessageBar intent="warning" layout="multiline" role="alertdialog" aria-label={title}>
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        The RAG History keeps the ratings recorded for {quarter}. Recording again replaces them with the ratings as at {formatDate(asOf)}; other quarters
        are kept.
      </MessageBarBody>
      <MessageBarActions>
        <Button size="small" appearance="primary" onClick={() => onAnswer(true)}>
          Replace {quarter}
        </Button>
        <Button size="small" ref={cancel} onClick={() => onAnswer(false)}>
          Cancel
        </Button>
      </MessageBarActions>
    </MessageBar>
  );
}
