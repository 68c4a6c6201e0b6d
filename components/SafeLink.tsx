import type { ReactNode } from 'react';
import { safeLink, type LinkKind } from '../lib/ui/safe-link';

/** A link to `url` when it is safe for `kind` (lib/ui/safe-link.ts); otherwise the same content as plain text. */
export function SafeLink({ url, kind, className, children }: { url: string | null | undefined; kind: LinkKind; className?: string; children: ReactNode }) {
  const link = safeLink(url, kind);
  return link ? (
    <a {...link} className={className}>
      {children}
    </a>
  ) : (
    <span className={className}>{children}</span>
  );
}
