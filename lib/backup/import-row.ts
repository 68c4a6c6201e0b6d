/**
 * One contact as an import sends it to the background. Apart from contacts.ts (the
 * file readers), because the protocol map imports this schema and every page loads
 * the protocol map: the readers' phone parsing (libphonenumber-js, ~120 KB) must not
 * come with it into the sidebar.
 */
import { z } from '../zod';
import { CLIENT_LIST_LIMITS, CalendarDay, EmailAddress, MAX_NOTE_CHARS, MAX_PHONE_CHARS } from '../model';

/** A contact ready to import: what the background receives (validated again there). */
export const ImportRow = z.object({
  row: z.number().int().nonnegative(),
  name: z.string().trim().min(1).max(500),
  emails: z.array(EmailAddress).max(50),
  company: z.string().trim().max(500).default(''),
  role: z.string().trim().max(500).default(''),
  /** A birthday; the year is the import year when the file had none. */
  birthday: CalendarDay.nullable().default(null),
  notes: z.string().max(MAX_NOTE_CHARS).default(''),
  tags: z.array(z.string().trim().min(1).max(500)).max(50).default([]),
  /** E.164 where the number could be read, else as written (lib/domain/phones.ts); optional for callers that have none. */
  phones: z.array(z.string().trim().min(1).max(MAX_PHONE_CHARS)).max(CLIENT_LIST_LIMITS.phones).optional(),
});
export type ImportRow = z.infer<typeof ImportRow>;
