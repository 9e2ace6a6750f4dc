import { safeFileBase } from '../fileNames.ts';

/** Hands a file to the browser's download, with a name a person recognises. */
export function saveFile(name: string, type: string, data: string | Uint8Array): void {
  const part: BlobPart = typeof data === 'string' ? data : (data.slice().buffer as ArrayBuffer);
  const url = URL.createObjectURL(new Blob([part], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started by now; the URL is not needed afterwards.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A file name from a title: readable Cyrillic kept, characters file systems refuse replaced. */
export function fileNameOf(title: string, extension: string): string {
  return `${safeFileBase(title)}.${extension}`;
}

/**
 * Prints a standalone HTML file (the PDF export) from a hidden frame, so the app page itself is
 * not what gets printed. The frame is sandboxed without scripts; printing is asked by the parent.
 */
export function printHtml(html: string): Promise<void> {
  return new Promise((resolve) => {
    const frame = document.createElement('iframe');
    frame.setAttribute('aria-hidden', 'true');
    frame.tabIndex = -1;
    frame.style.cssText = 'position:fixed;width:0;height:0;border:0;right:0;bottom:0';
    frame.sandbox.add('allow-same-origin', 'allow-modals');
    frame.srcdoc = html;
    frame.onload = () => {
      frame.contentWindow?.focus();
      frame.contentWindow?.print();
      // print() returns once the dialog closes (or at once where there is none).
      setTimeout(() => {
        frame.remove();
        resolve();
      }, 1000);
    };
    document.body.append(frame);
  });
}
