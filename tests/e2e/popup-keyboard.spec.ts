/**
 * The save popup from the keyboard alone (issue 15, item 10), with the production
 * manifest: the toolbar button pressed on an article, focus already in "Find a
 * client", the arrows and Space or Enter to pick, Ctrl+Enter to save; the error
 * "Pick at least one client" goes as soon as someone is picked; at most 8 Tab
 * stops from the search to Save.
 */
import { readFileSync } from 'node:fs';
import { expect, pressToolbarButton, servePage, test } from './harness';
import { readTable, seedClient } from './data';

const ARTICLE_HTML = readFileSync(new URL('../fixtures/articles/running-marathon-training.html', import.meta.url), 'utf8');
const ARTICLE_TITLE = 'How to train for your first marathon without getting hurt';
const ARTICLE_URL = 'https://www.strideweekly.example/training/first-marathon-plan';

test('the popup saves for two clients from the keyboard alone', async ({ context, page, cdp, extensionId }) => {
  const ada = await seedClient(context, extensionId, { name: 'Ada Lovelace', email: 'ada@analytical.example', company: 'Analytical Engines' });
  const grace = await seedClient(context, extensionId, { name: 'Grace Hopper', email: 'grace@navy.example', company: 'US Navy' });
  servePage(context, ARTICLE_URL, ARTICLE_HTML);
  await page.goto(ARTICLE_URL);
  const popup = await pressToolbarButton(cdp, extensionId, ARTICLE_URL);
  await expect(popup.getByRole('heading', { name: ARTICLE_TITLE })).toBeVisible();
  const search = popup.getByRole('searchbox', { name: 'Find a client' });
  const picker = popup.getByRole('group', { name: 'Clients' });
  await expect(picker.getByRole('checkbox')).toHaveCount(2);
  await expect(search).toBeFocused();

  // Saving with nobody picked says so, and keeps focus in the search.
  await popup.keyboard.press('Control+Enter');
  const error = popup.getByRole('alert');
  await expect(error).toHaveText('Pick at least one client.');
  await expect(search).toBeFocused();

  // Type to find Grace, Enter picks her: the error goes at once.
  await popup.keyboard.type('navy');
  await popup.keyboard.press('Enter');
  await expect(error).toHaveCount(0);
  await expect(popup.getByRole('list', { name: 'Chosen clients' })).toContainText('Grace Hopper');
  await expect(search).toHaveValue('');

  // Down into the matches, Space picks Ada.
  await popup.keyboard.press('ArrowDown');
  const adaBox = picker.getByRole('checkbox', { name: /Ada Lovelace/ });
  await expect(adaBox).toBeFocused();
  await popup.keyboard.press('Space');
  await expect(adaBox).toBeChecked();

  // From the search, Tab reaches Save in at most 8 stops.
  await search.focus();
  const save = popup.getByRole('button', { name: /^Save/ });
  let stops = 0;
  while (!(await save.evaluate((button) => button === document.activeElement)) && stops < 20) {
    await popup.keyboard.press('Tab');
    stops += 1;
  }
  expect(stops).toBeLessThanOrEqual(8);
  await expect(save).toBeFocused();

  // A private note, then Ctrl+Enter from the note saves.
  await popup.getByRole('textbox', { name: /Private note/ }).focus();
  await popup.keyboard.type('For the Berlin block');
  await popup.keyboard.press('Control+Enter');
  await expect(popup.getByRole('status')).toContainText('Saved for Grace Hopper, Ada Lovelace');

  const stored = await readTable<{ clientIds: string[] }>(context, extensionId, 'resources');
  expect(stored).toHaveLength(1);
  expect(stored[0]!.clientIds.sort()).toEqual([ada, grace].sort());
});
