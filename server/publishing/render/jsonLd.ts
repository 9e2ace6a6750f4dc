import { parseAgeRange, typicalAgeRange } from '../age.ts';
import { directionLabel, TYPE_LABELS } from '../labels.ts';
import type { Material } from '../material.ts';
import { firstImageHash, publicFilePath } from '../pinnedFiles.ts';
import { isoDate } from './dates.ts';

/**
 * schema.org metadata for open educational resource harvesters: a `LearningResource` (a
 * CreativeWork) with the LRMI and Dublin Core fields they read. Only the pinned, public data of
 * the material is used.
 */
export function materialJsonLd(material: Material, origin: string): Record<string, unknown> {
  const { pinned, site } = material;
  const url = `${origin}${material.path}`;
  const age = parseAgeRange(pinned.fields.audienceAge);
  const out: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'LearningResource',
    '@id': url,
    url,
    name: pinned.title || 'Без названия',
    description: pinned.summary,
    inLanguage: 'ru',
    license: material.licence.url,
    isAccessibleForFree: true,
    learningResourceType: TYPE_LABELS[pinned.type],
    datePublished: isoDate(material.firstPublishedAt),
    dateModified: isoDate(material.publishedAt),
    isPartOf: { '@type': 'Collection', name: site.title, url: `${origin}/p/${site.slug}/` }
  };
  const image = firstImageHash(pinned.files);
  if (image) out.image = `${origin}${publicFilePath(site.slug, image)}`;
  if (pinned.fields.direction) out.about = directionLabel(pinned.fields.direction);
  if (age) {
    out.typicalAgeRange = typicalAgeRange(age);
    out.educationalLevel = pinned.fields.audienceAge;
  }
  const minutes = durationMinutes(pinned.fields.duration);
  if (minutes) out.timeRequired = `PT${minutes}M`;
  if (pinned.fields.author) out.author = { '@type': 'Person', name: pinned.fields.author };
  if (pinned.fields.institution) {
    out.provider = { '@type': 'Organization', name: pinned.fields.institution };
  }
  return out;
}

/** «45 минут», «1,5 часа», «2 ч» → minutes; null when the text says something else. */
export function durationMinutes(text: string | undefined): number | null {
  if (!text) return null;
  const m = /(\d+(?:[.,]\d+)?)\s*(мин|час|ч\b)/i.exec(text);
  if (!m) return null;
  const value = Number(m[1]!.replace(',', '.'));
  const minutes = m[2]!.toLowerCase().startsWith('мин') ? value : value * 60;
  return Number.isFinite(minutes) && minutes > 0 && minutes < 10_000 ? Math.round(minutes) : null;
}
