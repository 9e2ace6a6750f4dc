import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSigningKey, SECRET_BYTES } from '../../../server/accounts/secretKey.ts';
import { ENGINE_KINDS, engineUnderTest, type EngineUnderTest } from '../helpers/engines.ts';

/** SK1–SK2: the key that signs sync tokens, on every engine. */
describe.each(ENGINE_KINDS)('SK signing key store: %s', (kind) => {
  let under: EngineUnderTest;

  beforeEach(async () => {
    under = await engineUnderTest(kind);
  });

  afterEach(async () => {
    await under.destroy();
  });

  it('SK1 the key is created on first use and is the same key after a reopen', async () => {
    const first = await (await openSigningKey(under.engine)).key();
    expect(first.length).toBe(SECRET_BYTES);
    const again = await (await openSigningKey(under.engine)).key();
    expect(again.equals(first)).toBe(true);
  });

  it('SK2 two instances starting together agree on one signing key', async () => {
    const engines = await Promise.all([under.another(), under.another(), under.another()]);
    const keys = await Promise.all(
      engines.map(async (engine) => (await openSigningKey(engine)).key())
    );
    expect(keys[0]!.length).toBe(SECRET_BYTES);
    for (const key of keys) expect(key.equals(keys[0]!)).toBe(true);
    // And the key stays that one for whoever comes later.
    expect((await (await openSigningKey(under.engine)).key()).equals(keys[0]!)).toBe(true);
  });
});
