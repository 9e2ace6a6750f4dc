import type { ClusterEvent, Fanout, RoomListener, RoomUpdate } from './Fanout.ts';

/** One process: the rooms in memory are the only ones, so there is nobody to tell. */
export class LocalFanout implements Fanout {
  readonly shared = false;

  async subscribe(_room: string, _listener: RoomListener): Promise<void> {}
  async unsubscribe(_room: string): Promise<void> {}
  publishUpdates(_updates: RoomUpdate[]): void {}
  publishPresence(_room: string, _update: Uint8Array): void {}
  publishEvent(_event: ClusterEvent): void {}
  onEvent(_listener: (event: ClusterEvent) => void): () => void {
    return () => undefined;
  }
  onReconnect(_listener: () => void): () => void {
    return () => undefined;
  }
  async close(): Promise<void> {}
}
