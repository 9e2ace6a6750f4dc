import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SEED_DOCUMENTS } from '../../unit/search/fixtures.ts';
import type { IndexedDocument } from '../../../src/lib/search/types.ts';

/**
 * Generated Russian workspaces for the search benchmark. Sentences come from the seed text
 * (shared/seed, beside the repository) with some of their words swapped for other seed words,
 * plus made-up names (people, places), so the vocabulary grows with the workspace as real ones do.
 */

const TYPES = ['methodology', 'masterClass', 'projectPlan', 'eventReport', 'localHistory', 'note'];
const TAGS = ['краеведение', 'народная культура', 'театр', 'музыка', 'договор', 'выставка', 'сеть'];
const SYLLABLES = 'ба ве ги до ку ла ми но пе ро са ти ху це ча ше ще юр ян ов ин ск ко во'.split(
  ' '
);

/** A small deterministic generator, so every run indexes the same workspace. */
export function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seedText(seedDir: string): string {
  if (existsSync(seedDir)) {
    const files = readdirSync(seedDir).filter((f) => f.endsWith('.txt'));
    if (files.length) return files.map((f) => readFileSync(join(seedDir, f), 'utf8')).join('\n');
  }
  // Without shared/ beside the repository: the seed sentences of the unit-test fixtures.
  return SEED_DOCUMENTS.map((d) => `${d.title}. ${d.text}`).join('\n');
}

export type Corpus = {
  sentences: string[];
  /** Seed words of five letters or more: query material. */
  words: string[];
};

export function corpusOf(text: string): Corpus {
  const sentences = text
    .split(/(?<=[.!?…;])\s+|\n+/)
    .map((s) => s.replace(/\s+/g, ' ').trim())
    .filter((s) => s.length > 20);
  const words = [...new Set(text.match(/[А-Яа-яЁё]{5,}/g) ?? [])];
  return { sentences, words };
}

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)]!;
}

function name(rnd: () => number): string {
  const n = 2 + Math.floor(rnd() * 3);
  let out = '';
  for (let i = 0; i < n; i++) out += pick(rnd, SYLLABLES);
  return out[0]!.toUpperCase() + out.slice(1);
}

export function makeDocument(
  corpus: Corpus,
  rnd: () => number,
  index: number,
  bytes = 2048
): IndexedDocument {
  const parts: string[] = [];
  let size = 0;
  while (size < bytes / 2) {
    // UTF-8 Cyrillic is two bytes a letter: ~1,000 characters make ~2 KB.
    const words = pick(rnd, corpus.sentences).split(' ');
    for (let i = 0; i < words.length; i++) {
      const r = rnd();
      if (r < 0.2) words[i] = pick(rnd, corpus.words).toLowerCase();
      else if (r < 0.25) words[i] = name(rnd);
    }
    const sentence = words.join(' ');
    parts.push(sentence);
    size += sentence.length + 1;
  }
  const tags = TAGS.filter(() => rnd() < 0.2);
  return {
    id: `doc${index}`,
    title: `${pick(rnd, corpus.words)} ${pick(rnd, corpus.words).toLowerCase()} ${name(rnd)}`,
    type: pick(rnd, TYPES),
    tags,
    fieldText: `${name(rnd)} ${pick(rnd, corpus.words).toLowerCase()}`,
    text: parts.join('\n'),
    updatedAt: index
  };
}
