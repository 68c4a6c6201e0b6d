/**
 * Schema 4 → 5 (issue 16): projects and feedback, two new tables. No row of an
 * older version moves, so there is no upgrade function: Dexie creates the tables.
 *
 * - projects by client (a client page's section, delete and merge), and by
 *   `startDay` (Insights reads the projects begun before a period's end by range).
 * - feedback by client, and by `day` (Insights reads a period's scores by range).
 */
export const SCHEMA_V5 = Object.freeze({
  projects: 'id, clientId, startDay',
  feedback: 'id, clientId, day',
});
