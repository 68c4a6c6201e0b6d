/**
 * Dates in an import's preview, shared by the contacts and the projects imports: the
 * question "which comes first, the day or the month?" asked whenever a file writes
 * dates like 05/06/2026, and each day shown as nobody can misread it.
 */
import { useId, useRef, useState } from 'react';
import type { DateOrder } from '../../../lib/backup/contacts';
import type { ImportFlow } from './import-flow';
import { message } from './shared';

/** The browser's language: the date order (and the contacts' phone country) preselected from it. */
export const browserLocale = () => (typeof navigator === 'undefined' ? undefined : navigator.language);

/**
 * The preview read again in the date order picked. The choice shows at once; what was
 * read in it follows (`reread`: a new dry run), and only the last choice counts,
 * whichever reading finishes first. Import waits while `rereading`.
 */
export function useDateOrderReread<P extends { file: unknown; dateOrder: DateOrder | null }>(
  flow: Pick<ImportFlow<P, unknown>, 'updatePreview'>,
  reread: (preview: P, dateOrder: DateOrder) => Promise<Partial<P>>,
) {
  const [rereading, setRereading] = useState(false);
  const [rereadError, setRereadError] = useState<string | null>(null);
  const rereads = useRef(0);
  const chooseDateOrder = async (preview: P, dateOrder: DateOrder) => {
    const mine = ++rereads.current;
    const sameFile = (shown: P) => shown.file === preview.file;
    flow.updatePreview((shown) => (sameFile(shown) ? { ...shown, dateOrder } : shown));
    setRereading(true);
    setRereadError(null);
    try {
      const read = await reread(preview, dateOrder);
      if (mine === rereads.current) flow.updatePreview((shown) => (sameFile(shown) ? { ...shown, ...read, dateOrder } : shown));
    } catch (failure) {
      if (mine === rereads.current) setRereadError(message(failure));
    } finally {
      if (mine === rereads.current) setRereading(false);
    }
  };
  return { chooseDateOrder, rereading, rereadError };
}

/** A file's slash or dot date, the question's example. */
export const SLASH_OR_DOT_DATE = /^\d{1,2}[/.]\d{1,2}[/.]\d{4}$/;

/** Which comes first in `05/06/2026`: asked whenever the file writes dates so. */
export function DateOrderQuestion({
  dates,
  example,
  year,
  order,
  onChange,
}: {
  /** What the dates are, capitalised: "Birthdays", "Dates". */
  dates: string;
  /** One of the file's own dates written so. */
  example: string | undefined;
  /** The year the options' examples show (24/12/<year>). */
  year: number;
  order: DateOrder;
  onChange: (order: DateOrder) => void;
}) {
  const id = useId();
  const options: { order: DateOrder; label: string }[] = [
    { order: 'day-first', label: `Day first (24/12/${year})` },
    { order: 'month-first', label: `Month first (12/24/${year})` },
  ];
  return (
    <fieldset className="mode" aria-describedby={`${id}-why`}>
      <legend>{dates}: which comes first, the day or the month?</legend>
      <p id={`${id}-why`} className="muted">
        This file writes dates like “{example}”, which read differently in different countries. Preselected from your browser’s language: check the {dates.toLowerCase()} below.
      </p>
      {options.map((option) => (
        <label key={option.order} className="check">
          <input type="radio" name={`${id}-order`} checked={order === option.order} onChange={() => onChange(option.order)} /> {option.label}
        </label>
      ))}
    </fieldset>
  );
}

const unambiguousDay = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
/** A `YYYY-MM-DD` day as nobody can misread it: "24 Dec 2026"; '' for none. */
export const showDay = (day: string | null) => (day ? unambiguousDay.format(new Date(`${day}T12:00:00Z`)) : '');
