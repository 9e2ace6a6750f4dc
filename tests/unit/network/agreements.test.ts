import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { agreementPeriod } from '../../../src/lib/components/network/agreementText.ts';
import { translate, type MessageKey } from '../../../src/lib/shared/i18n/translate.ts';
import {
  Agreements,
  effectiveStatus,
  Institutions,
  referencesTo,
  registerNetworkSource,
  removeInstitution,
  type AgreementValues
} from '../../../src/lib/shared/model/network/index.ts';
import { institution, replicas } from './fixtures.ts';

const ru = (key: string) => translate('ru', key as MessageKey);

function setup(doc = new Y.Doc()) {
  const institutions = new Institutions(doc);
  const agreements = new Agreements(doc);
  const ids = ['МБУДО «Юность»', 'Библиотека им. Лиханова', 'Музей народной культуры'].map(
    (name) => {
      const result = institutions.create(institution({ name }));
      if (!result.ok) throw new Error('institution not created');
      return result.id;
    }
  );
  const agreement = (patch: Partial<AgreementValues> = {}): AgreementValues => ({
    ...agreements.blank(),
    partyIds: [ids[0]!, ids[1]!],
    subject: 'Творческие вечера в библиотеке',
    number: '12/2025',
    signedAt: '2025-09-01',
    expiresAt: '2026-08-31',
    status: 'active',
    ...patch
  });
  return { doc, institutions, agreements, ids, agreement };
}

