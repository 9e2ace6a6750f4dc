import { expect, test } from '@playwright/test';
import { createInvite, TestNetwork } from './fixtures/accounts.ts';
import { ServerProcess } from './fixtures/server.ts';

const server = new ServerProcess();
test.beforeAll(async () => void (await server.start()));
test.afterAll(async () => server.dispose());

test('AC-UI5 /members shows members and invites at once after a direct load and after a reload', async ({
  browser
}) => {
  const network = await TestNetwork.create(browser, server.url, 'Анна Лобанова');
  const boris = await network.join('Борис Юрченко', 'editor');
  await createInvite(network.owner, server.url, network.workspaceId, 'viewer');
  const anna = await network.open(network.owner, '/members');
  for (const step of ['direct load', 'reload']) {
    // Well under the page's 15-second refresh: the first answer is asked for when it mounts.
    await expect(anna.getByTestId('member-row'), step).toHaveCount(2, { timeout: 5000 });
    // Boris's (used) invite and the open one.
    await expect(anna.getByTestId('invite-row'), step).toHaveCount(2, { timeout: 5000 });
    await expect(anna.getByText('Активных приглашений нет'), step).toHaveCount(0);
    if (step === 'direct load') await anna.reload();
  }
  await network.owner.close();
  await boris.close();
});
