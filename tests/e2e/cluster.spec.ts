/**
 * Several instances behind nginx (deploy/nginx/uzel.conf), in Chromium, as issue 15 deploys them:
 * two `server/index.ts` processes on one PostgreSQL database and one Redis of the file's own, TLS
 * ended by nginx with a throwaway certificate. Everything starts once for the file.
 *
 * People reach a chosen instance through its pinned address (nginx sends it there while it lives,
 * to the other one when it dies), so "on different instances" does not depend on round-robin.
 *
 * The browser trusts exactly the test certificate (by its public key), not every certificate: a
 * page with a certificate error is not a secure context for the service worker, and the app would
 * not be what people run.
 */
import {
  chromium,
  expect,
  test,
  type Browser,
  type BrowserContext,
  type Page
} from '@playwright/test';
import { createHash, createPublicKey } from 'node:crypto';
import { chromiumLaunchOptions } from '../../scripts/chromium.js';
import { startCluster, type Cluster } from '../cluster/cluster.ts';
import { storedDocumentText } from '../cluster/storedDocument.ts';
import { acceptInvite, createInvite, createWorkspace, signUp } from './fixtures/accounts.ts';
import {
  createDocument,
  editorText,
  insertParagraphAtEnd,
  status,
  waitAllSaved,
  waitForServiceWorker
} from './fixtures/app.ts';

let cluster: Cluster;
let browser: Browser;

