/**
 * The sidebar reads well at 320 px (issue 15): a known client's first screen at
 * 1366×768 holds what a reply needs, the text is large enough, dates stay on one
 * line, nothing spills at twice the size; a 200-person conversation folds its
 * strangers; and the folded tab still warns of an overdue check-in.
 */
import type { Frame, Locator, Page } from '@playwright/test';
import { expect, serveGmail, sidebarFrame, test } from './harness';
import { gmailDateDaysAgo, gmailThreadPage } from '../fixtures/gmail';
import { callTend, seedClient } from './data';
import { ADA, ME } from '../fixtures/people';

const SCREEN = { width: 1366, height: 768 };

/** A calendar day `days` from today, as the detail form writes it. */
function dayFromNow(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** Ada wrote 45 days ago: her check-in (every 30 days) is 15 days overdue. */
function adaThread(extraCc: { name: string; email: string }[] = []) {
  return gmailThreadPage({
    account: ME,
    subject: 'Catching up on the pricing workshop',
    threadId: '18c2f0a1b2c3d4e5',
    messages: [{ from: ADA, to: [{ name: 'me', email: ME }], cc: extraCc, date: gmailDateDaysAgo(45), messageId: '18c2f0a1b2c3d4e5' }],
  });
}

async function openGmail(page: Page, html: string): Promise<Frame> {
  serveGmail(page.context(), html);
  await page.goto('https://mail.google.com/mail/u/0/#inbox/FMfcgzQXLayout');
  const frame = await sidebarFrame(page);
  // The account address question comes once, first; a user answers it and it is gone.
  const question = frame.getByRole('region', { name: 'Your address?' });
  await question.getByRole('button', { name: "Yes, that's me" }).click();
  await expect(question).toHaveCount(0);
  return frame;
}

/** Is the element wholly inside the sidebar frame's viewport, as first shown (no scrolling)? */
async function withinFirstScreen(frame: Frame, element: Locator): Promise<boolean> {
  const frameBox = (await (await frame.frameElement()).boundingBox())!;
  const box = (await element.boundingBox())!;
  const bottom = Math.min(frameBox.y + frameBox.height, SCREEN.height);
  return box.height > 0 && box.y >= frameBox.y && box.y + box.height <= bottom && box.x >= frameBox.x && box.x + box.width <= frameBox.x + frameBox.width;
}

const fontSize = (element: Locator) => element.evaluate((node) => Number.parseFloat(getComputedStyle(node).fontSize));

test("a known client's first screen at 1366×768 holds name, company, check-in, talking points and the resource action", async ({ context, page, extensionId }) => {
  await page.setViewportSize(SCREEN);
  const ada = await seedClient(context, extensionId, { ...ADA, company: 'Analytical Engines' });
  await callTend(context, extensionId, 'addDetail', { clientId: ada, kind: 'family', text: 'Daughter Emma graduates from ETH', date: dayFromNow(4), yearly: false });
  await callTend(context, extensionId, 'addDetail', { clientId: ada, kind: 'milestone', text: 'Ten years at Analytical Engines', date: dayFromNow(9), yearly: false });
  await callTend(context, extensionId, 'addDetail', { clientId: ada, kind: 'hobby', text: 'Training for the Berlin marathon', date: null, yearly: false });
  await callTend(context, extensionId, 'addDetail', { clientId: ada, kind: 'preference', text: 'Prefers calls before 10 am', date: null, yearly: false });
  await callTend(
    context,
    extensionId,
    'saveResource',
    { url: 'https://engines.example/marathon', canonicalUrl: 'https://engines.example/marathon', title: 'How to train for your first marathon', note: 'For her Berlin block', clientIds: [ada] },
    'popup.html',
  );
  for (const text of ['Called about the workshop dates', 'Sent the agenda draft', 'Lunch near the office']) {
    await callTend(context, extensionId, 'logInteraction', { clientId: ada, kind: 'note', text }, 'sidebar.html').catch(() => undefined);
  }

  const frame = await openGmail(page, adaThread());
  const card = frame.getByRole('article', { name: ADA.name });
  const resources = card.getByRole('region', { name: `Resources to share with ${ADA.name}` });
  await expect(resources.getByRole('button', { name: 'Insert into reply' })).toBeVisible();
  await frame.evaluate(() => window.scrollTo(0, 0));

  const firstScreen = {
    name: card.getByRole('heading', { name: ADA.name, level: 1 }),
    company: card.getByText('Analytical Engines', { exact: true }),
    checkIn: card.getByText('Check-in overdue by 15 days'),
    talkingPoint: card.getByRole('region', { name: `Talking points for ${ADA.name}` }).getByRole('listitem').first(),
    secondTalkingPoint: card.getByRole('region', { name: `Talking points for ${ADA.name}` }).getByRole('listitem').nth(1),
    insert: resources.getByRole('button', { name: 'Insert into reply' }),
  };
  for (const [what, element] of Object.entries(firstScreen)) {
    await expect(element, what).toBeVisible();
    expect(await withinFirstScreen(frame, element), `${what} on the first screen`).toBe(true);
  }
  expect(await frame.evaluate(() => document.scrollingElement!.scrollTop)).toBe(0);

  // Large enough to read: the name 15 px or more, body text 13 px or more.
  expect(await fontSize(firstScreen.name)).toBeGreaterThanOrEqual(15);
  const body = [
    firstScreen.talkingPoint,
    card.locator('.detail-text').first(),
    card.locator('.interaction').first(),
    card.locator('.address').first(),
    card.locator('.interaction .kind').first(),
    card.locator('.interaction time').first(),
  ];
  for (const element of body) expect(await fontSize(element)).toBeGreaterThanOrEqual(13);

  // Dates on one line, interactions across the card's whole width.
  const interactions = card.getByRole('region', { name: `Recent interactions with ${ADA.name}` });
  await expect(interactions.getByRole('listitem')).not.toHaveCount(0);
  for (const time of await card.locator('time').all()) {
    expect(await time.evaluate((node) => node.getClientRects().length), await time.textContent() ?? '').toBe(1);
  }
  const cardWidth = (await card.boundingBox())!.width;
  expect((await interactions.boundingBox())!.width).toBeGreaterThan(cardWidth * 0.85);
  // The entry's words get the width, not a sliver beside the kind and the date.
  const summary = interactions.getByRole('link', { name: /They wrote/ });
  expect((await summary.boundingBox())!.width).toBeGreaterThan(cardWidth * 0.5);
});

test('the sidebar is usable at twice the size (the 320 px sidebar at 200 % zoom) and in dark mode', async ({ context, page, extensionId }) => {
  await page.setViewportSize(SCREEN);
  const ada = await seedClient(context, extensionId, { ...ADA, company: 'Analytical Engines' });
  await callTend(context, extensionId, 'addDetail', { clientId: ada, kind: 'family', text: 'Daughter Emma graduates from ETH', date: dayFromNow(4), yearly: false });
  const frame = await openGmail(page, adaThread([{ name: 'Charles Babbage', email: 'charles@analytical.example' }]));
  const card = frame.getByRole('article', { name: ADA.name });
  await expect(card.getByText('Check-in overdue by 15 days')).toBeVisible();

  // At 200 % the frame's 320 px hold what 160 px hold at 100 %: nothing may spill
  // sideways, and no two controls may overlap.
  await frame.evaluate(() => {
    document.documentElement.style.zoom = '2';
  });
  const layout = await frame.evaluate(() => {
    const root = document.documentElement;
    const wide = [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((node) => node.getClientRects().length > 0)
      .filter((node) => node.getBoundingClientRect().right > root.clientWidth + 1)
      .map((node) => `${node.tagName}.${node.className}: ${node.textContent?.slice(0, 30)} (${Math.round(node.getBoundingClientRect().left)}–${Math.round(node.getBoundingClientRect().right)} of ${root.clientWidth}; parent ${node.parentElement?.tagName} ${Math.round(node.parentElement!.getBoundingClientRect().right)})`);
    const controls = [...document.querySelectorAll<HTMLElement>('button, input, select, textarea, a')].filter((node) => node.getClientRects().length > 0);
    const overlaps: string[] = [];
    for (let i = 0; i < controls.length; i += 1) {
      for (let j = i + 1; j < controls.length; j += 1) {
        const a = controls[i]!.getBoundingClientRect();
        const b = controls[j]!.getBoundingClientRect();
        if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) overlaps.push(`${controls[i]!.textContent} / ${controls[j]!.textContent}`);
      }
    }
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide, overlaps };
  });
  expect(layout.wide).toEqual([]);
  expect(layout.overlaps).toEqual([]);
  expect(layout.scrollWidth).toBeLessThanOrEqual(layout.clientWidth);
  await frame.evaluate(() => {
    document.documentElement.style.zoom = '';
  });

  // Dark mode: the page's colours follow the system, light text on a dark ground.
  await page.emulateMedia({ colorScheme: 'dark' });
  const colours = await card.evaluate((node) => ({ text: getComputedStyle(node).color, ground: getComputedStyle(document.body).backgroundColor }));
  const luminance = (rgb: string) => {
    const [r, g, b] = rgb.match(/\d+/g)!.map(Number).map((c) => c! / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  expect(luminance(colours.ground)).toBeLessThan(0.05);
  const contrast = (luminance(colours.text) + 0.05) / (luminance(colours.ground) + 0.05);
  expect(contrast).toBeGreaterThanOrEqual(7);
});

test('a 200-person conversation folds the strangers into "200 other people", with a filter and Add client once expanded', async ({ context, page, extensionId }) => {
  await seedClient(context, extensionId, ADA);
  const crowd = Array.from({ length: 200 }, (_, i) => ({ name: `Person ${i}`, email: `person${i}@crowd.example` }));
  const frame = await openGmail(page, adaThread(crowd));
  await expect(frame.getByRole('article', { name: ADA.name })).toBeVisible();
  const others = frame.getByRole('region', { name: 'Not yet clients' });
  const toggle = others.getByRole('button', { name: /^200 other people/ });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(frame.getByRole('button', { name: 'Add client' })).toHaveCount(0);
  await expect(frame.getByText(/more people/)).toHaveCount(0);
  // The client comes first, above the folded list.
  expect((await frame.getByRole('article', { name: ADA.name }).boundingBox())!.y).toBeLessThan((await toggle.boundingBox())!.y);

  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(others.getByRole('button', { name: 'Add client' })).toHaveCount(200);
  await others.getByRole('searchbox', { name: 'Filter people' }).fill('Person 42');
  const row = others.locator('.person', { hasText: 'person42@crowd.example' });
  await expect(others.getByRole('button', { name: 'Add client' })).toHaveCount(1);
  await row.getByRole('button', { name: 'Add client' }).click();
  await frame.getByRole('form', { name: 'New client' }).getByRole('button', { name: 'Save client' }).click();
  await expect(frame.getByRole('article', { name: 'Person 42' })).toBeVisible();
  await expect(others.getByRole('button', { name: /^199 other people/ })).toBeVisible();
});

/** The folded tab's accessible name and whether its dot is drawn, read through DevTools (its shadow root is closed to scripts). */
async function foldedTab(page: Page): Promise<{ names: string[]; dot: boolean }> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: { role?: { value: string }; name?: { value: string }; ignored: boolean }[] };
    const names = nodes.filter((node) => !node.ignored && node.role?.value === 'button' && /Tend/.test(node.name?.value ?? '')).map((node) => node.name!.value);
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: { nodeId: number } };
    const { nodeIds } = (await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector: 'tend-sidebar' })) as { nodeIds: number[] };
    const { node } = (await cdp.send('DOM.describeNode', { nodeId: nodeIds[0]!, depth: -1, pierce: true })) as { node: { backendNodeId: number; shadowRoots?: unknown[] } };
    const find = (tree: { backendNodeId: number; attributes?: string[]; children?: unknown[]; shadowRoots?: unknown[] }): number | null => {
      const attributes = tree.attributes ?? [];
      if (attributes[attributes.indexOf('class') + 1] === 'dot' && attributes.includes('class')) return tree.backendNodeId;
      for (const child of [...(tree.shadowRoots ?? []), ...(tree.children ?? [])] as (typeof tree)[]) {
        const found = find(child);
        if (found !== null) return found;
      }
      return null;
    };
    const dotId = find(node);
    let dot = false;
    if (dotId !== null) {
      const model = await cdp.send('DOM.getBoxModel', { backendNodeId: dotId }).catch(() => null);
      dot = model !== null && (model as { model: { width: number; height: number } }).model.width > 0;
    }
    return { names, dot };
  } finally {
    await cdp.detach();
  }
}

