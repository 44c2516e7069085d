import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { schema } from './helpers.js';

const SAMPLES = new URL('../../shared/samples/', import.meta.url);
const NS = 'http://www.beyondtrust.com/sra/namespaces/API/reporting';

/** A session as real output may shape it: jump_group between primary_customer and primary_rep,
 * a representative without hostname, no jumpoint, children out of the mock's order. */
function session(
  extra = '',
  lsid = 'e9e99aeb9ad54fb381634498502c5a1b',
  start = '2024-12-03T15:26:05+00:00',
): string {
  return `<?xml version="1.0" encoding="UTF-8"?>

<session_list xmlns="${NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<session lsid="${lsid}">
    <lseq>8</lseq>
    <session_type>support</session_type>
    <start_time timestamp="1733239565">${start}</start_time>
    <end_time></end_time>
    <duration>26:03:10</duration>
    <external_key></external_key>
    <custom_attributes></custom_attributes>
    <file_transfer_count>2</file_transfer_count>
    <file_move_count>0</file_move_count>
    <file_delete_count>1</file_delete_count>
    <primary_customer gsnumber="22">Jane Doe</primary_customer>
    <jump_group type="shared" id="-1">Servers</jump_group>
    <primary_rep gsnumber="21" id="1">Admin</primary_rep>
    <customer_list></customer_list>
    <rep_list>
    <representative gsnumber="21" id="1">
      <display_name>Admin</display_name>
      <username>admin</username>
      <seconds_involved>901</seconds_involved>
      <session_owner>1</session_owner>
    </representative>
    </rep_list>
    <session_details>
      <event timestamp="1733239565" event_type="Some Future Event Type" >

      </event>
    </session_details>${extra}
</session>
</session_list>
`;
}

describe('the bundled reporting schema', () => {
  it('accepts the real error sample of a current appliance as is', () => {
    const xml = readFileSync(new URL('error-invalid-lsid.xml', SAMPLES), 'utf8');
    expect(schema().validate(xml).ok).toBe(true);
  });

  it('accepts real variations: any child order, optional elements absent, unknown event types, a running session', () => {
    const result = schema().validate(session());
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('accepts an error child inside a list root', () => {
    expect(
      schema().validate(
        `<session_summary_list xmlns="${NS}"><error>No data</error></session_summary_list>`,
      ).ok,
    ).toBe(true);
  });

  it('rejects an element it does not know inside a session, naming where', () => {
    const result = schema().validate(session('\n    <favourite_colour>blue</favourite_colour>'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.stage).toBe('schema');
    expect(result.problems[0]!.message).toContain('favourite_colour');
    expect(result.problems[0]!.path).toBe('/session_list/session/favourite_colour');
  });

  it('rejects date-time text in Z form or with fractions, and lsids that are not 32 lowercase hex', () => {
    expect(schema().validate(session('', undefined, '2024-12-03T15:26:05Z')).ok).toBe(false);
    expect(schema().validate(session('', undefined, '2024-12-03T15:26:05.123+00:00')).ok).toBe(
      false,
    );
    expect(schema().validate(session('', 'E9E99AEB9AD54FB381634498502C5A1B')).ok).toBe(false);
  });

  it('rejects documents in another namespace or none', () => {
    for (const ns of [
      'https://www.beyondtrust.com/namespaces/API/reporting',
      'http://www.bomgar.com/namespaces/API/reporting',
      '',
    ]) {
      const xml = `<error${ns ? ` xmlns="${ns}"` : ''}>Invalid lsid.</error>`;
      expect(schema().validate(xml).ok, ns).toBe(false);
    }
  });

  it('rejects an attribute on error: errors carry no code', () => {
    expect(
      schema().validate(`<error xmlns="${NS}" code="authentication_failed">x</error>`).ok,
    ).toBe(false);
  });

  it('reports a body that is not XML as a parse problem, not a crash', () => {
    const result = schema().validate('<html><body>Document Not Found');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.stage).toBe('parse');
  });

  it('never resolves an external entity', () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE error [<!ENTITY x SYSTEM "file:///etc/passwd">]><error xmlns="${NS}">&x;</error>`;
    const result = schema().validate(xml);
    const text = result.ok ? result.document.root()!.text() : '';
    expect(text).not.toContain('root:');
  });
});
