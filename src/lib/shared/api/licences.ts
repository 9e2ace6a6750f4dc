/**
 * The licences a material may be published under: the Creative Commons 4.0 family and CC0. A
 * workspace picks its default; each publication records its own, so changing the default later
 * never relicenses what is already out.
 */
export const LICENCES = {
  'CC-BY-4.0': {
    name: 'CC BY 4.0',
    title: 'С указанием авторства',
    url: 'https://creativecommons.org/licenses/by/4.0/deed.ru'
  },
  'CC-BY-SA-4.0': {
    name: 'CC BY-SA 4.0',
    title: 'С указанием авторства, на тех же условиях',
    url: 'https://creativecommons.org/licenses/by-sa/4.0/deed.ru'
  },
  'CC-BY-NC-4.0': {
    name: 'CC BY-NC 4.0',
    title: 'С указанием авторства, некоммерческая',
    url: 'https://creativecommons.org/licenses/by-nc/4.0/deed.ru'
  },
  'CC-BY-NC-SA-4.0': {
    name: 'CC BY-NC-SA 4.0',
    title: 'С указанием авторства, некоммерческая, на тех же условиях',
    url: 'https://creativecommons.org/licenses/by-nc-sa/4.0/deed.ru'
  },
  'CC-BY-ND-4.0': {
    name: 'CC BY-ND 4.0',
    title: 'С указанием авторства, без производных',
    url: 'https://creativecommons.org/licenses/by-nd/4.0/deed.ru'
  },
  'CC0-1.0': {
    name: 'CC0 1.0',
    title: 'Общественное достояние',
    url: 'https://creativecommons.org/publicdomain/zero/1.0/deed.ru'
  }
} as const;

export type LicenceId = keyof typeof LICENCES;
export const LICENCE_IDS = Object.keys(LICENCES) as LicenceId[];
export const DEFAULT_LICENCE: LicenceId = 'CC-BY-4.0';

export function isLicenceId(value: unknown): value is LicenceId {
  return typeof value === 'string' && Object.hasOwn(LICENCES, value);
}
