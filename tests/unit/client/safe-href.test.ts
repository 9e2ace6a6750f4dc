import { describe, expect, it } from 'vitest';
import { isSafeHref, normaliseHref } from '../../../src/lib/shared/richText/safeHref.ts';

describe('link targets', () => {
  it.each([
    'https://bgunb.ru/',
    'http://example.org/path?q=1#x',
    'mailto:metod@example.ru',
    '/doc?id=abc',
    '#section',
    'HTTPS://EXAMPLE.ORG'
  ])('LN1 allows %s', (href) => expect(isSafeHref(href)).toBe(true));

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\nscript:alert(1)',
    'java\u0000script:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    '//evil.example/x',
    '/\\evil.example',
    '',
    null,
    undefined
  ])('LN2 refuses %s', (href) => expect(isSafeHref(href)).toBe(false));

  it('LN3 a bare address becomes https, a scheme is kept', () => {
    expect(normaliseHref('example.org/page')).toBe('https://example.org/page');
    expect(normaliseHref('mailto:a@b.ru')).toBe('mailto:a@b.ru');
    expect(isSafeHref(normaliseHref('javascript:alert(1)'))).toBe(false);
  });
});
