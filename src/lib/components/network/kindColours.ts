import type { InstitutionKind } from '../../shared/model/network/index.ts';

/** One colour per kind of institution on the map, readable on white and named in the legend. */
export const KIND_COLOURS: Record<InstitutionKind, string> = {
  supplementaryEducation: '#2f5d50',
  library: '#8a4b00',
  museum: '#6b3fa0',
  folkCultureCentre: '#a12d2d',
  university: '#1f5f99',
  school: '#3b7d23',
  other: '#5b6661'
};
