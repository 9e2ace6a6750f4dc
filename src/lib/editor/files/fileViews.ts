import { isBlobHash } from '../../shared/files/hash.ts';

export { isBlobHash };

export type FileUploadState =
  | { state: 'done' }
  | { state: 'uploading' }
  | { state: 'waiting' }
  | { state: 'failed'; error: string };

export type FileWords = {
  uploading: string;
  waiting: string;
  failed: (error: string) => string;
  retry: string;
  missing: string;
  download: string;
  size: (bytes: number) => string;
};

/**
 * What image and attachment nodes need from the app to show themselves: the bytes behind a hash
 * (as a URL), the upload state of this device's files, and their words. Without it (the server's
 * schema, a test) they render as plain placeholders.
 */
export type FileViews = {
  url(hash: string): Promise<string | null>;
  status(hash: string): FileUploadState;
  subscribe(listener: () => void): () => void;
  retry(hash: string): void;
  words(): FileWords;
};

/**
 * The badge on a file of this device that the server does not have yet; it follows the uploader
 * and offers «Повторить» after a refusal.
 */
export function uploadBadge(views: FileViews, hash: string): { dom: HTMLElement; destroy(): void } {
  const dom = document.createElement('div');
  dom.className = 'file-upload';
  dom.setAttribute('role', 'status');
  dom.contentEditable = 'false';
  const render = () => {
    const status = views.status(hash);
    const words = views.words();
    dom.replaceChildren();
    dom.dataset.state = status.state;
    dom.hidden = status.state === 'done';
    if (status.state === 'done') return;
    const label = document.createElement('span');
    label.textContent =
      status.state === 'failed'
        ? words.failed(status.error)
        : status.state === 'uploading'
          ? words.uploading
          : words.waiting;
    dom.append(label);
    if (status.state === 'failed') {
      const retry = document.createElement('button');
      retry.type = 'button';
      retry.textContent = words.retry;
      retry.addEventListener('click', (event) => {
        event.preventDefault();
        event.stopPropagation();
        views.retry(hash);
      });
      dom.append(retry);
    }
  };
  render();
  const stop = views.subscribe(render);
  return { dom, destroy: stop };
}

/**
 * Resolves a hash to a URL, asking again with a growing pause while the file is not reachable
 * (another person's upload may still be on its way). Stops when destroyed.
 */
export function resolveWithRetry(
  views: FileViews,
  hash: string,
  found: (url: string) => void,
  onMissing: () => void
): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let delay = 1_000;
  const attempt = async () => {
    const url = await views.url(hash).catch(() => null);
    if (stopped) return;
    if (url) return found(url);
    onMissing();
    timer = setTimeout(() => void attempt(), delay);
    delay = Math.min(delay * 2, 30_000);
  };
  const online = () => {
    if (timer) clearTimeout(timer);
    delay = 1_000;
    void attempt();
  };
  window.addEventListener('online', online);
  void attempt();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    window.removeEventListener('online', online);
  };
}

/** The `hash` attribute of every file node: only a blob hash is read from HTML or written back. */
export const hashAttribute = {
  default: null,
  parseHTML: (el: HTMLElement) => (isBlobHash(el.dataset.hash) ? el.dataset.hash : null),
  renderHTML: (attrs: Record<string, unknown>) =>
    isBlobHash(attrs.hash) ? { 'data-hash': attrs.hash } : {}
};
