import type { RegistryHooks } from '../relay/RegistryHooks.ts';
import type { SharedRooms } from './SharedRooms.ts';

/**
 * How the fan-out between instances follows the registry's lifecycle: it subscribes before a
 * room is read, publishes what this instance commits (and its presence), and unsubscribes when
 * the room leaves memory.
 */
export function sharedRoomsHooks(shared: SharedRooms): RegistryHooks {
  return {
    name: 'fanout',
    beforeLoad: (name) => shared.beforeLoad(name),
    afterLoad: (room) => {
      shared.afterLoad(room, room.lastCommittedSeq);
      room.onPresence((update) => shared.presence(room.name, update));
    },
    loadFailed: (name) => shared.loadFailed(name),
    committed: ({ updates }) => {
      // An engine that does not report the previous clock cannot keep the rooms' clocks.
      if (updates.some((u) => u.prevSeq === null)) return;
      shared.committed(updates.map((u) => ({ ...u, prevSeq: u.prevSeq! })));
    },
    beforeEvict: (room) => shared.evicted(room.name)
  };
}
