import { expect, test, type Page } from '@playwright/test';
import { TestNetwork } from './fixtures/accounts.ts';
import { openSection, waitAllSaved } from './fixtures/app.ts';
import { ServerProcess } from './fixtures/server.ts';

const server = new ServerProcess();
test.beforeAll(async () => void (await server.start()));
test.afterAll(async () => server.dispose());

async function addInstitution(page: Page, name: string, kind: string, website = '') {
  await openSection(page, 'Партнёры');
  await page.getByTestId('create-institution').click();
  await page.getByLabel('Название').fill(name);
  await page.getByLabel('Вид учреждения').selectOption({ label: kind });
  if (website) await page.getByLabel('Сайт').fill(website);
  await page.getByTestId('institution-save').click();
  await expect(page.getByTestId('institution-title')).toHaveText(name);
  return new URL(page.url()).searchParams.get('id')!;
}

test('NW15 two institutions and an agreement between them: listed, on the map, and the referenced one cannot be deleted', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Массольд Елена');
  const page = await network.open(network.owner);
  // Deleting asks first; the person confirms.
  page.on('dialog', (dialog) => void dialog.accept());
  await expect(page.getByTestId('menu-button')).toBeVisible();

  // The form says what is wrong, in Russian, and keeps the person on it.
  await openSection(page, 'Партнёры');
  await expect(page.getByText('Учреждений пока нет')).toBeVisible();
  await page.getByTestId('create-institution').click();
  await page.getByLabel('Сайт').fill('javascript:alert(1)');
  await page.getByTestId('institution-save').click();
  await expect(page.getByText('Укажите название учреждения')).toBeVisible();
  await expect(page.getByText(/Сайт должен быть адресом в интернете/)).toBeVisible();

  const yunost = await addInstitution(
    page,
    'МБУДО «Юность»',
    'учреждение дополнительного образования',
    'yunost-belgorod.ru'
  );
  // A bare address became an https link.
  await expect(page.getByRole('link', { name: 'https://yunost-belgorod.ru' })).toHaveAttribute(
    'href',
    'https://yunost-belgorod.ru'
  );
  const library = await addInstitution(page, 'Библиотека им. Лиханова', 'библиотека');

  // Filters: by kind.
  await openSection(page, 'Партнёры');
  await expect(page.getByTestId('institution-row')).toHaveCount(2);
  await page.getByTestId('filter-kind').selectOption({ label: 'библиотека' });
  await expect(page.getByTestId('institution-row')).toHaveCount(1);
  await expect(page.getByTestId('institution-row')).toContainText('Библиотека им. Лиханова');

  // An agreement needs two parties.
  await openSection(page, 'Договоры');
  await page.getByTestId('create-agreement').click();
  const picker = page.getByTestId('party-picker');
  await picker.getByLabel(/МБУДО «Юность»/).check();
  await page.getByTestId('agreement-subject').fill('Творческие вечера в библиотеке');
  await page.getByTestId('agreement-save').click();
  await expect(page.getByText('Выберите не меньше двух сторон договора')).toBeVisible();
  await picker.getByLabel(/Библиотека им. Лиханова/).check();
  await page.getByTestId('agreement-number').fill('7/2026');
  await page.getByTestId('agreement-status').selectOption({ label: 'действует' });
  await page.getByTestId('agreement-signed').fill('2026-01-15');
  await page.getByTestId('agreement-expires').fill('2027-01-14');
  await page.getByTestId('agreement-save').click();
  await expect(page.getByTestId('agreement-title')).toHaveText(
    '№ 7/2026. Творческие вечера в библиотеке'
  );
  await expect(page.getByTestId('agreement-parties')).toContainText('МБУДО «Юность»');
  await expect(page.getByTestId('agreement-parties')).toContainText('Библиотека им. Лиханова');
  await expect(page.getByTestId('agreement-details')).toContainText('15 января 2026 г.');

  await openSection(page, 'Договоры');
  await expect(page.getByTestId('agreement-row')).toHaveCount(1);
  await expect(page.getByTestId('agreement-row')).toContainText('действует');

  // The map draws both institutions and the tie between them.
  await openSection(page, 'Карта сети');
  const map = page.getByTestId('network-map');
  await expect(map).toHaveAttribute('data-ready', 'true');
  await expect(map).toHaveAttribute('data-node-count', '2');
  await expect(map).toHaveAttribute('data-edge-count', '1');
  await expect(map.locator('canvas').first()).toBeVisible();
  await expect(page.getByTestId('map-node')).toHaveCount(2);
  await expect(page.getByTestId('map-node').first()).toContainText('1 связь');
  // Filtering by kind leaves one node and no tie.
  await page.getByTestId('map-kind').selectOption({ label: 'музей' });
  await expect(map).toHaveAttribute('data-node-count', '0');
  await page.getByTestId('map-kind').selectOption({ label: 'библиотека' });
  await expect(map).toHaveAttribute('data-node-count', '1');
  await expect(map).toHaveAttribute('data-edge-count', '0');

  // The report counts the agreement and the partner.
  await openSection(page, 'Отчёт');
  await page.getByTestId('report-institution').selectOption({ label: 'МБУДО «Юность»' });
  await page.getByTestId('report-year').selectOption('2026');
  const summary = page.getByTestId('report-summary');
  await expect(summary.locator('tr[data-kind="partners"] td')).toHaveText('1');
  await expect(summary.locator('tr[data-kind="agreement"] td')).toHaveText('1');

  // Deleting a party of the agreement is refused, and archiving is offered instead.
  await page.goto(`${network.baseUrl}/partners/item?id=${library}`);
  await page.getByTestId('institution-delete').click();
  const refused = page.getByTestId('delete-refused');
  await expect(refused).toContainText(
    'Нельзя удалить «Библиотека им. Лиханова»: на него ссылается 1 запись'
  );
  await refused.getByTestId('archive-instead').click();
  await expect(page.getByTestId('institution-title')).toContainText('В архиве');

  // Once the agreement is gone, nothing refers to the other party and it can be deleted.
  await openSection(page, 'Договоры');
  await page.getByTestId('agreement-row').getByRole('link').click();
  await page.getByRole('button', { name: 'Удалить договор' }).click();
  await expect(page.getByText('Договоров пока нет.')).toBeVisible();
  await page.goto(`${network.baseUrl}/partners/item?id=${yunost}`);
  await expect(page.getByTestId('institution-title')).toHaveText('МБУДО «Юность»');
  await page.getByTestId('institution-delete').click();
  await page.waitForURL(/\/partners$/);
  await page.getByLabel('Показывать архивные').check();
  await expect(page.getByTestId('institution-row')).toHaveCount(1);
  await expect(page.getByTestId('institution-row')).toContainText('В архиве');
  await waitAllSaved(page);
  await network.owner.close();
});

