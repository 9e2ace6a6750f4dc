import { describe, expect, it } from 'vitest';
import { toMarkdown } from '../../../src/lib/transfer/markdownExport.ts';
import { bold, doc, link, masterClass, p, text } from './fixtures.ts';

const docLink = (id: string) =>
  id === 'plan1' ? { title: 'План проекта «Театр на окошке»', href: '/doc?id=plan1' } : null;

describe('Markdown export', () => {
  it('TR1 writes Russian headings, marks, lists, tasks, quotes, code and rules', () => {
    const md = toMarkdown(masterClass, { title: 'Дымковская игрушка', docLink });
    expect(md).toBe(
      [
        '# Дымковская игрушка',
        '',
        '## Цель мастер-класса',
        '',
        'Познакомить детей с **дымковской игрушкой** и *традициями* Вятского края.',
        '',
        '- глина',
        '- ангобы и темпера',
        '',
        '1. Лепим барыню',
        '2. Сушим и белим',
        '',
        '- [x] Закупить глину',
        '- [ ] Пригласить родителей',
        '',
        'Подробнее на [сайте музея](<https://museum.example.ru/dymka>), а вредная ссылка остаётся текстом.',
        '',
        '> «Игрушка — это радость», — говорил мастер.',
        '',
        '```',
        'этап_1 = «лепка»',
        '```',
        '',
        '---',
        '',
        'См. также [План проекта «Театр на окошке»](</doc?id=plan1>) и команду `npm`',
        ''
      ].join('\n')
    );
  });

  it('TR2 drops hostile hrefs and keeps their words; escapes markup typed as text', () => {
    const hostile = doc(
      p(text('жми', link('javascript:alert(1)'))),
      p(text('данные', link('data:text/html,<script>alert(1)</script>'))),
      p(text('# не заголовок и *не курсив* [не ссылка]'))
    );
    const md = toMarkdown(hostile);
    expect(md).not.toMatch(/javascript|data:/);
    expect(md).toContain('жми');
    expect(md).toContain('\\# не заголовок и \\*не курсив\\* \\[не ссылка\\]');
  });

  it('TR3 joins neighbouring text with the same marks into one run', () => {
    const md = toMarkdown(doc(p(text('Белгород', bold), text('ский', bold), text(' край'))));
    expect(md).toBe('**Белгородский** край\n');
  });

  it('TR3 a link to a document not in the workspace keeps a placeholder, never an id', () => {
    const md = toMarkdown(doc(p({ type: 'docLink', attrs: { docId: 'secret-id' } })));
    expect(md).not.toContain('secret-id');
    expect(md).toContain('другой документ');
  });
});