describe('agreements', () => {
  it('NW5 an agreement between two institutions is created and read back', () => {
    const { agreements, agreement, ids } = setup();
    const result = agreements.create(agreement({ scan: 'attachment:scan-12' }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(agreements.get(result.id)).toMatchObject({
      partyIds: [ids[0], ids[1]].sort(),
      subject: 'Творческие вечера в библиотеке',
      signedAt: '2025-09-01',
      expiresAt: '2026-08-31',
      status: 'active',
      scan: 'attachment:scan-12'
    });
    expect(agreements.withParty(ids[1]!)).toHaveLength(1);
    expect(agreements.withParty(ids[2]!)).toHaveLength(0);
  });

  it('NW6 parties, subject and dates are validated with Russian messages', () => {
    const { agreements, agreement, ids } = setup();
    const one = agreements.create(agreement({ partyIds: [ids[0]!], subject: ' ' }));
    expect(one.ok).toBe(false);
    if (one.ok) return;
    expect(ru(one.errors.partyIds!)).toBe('Выберите не меньше двух сторон договора');
    expect(ru(one.errors.subject!)).toBe('Укажите предмет договора');

    const errors = agreements.validate(
      agreement({ signedAt: '2026-02-30', expiresAt: '2025-01-01', status: 'draft' })
    );
    expect(ru(errors.signedAt!)).toBe('Укажите дату в формате ДД.ММ.ГГГГ');
    expect(ru(agreements.validate(agreement({ expiresAt: '2025-01-01' })).expiresAt!)).toBe(
      'Срок действия не может закончиться раньше даты подписания'
    );
    expect(ru(agreements.validate(agreement({ signedAt: '' })).signedAt!)).toBe(
      'Для действующего или истёкшего договора укажите дату подписания'
    );
    expect(ru(agreements.validate(agreement({ partyIds: [ids[0]!, 'nobody'] })).partyIds!)).toBe(
      'Одна из сторон не найдена в справочнике учреждений'
    );
    expect(agreements.all()).toEqual([]);
  });

  it('NW7 agreements expiring within 60 days are listed, nearest first', () => {
    const { agreements, agreement } = setup();
    agreements.create(agreement({ subject: 'через 60', expiresAt: '2026-03-02' }));
    agreements.create(agreement({ subject: 'сегодня', expiresAt: '2026-01-01' }));
    agreements.create(agreement({ subject: 'через 61', expiresAt: '2026-03-03' }));
    agreements.create(agreement({ subject: 'истёк', expiresAt: '2025-12-31' }));
    agreements.create(
      agreement({ subject: 'расторгнут', expiresAt: '2026-01-10', status: 'terminated' })
    );
    const soon = agreements.expiring('2026-01-01');
    expect(soon.map((a) => [a.subject, a.daysLeft])).toEqual([
      ['сегодня', 0],
      ['через 60', 60]
    ]);
    const past = agreements.all().find((a) => a.subject === 'истёк')!;
    expect(effectiveStatus(past, '2026-01-01')).toBe('expired');
    expect(translate('ru', 'agreement.expiresIn', { count: 1 })).toBe('истекает через 1 день');
    expect(translate('ru', 'agreement.expiresIn', { count: 3 })).toBe('истекает через 3 дня');
    expect(translate('ru', 'agreement.expiresIn', { count: 11 })).toBe('истекает через 11 дней');
    expect(translate('ru', 'agreement.expiresIn', { count: 21 })).toBe('истекает через 21 день');
    expect(translate('ru', 'agreement.expiresIn', { count: 0 })).toBe('истекает сегодня');
  });

  it('NW8 deleting an institution that an agreement names is refused; archiving keeps it', () => {
    const { doc, institutions, agreements, agreement, ids } = setup();
    const made = agreements.create(agreement());
    if (!made.ok) throw new Error('agreement not created');
    const refused = removeInstitution(institutions, ids[1]!);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.references.map((r) => r.id)).toEqual([made.id]);
    expect(institutions.get(ids[1]!)).not.toBeNull();
    const message = translate('ru', 'institution.deleteRefused', { name: 'Библиотека', count: 1 });
    expect(message).toMatch(/^Нельзя удалить «Библиотека»: на него ссылается 1 запись\./);

    institutions.archive(ids[1]!);
    expect(institutions.get(ids[1]!)!.archived).toBe(true);
    expect(institutions.choosable().map((i) => i.id)).not.toContain(ids[1]);
    expect(institutions.choosable([ids[1]!]).map((i) => i.id)).toContain(ids[1]);

    // An institution nobody refers to goes.
    expect(removeInstitution(institutions, ids[2]!)).toEqual({ ok: true });
    expect(institutions.get(ids[2]!)).toBeNull();
    expect(referencesTo(doc, ids[0]!)).toHaveLength(1);
  });

  it('NW8 other kinds register what refers to an institution, and deletion respects them', () => {
    const { institutions, ids } = setup();
    registerNetworkSource('test-event', () => [
      {
        kind: 'test-event',
        id: 'ev1',
        title: 'Мастер-класс',
        institutionIds: [ids[2]!],
        start: '2026-01-10',
        end: '2026-01-10',
        href: '/events/item?id=ev1'
      }
    ]);
    try {
      expect(removeInstitution(institutions, ids[2]!).ok).toBe(false);
    } finally {
      registerNetworkSource('test-event', () => []);
    }
    expect(removeInstitution(institutions, ids[2]!).ok).toBe(true);
  });

  it('NW3 concurrent edits of different agreement fields merge; parties added at once both stay', () => {
    const { a, b, disconnect, connect } = replicas();
    const one = setup(a);
    const created = one.agreements.create(one.agreement());
    if (!created.ok) throw new Error('agreement not created');
    const other = new Agreements(b);
    disconnect();
    one.agreements.update(created.id, { status: 'terminated', partyIds: [...one.ids] });
    other.update(created.id, { number: '15/2025', expiresAt: '2027-08-31' });
    connect();
    for (const store of [one.agreements, other]) {
      expect(store.get(created.id)).toMatchObject({
        status: 'terminated',
        number: '15/2025',
        expiresAt: '2027-08-31',
        partyIds: [...one.ids].sort()
      });
    }
  });
});

describe('dates as a person reads them', () => {
  it('NW20 a one-day span says its date once; a longer one says from and to', () => {
    expect(agreementPeriod('ru', { signedAt: '2026-12-10', expiresAt: '2026-12-10' })).toBe(
      '10 декабря 2026 г.'
    );
    expect(agreementPeriod('ru', { signedAt: '2026-12-10', expiresAt: '2026-12-12' })).toBe(
      'с 10 декабря 2026 г. по 12 декабря 2026 г.'
    );
  });
});
