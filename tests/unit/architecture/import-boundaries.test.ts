import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The boundary rule in eslint.config.js, run through ESLint's Node API on small snippets placed
 * (by file path) on each side of the border: the rule must fire on a crossing and stay silent on
 * an allowed import, or the lint step would let the border erode unnoticed.
 */
const eslint = new ESLint({
  cwd: process.cwd(),
  // The boundary rules need no types; without the project service a Svelte snippet lints in
  // milliseconds instead of loading the whole TypeScript program, and needs no file on disk.
  overrideConfig: {
    files: ['**/*.svelte'],
    languageOptions: { parserOptions: { projectService: false } }
  }
});
const BOUNDARY_RULES = new Set(['no-restricted-imports', 'no-restricted-globals']);

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  // A snippet that does not parse would pass every 'allowed' case without the rule running.
  expect(result!.messages.filter((m) => m.fatal)).toEqual([]);
  return result!.messages
    .filter((m) => m.ruleId !== null && BOUNDARY_RULES.has(m.ruleId))
    .map((m) => m.message);
}

type Case = { file: string; code: string; allowed: boolean };

const CASES: Case[] = [
  // Browser code: the shared module yes, server/ never.
  {
    file: 'src/lib/sync/Example.ts',
    code: "export { Room } from '../../../server/relay/Room.ts';",
    allowed: false
  },
  {
    file: 'src/lib/sync/Example.ts',
    code: "export { CloseCode } from '../shared/protocol/closeCodes.ts';",
    allowed: true
  },
  {
    file: 'src/routes/example/+page.ts',
    code: "export { Accounts } from '../../../server/accounts/Accounts.ts';",
    allowed: false
  },
  {
    file: 'src/routes/example/+page.ts',
    code: "export { roomName } from '$lib/shared/protocol/roomName.ts';",
    allowed: true
  },
  {
    file: 'src/lib/components/Example.svelte',
    code: '<script lang="ts">\n  import { Room } from \'../../../server/relay/Room.ts\';\n  Room;\n</script>\n',
    allowed: false
  },
  // Server: from src/ only the shared module.
  {
    file: 'server/relay/Example.ts',
    code: "export { SyncedDoc } from '../../src/lib/sync/SyncedDoc.ts';",
    allowed: false
  },
  {
    file: 'server/relay/Example.ts',
    code: "export { translate } from '$lib/shared/i18n/translate.ts';",
    allowed: false
  },
  {
    file: 'server/relay/Example.ts',
    code: "export { CloseCode } from '../../src/lib/shared/protocol/closeCodes.ts';",
    allowed: true
  },
  {
    file: 'server/http/routes/Example.ts',
    code: "export { ru } from '../../../src/lib/shared/i18n/ru.ts';",
    allowed: true
  },
  // The shared module: itself and packages only, and nothing that needs a DOM, Svelte or Node.
  {
    file: 'src/lib/shared/protocol/Example.ts',
    code: "export { SyncedDoc } from '../../sync/SyncedDoc.ts';",
    allowed: false
  },
  {
    file: 'src/lib/shared/protocol/Example.ts',
    code: "export { Room } from '../../../../server/relay/Room.ts';",
    allowed: false
  },
  {
    file: 'src/lib/shared/model/network/Example.ts',
    code: "export { localDbName } from '../../../sync/localRoom.ts';",
    allowed: false
  },
  {
    file: 'src/lib/shared/protocol/Example.ts',
    code: "export { session } from '$lib/state/session.svelte.ts';",
    allowed: false
  },
  {
    file: 'src/lib/shared/protocol/Example.ts',
    code: "export { readFileSync } from 'node:fs';",
    allowed: false
  },
  {
    file: 'src/lib/shared/protocol/Example.ts',
    code: "export { mount } from 'svelte';",
    allowed: false
  },
  {
    file: 'src/lib/shared/protocol/Example.ts',
    code: 'export const width = window.innerWidth;',
    allowed: false
  },
  {
    file: 'src/lib/shared/protocol/Example.ts',
    code: "export { indexRoots } from '../model/schema.ts';",
    allowed: true
  },
  {
    file: 'src/lib/shared/model/network/Example.ts',
    code: "export { renderHtml } from '../../richText/renderHtml.ts';",
    allowed: true
  },
  { file: 'src/lib/shared/model/Example.ts', code: "export { Doc } from 'yjs';", allowed: true }
];

describe('the border between browser and server', () => {
  it.each(CASES)('AR1 $file: `$code` is allowed: $allowed', async ({ file, code, allowed }) => {
    const errors = await boundaryErrors(file, code);
    if (allowed) expect(errors).toEqual([]);
    else expect(errors.length).toBeGreaterThan(0);
  });

  it('AR1 the explanation names the shared module', async () => {
    const [message] = await boundaryErrors(
      'src/lib/api/Example.ts',
      "export type { User } from '../../../server/accounts/types.ts';"
    );
    expect(message).toContain('src/lib/shared');
  });
});
