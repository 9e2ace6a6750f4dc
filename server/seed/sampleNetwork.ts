import type * as Y from 'yjs';
// The same record kinds and validation as the app: seeded records are what a person could enter.
import {
  Agreements,
  Institutions,
  type AgreementValues,
  type InstitutionValues
} from '../../src/lib/shared/model/network/index.ts';

/** Institutions and agreements named in the text the network was founded on. */
const INSTITUTIONS: (Partial<InstitutionValues> & { id: string; name: string })[] = [
  {
    id: 'inst-yunost',
    name: 'МБУДО «Юность»',
    kind: 'supplementaryEducation',
    address: 'г. Белгород',
    directions: ['theatre', 'decorativeArts', 'folkCulture'],
    documentIds: ['sample-agreements', 'sample-theatre-plan']
  },
  {
    id: 'inst-likhanov',
    name: 'Библиотека им. Лиханова',
    kind: 'library',
    address: 'г. Белгород',
    notes: 'Творческие вечера, например «Театр на окошке» (педагог Лобанова Л. Е.).'
  },
  {
    id: 'inst-science-library',
    name: 'Белгородская государственная универсальная научная библиотека',
    kind: 'library',
    address: 'г. Белгород',
    notes: 'Выставки, мастер-классы (педагог Юрченко О. Ф.).',
    documentIds: ['sample-masterclass']
  },
  {
    id: 'inst-folk-museum',
    name: 'Музей народной культуры',
    kind: 'museum',
    directions: ['folkCulture', 'localHistory']
  },
  {
    id: 'inst-institute',
    name: 'Институт культуры',
    kind: 'university',
    notes: 'Практика студентов; многие выпускники Центра поступают сюда.'
  },
  {
    id: 'inst-sokol',
    name: 'Городской центр народного творчества «Сокол»',
    kind: 'folkCultureCentre',
    directions: ['folkCulture', 'music'],
    notes: 'Тематические творческие вечера, встречи с ветеранами, отчётные концерты.'
  },
  {
    id: 'inst-technical',
    name: 'Центр технического творчества',
    kind: 'supplementaryEducation',
    directions: ['technical']
  },
  {
    id: 'inst-local-museum',
    name: 'Белгородский государственный краеведческий музей',
    kind: 'museum',
    directions: ['localHistory']
  }
];

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Agreements dated around `now`, so one of them shows as "expiring soon" on the home page. */
function agreements(now: number): (Partial<AgreementValues> & { id: string })[] {
  return [
    {
      id: 'agr-likhanov',
      partyIds: ['inst-yunost', 'inst-likhanov'],
      subject: 'Совместные творческие вечера и выставки в библиотеке',
      number: '7/2025',
      signedAt: iso(now - 320 * DAY),
      expiresAt: iso(now + 45 * DAY),
      status: 'active'
    },
    {
      id: 'agr-science-library',
      partyIds: ['inst-yunost', 'inst-science-library'],
      subject: 'Выставки и мастер-классы педагогов Центра',
      number: '12/2025',
      signedAt: iso(now - 200 * DAY),
      expiresAt: iso(now + 530 * DAY),
      status: 'active'
    },
    {
      id: 'agr-museum-institute',
      partyIds: ['inst-yunost', 'inst-folk-museum', 'inst-institute'],
      subject: 'Изучение и возрождение народной традиционной культуры Белгородчины',
      signedAt: iso(now - 500 * DAY),
      status: 'active'
    },
    {
      id: 'agr-sokol',
      partyIds: ['inst-yunost', 'inst-sokol'],
      subject: 'Отчётные концерты и театрализованные представления',
      status: 'draft'
    },
    {
      id: 'agr-technical',
      partyIds: ['inst-technical', 'inst-science-library', 'inst-local-museum'],
      subject: 'Совместная деятельность по техническому творчеству и краеведению',
      number: '3/2024',
      signedAt: iso(now - 700 * DAY),
      expiresAt: iso(now - 20 * DAY),
      status: 'expired'
    }
  ];
}

/** Writes the sample partner network into a workspace index doc (the caller stores it). */
export function writeSampleNetwork(index: Y.Doc, now = Date.now()): void {
  const institutions = new Institutions(index);
  const store = new Agreements(index);
  for (const { id, ...values } of INSTITUTIONS) {
    const result = institutions.create({ ...institutions.blank(), ...values }, now, id);
    if (!result.ok) throw new Error(`sample institution ${id}: ${JSON.stringify(result.errors)}`);
  }
  for (const { id, ...values } of agreements(now)) {
    const result = store.create({ ...store.blank(), ...values }, now, id);
    if (!result.ok) throw new Error(`sample agreement ${id}: ${JSON.stringify(result.errors)}`);
  }
}
