import { createHash } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { TestNetwork } from './fixtures/accounts.ts';
import { ServerProcess } from './fixtures/server.ts';

const server = new ServerProcess();
test.beforeAll(async () => void (await server.start()));
test.afterAll(async () => server.dispose());

async function addInstitution(page: Page, name: string, kind: string) {
  await page.goto(`${server.url}/partners`);
  await page.getByTestId('create-institution').click();
  await page.getByLabel('Название').fill(name);
  await page.getByLabel('Вид учреждения').selectOption({ label: kind });
  await page.getByTestId('institution-save').click();
  await expect(page.getByTestId('institution-title')).toHaveText(name);
}

test('NW22 an agreement’s linked projects and events are picked by name (keyboard and tap), and its page links to them; NW23 its scan is a file kept on the device, then uploaded', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Массольд Елена');
  const page = await network.open(network.owner);
  await addInstitution(page, 'МБУДО «Юность»', 'учреждение дополнительного образования');
  await addInstitution(page, 'Библиотека им. Лиханова', 'библиотека');

  await page.goto(server.url + '/projects');
  await page.getByTestId('create-project').click();
  await page.getByTestId('project-title').fill('Музейные субботы');
  await page.getByTestId('project-save').click();
  await page.waitForURL(/\/projects\/item\?id=/);
  await page.goto(server.url + '/calendar?view=month&date=2026-11-01');
  await page.getByTestId('create-event').click();
  await page.getByTestId('event-title').fill('Творческий вечер «Мамины руки»');
  await page.getByTestId('event-start-date').fill('2026-11-26');
  await page.getByTestId('event-save').click();
  await expect(page.getByTestId('event-chip')).toContainText('Творческий вечер «Мамины руки»');

  await page.goto(`${server.url}/agreements`);
  await page.getByTestId('create-agreement').click();
  await expect(page.getByText('Идентификаторы через запятую')).toHaveCount(0);
  const parties = page.getByTestId('party-picker');
  await parties.getByLabel(/МБУДО «Юность»/).check();
  await parties.getByLabel(/Библиотека им. Лиханова/).check();
  await page.getByTestId('agreement-subject').fill('Совместные выставки и вечера');
  // The project with the keyboard: Tab reaches its box, Space ticks it.
  const project = page.getByTestId('project-picker').getByLabel('Музейные субботы');
  await project.focus();
  await page.keyboard.press('Space');
  await expect(project).toBeChecked();
  // The event by a tap on its name, with its date beside it.
  const events = page.getByTestId('event-picker');
  await expect(events).toContainText('26 ноября');
  await events.getByText('Творческий вечер «Мамины руки»').click();
  await expect(events.getByLabel(/Творческий вечер «Мамины руки»/)).toBeChecked();
  // The scan, chosen offline: kept on the device, sent when the network returns.
  await network.owner.setOffline(true);
  const scan = Buffer.from('%PDF-1.4\n% Договор о сотрудничестве № 7\n%%EOF\n');
  await page.getByTestId('agreement-scan').setInputFiles({
    name: 'Договор 7-2026.pdf',
    mimeType: 'application/pdf',
    buffer: scan
  });
  await expect(page.getByTestId('agreement-scan-chosen')).toContainText('Договор 7-2026.pdf');
  await page.getByTestId('agreement-save').click();
  await expect(page.getByTestId('agreement-scan-open')).toHaveText('Договор 7-2026.pdf');
  await expect(page.getByTestId('agreement-scan-status')).toContainText(
    'Сохранено на устройстве, отправится, когда будет сеть'
  );
  await network.owner.setOffline(false);
  await expect(page.getByTestId('agreement-scan-status')).toHaveAttribute('data-state', 'done');
  const hash = createHash('sha256').update(scan).digest('hex');
  const stored = await network.owner.request.get(
    `${server.url}/api/workspaces/${network.workspaceId}/blobs/${hash}`
  );
  expect(stored.status()).toBe(200);
  expect(Buffer.from(await stored.body())).toEqual(scan);
  const download = page.waitForEvent('download');
  await page.getByTestId('agreement-scan-open').click();
  expect((await download).suggestedFilename()).toBe('Договор 7-2026.pdf');

  await expect(page.getByTestId('agreement-projects')).toHaveText('Музейные субботы');
  await expect(page.getByTestId('agreement-events')).toHaveText('Творческий вечер «Мамины руки»');
  await page.getByTestId('agreement-projects').getByRole('link').click();
  await page.waitForURL(/\/projects\/item\?id=/);
  await expect(page.getByRole('heading', { name: 'Музейные субботы' })).toBeVisible();
  await network.owner.close();
});
