import type { IncomingMessage } from 'node:http';
import { ApiError } from './ApiError.ts';

/**
 * The largest request body accepted. Everything the API takes is a few short fields; the bound
 * keeps a client from making the server buffer (and parse) as much as it likes.
 */
export const MAX_BODY_BYTES = 64 * 1024;

const tooLarge = () =>
  new ApiError(
    413,
    'payload_too_large',
    `The request body is larger than ${MAX_BODY_BYTES} bytes.`
  );

/** Reads and parses a JSON body; an empty body reads as `{}`. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const declared = Number(req.headers['content-length']);
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw tooLarge();
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, 'invalid_json', 'The request body is not valid JSON.');
  }
}
