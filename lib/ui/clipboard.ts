/**
 * Copies text for the user from an extension page (the sidebar, in its frame in the
 * mail page). The Async Clipboard API first: the frame is mounted with
 * `allow="clipboard-write"` (lib/content/sidebar-frame.ts), without which a
 * cross-origin frame is refused. If it fails anyway (the mail site's own
 * Permissions-Policy, an older browser, focus lost), the old `execCommand('copy')`
 * on a hidden textarea, which works during a click. The caller says which.
 */
export type CopyResult = 'copied' | 'copied-by-fallback' | 'failed';

export interface CopyEnvironment {
  clipboard?: Pick<Clipboard, 'writeText'>;
  doc?: Document;
}

export async function copyText(text: string, env: CopyEnvironment = {}): Promise<CopyResult> {
  const doc = env.doc ?? document;
  const clipboard = env.clipboard ?? (typeof navigator !== 'undefined' ? navigator.clipboard : undefined);
  try {
    if (!clipboard) throw new Error('No Async Clipboard API here.');
    await clipboard.writeText(text);
    return 'copied';
  } catch (error) {
    console.warn('Tend: the clipboard API refused; copying the old way', error);
  }
  const area = doc.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  doc.body.append(area);
  area.select();
  let ok = false;
  try {
    ok = doc.execCommand('copy');
  } catch {
    ok = false;
  }
  area.remove();
  return ok ? 'copied-by-fallback' : 'failed';
}
