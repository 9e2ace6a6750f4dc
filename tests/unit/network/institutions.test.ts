import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { translate, type MessageKey } from '../../../src/lib/shared/i18n/translate.ts';
import { isValidId } from '../../../src/lib/shared/model/ids.ts';
import { Institutions, normaliseWebsite } from '../../../src/lib/shared/model/network/index.ts';
import { indexRoots } from '../../../src/lib/shared/model/schema.ts';
import { institution, replicas } from './fixtures.ts';

const ru = (key: string) => translate('ru', key as MessageKey);

describe('institutions', () => {
  it('NW1 an institution is created with a valid id and read back with its fields', () => {
    const store = new Institutions(new Y.Doc());
    const result = store.create(
      institution({ directions: ['theatre', 'folkCulture'], website: 'https://yunost.ru' }),
      1000
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(isValidId(result.id)).toBe(true);
    expect(store.get(result.id)).toMatchObject({
      id: result.id,
      name: 'МБУДО «Юность»',
      kind: 'supplementaryEducation',
      directions: ['folkCulture', 'theatre'],
      website: 'https://yunost.ru',
      archived: false,
      createdAt: 1000,
      updatedAt: 1000
    });
  });

  it('NW2 invalid input is refused with Russian messages naming what is wrong', () => {
    const store = new Institutions(new Y.Doc());
    const result = store.create(
      institution({ name: '   ', website: 'javascript:alert(1)', kind: 'castle' as never })
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(ru(result.errors.name!)).toBe('Укажите название учреждения');
    expect(ru(result.errors.website!)).toMatch(/^Сайт должен быть адресом в интернете/);
    expect(ru(result.errors.kind!)).toBe('Выберите вид учреждения из списка');
    expect(store.all()).toEqual([]);
  });

  it('NW2 only http and https websites are accepted; a bare address becomes https', () => {
    const store = new Institutions(new Y.Doc());
    for (const bad of ['data:text/html,x', 'ftp://files.ru', 'http://localhost', 'не сайт']) {
      expect(store.validate(institution({ website: bad })).website).toBe(
        'institution.error.website'
      );
    }
    expect(normaliseWebsite(' yunost-belgorod.ru ')).toBe('https://yunost-belgorod.ru');
    expect(normaliseWebsite('http://museum.ru')).toBe('http://museum.ru');
    expect(store.validate(institution({ website: normaliseWebsite('museum.ru/x') }))).toEqual({});
  });

  it('NW3 two people editing different fields of one institution at once both keep theirs', () => {
    const { a, b, disconnect, connect } = replicas();
    const storeA = new Institutions(a);
    const storeB = new Institutions(b);
    const created = storeA.create(institution({ directions: ['theatre'] }));
    if (!created.ok) throw new Error('not created');
    disconnect();
    storeA.update(created.id, {
      address: 'г. Белгород, ул. Щорса, 8',
      directions: ['theatre', 'music']
    });
    storeB.update(created.id, {
      contacts: '+7 4722 00-00-00',
      directions: ['theatre', 'localHistory']
    });
    connect();
    for (const store of [storeA, storeB]) {
      expect(store.get(created.id)).toMatchObject({
        address: 'г. Белгород, ул. Щорса, 8',
        contacts: '+7 4722 00-00-00',
        directions: ['localHistory', 'music', 'theatre']
      });
    }
  });

  it('NW4 malformed records written by a peer read as safe defaults', () => {
    const doc = new Y.Doc();
    const entry = new Y.Map<unknown>();
    indexRoots.institutions(doc).set('abc', entry);
    entry.set('name', 42);
    entry.set('kind', 'castle');
    entry.set('directions', 'theatre');
    entry.set('archived', 'yes');
    entry.set('notes', 'x'.repeat(10_000));
    indexRoots.institutions(doc).set('bad id!', new Y.Map());
    const store = new Institutions(doc);
    expect(store.all()).toHaveLength(1);
    expect(store.get('abc')).toMatchObject({
      name: '',
      kind: 'other',
      directions: [],
      archived: false
    });
    expect(store.get('abc')!.notes).toHaveLength(4000);
  });
});
