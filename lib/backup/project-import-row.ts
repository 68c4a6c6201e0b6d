/**
 * One project row of a CSV file as the dashboard sends it to the background: the
 * cells as written, not yet read. Apart from projects-csv.ts (the reader and its
 * checks), because the protocol map imports this schema and every page loads the
 * protocol map: the contacts reader it reuses for dates brings libphonenumber-js.
 *
 * The background reads every cell itself (lib/backup/projects-csv.ts), so the
 * preview and the import are one reading, in one place. The limits here only bound
 * a message: a cell longer than a project keeps is still refused by the reading,
 * with its row and field named, because the page cuts cells one character over.
 */
import { z } from '../zod';

/** Longest cell sent: one over the longest a project keeps (a note), so the reading can still say it is too long. */
export const MAX_PROJECT_CELL_CHARS = 2_001;
/** How many client cells a row may have (Client, Client email, Email, Name …). */
export const MAX_CLIENT_CELLS = 8;

const cell = z.string().max(MAX_PROJECT_CELL_CHARS).default('');

export const ProjectDraft = z.object({
  /** 1-based data row of the file, for messages. */
  row: z.number().int().positive(),
  /** Every client cell of the row, address or name, in the order the columns are preferred. */
  clientRefs: z.array(z.string().max(MAX_PROJECT_CELL_CHARS)).max(MAX_CLIENT_CELLS),
  title: cell,
  start: cell,
  end: cell,
  value: cell,
  currency: cell,
  status: cell,
  note: cell,
});
export type ProjectDraft = z.infer<typeof ProjectDraft>;

export const DateOrderChoice = z.enum(['day-first', 'month-first']);

/** The fields of a project row, as refusals name them. */
export type ProjectField = 'client' | 'title' | 'start' | 'end' | 'value' | 'currency' | 'status' | 'note';
