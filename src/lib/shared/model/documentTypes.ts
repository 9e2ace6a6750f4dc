/**
 * Document types and their structured fields, as data: the header form, the filters, search and
 * the templates all read this table instead of branching on a type in components.
 * Labels live in the i18n catalogues under `type.<id>`, `field.<id>` and `direction.<id>`.
 */

export const DIRECTIONS = [
  'folkCulture',
  'localHistory',
  'technical',
  'decorativeArts',
  'theatre',
  'music'
] as const;
export type Direction = (typeof DIRECTIONS)[number];

export type FieldKind = 'text' | 'longText' | 'date' | 'direction' | 'institution' | 'person';

export type FieldDefinition = {
  id: string;
  kind: FieldKind;
  /** Shown in filters of the tree and the search page. */
  filterable?: boolean;
};

const methodologyFields: FieldDefinition[] = [
  { id: 'direction', kind: 'direction', filterable: true },
  { id: 'audienceAge', kind: 'text' },
  { id: 'duration', kind: 'text' },
  { id: 'goals', kind: 'longText' },
  { id: 'materials', kind: 'longText' },
  { id: 'author', kind: 'person', filterable: true },
  { id: 'institution', kind: 'institution', filterable: true }
];

export const DOCUMENT_TYPES = {
  /** A folder of the tree; it has text of its own like any document. */
  collection: { fields: [] },
  methodology: { fields: methodologyFields },
  masterClass: {
    fields: [...methodologyFields, { id: 'date', kind: 'date' }, { id: 'venue', kind: 'text' }]
  },
  projectPlan: {
    fields: [
      { id: 'partners', kind: 'longText' },
      { id: 'startDate', kind: 'date' },
      { id: 'endDate', kind: 'date' },
      { id: 'goal', kind: 'longText' }
    ]
  },
  eventReport: {
    fields: [
      { id: 'date', kind: 'date' },
      { id: 'venue', kind: 'text' },
      { id: 'institution', kind: 'institution', filterable: true },
      { id: 'author', kind: 'person', filterable: true }
    ]
  },
  localHistory: {
    fields: [
      { id: 'place', kind: 'text' },
      { id: 'monument', kind: 'text' },
      { id: 'person', kind: 'text' },
      { id: 'author', kind: 'person', filterable: true }
    ]
  },
  note: { fields: [] }
} as const satisfies Record<string, { fields: readonly FieldDefinition[] }>;

export type DocumentType = keyof typeof DOCUMENT_TYPES;
export const DOCUMENT_TYPE_IDS = Object.keys(DOCUMENT_TYPES) as DocumentType[];
export const DEFAULT_DOCUMENT_TYPE: DocumentType = 'note';

export function isDocumentType(value: unknown): value is DocumentType {
  return typeof value === 'string' && Object.hasOwn(DOCUMENT_TYPES, value);
}

export function fieldsOf(type: DocumentType): readonly FieldDefinition[] {
  return DOCUMENT_TYPES[type].fields;
}

/** Bounds a peer cannot exceed, whatever it writes into the index. */
export const FIELD_VALUE_MAX_LENGTH = 2000;
export const TAG_MAX_LENGTH = 50;
