/**
 * "Tend can't read this conversation": a description of the page's structure that
 * a user can paste into a report without giving away anything of their mail.
 *
 * Only structure is kept: tag names, class names, attribute names (never their
 * values), roles, how many siblings look alike, and the URL's shape. Text, names,
 * addresses, ids, labels and titles are all left out, and message bodies are not
 * entered at all (the page's language only as a valid language tag). Runs in the
 * content script: no imports beyond the text helpers.
 */
import { MAX_DIAGNOSTICS, pageLocale } from './text';

/** Deep enough to reach a message header in both hosts' layouts, shallow enough to stay short. */
const MAX_DEPTH = 24;
/** Class names as the hosts generate them; anything else (a class a mail wrote) is left out. */
const CLASS_NAME = /^[A-Za-z_][\w-]{0,40}$/;
/** ARIA roles are a fixed vocabulary; a value outside it is not shown. */
const ROLE = /^[a-z]{2,20}$/;
const SKIPPED = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'SVG', 'PATH', 'IMG', 'BR']);

function signature(el: Element): string {
  const classes = [...el.classList].filter((name) => CLASS_NAME.test(name) && !name.includes('@')).slice(0, 8);
  const attributes = el
    .getAttributeNames()
    .filter((name) => name !== 'class' && name !== 'style' && /^[a-z][a-z0-9_:-]{0,40}$/.test(name))
    .sort()
    .slice(0, 12);
  const role = el.getAttribute('role');
  return (
    el.tagName.toLowerCase() +
    classes.map((name) => `.${name}`).join('') +
    attributes.map((name) => `[${name}]`).join('') +
    (role && ROLE.test(role) ? ` role=${role}` : '')
  );
}

/** The URL's shape: host and path segments as they are (folders), tokens and addresses replaced. */
export function urlShape(url: URL): string {
  const part = (segment: string) => (segment === '' || /^[a-z]{1,12}$/.test(segment) || /^\d{1,3}$/.test(segment) ? segment : '*');
  const path = url.pathname.split('/').map(part).join('/');
  const hash = url.hash ? `#${url.hash.slice(1).split('/').map(part).join('/')}` : '';
  return `${url.host}${path}${hash}`;
}

/**
 * The structure under `root`, one line per element, indented by depth; runs of
 * siblings that look alike are one line with "×N". Elements matching `skip` (the
 * message bodies: the mail's own content) are listed, never entered.
 */
export function describeStructure(root: Element, url: URL, host: string, skip: string): string {
  const lines = [`host: ${host}`, `url: ${urlShape(url)}`, `lang: ${pageLocale(root.ownerDocument) ?? '-'}`];
  let size = lines.join('\n').length;
  let cut = false;
  const walk = (el: Element, depth: number): void => {
    const children = [...el.children].filter((child) => !SKIPPED.has(child.tagName.toUpperCase()));
    const signatures = children.map(signature);
    for (let i = 0; i < children.length && !cut; ) {
      const child = children[i]!;
      const sig = signatures[i]!;
      let run = 1;
      while (i + run < children.length && signatures[i + run] === sig) run += 1;
      const skipped = child.matches(skip);
      const line = `${'  '.repeat(depth)}${sig}${run > 1 ? ` ×${run}` : ''}${skipped ? ' (content not read)' : ''}`;
      if (size + line.length + 1 > MAX_DIAGNOSTICS - 40) {
        cut = true;
        break;
      }
      lines.push(line);
      size += line.length + 1;
      // One of a run is described: alike siblings have alike insides.
      if (!skipped && depth < MAX_DEPTH) walk(child, depth + 1);
      i += run;
    }
  };
  lines.push(signature(root));
  walk(root, 1);
  if (cut) lines.push('… (cut)');
  return lines.join('\n');
}
