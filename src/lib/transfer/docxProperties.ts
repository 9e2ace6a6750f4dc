import type { DocumentType } from '../shared/model/documentTypes.ts';
import { isDocumentType } from '../shared/model/documentTypes.ts';
import { exportedFields, type ExportMeta } from './documentFields.ts';

/**
 * The type, tags and fields of a document as custom properties of its Word file
 * (`docProps/custom.xml`): Word shows them under File → Properties, and the import reads them
 * back, so a .docx exported here comes back with its fields rather than only a table of them.
 */
const PREFIX = 'uzel.';

export function docxProperties(meta: ExportMeta): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [{ name: `${PREFIX}type`, value: meta.type }];
  if (meta.tags.length > 0) out.push({ name: `${PREFIX}tags`, value: JSON.stringify(meta.tags) });
  for (const field of exportedFields(meta))
    out.push({ name: `${PREFIX}field.${field.id}`, value: field.value });
  return out;
}

/** Reads those properties from the text of `docProps/custom.xml`; anything else is ignored. */
export function readDocxProperties(xml: string): Partial<ExportMeta> | null {
  const parsed = new DOMParser().parseFromString(xml, 'application/xml');
  const meta: Partial<ExportMeta> = {};
  const fields: Record<string, string> = {};
  let found = false;
  for (const property of Array.from(parsed.getElementsByTagNameNS('*', 'property'))) {
    const name = property.getAttribute('name') ?? '';
    if (!name.startsWith(PREFIX)) continue;
    const value = property.textContent ?? '';
    found = true;
    if (name === `${PREFIX}type` && isDocumentType(value)) meta.type = value as DocumentType;
    else if (name === `${PREFIX}tags`) {
      try {
        const tags: unknown = JSON.parse(value);
        if (Array.isArray(tags)) meta.tags = tags.filter((t): t is string => typeof t === 'string');
      } catch {
        // Not ours after all: no tags.
      }
    } else if (name.startsWith(`${PREFIX}field.`))
      fields[name.slice(`${PREFIX}field.`.length)] = value;
  }
  if (Object.keys(fields).length > 0) meta.fields = fields;
  return found ? meta : null;
}
