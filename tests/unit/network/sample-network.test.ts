import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { writeSampleNetwork } from '../../../server/seed/sampleNetwork.ts';
import {
  Agreements,
  Institutions,
  referencesTo
} from '../../../src/lib/shared/model/network/index.ts';
import { todayIso } from '../../../src/lib/shared/model/network/fields.ts';

describe('sample partner network', () => {
  it('NW14 the sample institutions and agreements are valid records; one expires soon', () => {
    const doc = new Y.Doc();
    const now = Date.UTC(2026, 0, 15, 12);
    writeSampleNetwork(doc, now);
    const institutions = new Institutions(doc);
    const agreements = new Agreements(doc);
    expect(institutions.all()).toHaveLength(8);
    expect(agreements.all()).toHaveLength(5);
    for (const a of agreements.all()) expect(agreements.validate(a, a.id)).toEqual({});
    for (const i of institutions.all()) expect(institutions.validate(i, i.id)).toEqual({});
    expect(agreements.expiring(todayIso(new Date(now))).map((a) => a.id)).toEqual(['agr-likhanov']);
    expect(referencesTo(doc, 'inst-yunost')).toHaveLength(4);
  });
});
