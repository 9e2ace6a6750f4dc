import type { MembershipChange } from '../accounts/types.ts';

/**
 * One committed update as other instances hear of it: the room's clock after it (`seq`) and the
 * room's clock just before it in storage (`prevSeq`). An instance that holds the room up to
 * `prevSeq` applies it; one that does not has missed something and refills from storage.
 */
export type RoomUpdate = {
  room: string;
  seq: number;
  prevSeq: number;
  update: Uint8Array;
  /**
   * Yjs client ids this update is the first to write, and whose they now are: the receiving
   * instance binds them too, so nobody on it can write under them.
   */
  claims?: { subject: string; clients: number[] };
};

/** What instances tell each other that is not about one room's content. */
export type ClusterEvent =
  { kind: 'membership'; change: MembershipChange } | { kind: 'sessionEnded'; sessionKey: string };

/** What an instance holding a room is told about it by the others. */
export type RoomListener = {
  update(message: RoomUpdate): void;
  /** An awareness update, already bound to its sender's identity by the instance it came from. */
  presence(update: Uint8Array): void;
};

/**
 * How instances that share one database hear of each other's commits, presence and account
 * events. The local engine (one process) has nobody to tell; the Redis engine publishes on
 * pub/sub, which may drop messages: nothing here is a source of truth, storage is.
 */
export interface Fanout {
  /** False for the single-process engine: nothing crosses, nothing needs refilling. */
  readonly shared: boolean;
  /** Resolves once messages for `room` reach `listener`; call it before loading the room. */
  subscribe(room: string, listener: RoomListener): Promise<void>;
  unsubscribe(room: string): Promise<void>;
  /** Never throws: a message that cannot be sent is lost, and receivers refill from storage. */
  publishUpdates(updates: RoomUpdate[]): void;
  publishPresence(room: string, update: Uint8Array): void;
  publishEvent(event: ClusterEvent): void;
  /** Events published by other instances; returns the unsubscribe function. */
  onEvent(listener: (event: ClusterEvent) => void): () => void;
  /**
   * Called when the connection to the bus came back after a loss, or when another instance fell
   * silent (it may have stored updates it never published): any message may have been missed,
   * so every open room resyncs from storage.
   */
  onReconnect(listener: () => void): () => void;
  close(): Promise<void>;
}
