import { describe, expect, it } from 'vitest';
import { Sender } from 'ws';
import { serverFrame } from '../../../server/relay/serverFrame.ts';

/** What `ws` itself puts on the wire for a binary message from the server. */
function wsFrame(payload: Uint8Array): Buffer {
  const parts = Sender.frame(Buffer.from(payload), {
    fin: true,
    opcode: 2,
    mask: false,
    readOnly: true,
    rsv1: false
  } as Parameters<typeof Sender.frame>[1]);
  return Buffer.concat(parts);
}

describe('frames built once per broadcast', () => {
  it.each([0, 1, 125, 126, 1000, 65535, 65536])(
    'a %i-byte message is framed byte for byte as ws frames it',
    (length) => {
      const payload = new Uint8Array(length).map((_, i) => i % 251);
      expect(serverFrame(payload).equals(wsFrame(payload))).toBe(true);
    }
  );

  it('the same payload sent again is the same frame; another payload gets its own', () => {
    const a = new Uint8Array([0, 2, 1, 7]);
    const b = new Uint8Array([0, 2, 1, 8]);
    expect(serverFrame(a)).toBe(serverFrame(a));
    expect([...serverFrame(b)]).toEqual([0x82, 4, 0, 2, 1, 8]);
  });
});