test('NW16 a viewer reads the directory and cannot change it', async ({ browser }) => {
  const network = await TestNetwork.create(browser, server.url, 'Лобанова Людмила');
  const owner = await network.open(network.owner);
  await addInstitution(owner, 'Музей народной культуры', 'музей');
  await waitAllSaved(owner);

  const viewer = await network.open(await network.join('Юрченко Ольга', 'viewer'), '/partners');
  await expect(viewer.getByTestId('institution-row')).toContainText('Музей народной культуры');
  await expect(viewer.getByTestId('create-institution')).toHaveCount(0);
  await viewer.getByRole('link', { name: 'Музей народной культуры' }).click();
  await expect(viewer.getByTestId('institution-title')).toHaveText('Музей народной культуры');
  await expect(viewer.getByTestId('institution-edit')).toHaveCount(0);
  await expect(viewer.getByTestId('institution-delete')).toHaveCount(0);
  await network.owner.close();
});

test('NW18 a refused form moves to its first wrong field and ties each error to its field', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Лобанова Анна');
  const page = await network.open(network.owner);
  await openSection(page, 'Партнёры');
  await page.getByTestId('create-institution').click();
  await page.getByLabel('Сайт').fill('javascript:alert(1)');
  await page.getByTestId('institution-save').click();

  const name = page.getByTestId('institution-name');
  await expect(name).toBeFocused();
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toHaveAccessibleDescription('Укажите название учреждения');
  // The error describes the field; it is not part of its name.
  await expect(name).toHaveAccessibleName('Название');
  await expect(page.getByTestId('institution-website')).toHaveAccessibleDescription(
    /Сайт должен быть адресом в интернете/
  );
  await expect(page.getByLabel('Адрес')).not.toHaveAttribute('aria-invalid');

  // On a phone the form, its long options and errors included, never scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth
  );
  expect(overflow).toBeLessThanOrEqual(0);

  // Once fixed, the field loses its mark and its description.
  await name.fill('МБУДО «Юность»');
  await page.getByLabel('Сайт').fill('yunost-belgorod.ru');
  await page.getByTestId('institution-save').click();
  await expect(page.getByTestId('institution-title')).toHaveText('МБУДО «Юность»');

  // A choice of several boxes is described as a whole: its hint, then its problem.
  await openSection(page, 'Договоры');
  await page.getByTestId('create-agreement').click();
  await page.getByTestId('agreement-save').click();
  await expect(page.getByTestId('agreement-subject')).toBeFocused();
  await expect(page.getByRole('group', { name: 'Стороны договора' })).toHaveAccessibleDescription(
    'Выберите два учреждения или больше Выберите не меньше двух сторон договора'
  );
  await page.getByTestId('agreement-subject').fill('Творческие вечера');
  await expect(page.getByTestId('agreement-subject')).toHaveAttribute('aria-invalid', 'true');
  await network.owner.close();
});

