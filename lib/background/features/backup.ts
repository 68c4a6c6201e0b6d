/**
 * Import, export and backup handlers. Every write is one Dexie transaction over the
 * tables it touches: an import or a restore is written entirely or not at all (a
 * quota error aborts it, and the router reports it).
 */
import { Client, Detail, Interaction, ProjectFields, projectProblem, type Feedback, type Project, type Resource, type Settings } from '../../model';
import { UserFacingError, type FeatureHandlers, type Input, type ServiceContext } from '../context';
import { EVERYTHING } from '../../messaging/topics';
import {
  BACKUP_TEXT_CHUNK,
  IMPORT_PREVIEW_ROWS,
  type ImportPreviewRow,
  type ImportSummary,
  type ProjectImportPreviewRow,
  type ProjectImportSummary,
  type RestoreSummary,
  type TableCounts,
} from '../../messaging/protocol-backup';
import { clientNameKey, defaultProjectStatus, draftLabel, matchProjectClient, readProjectDraft, sameProjectKey, type ReadProject } from '../../backup/projects-csv';
import { dayOf } from '../../domain/calendar';
import { companyDomainOf } from '../../domain/addresses';
import { nameKey } from '../../domain/names';
import { firstOverLimit, overLimit, union } from '../../domain/lists';
import { withSchedule } from '../../domain/schedule';
import { unionPhones } from '../../domain/phones';
import { BACKUP_FORMAT, BACKUP_VERSION, BackupError, TABLES, backupText, emptyTables, readBackup, type Backup, type BackupTables, type TableName } from '../../backup/format';
import { BackupVersionError } from '../../backup/upgrades';
import { JsonError } from '../../backup/safe-json';
import { MAX_BACKUP_BYTES, tooLargeMessage } from '../../backup/decode';
import type { ImportRow } from '../../backup/contacts';
import type { Table } from 'dexie';
import { settingsFromRows } from '../settings';
import { addInteractions, allInteractions, countInteractions, eachInteraction, interactionsOf, timelinesOf } from '../../db/timelines';
import { SAFETY_META, UPLOAD_META, outcomeId, safetyPartId, uploadPartId, type StagingRow } from '../../db/staging-rows';

/** The backup reminder shows on Today; its settings in Import & backup. */
const BACKUP_REMINDER_TOPICS = ['settings', 'today'] as const;
/** An export snapshot is dropped after this long unused. */
const SESSION_TTL_MS = 15 * 60 * 1000;
/** How long a write's outcome is kept for a page that did not hear the answer. */
const OUTCOME_TTL_MS = 24 * 60 * 60 * 1000;
/** A restore holds at most this many rows in the worker's memory. */
const MAX_STAGED_ROWS = 3_000_000;
/** Why a restore leaves a row out: its client will not exist. */
const NO_CLIENT = 'rows of a client that is neither here nor in the backup';
const FEEDBACK_PROJECT_GONE = 'feedback about a project neither here nor in the backup, kept without that project';

/** A client's derived fields (nameKeys, domains, nextDueAt) made right for its data. */
export function withIndexes(client: Client, tiers: Settings['tierCadences'], timeZone?: string): Client {
  const key = nameKey(client.name);
  const nameKeys = key && !client.nameKeys.includes(key) ? [key, ...client.nameKeys] : client.nameKeys;
  // Its own name would be one too many: refused, not cut (a restore is all or nothing).
  const over = overLimit('nameKeys', nameKeys.length);
  if (over) throw new UserFacingError(`${client.name} would have ${over}. Nothing was written.`);
  const domains = [...client.domains];
  for (const email of client.emails) {
    const domain = companyDomainOf(email);
    if (domain && !domains.includes(domain)) domains.push(domain);
  }
  return Client.parse(withSchedule({ ...client, nameKeys, domains: domains.slice(0, 20) }, tiers, timeZone));
}

/** Whether an imported project changes nothing of the one here. */
function sameFields(a: Project, b: Project): boolean {
  const shape = (p: Project) => JSON.stringify([p.title, p.startDay, p.endDay, p.status, p.value, p.currency, p.note]);
  return shape(a) === shape(b);
}

