/**
 * What a mail page (or a script in it) can and cannot do to Tend: it cannot read
 * client data, cannot make the extension write anything, and hostile content in
 * the conversation shows as text.
 */
import type { Frame, Page } from '@playwright/test';
import { expect, serveGmail, sidebarFrame, test, watchTrustedTypes } from './harness';
import { gmailThreadPage, type GmailThreadOptions } from '../fixtures/gmail';
import { readTable, tableCounts } from './data';

const ME = 'me@consulting.example';
const ADA = { name: 'Ada Lovelace', email: 'ada@analytical.example' };
const SECRET = 'Secret: her son Byron starts at Cambridge';

const thread: GmailThreadOptions = {
  account: ME,
  subject: 'Pricing workshop',
  threadId: '18c2f0a1b2c3d4e5',
  messages: [{ from: ADA, to: [{ name: 'me', email: ME }], date: 'Mon, Oct 5, 2026, 3:42 PM', messageId: '18c2f0a1b2c3d4e5' }],
};

async function openWithClientAndSecret(page: Page): Promise<Frame> {
  serveGmail(page.context(), gmailThreadPage(thread));
  await page.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXJWDsKmGkTqLvHZbPZ');
  const frame = await sidebarFrame(page);
  await frame.locator('.person', { hasText: ADA.name }).getByRole('button', { name: 'Add client' }).click();
  await frame.getByRole('form', { name: 'New client' }).getByRole('button', { name: 'Save client' }).click();
  const card = frame.getByRole('article', { name: ADA.name });
  await card.getByRole('button', { name: 'Add detail' }).click();
  await card.getByRole('textbox', { name: 'Detail' }).fill(SECRET);
  await card.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(card.getByText(SECRET)).toBeVisible();
  return frame;
}

test('a page script that walks the DOM and every reachable shadow root finds no client data', async ({ page }) => {
  await openWithClientAndSecret(page);
  const found = await page.evaluate(() => {
    const texts: string[] = [];
    const walk = (root: Document | ShadowRoot | Element) => {
      for (const element of root.querySelectorAll('*')) {
        texts.push(element.textContent ?? '', ...element.getAttributeNames().map((name) => element.getAttribute(name) ?? ''));
        if (element.shadowRoot) walk(element.shadowRoot); // open roots only: closed ones are null here
      }
    };
    walk(document);
    const frames: string[] = [];
    for (let i = 0; i < window.frames.length; i += 1) {
      try {
        frames.push(window.frames[i]!.document.body.innerText);
      } catch {
        frames.push('<cross-origin>');
      }
    }
    return { texts: texts.join('\n'), frames, storage: JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }) };
  });
  // The walk did see the page (so it could have found data had it been there)…
  expect(found.texts).toContain('Pricing workshop');
  // …but nothing of the client's details. The sidebar frame sits in a closed shadow
  // root, so the page does not even get a window handle for it (window.frames
  // leaves out frames in shadow trees); were it reachable it would be cross-origin.
  expect(found.texts).not.toContain('Byron');
  expect(found.frames).toEqual([]);
  expect(found.storage).not.toContain('Byron');
});

