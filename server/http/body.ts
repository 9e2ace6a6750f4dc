import type { IncomingMessage } from 'node:http';
import { ApiError } from './ApiError.ts';

/**
 * The largest request body accepted. Everything the API takes is a few short fields; the bound
 * keeps a client from making the server buffer (and parse) as much as it likes.
 */
export const MAX_BODY_BYTES = 64 * 1024;

const tooLarge = (max: number) =>
  new ApiError(413, 'payload_too_large', `The request body is larger than ${max} bytes.`);

/** Reads a body of at most `max` bytes, refusing a larger one before buffering it all. */
export async function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (declared > max) throw tooLarge(max);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) throw tooLarge(max);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Reads and parses a JSON body; an empty body reads as `{}`. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const text = (await readBody(req, MAX_BODY_BYTES)).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, 'invalid_json', 'The request body is not valid JSON.');
  }
}
