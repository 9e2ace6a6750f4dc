import type { ClientMessage } from './protocol.ts';

type UpdateMessage = Extract<ClientMessage, { kind: 'update' }>;

/** How much a connection may hold back before its step 2, in updates and in bytes. */
const MAX_HELD_UPDATES = 64;
const MAX_HELD_BYTES = 1024 * 1024;

/**
 * Updates a client sent before its sync step 2 that build on something the room does not have.
 *
 * An honest client does this after its instance died: the keystrokes it sent there were never
 * stored, and on the new connection y-websocket sends every new keystroke at once, while the
 * step 2 that carries the lost ones only follows the server's step 1. The room (or another
 * instance that holds it) also may not have heard yet of what a dead instance stored last.
 * Such updates wait here, bounded, and are checked again once the step 2 is in; only what still
 * does not fit then is refused.
 */
export class HeldUpdates {
  #messages: UpdateMessage[] = [];
  #bytes = 0;

  get count(): number {
    return this.#messages.length;
  }

  /** False when the bound is reached: the update is refused instead. */
  hold(message: UpdateMessage): boolean {
    const size = message.update.byteLength;
    if (this.#messages.length >= MAX_HELD_UPDATES || this.#bytes + size > MAX_HELD_BYTES)
      return false;
    this.#messages.push(message);
    this.#bytes += size;
    return true;
  }

  /** Everything held, oldest first; nothing is held afterwards. */
  release(): UpdateMessage[] {
    const messages = this.#messages;
    this.#messages = [];
    this.#bytes = 0;
    return messages;
  }
}