test('a postMessage and fake-event storm from the page writes nothing', async ({ context, page, extensionId }) => {
  const frame = await openWithClientAndSecret(page);
  const before = await tableCounts(context, extensionId);
  const clientsBefore = await readTable(context, extensionId, 'clients');
  // The page cannot even address the sidebar's frame: it sits in a closed shadow
  // root, and window.frames lists no frame of a shadow tree. So the storm goes where
  // the page can send it, the window Tend's content script listens on, and is
  // counted there, so the test knows it arrived before it says it did nothing.
  expect(await page.evaluate(() => window.frames.length)).toBe(0);
  await page.evaluate(() => {
    const counter = { received: 0 };
    Object.assign(window, { tendStorm: counter });
    window.addEventListener('message', () => void (counter.received += 1));
  });

  await page.evaluate(() => {
    const forged = [
      { tend: 1, name: 'createClient', data: { name: 'Mallory', email: 'mallory@evil.example' } },
      { tend: 1, name: 'addDetail', data: { clientId: 'x', kind: 'other', text: 'planted' } },
      { tend: 1, name: 'deleteDetail', data: { id: 'x' } },
      { tend: 1, name: 'threadChanged', data: { snapshot: null, frameToken: 'forged-token-0000000000' } },
      { type: 'tend-frame-token', token: 'forged-token-0000000000' },
      { type: 'changed' },
    ];
    for (let i = 0; i < 500; i += 1) {
      for (const message of forged) {
        window.postMessage(message, '*');
      }
    }
    // Synthetic events: a fake navigation and clicks everywhere.
    window.dispatchEvent(new HashChangeEvent('hashchange'));
    window.dispatchEvent(new PopStateEvent('popstate'));
    // Clicks at the sidebar's toggle and on whatever element the page can reach there
    // (only the shadow host: the toggle itself is inside the closed root).
    const atToggle = document.elementFromPoint(window.innerWidth - 306, 20);
    for (const target of [atToggle, document.querySelector('tend-sidebar'), document.body]) {
      target?.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, clientX: window.innerWidth - 306, clientY: 20 }));
    }
  });
  // Every forged message was delivered (500 rounds of 6)…
  await expect.poll(() => page.evaluate(() => (window as unknown as { tendStorm: { received: number } }).tendStorm.received)).toBe(3000);

  // …and changed nothing.
  expect(await tableCounts(context, extensionId)).toEqual(before);
  expect(await readTable(context, extensionId, 'clients')).toEqual(clientsBefore);
  // The sidebar still shows the real conversation (its token was not replaced).
  await expect(frame.getByRole('article', { name: ADA.name }).getByText(SECRET)).toBeVisible();
  // A synthetic click on the sidebar's host did not fold it (it never reaches the
  // toggle's listener: the next test clicks the toggle itself).
  expect(await page.evaluate(() => getComputedStyle(document.documentElement).marginRight)).toBe('320px');
});

test('a synthetic click on the sidebar toggle itself does not fold it; a real click does', async ({ page }) => {
  await openWithClientAndSecret(page);
  const marginOf = () => page.evaluate(() => getComputedStyle(document.documentElement).marginRight);
  expect(await marginOf()).toBe('320px');
  // The toggle is in a closed shadow root, out of a page script's reach. A page that
  // got hold of it anyway (the DevTools protocol pierces closed roots) hands it to
  // the page's own world and clicks it there: the click event does reach the
  // content script's listener, untrusted, so only the isTrusted guard stops it.
  const cdp = await page.context().newCDPSession(page);
  type DomNode = { nodeId: number; backendNodeId: number; localName?: string; attributes?: string[]; children?: DomNode[]; shadowRoots?: DomNode[] };
  const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  const find = (node: DomNode, inHost: boolean): DomNode | undefined => {
    if (inHost && node.localName === 'button') return node;
    for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) {
      const found = find(child, inHost || node.localName === 'tend-sidebar');
      if (found) return found;
    }
    return undefined;
  };
  const toggle = find(root, false);
  expect(toggle).toBeDefined();
  const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId: toggle!.backendNodeId })) as { object: { objectId: string } };
  const { result } = (await cdp.send('Runtime.callFunctionOn', {
    objectId: object.objectId,
    // One click only: a second would fold it back and hide a missing guard.
    functionDeclaration: `function () {
      const label = this.getAttribute('aria-label');
      this.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      return label;
    }`,
    returnByValue: true,
  })) as { result: { value: string } };
  // It was the toggle that was clicked…
  expect(result.value).toBe('Collapse the Tend sidebar');
  await page.waitForTimeout(500);
  // …and the sidebar did not fold.
  expect(await marginOf()).toBe('320px');
  // The same handler folds it on a real click: the guarded path was reached above.
  await page.mouse.click(page.viewportSize()!.width - 320 + 14, 20);
  await expect.poll(marginOf).toBe('28px');
});

