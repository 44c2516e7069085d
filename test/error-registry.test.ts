import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  ADMIN_ERRORS,
  APPLIANCE_ERRORS,
  CONTRACT_FINDINGS,
  FIELD_PROBLEMS,
  OAUTH_ERRORS,
  TOOL_ERRORS,
  applianceMessage,
} from '../server/errors.js';

const doc = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');

describe('the error registry', () => {
  it('is documented code by code in docs/errors.md', () => {
    const registries = [
      APPLIANCE_ERRORS,
      OAUTH_ERRORS,
      TOOL_ERRORS,
      ADMIN_ERRORS,
      FIELD_PROBLEMS,
      CONTRACT_FINDINGS,
    ];
    for (const code of registries.flatMap((r) => Object.keys(r))) {
      expect(doc, code).toContain(`\`${code}\``);
    }
  });

  it('ends every no-data sentence except the archive one with the suffix clients match', () => {
    for (const [code, entry] of Object.entries(APPLIANCE_ERRORS)) {
      if (!('noData' in entry) || code === 'NO_ARCHIVES') continue;
      expect(entry.en).toMatch(/matching your chosen criteria is available\.$/);
      if ('fr' in entry)
        expect(entry.fr).toMatch(/correspondant à vos critères n’est disponible\.$/);
    }
  });

  it('fills the parameters of a message and falls back to English where no translation exists', () => {
    expect(applianceMessage('MISSING_PARAMETER', 'fr', { name: 'duration' })).toBe(
      'Missing required parameter: duration.',
    );
    expect(applianceMessage('NO_DATA_SUPPORT', 'fr')).toContain('d’assistance');
  });
});
