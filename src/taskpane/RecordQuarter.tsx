import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  type ButtonProps,
} from '@fluentui/react-components';
import { useState } from 'react';
import { formatDate, type IsoDate } from '../core/cells';
import { quarterOf } from '../core/quarters';

/**
 * "Record Q4 2015/16": refresh and keep the as-of quarter's ratings in the RAG History. A quarter
 * already recorded is replaced only after the officer says so.
 */

export interface RecordQuarterProps {
  /** The as-of date, or null while the date typed is not a date. */
  asOf: IsoDate | null;
  /** Quarters already in the RAG History. */
  recorded: string[];
  disabled: boolean;
  className?: string;
  onRecord(): void;
}

export function RecordQuarter({ asOf, recorded, disabled, className, onRecord }: RecordQuarterProps) {
  const [asking, setAsking] = useState(false);
  const label = asOf ? quarterOf(asOf).label : null;
  const button: ButtonProps = { className, disabled: disabled || !label };
  if (!label || !asOf) return <Button {...button}>Record quarter</Button>;

  const record = () => {
    if (recorded.includes(label)) setAsking(true);
    else onRecord();
  };
  return (
    <>
      <Button {...button} onClick={record}>
        Record {label}
      </Button>
      <Dialog open={asking} onOpenChange={(_, d) => setAsking(d.open)}>
        <DialogSurface aria-describedby={undefined}>
          <DialogBody>
            <DialogTitle>{label} is already recorded: replace it?</DialogTitle>
            <DialogContent>
              The RAG History keeps the ratings recorded for {label}. Recording again replaces them with the ratings as at {formatDate(asOf)}; other
              quarters are kept.
            </DialogContent>
            <DialogActions>
              <Button
                appearance="primary"
                onClick={() => {
                  setAsking(false);
                  onRecord();
                }}
              >
                Replace {label}
              </Button>
              <Button onClick={() => setAsking(false)}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </>
  );
}