test('a sidebar frame the page makes itself shows nothing and is answered nothing', async ({ page, extensionId }) => {
  const ours = await openWithClientAndSecret(page);
  await page.evaluate((id) => {
    const frame = document.createElement('iframe');
    frame.src = `chrome-extension://${id}/sidebar.html`;
    frame.id = 'page-made';
    document.body.append(frame);
  }, extensionId);
  await expect.poll(() => page.frames().filter((f) => f.url().includes('/sidebar.html')).length).toBe(2);
  const made = page.frames().find((f) => f.url().includes('/sidebar.html') && f !== ours)!;

  // Without any token: the neutral state only, no search box, no "Your addresses".
  await expect(made.getByText('Nothing to show here.')).toBeVisible();
  // The page even posts a guessed token to it, again and again: a message posted
  // before the frame's script listens is lost, and a persistent page would retry.
  const postGuess = () =>
    page.evaluate(() => {
      const frame = document.getElementById('page-made') as HTMLIFrameElement;
      frame.contentWindow!.postMessage({ type: 'tend-frame-token', token: 'guessed-token-000000000000' }, '*');
    });
  for (let i = 0; i < 5; i += 1) {
    await postGuess();
    await page.waitForTimeout(100);
  }
  await expect(made.getByText('Nothing to show here.')).toBeVisible();
  expect(await made.evaluate(() => document.body.innerText)).not.toMatch(/Byron|Ada|Open a conversation|Your addresses/);
  await expect(made.getByRole('searchbox')).toHaveCount(0);
  await expect(made.getByRole('group')).toHaveCount(0);

  // Were its script to ask anyway, with or without a guessed token, the background answers nothing.
  const asked = await made.evaluate(async () => {
    const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; error?: string }> } } }).chrome.runtime;
    const requests = [
      { name: 'getSidebarView', data: { frameToken: 'guessed-token-000000000000' } },
      { name: 'getSettings', data: {} },
      { name: 'search', data: { query: 'Byron' } },
      { name: 'createClient', data: { name: 'Mallory', email: null } },
    ];
    const replies = [];
    for (const request of requests) {
      replies.push(await runtime.sendMessage({ tend: 1, ...request }));
      replies.push(await runtime.sendMessage({ tend: 1, ...request, frameToken: 'guessed-token-000000000000' }));
    }
    return replies;
  });
  expect(asked).toEqual(Array(8).fill({ ok: false, error: 'Not allowed from here.' }));

  // Our own frame still shows the client.
  await expect(ours.getByRole('article', { name: ADA.name }).getByText(SECRET)).toBeVisible();
});

test('hostile names and subjects show as text; 200 participants stay usable', async ({ page }) => {
  const trustedTypes = await watchTrustedTypes(page);
  const hostileName = '<img src=x onerror="window.__pwned=1">Eve';
  const many = Array.from({ length: 200 }, (_, i) => ({ name: `Person ${i}`, email: `person${i}@crowd.example` }));
  serveGmail(
    page.context(),
    gmailThreadPage({
      account: ME,
      subject: '<script>window.__pwned=2</script>Quarterly <b>review</b>',
      threadId: '18c2f0a1b2c3d4e9',
      messages: [
        // No ids either: Gmail's hex id would give the time (issue 14) and hide the unreadable date.
        { from: { name: hostileName, email: 'eve@evil.example' }, to: [{ name: 'me', email: ME }, ...many], date: 'not a date at all', messageId: '18c2f0a1b2c3d4e9', omitIds: true },
        { from: { name: null, email: null }, to: [{ name: 'Nobody', email: null }], date: 'Mon, Oct 5, 2026, 3:42 PM', messageId: '18c2f0a1b2c3d4ea' },
      ],
    }),
  );
  await page.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXHostile');
  const frame = await sidebarFrame(page);
  // Everyone but the user is counted, folded into one button until asked for.
  await frame.getByRole('button', { name: /^201 other people/ }).click();
  const eve = frame.locator('.person', { hasText: 'eve@evil.example' });
  await expect(eve.getByText(hostileName)).toBeVisible();
  await expect(frame.locator('img')).toHaveCount(0);
  await expect(frame.getByRole('button', { name: 'Add client' })).toHaveCount(201);

  await eve.getByRole('button', { name: 'Add client' }).click();
  await frame.getByRole('form', { name: 'New client' }).getByRole('button', { name: 'Save client' }).click();
  const card = frame.getByRole('article', { name: hostileName });
  await expect(card).toBeVisible();
  // The unreadable date is kept as "seen", flagged, not a crash.
  await expect(card.getByRole('listitem').first()).toContainText('seen today');

  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await frame.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  await trustedTypes.settle();
  expect(trustedTypes.violations).toEqual([]);
});