test('the folded sidebar still warns: "Tend: check-in overdue" and a dot, gone once checked in', async ({ context, page, extensionId }) => {
  await seedClient(context, extensionId, ADA);
  const frame = await openGmail(page, adaThread());
  const card = frame.getByRole('article', { name: ADA.name });
  await expect(card.getByText('Check-in overdue by 15 days')).toBeVisible();
  expect((await foldedTab(page)).names).toEqual(['Collapse the Tend sidebar']);

  // Folded (a real click on the tab's place: its shadow root is closed).
  await page.mouse.click(page.viewportSize()!.width - 320 + 14, 20);
  await expect.poll(async () => (await foldedTab(page)).names).toEqual(['Tend: check-in overdue']);
  expect((await foldedTab(page)).dot).toBe(true);

  // Still folded after a reload: the warning comes back without opening the sidebar.
  await page.reload();
  await sidebarFrame(page);
  await expect.poll(async () => foldedTab(page)).toEqual({ names: ['Tend: check-in overdue'], dot: true });

  // Opened, Checked in, folded again: nothing to warn of.
  await page.mouse.click(page.viewportSize()!.width - 14, 20);
  await expect.poll(async () => (await foldedTab(page)).names).toEqual(['Collapse the Tend sidebar']);
  const again = await sidebarFrame(page);
  await again.getByRole('article', { name: ADA.name }).getByRole('button', { name: 'Checked in' }).click();
  await expect(again.getByRole('article', { name: ADA.name }).getByText(/Next check-in/)).toBeVisible();
  await page.mouse.click(page.viewportSize()!.width - 320 + 14, 20);
  await expect.poll(async () => foldedTab(page)).toEqual({ names: ['Open the Tend sidebar'], dot: false });
});
