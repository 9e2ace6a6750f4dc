import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../src/lib/shared/files/hash.ts';
import { imageSources } from '../../../src/lib/transfer/localFiles.ts';
import { toHtmlFile } from '../../../src/lib/transfer/htmlExport.ts';
import { doc, link, masterClass, p, text } from './fixtures.ts';

describe('HTML export', () => {
  it('TR14 a standalone Russian page: lang=ru, hyphenation, A4 print style, no scripts', () => {
    const html = toHtmlFile(masterClass, {
      title: 'Дымковская игрушка',
      docLink: (id) => (id === 'plan1' ? { title: 'План «Театр»', href: '/doc?id=plan1' } : null)
    });
    expect(html).toMatch(/^<!doctype html>\n<html lang="ru">/);
    expect(html).toContain('<h1>Дымковская игрушка</h1>');
    expect(html).toContain('hyphens: auto');
    expect(html).toContain('size: A4');
    expect(html).toContain("default-src 'none'");
    expect(html).toContain('<strong>дымковской игрушкой</strong>');
    expect(html).toContain('<a href="/doc?id=plan1">План «Театр»</a>');
    expect(html).toContain('<li class="task"><span class="box">☑</span> ');
    expect(html).not.toMatch(/javascript|<script/i);
  });

  it('TR14 text and hostile attributes are escaped, unsafe links and foreign images dropped', () => {
    const hostile = doc(
      p(text('<img src=x onerror=alert(1)>')),
      p(text('ссылка', link('" onmouseover="alert(1)'))),
      { type: 'image', attrs: { hash: 'a'.repeat(64), alt: 'Барыня "в платке"' } },
      { type: 'image', attrs: { hash: 'b'.repeat(64), alt: '' } }
    );
    const html = toHtmlFile(hostile, {
      title: '<script>alert(1)</script>',
      imageSrc: (hash) =>
        hash.startsWith('a') ? 'data:image/png;base64,iVBORw0KGgo=' : 'https://evil.example/x.png'
    });
    expect(html).not.toMatch(/<script|<img src=x|<a |evil\.example/);
    expect(html).toContain('<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain(
      '<img src="data:image/png;base64,iVBORw0KGgo=" alt="Барыня &quot;в платке&quot;">'
    );
  });
});

describe('HTML export with pictures', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

  it('TR17 an image on this device is embedded as a data: URL; an invalid hash gives nothing', async () => {
    const hash = await sha256Hex(png);
    const svg = 'd'.repeat(64);
    const local = new Map([
      [hash, { type: 'image/png', data: png.slice().buffer }],
      [svg, { type: 'image/svg+xml', data: new TextEncoder().encode('<svg/>').buffer }]
    ]);
    const reads: string[] = [];
    const images = await imageSources([hash, svg, 'не-хеш', 'e'.repeat(64)], async (h) => {
      reads.push(h);
      return local.get(h) ?? null;
    });
    // Only a real hash is looked up, and only an allow-listed picture type is embedded.
    expect(reads).toEqual([hash, svg, 'e'.repeat(64)]);
    expect([...images.keys()]).toEqual([hash]);
    const html = toHtmlFile(
      doc(
        { type: 'image', attrs: { hash, alt: 'Барыня' } },
        { type: 'image', attrs: { hash: 'не-хеш', alt: '' } },
        { type: 'image', attrs: { hash: svg, alt: '' } }
      ),
      { title: 'Дымка', imageSrc: (h) => images.get(h) ?? null }
    );
    const b64 = Buffer.from(png).toString('base64');
    expect(html).toContain(`<img src="data:image/png;base64,${b64}" alt="Барыня">`);
    expect(html.match(/<img /g)).toHaveLength(1);
    expect(html).not.toMatch(/svg|не-хеш/);
  });
});
