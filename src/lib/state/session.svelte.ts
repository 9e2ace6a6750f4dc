import {
  api,
  ApiError,
  NetworkError,
  type Me,
  type User,
  type WorkspaceSummary
} from '../api/client.ts';
import { closeAllDocs } from '../sync/docPool.ts';
import { ME_KEY, readCache, WORKSPACE_KEY } from './sessionCache.ts';

/**
 * - `unknown`: not yet checked;
 * - `signedIn`: the server confirmed the session, or we are offline with a remembered one;
 * - `expired`: we were signed in, the server now says no: work stays on the device until the
 *   person signs in again;
 * - `signedOut`: never signed in on this device (or signed out).
 */
export type SessionStatus = 'unknown' | 'signedIn' | 'expired' | 'signedOut';

function writeCache(me: Me | null): void {
  try {
    if (me) localStorage.setItem(ME_KEY, JSON.stringify(me));
    else localStorage.removeItem(ME_KEY);
  } catch {
    // Without storage the app still works online.
  }
}

/**
 * Who is signed in and to which workspaces they belong. The last answer is remembered on the
 * device, so a person opening the app offline keeps working with their documents.
 */
export class Session {
  #me = $state.raw<Me | null>(typeof window === 'undefined' ? null : readCache());
  #status = $state<SessionStatus>('unknown');
  #workspaceId = $state<string | null>(
    typeof window === 'undefined' ? null : (localStorage.getItem(WORKSPACE_KEY) ?? null)
  );

  get status(): SessionStatus {
    return this.#status;
  }

  get user(): User | null {
    return this.#me?.user ?? null;
  }

  get workspaces(): WorkspaceSummary[] {
    return this.#me?.workspaces ?? [];
  }

  /** The chosen workspace, or the first one the person belongs to. */
  get workspace(): WorkspaceSummary | null {
    const all = this.workspaces;
    return all.find((w) => w.id === this.#workspaceId) ?? all[0] ?? null;
  }

  selectWorkspace(id: string): void {
    this.#workspaceId = id;
    localStorage.setItem(WORKSPACE_KEY, id);
  }

  /** Asks the server; offline, keeps the remembered session. */
  async refresh(): Promise<void> {
    try {
      this.#set(await api.me());
      this.#status = 'signedIn';
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        this.#status = this.#me ? 'expired' : 'signedOut';
      } else if (err instanceof NetworkError || (err instanceof ApiError && err.status >= 500)) {
        this.#status = this.#me ? 'signedIn' : 'signedOut';
      } else throw err;
    }
  }

  /** The relay refused our credentials: the session ended while the app was open. */
  markExpired(): void {
    if (this.#me) this.#status = 'expired';
  }

  async signIn(email: string, password: string): Promise<void> {
    const previous = this.#me?.user.id;
    await api.login({ email, password });
    await this.#afterSignIn(previous);
  }

  /**
   * Registers, then signs in with the same e-mail and password: registration answers alike for
   * known and unknown e-mails, so only signing in tells the person whether it worked.
   */
  async register(
    email: string,
    password: string,
    displayName: string,
    institution = '',
    inviteToken?: string
  ): Promise<void> {
    await api.register({
      email,
      password,
      displayName,
      ...(institution ? { institution } : {}),
      ...(inviteToken ? { inviteToken } : {})
    });
    await this.signIn(email, password);
  }

  async signOut(): Promise<void> {
    try {
      await api.logout();
    } finally {
      this.#set(null);
      this.#status = 'signedOut';
      closeAllDocs();
    }
  }

  /** After accepting an invite or creating a workspace, the list of workspaces changed. */
  async reload(selectId?: string): Promise<void> {
    await this.refresh();
    if (selectId) this.selectWorkspace(selectId);
  }

  async #afterSignIn(previousUserId: string | undefined): Promise<void> {
    const me = await api.me();
    // Another person on this device: do not reopen the previous person's workspace.
    if (previousUserId && previousUserId !== me.user.id) this.#workspaceId = null;
    this.#set(me);
    this.#status = 'signedIn';
  }

  #set(me: Me | null): void {
    this.#me = me;
    writeCache(me);
  }
}

export const session = new Session();
