import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { deferCleanup } from '../helpers/cleanup.ts';
import { PublishingServer } from './publishingServer.ts';

const defer = deferCleanup();
const SITE = '/p/set-uchrezhdeniy-belgoroda';

/** Every public output of the site, with a name for the failure message. */
async function everything(site: PublishingServer, paths: string[]) {
  const outputs: [string, string][] = [];
  for (const path of [
    ...paths,
    `${SITE}/`,
    `${SITE}/?q=${encodeURIComponent('секрет')}`,
    `${SITE}/?q=${encodeURIComponent('черновик')}`,
    `${SITE}/feed.atom`,
    `${SITE}/sitemap.xml`,
    `${SITE}/embed?n=20`,
    '/sitemap.xml'
  ]) {
    outputs.push([path, (await site.fetch(path)).text]);
  }
  return outputs;
}

describe('nothing private leaks', () => {
  it('PB6 comments, other roots, undeclared fields, e-mails, private documents and drafts stay private', async () => {
    const site = await PublishingServer.start(defer);
    const { owner, workspaceId } = await site.workspace();
    const editor = await site.member(owner, workspaceId, 'editor', 'Ольга Юрченко');

    // A private document, never published, linked from the public one.
    await site.setMeta(editor, workspaceId, 'private', {
      title: 'ЛИЧНЫЙ-ПЛАН секрет',
      type: 'projectPlan'
    });
    await site.setText(editor, workspaceId, 'private', ['ТЕКСТ-ЛИЧНОГО-ПЛАНА секрет']);

    await site.setMeta(editor, workspaceId, 'public', {
      title: 'Мастер-класс «Дымковская игрушка»',
      type: 'masterClass',
      fields: {
        direction: 'folkCulture',
        internalNote: 'ВНУТРЕННЯЯ-ЗАМЕТКА секрет',
        contactPhone: '+7 900 000-00-00'
      }
    });
    await site.write(editor, workspaceId, 'index', (doc) => {
      const entry = doc.getMap<Y.Map<unknown>>('documents').get('public')!;
      const tags = new Y.Map<unknown>();
      tags.set('ТЕГ-СЕКРЕТ', true);
      entry.set('tags', tags);
    });
    await site.write(editor, workspaceId, 'public', (doc) => {
      const fragment = doc.getXmlFragment('content');
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText('Публичный текст. ')]);
      const link = new Y.XmlElement('docLink');
      link.setAttribute('docId', 'private');
      p.insert(1, [link]);
      fragment.insert(0, [p]);
      // Roots besides the content: comments (a map and an array), another fragment, text.
      const comments = doc.getMap('comments');
      comments.set('c1', { text: 'КОММЕНТАРИЙ секрет', author: editor.email });
      doc.getArray('commentsLog').push(['ЖУРНАЛ-КОММЕНТАРИЕВ секрет']);
      const draft = doc.getXmlFragment('draft');
      const dp = new Y.XmlElement('paragraph');
      dp.insert(0, [new Y.XmlText('ДРУГОЙ-ФРАГМЕНТ секрет')]);
      draft.insert(0, [dp]);
      doc.getText('notes').insert(0, 'ЗАМЕТКИ-РЕДАКТОРА секрет');
    });
    const published = await site.api(owner, workspaceId).publish('public');
    const path = published.json.publication.path as string;

    // A draft after publication: new title, new text, new field.
    await site.setMeta(editor, workspaceId, 'public', {
      title: 'ЧЕРНОВИК-НАЗВАНИЯ секрет',
      fields: { author: 'ЧЕРНОВИК-АВТОРА' }
    });
    await site.setText(editor, workspaceId, 'public', ['ЧЕРНОВИК-ТЕКСТА секрет']);

    const outputs = await everything(site, [path]);
    const page = outputs.find(([p]) => p === path)![1];
    expect(page).toContain('Публичный текст.');
    // The linked private document shows only as the title the publisher saw in the text, unlinked;
    // its text is never copied.
    expect(page).toContain('<span>ЛИЧНЫЙ-ПЛАН секрет</span>');
    for (const [where, text] of outputs) {
      if (where !== path) expect(text, where).not.toContain('ЛИЧНЫЙ-ПЛАН');
    }
    for (const [where, text] of outputs) {
      for (const secret of [
        'ТЕКСТ-ЛИЧНОГО-ПЛАНА',
        'ВНУТРЕННЯЯ-ЗАМЕТКА',
        '+7 900',
        'КОММЕНТАРИЙ',
        'ЖУРНАЛ-КОММЕНТАРИЕВ',
        'ДРУГОЙ-ФРАГМЕНТ',
        'ЗАМЕТКИ-РЕДАКТОРА',
        'ЧЕРНОВИК',
        owner.email,
        editor.email,
        '@example.org',
        workspaceId,
        'private'
      ]) {
        expect(text, `${secret} in ${where}`).not.toContain(secret);
      }
    }
    // A search for a private word finds nothing.
    expect(outputs.find(([p]) => p.includes('?q='))![1]).toContain('Найдено: 0');
  });

  it('PB6 a proposed but unpublished document is nowhere on the site, and its future address is unknown', async () => {
    const site = await PublishingServer.start(defer);
    const { owner, workspaceId } = await site.workspace();
    await site.setMeta(owner, workspaceId, 'shown', {
      title: 'Открытый материал',
      type: 'methodology'
    });
    await site.setMeta(owner, workspaceId, 'proposed', {
      title: 'ПРЕДЛОЖЕННЫЙ секрет',
      type: 'methodology'
    });
    await site.api(owner, workspaceId).publish('shown');
    await site.api(owner, workspaceId).propose('proposed');
    const shortId = (await site.server.publishing.store.get(workspaceId, 'proposed'))!.shortId;
    expect((await site.fetch(`${SITE}/x-${shortId}`)).status).toBe(404);
    for (const [where, text] of await everything(site, [])) {
      expect(text, where).not.toContain('ПРЕДЛОЖЕННЫЙ');
      expect(text, where).not.toContain(shortId);
    }
  });
});