test('NW24 the home page flags an agreement in force that runs out within 60 days, with its parties', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Массольд Елена');
  const page = await network.open(network.owner);
  await addInstitution(page, 'МБУДО «Юность»', 'учреждение дополнительного образования');
  await addInstitution(page, 'Библиотека им. Лиханова', 'библиотека');
  // Nothing runs out yet: no flag.
  await openSection(page, 'Документы');
  await expect(page.getByTestId('create-document')).toBeVisible();
  await expect(page.getByTestId('expiring-agreements')).toHaveCount(0);

  const inThirtyDays = await page.evaluate(() => {
    const day = new Date();
    day.setDate(day.getDate() + 30);
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
  });
  await openSection(page, 'Договоры');
  await page.getByTestId('create-agreement').click();
  const picker = page.getByTestId('party-picker');
  await picker.getByLabel(/МБУДО «Юность»/).check();
  await picker.getByLabel(/Библиотека им. Лиханова/).check();
  await page.getByTestId('agreement-subject').fill('Творческие вечера в библиотеке');
  await page.getByTestId('agreement-status').selectOption({ label: 'действует' });
  await page.getByTestId('agreement-signed').fill('2026-01-15');
  await page.getByTestId('agreement-expires').fill(inThirtyDays);
  await page.getByTestId('agreement-save').click();
  await expect(page.getByTestId('agreement-title')).toHaveText('Творческие вечера в библиотеке');

  await openSection(page, 'Документы');
  const flag = page.getByTestId('expiring-agreements');
  await expect(flag).toContainText('Скоро истекают договоры');
  await expect(flag.getByRole('link', { name: 'Творческие вечера в библиотеке' })).toBeVisible();
  await expect(flag).toContainText('МБУДО «Юность»');
  await expect(flag).toContainText('Библиотека им. Лиханова');
  await expect(flag).toContainText('30 дней');
  await network.owner.close();
});
