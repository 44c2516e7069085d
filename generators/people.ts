import { Faker, base, de, en, es, fr, pl, sv } from '@faker-js/faker';

/**
 * Seeded faker instances. Most people get English names; a share get names from other locales
 * so that non-ASCII text (ü, ł, é, å) reaches clients the way it does on real sites.
 */
const fakers = {
  en: new Faker({ locale: [en, base] }),
  de: new Faker({ locale: [de, en, base] }),
  fr: new Faker({ locale: [fr, en, base] }),
  es: new Faker({ locale: [es, en, base] }),
  pl: new Faker({ locale: [pl, en, base] }),
  sv: new Faker({ locale: [sv, en, base] }),
} as const;

export type FakerLocale = keyof typeof fakers;

const LOCALE_WEIGHTS: readonly (readonly [FakerLocale, number])[] = [
  ['en', 70],
  ['de', 8],
  ['fr', 8],
  ['es', 6],
  ['pl', 4],
  ['sv', 4],
];

export function localeWeights(): readonly (readonly [FakerLocale, number])[] {
  return LOCALE_WEIGHTS;
}

/**
 * Returns the faker of a locale, reseeded. Generation is synchronous, so reseeding a shared
 * instance right before use keeps every call site deterministic.
 */
export function seededFaker(locale: FakerLocale, seed: number): Faker {
  const f = fakers[locale];
  f.seed(seed);
  return f;
}

/** An operating system label as the appliance prints it. */
export const OPERATING_SYSTEMS = [
  'Windows 11 Enterprise x64 Edition, 10.0.22631',
  'Windows 10 Enterprise x64 Edition, 10.0.19045',
  'Windows 11 Pro x64 Edition, 10.0.26100',
  'Windows Server 2022 Standard x64 Edition, 10.0.20348',
  'Mac OS X 14.6.1',
  'macOS 15.1',
  'Ubuntu 22.04.4 LTS',
  'Linux Mint 21.3',
  'Android 14',
  'iOS 17.5.1',
] as const;
