import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundledSchemaPath } from '../schemas/paths.js';
import { PRA_ROOTS_FROM_RS, productSchemaText, productValidator } from '../schemas/products.js';
import { SchemaValidator } from '../schemas/validator.js';
import { NAMESPACES } from '../server/settings.js';
import { NOW, testMock, type TestMock } from './helpers.js';

let pra: TestMock;
let session: string;

beforeAll(async () => {
  pra = await testMock({ product: 'pra' });
  const res = await pra.report({
    generate_report: 'AccessSession',
    start_time: NOW - 86_400,
    duration: 0,
  });
  session = res.body;
});
afterAll(() => pra.close());

const roots = (xsd: string) =>
  [...xsd.matchAll(/^ {2}<xs:element name="(\w+)"/gm)].map((m) => m[1]);

describe('the schema a PRA appliance serves', () => {
  it('holds the PRA roots and none of the Remote Support-only ones', async () => {
    const res = await pra.app.inject({ url: '/api/reporting.xsd' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe(productSchemaText('pra'));
    expect(roots(res.body)).toEqual([
      ...PRA_ROOTS_FROM_RS,
      'vault_account_activity_list',
      'jump_item_list',
    ]);
    // The Remote Support schema is served unchanged by a Remote Support appliance.
    expect(productSchemaText('rs')).toBe(readFileSync(bundledSchemaPath(), 'utf8'));
  });

  it('is one self-contained schema the contract kit can load', () => {
    const v = new SchemaValidator(productSchemaText('pra'));
    expect(v.targetNamespace).toBe(NAMESPACES.sra);
    expect(productSchemaText('pra')).not.toMatch(/schemaLocation/);
  });

  it('accepts the mock’s sessions and rejects a session without its Jump Group', () => {
    const v = productValidator('pra');
    expect(v.validate(session).ok).toBe(true);
    const without = session.replace(/<jump_group [^>]*>[^<]*<\/jump_group>/, '');
    expect(without).not.toBe(session);
    expect(v.validate(without).ok).toBe(false);
  });

  it('rejects the Remote Support-only elements Appendix A says PRA sessions lack', () => {
    const v = productValidator('pra');
    const withSite = session.replace(
      '<external_key>',
      '<public_site id="1">Default</public_site><external_key>',
    );
    const withPrimaryCust = session.replace(
      '</username>',
      '</username><primary_cust>1</primary_cust>',
    );
    const withSurvey = session.replace(
      '</session_details>',
      '</session_details><cust_survey_list></cust_survey_list>',
    );
    for (const doc of [withSite, withPrimaryCust, withSurvey]) {
      expect(doc).not.toBe(session);
      expect(v.validate(doc).ok).toBe(false);
    }
    // The same session with a public site is valid Remote Support output.
    expect(productValidator('rs').validate(withSite).ok).toBe(true);
  });

  it('follows the namespace setting like the Remote Support schema', async () => {
    const bomgar = await testMock({ product: 'pra', settings: { namespace: 'bomgar' } });
    const xsd = (await bomgar.app.inject({ url: '/api/reporting.xsd' })).body;
    expect(xsd).toContain(`targetNamespace="${NAMESPACES.bomgar}"`);
    // report() validates the answer against the PRA schema in that namespace.
    const res = await bomgar.report({
      generate_report: 'VaultAccountActivity',
      start_time: NOW - 86_400,
    });
    expect(res.body).toContain(NAMESPACES.bomgar);
    await bomgar.close();
  });
});
