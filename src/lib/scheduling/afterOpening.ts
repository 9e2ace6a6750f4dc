/**
 * Work nobody is waiting for (the inbox reading every stored document, the search index, the
 * workspace's background sync) holds back while a document opens: on a tablet's two cores it
 * took main-thread time and IndexedDB from opening a long document. It starts once the
 * document is shown, or after a few seconds if it never is (a document that does not exist).
 */
const LONGEST_WAIT_MS = 5000;

let opening: Promise<void> | null = null;
let shown: (() => void) | null = null;

/** A document's page is opening: work asking `afterOpening` waits for `documentShown`. */
export function documentOpening(): void {
  if (opening) return;
  const current = new Promise<void>((resolve) => {
    shown = resolve;
    setTimeout(resolve, LONGEST_WAIT_MS);
  });
  opening = current;
  void current.then(() => {
    if (opening !== current) return;
    opening = null;
    shown = null;
  });
}

export function documentShown(): void {
  shown?.();
}

/** Resolves at once, or when the document being opened is shown. */
export function afterOpening(): Promise<void> {
  return opening ?? Promise.resolve();
}
