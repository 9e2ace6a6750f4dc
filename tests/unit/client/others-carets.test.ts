import { describe, expect, it } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { othersCaretsProvider } from '../../../src/lib/editor/othersCaretsProvider.ts';

type Change = { added: number[]; updated: number[]; removed: number[] };

function awarenessOf(): Awareness {
  return new Awareness(new Y.Doc());
}

describe('the carets plugin hears of others only', () => {
  it('PR5 a change of this person’s own caret is not told; a colleague’s caret, arriving or leaving, is', () => {
    const mine = awarenessOf();
    const theirs = awarenessOf();
    const view = othersCaretsProvider({ awareness: mine } as unknown as WebsocketProvider);
    const heard: Change[] = [];
    const listener = (change: Change) => heard.push(change);
    view.awareness.on('change', listener);

    mine.setLocalStateField('cursor', { anchor: 1, head: 1 });
    expect(heard).toEqual([]);

    theirs.setLocalStateField('user', { name: 'Кравец Ольга' });
    applyAwarenessUpdate(mine, encodeAwarenessUpdate(theirs, [theirs.clientID]), 'remote');
    expect(heard.map((c) => c.added)).toEqual([[theirs.clientID]]);

    // The rest of the awareness reads through: the plugin draws from these states.
    expect(view.awareness.getStates().get(theirs.clientID)).toEqual({
      user: { name: 'Кравец Ольга' }
    });
    expect(view.awareness.clientID).toBe(mine.clientID);
    view.awareness.setLocalStateField('cursor', null);
    expect(mine.getLocalState()?.cursor).toBeNull();

    view.awareness.off('change', listener);
    theirs.setLocalStateField('user', { name: 'Кравец О.' });
    applyAwarenessUpdate(mine, encodeAwarenessUpdate(theirs, [theirs.clientID]), 'remote');
    expect(heard).toHaveLength(1);
    mine.destroy();
    theirs.destroy();
  });
});
