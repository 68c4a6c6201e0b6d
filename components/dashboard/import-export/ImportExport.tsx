/**
 * Import & backup (#backup): full backups as one JSON file, clients as CSV and the
 * backup reminder; contacts from Google / Outlook CSV or vCard; projects from CSV; restore (merge or
 * replace); storage use; deleting all data. One component per section. Files are read
 * and checked here, in the page (in chunks, yielding to the UI), through one import
 * flow (`import-flow.tsx`); every write is the background's, in one transaction.
 */
import { useCallback } from 'react';
import { send } from '../../../lib/messaging/send';
import { useLiveQuery } from '../../../lib/ui/live';
import { BackupSection } from './BackupSection';
import { DeleteAllSection } from './DeleteAllSection';
import { ImportContactsSection } from './ImportContactsSection';
import { ImportProjectsSection } from './ImportProjectsSection';
import { RestoreSection } from './RestoreSection';
import { StorageSection } from './StorageSection';
import './ImportExport.css';

export function ImportExport() {
  const settings = useLiveQuery(useCallback(() => send('getSettings', {}), []));
  const value = 'value' in settings ? settings.value : undefined;
  return (
    <div className="import-export">
      <BackupSection settings={value} />
      <ImportContactsSection />
      <ImportProjectsSection />
      <RestoreSection />
      <StorageSection />
      <DeleteAllSection />
    </div>
  );
}