/** Chromium's `--ignore-certificate-errors-spki-list` names a certificate by its key's hash. */
function spkiHash(pem: string): string {
  const der = createPublicKey(pem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64');
}

test.beforeAll(async () => {
  // Two instances, nginx, PostgreSQL and Redis on a shared 2-core machine.
  test.setTimeout(180_000);
  cluster = await startCluster({ instances: 2 });
  browser = await chromium.launch({
    ...chromiumLaunchOptions,
    args: [
      ...chromiumLaunchOptions.args,
      `--ignore-certificate-errors-spki-list=${spkiHash(cluster.certificate.pem)}`
    ]
  });
});
test.afterAll(async () => {
  test.setTimeout(60_000);
  await browser?.close();
  await cluster?.stop();
});

const pinned = (instance: number) => cluster.nginx.pinnedUrl(instance);

const contextOptions = {
  // For the API requests the tests make from Node (sign-up, invites), which cannot be given a
  // certificate to trust; the pages trust the test certificate through the launch flag above.
  ignoreHTTPSErrors: true,
  viewport: { width: 1024, height: 768 },
  locale: 'ru-RU',
  timezoneId: 'Europe/Moscow'
};

/** An owner with a workspace of their own (registered through instance 0) and the people who join it. */
async function team(ownerName: string, members: { name: string; role: 'editor' | 'viewer' }[]) {
  const base = pinned(0);
  const owner = await browser.newContext(contextOptions);
  await signUp(owner, base, ownerName);
  const workspaceId = await createWorkspace(owner, base, 'Сеть учреждений Белгорода');
  const joined: BrowserContext[] = [];
  for (const member of members) {
    const context = await browser.newContext(contextOptions);
    await signUp(context, base, member.name);
    await acceptInvite(context, base, await createInvite(owner, base, workspaceId, member.role));
    joined.push(context);
  }
  return { owner, members: joined, workspaceId };
}

async function open(context: BrowserContext, instance: number, path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(pinned(instance) + path);
  return page;
}

/** The document's text as PostgreSQL holds it. */
const stored = (workspaceId: string, docId: string) =>
  storedDocumentText(cluster.database.url, `${workspaceId}/${docId}`);

/**
 * Records, in the page, every change of the sync badge's connection state with the time it
 * happened, so a test can tell how long a reconnection took even when it is quicker than a poll.
 */
async function recordConnection(page: Page): Promise<void> {
  await page.evaluate(() => {
    const badge = document.querySelector('[data-testid="sync-status"]')!;
    const seen: { state: string; at: number }[] = [];
    (window as unknown as { connectionLog: typeof seen }).connectionLog = seen;
    new MutationObserver(() =>
      seen.push({ state: badge.getAttribute('data-connection') ?? '', at: Date.now() })
    ).observe(badge, { attributes: true, attributeFilter: ['data-connection'] });
  });
}

/** When the page was online again after having lost its connection, or null so far. */
async function backOnlineAt(page: Page): Promise<number | null> {
  return page.evaluate(() => {
    const seen = (window as unknown as { connectionLog: { state: string; at: number }[] })
      .connectionLog;
    const lost = seen.findIndex((entry) => entry.state !== 'online');
    if (lost < 0) return null;
    return seen.slice(lost).find((entry) => entry.state === 'online')?.at ?? null;
  });
}

test('CL4 two people on different instances co-edit one document through nginx and see each other’s text and named carets', async () => {
  const { owner, members, workspaceId } = await team('Анна Лобанова', [
    { name: 'Борис Юрченко', role: 'editor' }
  ]);
  const anna = await open(owner, 0, '/');
  // The app is what people run: behind nginx's TLS the page is a secure context with its worker.
  await waitForServiceWorker(anna);
  const id = await createDocument(anna, 'План дня партнёрского взаимодействия');
  await insertParagraphAtEnd(anna, 'Открытие в библиотеке им. Лиханова.');
  const boris = await open(members[0]!, 1, `/doc?id=${id}`);
  await expect.poll(() => editorText(boris)).toContain('Открытие в библиотеке им. Лиханова.');

  await Promise.all([
    insertParagraphAtEnd(anna, 'Анна: выставка работ учащихся.'),
    insertParagraphAtEnd(boris, 'Борис: мастер-класс в краеведческом музее.')
  ]);
  for (const page of [anna, boris]) {
    await expect.poll(() => editorText(page)).toContain('Анна: выставка работ учащихся.');
    await expect.poll(() => editorText(page)).toContain('Борис: мастер-класс');
  }
  expect(await editorText(anna)).toBe(await editorText(boris));

  // Carets cross instances over Redis, under the authenticated names.
  await boris.evaluate(() => {
    const el = document.querySelector('.ProseMirror') as HTMLElement & { editor?: any };
    el.editor.commands.focus('end');
  });
  await anna.evaluate(() => {
    const el = document.querySelector('.ProseMirror') as HTMLElement & { editor?: any };
    el.editor.commands.focus('start');
  });
  await expect(
    anna.locator('.collaboration-carets__label', { hasText: 'Борис Юрченко' })
  ).toBeVisible();
  await expect(
    boris.locator('.collaboration-carets__label', { hasText: 'Анна Лобанова' })
  ).toBeVisible();

  // Each person's pages were served by their own instance.
  const served = cluster.nginx.upstreamsServed();
  const byPort = (instance: number) =>
    new Set(
      served
        .filter((entry) => entry.listenPort === Number(new URL(pinned(instance)).port))
        .map((entry) => entry.upstream)
    );
  expect([...byPort(0)]).toEqual([cluster.instances[0]!.address]);
  expect([...byPort(1)]).toEqual([cluster.instances[1]!.address]);

  await waitAllSaved(anna);
  await waitAllSaved(boris);
  const text = await stored(workspaceId, id);
  expect(text).toContain('Анна: выставка работ учащихся.');
  expect(text).toContain('Борис: мастер-класс в краеведческом музее.');
  await owner.close();
  await members[0]!.close();
});

test('CL5 a role downgrade made on one instance is enforced at once on the other', async () => {
  const { owner, members } = await team('Анна Лобанова', [
    { name: 'Борис Юрченко', role: 'editor' }
  ]);
  const anna = await open(owner, 0, '/');
  const id = await createDocument(anna, 'Положение о конкурсе');
  const boris = await open(members[0]!, 1, `/doc?id=${id}`);
  await expect(boris.locator('.ProseMirror')).toHaveAttribute('contenteditable', 'true');

  await anna.goto(`${pinned(0)}/members`);
  const row = anna.getByTestId('member-row').filter({ hasText: 'Борис Юрченко' });
  await row.getByRole('combobox').selectOption('viewer');
  await expect(boris.locator('.ProseMirror')).toHaveAttribute('contenteditable', 'false', {
    timeout: 5000
  });
  await expect(status(boris)).toContainText('Только чтение');

  // The relay on Boris's instance refuses his writes too, not only his editor.
  await boris.evaluate(() => {
    const el = document.querySelector('.ProseMirror') as HTMLElement & { editor?: any };
    el.editor.setEditable(true);
    el.editor.commands.insertContentAt(el.editor.state.doc.content.size, '<p>Правка читателя</p>');
  });
  const check = await open(owner, 1, `/doc?id=${id}`);
  await expect(check.locator('.ProseMirror')).toHaveAttribute('contenteditable', 'true');
  await insertParagraphAtEnd(check, 'Контрольная правка владельца.');
  await expect.poll(() => editorText(boris)).toContain('Контрольная правка владельца.');
  await waitAllSaved(check);
  expect(await editorText(check)).not.toContain('Правка читателя');
  await owner.close();
  await members[0]!.close();
});

test('CL6 kill -9 of the instance a person types on: the browser reconnects through nginx within 5 s, what was acknowledged is stored and what was typed after reaches the server', async () => {
  const { owner, workspaceId } = await team('Анна Лобанова', []);
  const anna = await open(owner, 1, '/');
  const id = await createDocument(anna, 'Отчёт о выставке');
  await anna.locator('.ProseMirror').click();
  await anna.keyboard.type('Подтверждено до сбоя.');
  await waitAllSaved(anna);
  await recordConnection(anna);

  const victim = cluster.instances[1]!;
  const typing = anna.keyboard.type(' Набрано во время сбоя и после него.', { delay: 40 });
  await expect.poll(() => editorText(anna)).toContain('Набрано');
  await victim.kill();
  const killedAt = Date.now();
  expect(await stored(workspaceId, id)).toContain('Подтверждено до сбоя.');
  await typing;

  await expect.poll(() => backOnlineAt(anna), { timeout: 5000 }).not.toBeNull();
  expect((await backOnlineAt(anna))! - killedAt).toBeLessThan(5000);
  await waitAllSaved(anna);
  expect(await stored(workspaceId, id)).toContain(
    'Подтверждено до сбоя. Набрано во время сбоя и после него.'
  );
  await owner.close();
  // Back on its port for what follows; nginx takes it in again after fail_timeout.
  await victim.start();
});

test('CL7 Redis restarted while two people edit: no acknowledged edit is lost and fan-out resumes within 5 s', async () => {
  const { owner, members, workspaceId } = await team('Анна Лобанова', [
    { name: 'Борис Юрченко', role: 'editor' }
  ]);
  const anna = await open(owner, 0, '/');
  const id = await createDocument(anna, 'Протокол круглого стола');
  const boris = await open(members[0]!, 1, `/doc?id=${id}`);
  await insertParagraphAtEnd(anna, 'До перезапуска Redis.');
  await expect.poll(() => editorText(boris)).toContain('До перезапуска Redis.');

  const restarting = cluster.redis.restart();
  await insertParagraphAtEnd(anna, 'Пока Redis перезапускается.');
  await waitAllSaved(anna);
  await restarting;
  const restartedAt = Date.now();
  expect(await stored(workspaceId, id)).toContain('Пока Redis перезапускается.');

  // Fan-out is back: Boris on the other instance gets the edit made during the restart (the
  // instances resync their rooms from PostgreSQL) and a new one, within 5 s of Redis returning.
  await insertParagraphAtEnd(anna, 'После перезапуска Redis.');
  await expect
    .poll(() => editorText(boris), { timeout: 5000 })
    .toContain('После перезапуска Redis.');
  expect(Date.now() - restartedAt).toBeLessThan(5000);
  expect(await editorText(boris)).toContain('Пока Redis перезапускается.');
  await insertParagraphAtEnd(boris, 'Борис: ответ после перезапуска.');
  await expect.poll(() => editorText(anna)).toContain('Борис: ответ после перезапуска.');
  await waitAllSaved(anna);
  await waitAllSaved(boris);
  const text = await stored(workspaceId, id);
  for (const line of [
    'До перезапуска Redis.',
    'Пока Redis перезапускается.',
    'После перезапуска Redis.',
    'Борис: ответ после перезапуска.'
  ])
    expect(text).toContain(line);
  await owner.close();
  await members[0]!.close();
});
