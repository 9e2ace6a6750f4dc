/**
 * A photograph from a tablet camera is 3–12 MB; a document needs a fraction of that. Images past
 * either bound are redrawn smaller on the device before hashing, so the hash names what is kept.
 */
export const IMAGE_LIMITS = {
  /** The longer side of a resized image, in pixels. */
  maxSide: 2048,
  /** Files at most this large and at most `maxSide` wide and tall are kept as they are. */
  resizeAboveBytes: 1_500_000,
  quality: 0.85
};

/** Types the browser can draw and we can re-encode without losing what matters (not GIF motion). */
const RESIZABLE = new Set(['image/jpeg', 'image/png', 'image/webp']);

export type PreparedImage = { data: ArrayBuffer; type: string; width: number; height: number };

export async function prepareImage(
  file: Blob,
  limits: typeof IMAGE_LIMITS = IMAGE_LIMITS
): Promise<PreparedImage> {
  const bitmap = await createImageBitmap(file);
  try {
    const { width, height } = bitmap;
    const longer = Math.max(width, height);
    const small = file.size <= limits.resizeAboveBytes && longer <= limits.maxSide;
    if (small || !RESIZABLE.has(file.type)) {
      return { data: await file.arrayBuffer(), type: file.type, width, height };
    }
    const scale = Math.min(1, limits.maxSide / longer);
    const w = Math.max(1, Math.round(width * scale));
    const h = Math.max(1, Math.round(height * scale));
    const canvas = document.createElement('canvas');
    canvas.width = w;
    canvas.height = h;
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0, w, h);
    // WebP keeps transparency; a browser that cannot write it falls back to JPEG.
    let out = await encode(canvas, 'image/webp', limits.quality);
    if (out?.type !== 'image/webp') out = await encode(canvas, 'image/jpeg', limits.quality);
    if (!out || out.size >= file.size) {
      return { data: await file.arrayBuffer(), type: file.type, width, height };
    }
    return { data: await out.arrayBuffer(), type: out.type, width: w, height: h };
  } finally {
    bitmap.close();
  }
}

function encode(canvas: HTMLCanvasElement, type: string, quality: number): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob(resolve, type, quality));
}
