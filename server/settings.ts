import { isValidTimeZone } from '../generators/time.js';
import { ToolError, type Locale } from './errors.js';

/** Requests each API account may make per rolling second and per rolling hour (spec §8). */
export type RateLimit = { perSecond: number; perHour: number } | 'off';

export const DEFAULT_RATE_LIMIT = { perSecond: 20, perHour: 15_000 } as const;

/** The switches of the emulated appliance (spec Appendix C). */
export interface ApplianceSettings {
  profile: 'appliance' | 'cloud' | 'legacy';
  namespace: 'sra' | 'bomgar' | 'none' | 'docs';
  errorStyle: 'namespaced' | 'bare';
  emptyResult: 'error' | 'empty_list';
  locale: Locale;
  siteTz: string;
  tokenType: 'Bearer' | 'bearer';
  expiresIn: number;
  tokenCap: number;
  tokenBody: 'form+json' | 'form';
  basicUrldecode: boolean;
  keepalive: 'close' | 'allow' | 'reset';
  rateLimit: RateLimit;
  settleSeconds: number;
  archiveLagSeconds: number;
  layout: 'real' | 'pretty' | 'compact';
  xmlApiEnabled: boolean;
  archiveApiEnabled: boolean;
  /** Origin used in download URLs; by default the origin the request came in on. */
  siteOrigin?: string;
}

export const NAMESPACES = {
  sra: 'http://www.beyondtrust.com/sra/namespaces/API/reporting',
  bomgar: 'http://www.bomgar.com/namespaces/API/reporting',
  docs: 'https://www.beyondtrust.com/namespaces/API/reporting',
  none: '',
} as const;

export function defaultSettings(
  profile: ApplianceSettings['profile'] = 'appliance',
): ApplianceSettings {
  return {
    profile,
    namespace: profile === 'legacy' ? 'bomgar' : 'sra',
    errorStyle: 'namespaced',
    emptyResult: 'error',
    locale: 'en',
    siteTz: 'UTC',
    tokenType: profile === 'cloud' ? 'bearer' : 'Bearer',
    expiresIn: profile === 'cloud' ? 1799 : 3600,
    tokenCap: 30,
    tokenBody: 'form+json',
    basicUrldecode: false,
    keepalive: 'close',
    rateLimit: { ...DEFAULT_RATE_LIMIT },
    settleSeconds: 0,
    archiveLagSeconds: 300,
    layout: 'real',
    xmlApiEnabled: true,
    archiveApiEnabled: true,
  };
}

/** Fills defaults (profile first, then the given values) and rejects values that cannot work. */
export function resolveSettings(partial: Partial<ApplianceSettings> = {}): ApplianceSettings {
  const settings = { ...defaultSettings(partial.profile), ...stripUndefined(partial) };
  if (!isValidTimeZone(settings.siteTz)) {
    throw new ToolError(
      'BAD_OPTION',
      `site timezone "${settings.siteTz}" is not an IANA zone name`,
    );
  }
  for (const key of ['expiresIn', 'tokenCap'] as const) {
    if (!Number.isInteger(settings[key]) || settings[key] < 1) {
      throw new ToolError('BAD_OPTION', `${key} must be a positive integer, got ${settings[key]}`);
    }
  }
  for (const key of ['settleSeconds', 'archiveLagSeconds'] as const) {
    if (!Number.isInteger(settings[key]) || settings[key] < 0) {
      throw new ToolError(
        'BAD_OPTION',
        `${key} must be a whole number of seconds, got ${settings[key]}`,
      );
    }
  }
  checkRateLimit(settings.rateLimit);
  return settings;
}

/** Rejects a rate limit that is neither `off` nor two positive whole numbers. */
export function checkRateLimit(limit: RateLimit): void {
  if (limit === 'off') return;
  for (const key of ['perSecond', 'perHour'] as const) {
    const value = limit?.[key];
    if (!Number.isInteger(value) || value < 1) {
      throw new ToolError(
        'BAD_OPTION',
        `rate limit ${key} must be a positive integer, got ${value}`,
      );
    }
  }
}

/** Reads `off`, `20/s`, `15000/h` or `20/s,15000/h`; an absent part keeps its default. */
export function parseRateLimit(text: string): RateLimit {
  if (text.trim() === 'off') return 'off';
  const limit: { perSecond: number; perHour: number } = { ...DEFAULT_RATE_LIMIT };
  for (const part of text.split(',')) {
    const match = /^\s*(\d+)\s*\/\s*(s|h)\s*$/.exec(part);
    if (!match)
      throw new ToolError('BAD_OPTION', `rate limit "${text}" is not off, N/s, N/h or N/s,M/h`);
    limit[match[2] === 's' ? 'perSecond' : 'perHour'] = Number(match[1]);
  }
  checkRateLimit(limit);
  return limit;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
