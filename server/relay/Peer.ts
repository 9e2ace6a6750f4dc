import type { CloseReason } from '../../src/lib/shared/protocol/closeCodes.ts';

export type SendOptions = { sent?: () => void; continues?: boolean };

/** What a room needs of a connected client; the websocket details stay in `Connection`. */
export interface Peer {
  /** A short id for logs (never a credential). */
  readonly id: string;
  /**
   * Who writes through this peer: the account or token subject (`Principal.userId`), or the
   * server's own identity for writes it makes itself. Yjs client ids are bound to it.
   */
  readonly subject: string;
  /** The authenticated name, shown in presence whatever the client claims. */
  readonly displayName: string;
  /** The client asked to be told its updates are committed (`?acks=1`). */
  readonly wantsAcks: boolean;
  /** Sync messages (step 1, step 2, update) received from this client so far. */
  readonly syncMessagesReceived: number;
  /**
   * Updates this client sent before its step 2 that wait for it (see HeldUpdates): no
   * acknowledgement may reach it while any do. Absent means none.
   */
  readonly holdsWrites?: boolean;
  readonly isOpen: boolean;
  /**
   * `sent` is called once the frame has left for the network (or the peer closed); `continues`
   * marks a later frame of one answer, which the send-queue bound lets through once the answer
   * has started.
   */
  send(frame: Uint8Array, options?: SendOptions): void;
  close(reason: CloseReason): void;
}
