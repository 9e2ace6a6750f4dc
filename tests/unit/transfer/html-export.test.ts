import { describe, expect, it } from 'vitest';
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
