/** Import and restore against hostile input (fast-check): they never throw anything but a user-facing error, never write part of a file, never pollute prototypes. */
import 'fake-indexeddb/auto';
import { allInteractions } from '../../lib/db/timelines';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { TendDatabase } from '../../lib/db/schema';
import { createHandlers } from '../../lib/background/handlers';
import type { ThreadStore } from '../../lib/background/threads';
import { protocol } from '../../lib/messaging/protocol';
import { readContactsFile } from '../../lib/backup/import-file';
import { prepareImport } from '../../lib/backup/contacts';
import { decodeText, ImportError } from '../../lib/backup/decode';
import { BackupError, readBackup, TABLES } from '../../lib/backup/format';
import { JsonError } from '../../lib/backup/safe-json';
import { BackupVersionError } from '../../lib/backup/upgrades';

const noThreads: ThreadStore = { get: async () => null, set: async () => {} };
const NOW = new Date(2026, 10, 23, 12, 0);
const userFacing = (error: unknown) => error instanceof ImportError || error instanceof BackupError || error instanceof JsonError || error instanceof BackupVersionError;
const clean = () => expect(Object.keys(Object.prototype)).toEqual([]);

const HEADERS = ['First Name', 'Last Name', 'E-mail 1 - Value', 'E-mail Address', 'Name', 'Notes', 'Birthday', 'Labels', '__proto__', 'constructor', 'Organization Name', 'Phone 1 - Value', 'Mobile Phone', 'phone'];
const cell = fc.oneof(fc.string(), fc.constantFrom('', '"', '""', '\n', ';', ',', 'a@b.co', 'A@B.CO', '--0229', '=1+1', '__proto__', 'x@y', ' ::: ', '+44 20 7946 0958', '020 7946 0958 ::: +1 202 555 0123', '31/02/1980', '24.12.1980', '0/0/00'), fc.emailAddress());
const csvText = fc
  .tuple(fc.subarray(HEADERS, { minLength: 1 }), fc.array(fc.array(cell, { maxLength: 12 }), { maxLength: 30 }), fc.constantFrom(',', ';'))
  .map(([headers, rows, sep]) => [headers, ...rows].map((r) => r.map((c) => (/[",;\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(sep)).join('\r\n'));
const vcardText = fc
  .array(fc.tuple(fc.constantFrom('FN', 'N', 'EMAIL', 'EMAIL;ENCODING=QUOTED-PRINTABLE', 'BDAY', 'NOTE', 'CATEGORIES', 'ORG', ' ', 'item1.EMAIL', 'TEL', 'TEL;VALUE=uri'), fc.string()), { maxLength: 20 })
  .map((props) => `BEGIN:VCARD\nVERSION:3.0\n${props.map(([k, v]) => `${k}:${v}`).join('\n')}\nEND:VCARD\n`);

describe('contacts files against hostile input', () => {
  it('parsing never throws except with a message for the user, and never pollutes Object.prototype', () => {
    fc.assert(
      fc.property(fc.oneof(csvText, vcardText, fc.string(), fc.uint8Array({ maxLength: 300 }).map((b) => decodeText(b).text)), (text) => {
        try {
          const file = readContactsFile(text);
          for (const dateOrder of ['day-first', 'month-first'] as const) {
            const prepared = prepareImport(file.drafts, NOW, { dateOrder, defaultCountry: 'GB' });
            expect(prepared.rows.length + prepared.skipped.length).toBe(file.drafts.length);
          }
        } catch (error) {
          if (!userFacing(error)) throw error;
        }
        clean();
      }),
      { numRuns: 400 },
    );
  });

  it('an import is written whole or not at all, whatever the rows and wherever it fails', async () => {
    await fc.assert(
      fc.asyncProperty(csvText, fc.integer({ min: 0, max: 3 }), async (text, failAt) => {
        let rows;
        try {
          rows = prepareImport(readContactsFile(text).drafts, NOW).rows;
        } catch (error) {
          if (userFacing(error)) return;
          throw error;
        }
        const db = new TendDatabase(`prop-${crypto.randomUUID()}`);
        const handlers = createHandlers({ db, threads: noThreads, now: () => NOW, notify: vi.fn() });
        const input = protocol.importContacts.input.parse({ rows, dryRun: false });
        const preview = await handlers.importContacts({ ...input, dryRun: true });
        // Fail one of the three writes (3: none fails).
        const writes = [db.clients, db.details, db.timelines] as const;
        const target = writes[failAt];
        if (target) vi.spyOn(target, 'bulkAdd').mockRejectedValueOnce(new Error('disk full'));
        const outcome = await handlers.importContacts(input).then(() => 'ok', () => 'failed');
        vi.restoreAllMocks();
        const counts = [await db.clients.count(), await db.details.count(), (await allInteractions(db)).length];
        if (outcome === 'failed') expect(counts).toEqual([0, 0, 0]);
        else expect(counts).toEqual([preview.created, preview.birthdays, preview.notes]);
        clean();
        db.close();
      }),
      { numRuns: 60 },
    );
  });
});

const hostileKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'name', 'emails', 'tables', 'format', 'version', 'clients');
const hostileJson = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 2 }), tie('object'), tie('array')),
  object: fc.dictionary(fc.oneof(hostileKey, fc.string()), tie('value'), { maxKeys: 6 }),
  array: fc.array(tie('value'), { maxLength: 4 }),
})).value;

describe('backup files against hostile input', () => {
  it('reading never throws except with a message for the user, and never pollutes', () => {
    fc.assert(
      fc.property(
        hostileJson,
        fc.boolean(),
        fc.nat(),
        (value, asBackup, cut) => {
          const doc = asBackup ? { format: 'tend-backup', version: 1, tables: value } : value;
          // Keys like __proto__ must be in the text as keys, as a hostile file would have them.
          let text = JSON.stringify(doc) ?? 'null';
          if (cut % 5 === 0) text = text.slice(0, cut % (text.length + 1));
          try {
            const { backup } = readBackup(text);
            for (const table of TABLES) for (const row of backup.tables[table]) expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
          } catch (error) {
            if (!userFacing(error)) throw error;
          }
          clean();
        },
      ),
      { numRuns: 400 },
    );
  });

  it('a text with __proto__ keys at any depth pollutes nothing', () => {
    const text = '{"format":"tend-backup","version":1,"__proto__":{"x":1},"tables":{"clients":[{"__proto__":{"y":1},"constructor":{"prototype":{"z":1}}}]}}';
    expect(() => readBackup(text)).toThrow(BackupError);
    clean();
    expect(({} as { x?: number }).x).toBeUndefined();
  });
});
