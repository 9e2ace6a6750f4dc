import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sniffType } from '../../../server/blobs/sniff.ts';
import { ApiServer } from '../accounts/apiServer.ts';
import { deferCleanup } from '../helpers/cleanup.ts';
import { blobRequest, PNG_1PX, putBlob, sha256 } from './blobHttp.ts';

const text = (s: string) => new TextEncoder().encode(s);

describe('blob store on the server', () => {
  const defer = deferCleanup();

  async function setup(env: Record<string, string> = {}) {
    const server = await ApiServer.start(defer, { env });
    const { owner, workspaceId } = await server.workspace();
    return { server, owner: owner.client, workspaceId };
  }

  function storedFiles(dataDir: string): string[] {
    const root = path.join(dataDir, 'blobs');
    return readdirSync(root).flatMap((d) => readdirSync(path.join(root, d)));
  }

  it('FL1 an upload is stored under its SHA-256 and read back byte for byte by a member', async () => {
    const { server, owner, workspaceId } = await setup();
    const hash = sha256(PNG_1PX);
    expect((await blobRequest(owner, workspaceId, hash, { method: 'HEAD' })).status).toBe(404);
    const put = await putBlob(owner, workspaceId, PNG_1PX, 'image/png');
    expect(put.status).toBe(201);
    expect(put.json).toMatchObject({ hash, size: PNG_1PX.length, type: 'image/png' });
    const head = await blobRequest(owner, workspaceId, hash, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(PNG_1PX.length));
    const got = await blobRequest(owner, workspaceId, hash);
    expect(got.status).toBe(200);
    expect(Buffer.from(got.body).equals(Buffer.from(PNG_1PX))).toBe(true);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(got.headers.get('cache-control')).toContain('immutable');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(storedFiles(server.dataDir)).toEqual([hash]);
  });

  it('FL2 content that does not match the hash in the address is refused and nothing is kept', async () => {
    const { server, owner, workspaceId } = await setup();
    const wrong = sha256(text('что-то другое'));
    const put = await putBlob(owner, workspaceId, PNG_1PX, 'image/png', wrong);
    expect(put.status).toBe(400);
    expect(put.json.error).toBe('hash_mismatch');
    expect((await blobRequest(owner, workspaceId, wrong)).status).toBe(404);
    expect(storedFiles(server.dataDir)).toEqual([]);
  });

  it('FL3 uploading the same file twice answers 200 the second time and keeps one copy', async () => {
    const { server, owner, workspaceId } = await setup();
    expect((await putBlob(owner, workspaceId, PNG_1PX, 'image/png')).status).toBe(201);
    const again = await putBlob(owner, workspaceId, PNG_1PX, 'image/png');
    expect(again.status).toBe(200);
    // Another workspace sending the same bytes gets its own access, not a second file.
    const other = await server.workspace('Другая сеть');
    expect(
      (await putBlob(other.owner.client, other.workspaceId, PNG_1PX, 'image/png')).status
    ).toBe(201);
    expect(storedFiles(server.dataDir)).toHaveLength(1);
    expect(await server.server.blobs.usedBytes(workspaceId)).toBe(PNG_1PX.length);
  });

  it('FL4 a file over the per-file limit and a workspace over its quota are refused with their codes', async () => {
    const { owner, workspaceId } = await setup({
      BLOB_MAX_FILE_BYTES: '100',
      BLOB_WORKSPACE_QUOTA_BYTES: '150'
    });
    const big = await putBlob(owner, workspaceId, text('а'.repeat(60)), 'text/plain');
    expect(big.status).toBe(413);
    expect(big.json.error).toBe('file_too_large');
    expect((await putBlob(owner, workspaceId, text('б'.repeat(40)), 'text/plain')).status).toBe(
      201
    );
    const over = await putBlob(owner, workspaceId, text('в'.repeat(40)), 'text/plain');
    expect(over.status).toBe(413);
    expect(over.json.error).toBe('workspace_quota_exceeded');
  });

  it('FL4 uploads racing each other cannot together pass the workspace quota', async () => {
    const { owner, workspaceId, server } = await setup({ BLOB_WORKSPACE_QUOTA_BYTES: '100' });
    const files = ['а', 'б', 'в'].map((letter) => text(letter.repeat(30)));
    const answers = await Promise.all(
      files.map((bytes) => putBlob(owner, workspaceId, bytes, 'text/plain'))
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 413, 413]);
    expect(await server.server.blobs.usedBytes(workspaceId)).toBe(60);
  });

  it('FL5 only members read, only owners and editors write, and an upload needs our Origin', async () => {
    const { server, owner, workspaceId } = await setup();
    await putBlob(owner, workspaceId, PNG_1PX, 'image/png');
    const hash = sha256(PNG_1PX);
    const stranger = await server.person('Посторонний');
    expect((await blobRequest(stranger.client, workspaceId, hash)).status).toBe(404);
    expect((await blobRequest(server.client(), workspaceId, hash)).status).toBe(401);
    const viewer = await server.member(owner, workspaceId, 'viewer', 'Ольга Читатель');
    expect((await blobRequest(viewer.client, workspaceId, hash)).status).toBe(200);
    const refused = await putBlob(viewer.client, workspaceId, text('заметка'), 'text/plain');
    expect(refused.status).toBe(403);
    const editor = await server.member(owner, workspaceId, 'editor', 'Ирина Редактор');
    expect((await putBlob(editor.client, workspaceId, text('заметка'), 'text/plain')).status).toBe(
      201
    );
    const noOrigin = await blobRequest(owner, workspaceId, sha256(text('x')), {
      method: 'PUT',
      body: text('x'),
      type: 'text/plain',
      origin: null
    });
    expect(noOrigin.status).toBe(403);
    const foreign = await blobRequest(owner, workspaceId, sha256(text('x')), {
      method: 'PUT',
      body: text('x'),
      type: 'text/plain',
      origin: 'https://evil.example'
    });
    expect(foreign.status).toBe(403);
  });

  it('FL6 HTML and SVG are stored but served only as a sandboxed download', async () => {
    const { owner, workspaceId } = await setup();
    for (const [body, declared] of [
      ['<!doctype html><script>alert(1)</script>', 'application/octet-stream'],
      ['<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', 'image/svg+xml']
    ] as const) {
      const bytes = text(body);
      expect((await putBlob(owner, workspaceId, bytes, declared)).status).toBe(201);
      const got = await blobRequest(owner, workspaceId, sha256(bytes));
      expect(got.headers.get('content-type')).toBe('application/octet-stream');
      expect(got.headers.get('content-disposition')).toBe('attachment');
      expect(got.headers.get('x-content-type-options')).toBe('nosniff');
      expect(got.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    }
  });

  it('FL7 a declared type the content contradicts is refused (HTML sent as a PNG)', async () => {
    const { owner, workspaceId } = await setup();
    const html = text('<html><body><script>alert(1)</script></body></html>');
    const put = await putBlob(owner, workspaceId, html, 'image/png');
    expect(put.status).toBe(415);
    expect(put.json.error).toBe('type_mismatch');
    // An honest claim passes, and a text file is served as text.
    const note = text('План мастер-класса по росписи');
    expect((await putBlob(owner, workspaceId, note, 'text/plain')).status).toBe(201);
    const got = await blobRequest(owner, workspaceId, sha256(note));
    expect(got.headers.get('content-type')).toBe('text/plain; charset=utf-8');
  });

  it('FL7 magic bytes name the allowed types', () => {
    const bytes = (...b: number[]) => Uint8Array.from(b);
    expect(sniffType(PNG_1PX, true)).toBe('image/png');
    expect(sniffType(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0), true)).toBe('image/jpeg');
    expect(sniffType(text('GIF89a....'), true)).toBe('image/gif');
    expect(sniffType(text('RIFF\0\0\0\0WEBPVP8 '), true)).toBe('image/webp');
    expect(sniffType(text('%PDF-1.7\n'), true)).toBe('application/pdf');
    const zip = (name: string) => text(`PK\u0003\u0004${'\0'.repeat(26)}${name}`);
    expect(sniffType(zip('[Content_Types].xml word/document.xml'), true)).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
    );
    expect(sniffType(zip('[Content_Types].xml ppt/slides'), true)).toContain('presentationml');
    expect(sniffType(zip('mimetypeapplication/vnd.oasis.opendocument.text'), true)).toBe(
      'application/vnd.oasis.opendocument.text'
    );
    expect(sniffType(zip('photos/1.jpg'), true)).toBe('application/zip');
    expect(sniffType(bytes(0, 1, 2, 3, 0xfe), true)).toBe('application/octet-stream');
    expect(sniffType(text('  <svg/>'), true)).toBe('image/svg+xml');
  });
});