export function createBackupHandlers(context: ServiceContext) {
  const { db, now, notify, newId, timeZone, readSettings } = context;
  const exports = new Map<string, { tables: Partial<BackupTables>; at: number }>();
  /**
   * A restore's file lives in the staging table (it must outlive the worker between
   * preview and confirm); this is only the last one read into validated tables, so a
   * preview's dry runs do not parse it again. Gone after a restart: read again then.
   */
  let readCache: { session: string; tables: BackupTables } | null = null;

  function sweep(): void {
    const cutoff = now().getTime() - SESSION_TTL_MS;
    for (const [key, value] of exports) if (value.at < cutoff) exports.delete(key);
  }

  // The backup's tables are the database's, but for interactions, which the database
  // keeps as one timeline per client (lib/db/timelines.ts).
  type RowTable = Exclude<TableName, 'interactions'>;
  const ROW_TABLES = TABLES.filter((name): name is RowTable => name !== 'interactions');
  const tableOf = (name: RowTable) => db.table(name) as Table<Record<string, unknown>, string>;
  const allTables = () => [...ROW_TABLES.map(tableOf), db.timelines];
  const readTable = (name: TableName): Promise<unknown[]> => (name === 'interactions' ? allInteractions(db) : tableOf(name).toArray());

  async function importContacts(input: Input<'importContacts'>): Promise<ImportSummary> {
    const at = now().getTime();
    const summary: ImportSummary = { created: 0, updated: 0, unchanged: 0, birthdays: 0, notes: 0, skipped: [] };
    const run = async () => {
      const { tierCadences } = await readSettings();
      const emails = [...new Set(input.rows.flatMap((row) => row.emails))];
      const owners = new Map<string, Client>();
      // anyOf over 10,000 addresses is one index walk, not 10,000 lookups.
      for (const client of emails.length ? await db.clients.where('emails').anyOf(emails).toArray() : []) {
        for (const email of client.emails) owners.set(email, client);
      }
      const changed = new Map<string, Client>();
      const created: Client[] = [];
      const pending: { client: Client; row: ImportRow; isNew: boolean }[] = [];
      const previewed = input.rows.slice(0, IMPORT_PREVIEW_ROWS);
      const previewSkips = new Set<number>();
      for (const row of input.rows) {
        const matched = new Map<string, Client>();
        for (const email of row.emails) {
          const owner = owners.get(email);
          if (owner) matched.set(owner.id, changed.get(owner.id) ?? owner);
        }
        if (matched.size > 1) {
          const names = [...matched.values()].map((c) => c.name).join(' and ');
          summary.skipped.push({ row: row.row, name: row.name, detail: `Its addresses belong to different clients (${names})` });
          previewSkips.add(row.row);
          continue;
        }
        const existing = [...matched.values()][0];
        if (existing) {
          // Phones are the same number whatever their spacing: unioned by E.164, not by text.
          const lists = { emails: union(existing.emails, row.emails), tags: union(existing.tags, row.tags), phones: unionPhones(existing.phones ?? [], row.phones ?? []) };
          // Skipped and said, never cut: the client would go over a list's limit.
          const over = firstOverLimit(lists);
          if (over) {
            summary.skipped.push({ row: row.row, name: row.name, detail: `${existing.name} would then have ${over}` });
            previewSkips.add(row.row);
            continue;
          }
          const next: Client = {
            ...existing,
            ...lists,
            company: existing.company || row.company,
            role: existing.role || row.role,
            tier: input.tierForExisting ? input.tier : existing.tier,
          };
          const shape = (c: Client) => JSON.stringify([c.emails, c.company, c.role, c.tags, c.phones ?? [], c.tier]);
          const differs = shape(next) !== shape(existing);
          if (differs) changed.set(existing.id, next);
          pending.push({ client: next, row, isNew: false });
        } else {
          const client = Client.parse({
            id: newId(),
            name: row.name,
            emails: row.emails,
            company: row.company,
            role: row.role,
            nameKeys: [],
            tier: input.tier,
            tags: row.tags,
            phones: row.phones ?? [],
            createdAt: at,
            updatedAt: at,
          });
          created.push(client);
          pending.push({ client, row, isNew: true });
          for (const email of row.emails) owners.set(email, client);
        }
      }
      // What updated clients already have, so a second import of the same file adds nothing twice.
      const updatedIds = pending.filter((p) => !p.isNew).map((p) => p.client.id);
      const [knownDetails, knownNotes] = updatedIds.length
        ? await Promise.all([
            db.details.where('clientId').anyOf(updatedIds).filter((d) => d.kind === 'milestone' && d.text === 'Birthday').toArray(),
            db.timelines.bulkGet(updatedIds).then((timelines) => timelines.flatMap((t) => interactionsOf(t).filter((i) => i.kind === 'note'))),
          ])
        : [[], []];
      const hasBirthday = new Set(knownDetails.map((d) => d.clientId));
      const noteKeys = new Set(knownNotes.map((i) => `${i.clientId}\u0000${i.text}`));
      const details: Detail[] = [];
      const notes: Interaction[] = [];
      const touchedByExtras = new Set<string>();
      for (const { client, row } of pending) {
        if (row.birthday && !hasBirthday.has(client.id)) {
          hasBirthday.add(client.id);
          touchedByExtras.add(client.id);
          details.push(Detail.parse({ id: newId(), clientId: client.id, kind: 'milestone', text: 'Birthday', date: row.birthday, yearly: true, createdAt: at, updatedAt: at }));
        }
        const noteKey = `${client.id}\u0000${row.notes}`;
        if (row.notes && !noteKeys.has(noteKey)) {
          noteKeys.add(noteKey);
          touchedByExtras.add(client.id);
          // A private note: it does not count as contact, so the check-in clock stays.
          notes.push(Interaction.parse({ id: newId(), clientId: client.id, kind: 'note', text: row.notes, subject: 'Imported note', at, createdAt: at }));
        }
      }
      const createdIds = new Set(created.map((c) => c.id));
      summary.created = created.length;
      summary.updated = new Set([...changed.keys(), ...[...touchedByExtras].filter((id) => !createdIds.has(id))]).size;
      summary.unchanged = new Set(updatedIds).size - summary.updated;
      summary.birthdays = details.length;
      summary.notes = notes.length;
      if (input.dryRun) summary.preview = previewOf(previewed, pending, previewSkips, details, changed, touchedByExtras);
      if (input.dryRun) return;
      // add, not put, for new clients: IndexedDB then skips looking for old index entries.
      await db.clients.bulkAdd(created.map((c) => withIndexes(c, tierCadences, timeZone)));
      await db.clients.bulkPut([...changed.values()].map((c) => withIndexes({ ...c, updatedAt: at }, tierCadences, timeZone)));
      await db.details.bulkAdd(details);
      // A new client has no timeline yet: write theirs whole, without looking first.
      await db.timelines.bulkAdd(timelinesOf(notes.filter((note) => createdIds.has(note.clientId))));
      await addInteractions(db, notes.filter((note) => !createdIds.has(note.clientId)));
      await noteOutcome(input.op, summary);
    };
    if (input.dryRun) await db.transaction('r', [db.clients, db.details, db.timelines, db.settings], run);
    else await db.transaction('rw', [db.clients, db.details, db.timelines, db.settings, db.staging], run);
    if (!input.dryRun) notify([EVERYTHING]);
    return summary;
  }

  /**
   * Projects from a CSV file: every row read and matched to a client, then previewed
   * (dryRun) or written in one transaction. Nothing is written unless every row was
   * read first: a refused row is skipped and said, never half-written. A project of
   * the same client, title and start day as one here is that project, updated; an
   * empty cell never erases what Tend has (end, value and currency, status, note).
   * No "Ask for feedback" follow-up is made for an imported done project: a file of
   * past work would fill Today with asks about projects long finished.
   */
  async function importProjects(input: Input<'importProjects'>): Promise<ProjectImportSummary> {
    const at = now().getTime();
    const today = dayOf(at, timeZone);
    const summary: ProjectImportSummary = { created: 0, updated: 0, unchanged: 0, skippedRows: 0, skipped: [] };
    const run = async () => {
      const reads = input.rows.map((draft) => ({ draft, read: readProjectDraft(draft, input.dateOrder) }));
      const projects = reads.flatMap(({ read }) => ('project' in read ? [read.project] : []));
      // The clients the rows name, by index: their addresses, then their names' keys.
      const addresses = [...new Set(projects.flatMap((p) => p.clientAddresses))];
      const keys = [...new Set(projects.flatMap((p) => p.clientNames.map(nameKey)).filter(Boolean))];
      const [owners, named] = await Promise.all([
        addresses.length ? db.clients.where('emails').anyOf(addresses).toArray() : [],
        keys.length ? db.clients.where('nameKeys').anyOf(keys).distinct().toArray() : [],
      ]);
      const byAddress = new Map<string, Client>();
      for (const client of owners) for (const email of client.emails) byAddress.set(email, client);
      const byName = new Map<string, Client[]>();
      for (const client of named) {
        const key = clientNameKey(client.name);
        byName.set(key, [...(byName.get(key) ?? []), client]);
      }
      const matches = new Map(projects.map((project) => [project, matchProjectClient(project, byAddress, byName)]));
      const clientIds = [...new Set([...matches.values()].flatMap((match) => ('client' in match ? [match.client.id] : [])))];
      const existing = new Map<string, Project>();
      for (const project of clientIds.length ? await db.projects.where('clientId').anyOf(clientIds).toArray() : []) existing.set(sameProjectKey(project), project);

      const created: Project[] = [];
      const updated = new Map<string, Project>();
      const firstRowOf = new Map<string, number>();
      const preview: ProjectImportPreviewRow[] = [];
      const skip = (row: number, name: string, field: ProjectImportSummary['skipped'][number]['field'], detail: string) => summary.skipped.push({ row, name, field, detail });
      const show = (row: ProjectImportPreviewRow) => input.dryRun && preview.length < IMPORT_PREVIEW_ROWS && preview.push(row);
      for (const { draft, read } of reads) {
        const skippedRow = (detail: string) =>
          show({ row: draft.row, change: 'skipped', client: draftLabel(draft), title: draft.title.trim(), startDay: null, endDay: null, status: null, value: null, currency: null, note: '', detail });
        if ('refusals' in read) {
          for (const refusal of read.refusals) skip(refusal.row, refusal.name, refusal.field, refusal.detail);
          summary.skippedRows += 1;
          skippedRow(read.refusals.map((r) => r.detail).join('; '));
          continue;
        }
        const project = read.project;
        const match = matches.get(project)!;
        if (!('client' in match)) {
          skip(project.row, draftLabel(draft), 'client', match.detail);
          summary.skippedRows += 1;
          skippedRow(match.detail);
          continue;
        }
        const client = match.client;
        const key = sameProjectKey({ clientId: client.id, title: project.title, startDay: project.startDay });
        const earlier = firstRowOf.get(key);
        if (earlier !== undefined) {
          const detail = `the same project as row ${earlier} (same client, title and start day)`;
          skip(project.row, draftLabel(draft), null, detail);
          summary.skippedRows += 1;
          skippedRow(detail);
          continue;
        }
        const here = existing.get(key);
        const next = here ? updatedProject(here, project) : newProject(client.id, project);
        // Checked again as it will be saved: an update mixes the file's cells with what Tend has.
        const parsed = ProjectFields.safeParse(next);
        const problem = parsed.success ? projectProblem(parsed.data) : null;
        if (!parsed.success || problem) {
          const detail = problem?.message ?? `${parsed.error?.issues[0]?.path.join('.')}: ${parsed.error?.issues[0]?.message}`;
          skip(project.row, draftLabel(draft), problem?.field === 'endDay' ? 'end' : problem ? 'currency' : null, detail);
          summary.skippedRows += 1;
          skippedRow(detail);
          continue;
        }
        firstRowOf.set(key, project.row);
        const change = !here ? 'new' : sameFields(here, parsed.data) ? 'unchanged' : 'update';
        if (change === 'new') created.push(parsed.data);
        else if (change === 'update') updated.set(parsed.data.id, { ...parsed.data, updatedAt: at });
        summary[change === 'new' ? 'created' : change === 'update' ? 'updated' : 'unchanged'] += 1;
        const saved = parsed.data;
        show({ row: project.row, change, client: client.name, title: saved.title, startDay: saved.startDay, endDay: saved.endDay, status: saved.status, value: saved.value, currency: saved.currency, note: saved.note });
      }
      if (input.dryRun) {
        summary.preview = preview;
        return;
      }
      await db.projects.bulkAdd(created);
      await db.projects.bulkPut([...updated.values()]);
      await noteOutcome(input.op, summary);
    };
    // The row's status when the file gives none: done once ended before today.
    function newProject(clientId: string, project: ReadProject): Project {
      const { title, startDay, endDay, value, currency, note } = project;
      return { id: newId(), clientId, title, startDay, endDay, status: project.status ?? defaultProjectStatus(endDay, today), value, currency, note, createdAt: at, updatedAt: at };
    }
    function updatedProject(here: Project, project: ReadProject): Project {
      // A value goes with its currency: both from the file, or both kept.
      const money = project.value !== null ? { value: project.value, currency: project.currency } : { value: here.value, currency: here.value === null ? (project.currency ?? here.currency) : here.currency };
      return {
        ...here,
        title: project.title,
        endDay: project.endDay ?? here.endDay,
        status: project.status ?? here.status,
        ...money,
        note: project.note || here.note,
      };
    }
    if (input.dryRun) await db.transaction('r', [db.clients, db.projects], run);
    else await db.transaction('rw', [db.clients, db.projects, db.staging], run);
    if (!input.dryRun) notify([EVERYTHING]);
    return summary;
  }

  /** The preview's first rows as they will be saved: the client each becomes, or is merged into. */
  function previewOf(
    rows: readonly ImportRow[],
    pending: readonly { client: Client; row: ImportRow; isNew: boolean }[],
    skips: ReadonlySet<number>,
    details: readonly Detail[],
    changed: ReadonlyMap<string, Client>,
    touched: ReadonlySet<string>,
  ): ImportPreviewRow[] {
    const byRow = new Map(pending.map((p) => [p.row.row, p]));
    const birthdays = new Map(details.map((d) => [d.clientId, d.date]));
    return rows.map((row): ImportPreviewRow => {
      const written = byRow.get(row.row);
      if (!written || skips.has(row.row)) {
        return { row: row.row, status: 'skipped', name: row.name, emails: row.emails, company: row.company, phones: row.phones ?? [], tier: 'none', birthday: null };
      }
      // Later rows merged into the same client: what it finally holds.
      const client = changed.get(written.client.id) ?? written.client;
      const status = written.isNew ? 'new' : changed.has(client.id) || touched.has(client.id) ? 'update' : 'unchanged';
      return { row: row.row, status, name: client.name, emails: client.emails, company: client.company, phones: client.phones ?? [], tier: client.tier, birthday: birthdays.get(client.id) ?? null };
    });
  }

  async function backupExportStart(input: Input<'backupExportStart'>) {
    sweep();
    const names = input.tables ?? [...TABLES];
    const tables: Partial<BackupTables> = {};
    // One read transaction: a consistent snapshot even while the sidebar writes.
    await db.transaction('r', allTables(), async () => {
      const rows = await Promise.all(names.map(readTable));
      names.forEach((name, i) => ((tables as Record<string, unknown>)[name] = rows[i]));
    });
    const token = newId();
    exports.set(token, { tables, at: now().getTime() });
    const counts = Object.fromEntries(names.map((name) => [name, (tables[name] ?? []).length])) as Partial<Record<TableName, number>>;
    return { token, counts, format: BACKUP_FORMAT, version: BACKUP_VERSION, schemaVersion: db.verno, exportedAt: now().toISOString() };
  }

  async function backupExportChunk(input: Input<'backupExportChunk'>) {
    const snapshot = exports.get(input.token);
    if (!snapshot) throw new UserFacingError('The export was interrupted (Tend’s background restarted). Please start it again.');
    snapshot.at = now().getTime();
    const rows = (snapshot.tables[input.table] ?? []) as unknown[];
    return { rows: rows.slice(input.offset, input.offset + input.limit) };
  }

  async function backupExportFinish(input: Input<'backupExportFinish'>) {
    exports.delete(input.token);
    if (!input.recordBackup) return { lastBackupAt: null };
    const at = now().getTime();
    await db.settings.put({ key: 'lastBackupAt', value: at });
    notify(BACKUP_REMINDER_TOPICS);
    return { lastBackupAt: at };
  }

  /** Notes, inside a write's transaction, that the write of `op` is committed with this summary (kept a day). */
  async function noteOutcome(op: string | undefined, summary: unknown): Promise<void> {
    if (!op) return;
    const at = now().getTime();
    const old = (await db.staging.where('kind').equals('outcome').toArray()) as Extract<StagingRow, { kind: 'outcome' }>[];
    const stale = old.filter((row) => row.at < at - OUTCOME_TTL_MS).map((row) => row.id);
    if (stale.length) await db.staging.bulkDelete(stale);
    await db.staging.put({ id: outcomeId(op), kind: 'outcome', at, value: summary });
  }

  async function writeOutcome(input: Input<'writeOutcome'>) {
    const row = (await db.staging.get(outcomeId(input.op))) as Extract<StagingRow, { kind: 'outcome' }> | undefined;
    return { written: !!row, summary: (row?.value ?? null) as ImportSummary | RestoreSummary | null };
  }

  const INTERRUPTED = 'The restore was interrupted (Tend’s background restarted). Please choose the file again.';
  const uploadMeta = async () => (await db.staging.get(UPLOAD_META)) as Extract<StagingRow, { kind: 'upload-meta' }> | undefined;
  const uploadRows = () => db.staging.where('kind').anyOf('upload', 'upload-meta');
  const safetyRows = () => db.staging.where('kind').anyOf('safety', 'safety-meta');

  async function restoreUpload(input: Input<'restoreUpload'>) {
    sweep();
    return db.transaction('rw', db.staging, async () => {
      let meta = await uploadMeta();
      if (meta?.session !== input.session) {
        // One restore at a time: a new one drops any other's staged file.
        if (input.index !== 0) throw new UserFacingError('The backup arrived out of order. Please choose the file again.');
        await uploadRows().delete();
        readCache = null;
        meta = { id: UPLOAD_META, kind: 'upload-meta', session: input.session, parts: 0, chars: 0, read: false, at: now().getTime() };
      }
      if (meta.read || input.index !== meta.parts) throw new UserFacingError('The backup arrived out of order. Please choose the file again.');
      const tooLarge = tooLargeMessage(meta.chars + input.text.length, MAX_BACKUP_BYTES);
      if (tooLarge) throw new UserFacingError(tooLarge);
      await db.staging.put({ id: uploadPartId(input.index), kind: 'upload', index: input.index, text: input.text });
      const next = { ...meta, parts: meta.parts + 1, chars: meta.chars + input.text.length, at: now().getTime() };
      await db.staging.put(next);
      return { received: next.chars };
    });
  }

  /** The staged file read and validated; throws a UserFacingError saying why not. */
  async function readStaged(session: string): Promise<ReturnType<typeof readBackup>> {
    const meta = await uploadMeta();
    if (meta?.session !== session) throw new UserFacingError(INTERRUPTED);
    const parts = (await db.staging.where('id').startsWith('upload:').toArray()) as Extract<StagingRow, { kind: 'upload' }>[];
    if (parts.length !== meta.parts) throw new UserFacingError(INTERRUPTED);
    try {
      return readBackup(parts.map((part) => part.text).join(''));
    } catch (error) {
      if (error instanceof BackupError || error instanceof BackupVersionError || error instanceof JsonError) throw new UserFacingError(error.message);
      throw error;
    }
  }

  async function restoreRead(input: Input<'restoreRead'>) {
    let read: ReturnType<typeof readBackup>;
    try {
      read = await readStaged(input.session);
    } catch (error) {
      // A file that cannot be read is not kept.
      await db.transaction('rw', db.staging, () => uploadRows().delete());
      throw error;
    }
    const rows = TABLES.reduce((sum, table) => sum + read.backup.tables[table].length, 0);
    if (rows > MAX_STAGED_ROWS) {
      await db.transaction('rw', db.staging, () => uploadRows().delete());
      throw new UserFacingError('This backup is too large to restore in one go.');
    }
    await db.transaction('rw', db.staging, async () => {
      const meta = await uploadMeta();
      if (meta?.session === input.session) await db.staging.put({ ...meta, read: true, at: now().getTime() });
    });
    readCache = { session: input.session, tables: read.backup.tables };
    return { report: read.report, exportedAt: read.backup.exportedAt };
  }

  /** The validated tables of a staged file that was read: from memory, or again from the staging table after a restart. */
  async function stagedTables(session: string): Promise<BackupTables> {
    if (readCache?.session === session) return readCache.tables;
    const meta = await uploadMeta();
    if (meta?.session !== session || !meta.read) throw new UserFacingError(INTERRUPTED);
    const read = await readStaged(session);
    readCache = { session, tables: read.backup.tables };
    return read.backup.tables;
  }

  async function restoreBackup(input: Input<'restoreBackup'>): Promise<RestoreSummary> {
    const tables = await stagedTables(input.session);
    const summary = await restoreTables(tables, input.mode, input.dryRun, async (written) => {
      // In the restore's own transaction: the file is gone exactly when it is written.
      await uploadRows().delete();
      if (input.mode === 'merge') await safetyRows().delete();
      await noteOutcome(input.op, written);
    });
    if (!input.dryRun) {
      readCache = null;
      notify([EVERYTHING]);
    }
    return summary;
  }

  /** The data as it is, as a backup file's text in pieces, for the safety copy (inside a transaction over every table). */
  async function writeSafetyCopy(): Promise<void> {
    const tables = emptyTables() as Record<TableName, unknown[]>;
    for (const name of TABLES) tables[name] = await readTable(name);
    const backup: Backup = { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: now().toISOString(), schemaVersion: db.verno, tables: tables as unknown as BackupTables };
    const text = backupText(backup);
    const parts: StagingRow[] = [];
    for (let offset = 0, index = 0; offset === 0 || offset < text.length; offset += BACKUP_TEXT_CHUNK, index += 1) {
      parts.push({ id: safetyPartId(index), kind: 'safety', index, text: text.slice(offset, offset + BACKUP_TEXT_CHUNK) });
    }
    const counts = Object.fromEntries(TABLES.map((name) => [name, tables[name].length]));
    await safetyRows().delete();
    await db.staging.bulkPut([...parts, { id: SAFETY_META, kind: 'safety-meta', at: now().getTime(), counts, parts: parts.length }]);
  }

  const safetyMeta = async () => (await db.staging.get(SAFETY_META)) as Extract<StagingRow, { kind: 'safety-meta' }> | undefined;

  async function restoreSafetyCopy(_input: Input<'restoreSafetyCopy'>) {
    const meta = await safetyMeta();
    return meta ? { at: meta.at, counts: meta.counts as Record<TableName, number>, parts: meta.parts } : null;
  }

  async function restoreSafetyCopyPart(input: Input<'restoreSafetyCopyPart'>) {
    const part = (await db.staging.get(safetyPartId(input.index))) as Extract<StagingRow, { kind: 'safety' }> | undefined;
    if (!part) throw new UserFacingError('The copy of your data from before the restore is gone (another restore replaced it).');
    return { text: part.text };
  }

  async function undoRestore(_input: Input<'undoRestore'>): Promise<RestoreSummary> {
    const gone = 'There is no restore to undo: the copy of your data from before it is gone (another restore replaced it).';
    const summary = await db.transaction('rw', [...allTables(), db.staging], async () => {
      const meta = await safetyMeta();
      if (!meta) throw new UserFacingError(gone);
      const parts = (await db.staging.where('id').startsWith('safety:').toArray()) as Extract<StagingRow, { kind: 'safety' }>[];
      if (parts.length !== meta.parts) throw new UserFacingError(gone);
      // Tend wrote it moments before the restore, from rows it had validated.
      const { backup } = readBackup(parts.map((part) => part.text).join(''));
      return restoreTables(backup.tables, 'replace', false, async () => void (await safetyRows().delete()), { safetyCopy: false });
    });
    notify([EVERYTHING]);
    return summary;
  }

  /**
   * Previews (dryRun) or writes a restore in one transaction. `alsoWrite` runs in that
   * transaction after the rows are written (the staged file dropped, an outcome noted).
   * A replace first keeps the data as it was (the safety copy), in the same transaction.
   */
  async function restoreTables(
    incoming: BackupTables,
    mode: 'merge' | 'replace',
    dryRun: boolean,
    alsoWrite: (summary: RestoreSummary) => Promise<unknown> = async () => {},
    { safetyCopy = true }: { safetyCopy?: boolean } = {},
  ): Promise<RestoreSummary> {
    const zero = (): TableCounts => ({ create: 0, update: 0, keep: 0, skip: 0, remove: 0 });
    const summary: RestoreSummary = { mode, tables: Object.fromEntries(TABLES.map((t) => [t, zero()])) as Record<TableName, TableCounts>, skipped: [] };
    const reasons = new Map<string, number>();
    const note = (reason: string) => reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
    const withReasons = (): RestoreSummary => ({ ...summary, skipped: [...reasons].map(([reason, count]) => `${count.toLocaleString('en')} ${reason}`) });
    const skip = (table: TableName, reason: string) => {
      summary.tables[table].skip += 1;
      note(reason);
    };
    /**
     * Feedback about a project that will not exist stays (the score is the client's
     * word), no longer tied to that project; said in the report.
     */
    const withKnownProject = (row: Feedback, projectsAfter: ReadonlySet<string>): Feedback => {
      if (row.projectId === null || projectsAfter.has(row.projectId)) return row;
      note(FEEDBACK_PROJECT_GONE);
      return { ...row, projectId: null };
    };
    const run = async () => {
      if (mode === 'replace') {
        const existing = await Promise.all(ROW_TABLES.map((name) => tableOf(name).count()));
        ROW_TABLES.forEach((name, i) => (summary.tables[name].remove = existing[i]!));
        summary.tables.interactions.remove = await countInteractions(db);
        const settings = settingsFromRows(incoming.settings);
        // Projects and feedback point at clients the backup must hold: after a replace
        // nothing else is here. (Other tables go in as the file has them, as before.)
        const clientsAfter = new Set(incoming.clients.map((c) => c.id));
        const projects = incoming.projects.filter((project) => clientsAfter.has(project.clientId) || void skip('projects', NO_CLIENT));
        const projectsAfter = new Set(projects.map((p) => p.id));
        const feedback = incoming.feedback.filter((row) => clientsAfter.has(row.clientId) || void skip('feedback', NO_CLIENT)).map((row) => withKnownProject(row, projectsAfter));
        const writes: Record<TableName, unknown[]> = { ...incoming, clients: incoming.clients.map((c) => withIndexes(c, settings.tierCadences, timeZone)), projects, feedback };
        for (const name of TABLES) summary.tables[name].create = writes[name].length;
        if (dryRun) return;
        if (safetyCopy) await writeSafetyCopy();
        for (const table of allTables()) await table.clear();
        for (const name of ROW_TABLES) await tableOf(name).bulkAdd(writes[name] as Record<string, unknown>[]);
        await db.timelines.bulkAdd(timelinesOf(incoming.interactions));
        await alsoWrite(withReasons());
        return;
      }
      // Merge: by id (settings by key); the newer updatedAt wins where rows have one,
      // otherwise what is already here stays.
      // Schedules follow the settings as they will be after the merge.
      const settingsHere = await db.settings.toArray();
      const keysHere = new Set(settingsHere.map((row) => row.key));
      const { tierCadences } = settingsFromRows([...settingsHere, ...incoming.settings.filter((row) => !keysHere.has(row.key))]);
      const skippedClients = new Set<string>();
      const writes = emptyTables() as Record<TableName, Record<string, unknown>[]>;
      const existingClients = new Map((await db.clients.bulkGet(incoming.clients.map((c) => c.id))).filter((c): c is Client => !!c).map((c) => [c.id, c]));
      const incomingEmails = [...new Set(incoming.clients.flatMap((c) => c.emails))];
      const owners = new Map<string, Client>();
      for (const client of incomingEmails.length ? await db.clients.where('emails').anyOf(incomingEmails).toArray() : []) {
        for (const email of client.emails) owners.set(email, client);
      }
      for (const client of incoming.clients) {
        const conflict = client.emails.map((e) => owners.get(e)).find((owner) => owner && owner.id !== client.id);
        if (conflict) {
          skippedClients.add(client.id);
          skip('clients', `a client whose address already belongs to another client here (e.g. ${conflict.name})`);
          continue;
        }
        const existing = existingClients.get(client.id);
        if (!existing) summary.tables.clients.create += 1;
        else if (client.updatedAt > existing.updatedAt) summary.tables.clients.update += 1;
        else {
          summary.tables.clients.keep += 1;
          continue;
        }
        writes.clients.push(withIndexes(client, tierCadences, timeZone));
        for (const email of client.emails) owners.set(email, client);
      }
      // The clients there will be: those here and those written. A row of any other
      // client is left out (and said), so nothing points at a client that does not exist.
      const clientsAfter = new Set<string>([...((await db.clients.toCollection().primaryKeys()) as string[]), ...writes.clients.map((c) => c.id as string)]);
      const missingClient = (row: Record<string, unknown>): string | null => {
        for (const key of ['clientId', 'referrerId', 'referredId']) {
          const id = row[key];
          if (typeof id !== 'string' || clientsAfter.has(id)) continue;
          return skippedClients.has(id) ? 'rows of a client that was left out' : NO_CLIENT;
        }
        return null;
      };
      /** A saved article's links to clients that will not exist, left out. */
      const withoutMissingClients = (row: Record<string, unknown>): { row: Record<string, unknown>; dropped: boolean } => {
        const resource = row as unknown as Resource;
        const clientIds = resource.clientIds.filter((id) => clientsAfter.has(id));
        if (clientIds.length === resource.clientIds.length) return { row, dropped: false };
        const kept = <T>(byClient: Record<string, T>) => Object.fromEntries(Object.entries(byClient).filter(([id]) => clientsAfter.has(id)));
        const pendingShares = kept(resource.pendingShares);
        return {
          row: { ...row, clientIds, sharedWith: kept(resource.sharedWith), notes: kept(resource.notes), pendingShares, pendingFor: Object.keys(pendingShares) },
          dropped: true,
        };
      };
      /**
       * What is here already of a table's incoming rows: by key, and by the field
       * that must stay unique (an email recorded once, an article saved once) with
       * the id of the row holding it.
       */
      const here = async (name: Exclude<TableName, 'clients'>, rows: Record<string, unknown>[], key: string) => {
        const existing = new Map<string, Record<string, unknown>>();
        const taken = new Map<string, string>();
        if (name === 'interactions') {
          // Every timeline: after a merge here, a backup's interaction may be filed
          // under another client than in the file.
          if (rows.length) {
            await eachInteraction(db, (timeline) => {
              for (const interaction of timeline) {
                existing.set(interaction.id, interaction);
                if (interaction.dedupeKey) taken.set(interaction.dedupeKey, interaction.id);
              }
            });
          }
          return { existing, taken, unique: 'dedupeKey' };
        }
        for (const row of await tableOf(name).bulkGet(rows.map((r) => r[key] as string))) if (row) existing.set(row[key] as string, row);
        if (name === 'resources') {
          const urls = rows.map((r) => r.canonicalUrl).filter((v): v is string => typeof v === 'string');
          for (const row of urls.length ? await tableOf(name).where('canonicalUrl').anyOf(urls).toArray() : []) taken.set(row.canonicalUrl as string, row.id as string);
          return { existing, taken, unique: 'canonicalUrl' };
        }
        return { existing, taken, unique: null };
      };
      for (const name of ['details', 'interactions', 'resources', 'referrals', 'followUps', 'projects', 'feedback', 'settings'] as const) {
        const key = name === 'settings' ? 'key' : 'id';
        const rows = incoming[name] as unknown as Record<string, unknown>[];
        // The projects there will be, for feedback: those here and those written (projects come first in this loop).
        const projectsAfter =
          name === 'feedback' && rows.length ? new Set([...((await db.projects.toCollection().primaryKeys()) as string[]), ...writes.projects.map((p) => p.id as string)]) : null;
        const { existing, taken, unique } = await here(name, rows, key);
        for (let row of rows) {
          const missing = missingClient(row);
          if (missing) {
            skip(name, missing);
            continue;
          }
          if (name === 'resources') {
            const checked = withoutMissingClients(row);
            if (checked.dropped) note('saved articles whose links to clients neither here nor restored were left out');
            row = checked.row;
          }
          const current = existing.get(row[key] as string);
          if (current) {
            const newer = typeof row.updatedAt === 'number' && typeof current.updatedAt === 'number' && row.updatedAt > current.updatedAt;
            if (!newer) {
              summary.tables[name].keep += 1;
              continue;
            }
          }
          if (unique && typeof row[unique] === 'string') {
            const holder = taken.get(row[unique] as string);
            if (holder !== undefined && holder !== row.id) {
              skip(name, name === 'interactions' ? 'emails already recorded here' : 'articles already saved here');
              continue;
            }
            taken.set(row[unique] as string, row.id as string);
          }
          if (projectsAfter) row = withKnownProject(row as unknown as Feedback, projectsAfter) as unknown as Record<string, unknown>;
          summary.tables[name][current ? 'update' : 'create'] += 1;
          writes[name].push(row);
        }
      }
      if (dryRun) return;
      for (const name of ROW_TABLES) if (writes[name].length) await tableOf(name).bulkPut(writes[name]);
      // Interactions have no updatedAt, so merge only ever adds them.
      await addInteractions(db, writes.interactions as unknown as Interaction[]);
      await alsoWrite(withReasons());
    };
    if (dryRun) await db.transaction('r', allTables(), run);
    else await db.transaction('rw', [...allTables(), db.staging], run);
    return withReasons();
  }

  async function deleteAllData(_input: Input<'deleteAllData'>) {
    // The staging table too: a staged file or a safety copy is client data as well.
    await db.transaction('rw', [...allTables(), db.staging], async () => {
      for (const table of [...allTables(), db.staging]) await table.clear();
    });
    readCache = null;
    notify([EVERYTHING]);
    return {};
  }

  async function backupSaved(input: Input<'backupSaved'>) {
    // The data in the file is as of when it was read: a later confirmation does not make it newer.
    const at = Math.min(Date.parse(input.exportedAt), now().getTime());
    await db.settings.put({ key: 'lastBackupAt', value: at });
    notify(BACKUP_REMINDER_TOPICS);
    return { lastBackupAt: at };
  }

  async function setBackupReminder(input: Input<'setBackupReminder'>) {
    await db.settings.put({ key: 'backupReminderDays', value: input.days });
    notify(BACKUP_REMINDER_TOPICS);
    return {};
  }

  return {
    importContacts,
    importProjects,
    backupExportStart,
    backupExportChunk,
    backupExportFinish,
    restoreUpload,
    restoreRead,
    restoreBackup,
    deleteAllData,
    setBackupReminder,
    backupSaved,
    restoreSafetyCopy,
    restoreSafetyCopyPart,
    undoRestore,
    writeOutcome,

    /** Puts Today's backup reminder off. */
    async snoozeBackupReminder(input) {
      const until = now().getTime() + input.days * 86_400_000;
      await db.settings.put({ key: 'backupReminderSnoozedUntil', value: until });
      notify(BACKUP_REMINDER_TOPICS);
      return { snoozedUntil: until };
    },
  } satisfies FeatureHandlers;
}

