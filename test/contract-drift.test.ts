import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffSchemas, formatDrift } from '../contracts/drift.js';
import { HttpClient, targetUrl } from '../contracts/http-client.js';
import { schemaText } from '../contracts/schema-source.js';
import { bundledSchemaPath } from '../schemas/paths.js';
import { listen } from '../server/listen.js';
import { NAMESPACES } from '../server/settings.js';

const BASE = `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns="urn:t" targetNamespace="urn:t" elementFormDefault="qualified">
  <xs:simpleType name="hex32"><xs:restriction base="xs:string"><xs:pattern value="[0-9a-f]{32}"/></xs:restriction></xs:simpleType>
  <xs:element name="session_list">
    <xs:complexType><xs:sequence>
      <xs:element name="session" minOccurs="0" maxOccurs="unbounded">
        <xs:complexType>
          <xs:sequence>
            <xs:element name="lseq" type="xs:string"/>
            <xs:element name="duration" type="xs:string"/>
            <xs:element name="external_key" type="xs:string" minOccurs="0"/>
          </xs:sequence>
          <xs:attribute name="lsid" type="hex32" use="required"/>
          <xs:attribute name="legacy_id" type="xs:string"/>
        </xs:complexType>
      </xs:element>
    </xs:sequence></xs:complexType>
  </xs:element>
</xs:schema>`;

/** The base schema with four known edits, each applied by a literal replacement. */
const EDITS: {
  from: string;
  to: string;
  expect: { change: string; subject: string; path: string; detail: string };
}[] = [
  {
    from: '<xs:element name="duration" type="xs:string"/>',
    to: '<xs:element name="duration" type="xs:string"/><xs:element name="jump_group" type="xs:string" minOccurs="0"/>',
    expect: {
      change: 'added',
      subject: 'element',
      path: 'session_list/session/jump_group',
      detail: 'type xs:string, occurs 0..1',
    },
  },
  {
    from: '<xs:attribute name="legacy_id" type="xs:string"/>',
    to: '',
    expect: {
      change: 'removed',
      subject: 'attribute',
      path: 'session_list/session/@legacy_id',
      detail: 'type xs:string, optional',
    },
  },
  {
    from: '<xs:element name="lseq" type="xs:string"/>',
    to: '<xs:element name="lseq" type="xs:unsignedInt"/>',
    expect: {
      change: 'changed',
      subject: 'element',
      path: 'session_list/session/lseq',
      detail: 'type xs:string → xs:unsignedInt',
    },
  },
  {
    from: '<xs:element name="external_key" type="xs:string" minOccurs="0"/>',
    to: '<xs:element name="external_key" type="xs:string"/>',
    expect: {
      change: 'changed',
      subject: 'element',
      path: 'session_list/session/external_key',
      detail: 'occurs 0..1 → 1..1',
    },
  },
];

describe('schema drift', () => {
  it('reports exactly the differences made between two schemas', () => {
    let other = BASE;
    for (const e of EDITS) {
      expect(other).toContain(e.from);
      other = other.replace(e.from, e.to);
    }
    const report = diffSchemas(BASE, other, { base: 'base', other: 'edited' });
    const expected = EDITS.map((e) => e.expect).sort(
      (a, b) => a.path.localeCompare(b.path) || a.change.localeCompare(b.change),
    );
    expect(report.items).toEqual(expected);
  });

  it('reports a changed named type by its restriction', () => {
    const other = BASE.replace('[0-9a-f]{32}', '[0-9a-f]{40}');
    const report = diffSchemas(BASE, other, { base: 'base', other: 'edited' });
    expect(report.items).toEqual([
      {
        change: 'changed',
        subject: 'type',
        path: 'hex32',
        detail: 'xs:string pattern [0-9a-f]{32} → xs:string pattern [0-9a-f]{40}',
      },
    ]);
  });

  it('finds no drift between a schema and itself, and says so', () => {
    const xsd = readFileSync(bundledSchemaPath(), 'utf8');
    const report = diffSchemas(xsd, xsd, { base: 'bundled', other: 'bundled' });
    expect(report.items).toEqual([]);
    expect(formatDrift(report)).toContain('no differences');
  });

  it('writes one readable line per difference', () => {
    const other = BASE.replace(EDITS[0]!.from, EDITS[0]!.to);
    const text = formatDrift(diffSchemas(BASE, other, { base: 'base', other: 'edited' }));
    expect(text).toContain(
      '+ element session_list/session/jump_group: type xs:string, occurs 0..1',
    );
    expect(text).toContain('1 difference(s)');
  });

  it('reports another targetNamespace as one finding, the first line', () => {
    const other = BASE.replaceAll('urn:t', 'urn:other');
    const report = diffSchemas(BASE, other, { base: 'base', other: 'renamed' });
    expect(report.items).toEqual([
      {
        change: 'changed',
        subject: 'namespace',
        path: 'targetNamespace',
        detail: 'urn:t → urn:other',
      },
    ]);
    expect(formatDrift(report).split('\n')[1]).toBe(
      '  ~ namespace targetNamespace: urn:t → urn:other',
    );
  });

  it('compares the rest by local name whatever the namespace and its prefixes', () => {
    // Another namespace bound to a prefix, and XML Schema under another prefix: the same types.
    let other = BASE.replace(
      '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns="urn:t" targetNamespace="urn:t"',
      '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:b="urn:b" targetNamespace="urn:b"',
    )
      .replaceAll('xs:', 'xsd:')
      .replace('type="hex32"', 'type="b:hex32"');
    other = other.replace(
      EDITS[2]!.from.replaceAll('xs:', 'xsd:'),
      EDITS[2]!.to.replaceAll('xs:', 'xsd:'),
    );
    expect(other).toContain('xsd:unsignedInt');
    const report = diffSchemas(BASE, other, { base: 'base', other: 'prefixed' });
    expect(report.items).toEqual([
      { change: 'changed', subject: 'namespace', path: 'targetNamespace', detail: 'urn:t → urn:b' },
      EDITS[2]!.expect,
    ]);
  });

  it('a schema with no target namespace differs from one with, and says "(none)"', () => {
    const none = BASE.replace(' xmlns="urn:t" targetNamespace="urn:t"', '');
    const report = diffSchemas(BASE, none, { base: 'base', other: 'unqualified' });
    expect(report.items).toEqual([
      {
        change: 'changed',
        subject: 'namespace',
        path: 'targetNamespace',
        detail: 'urn:t → (none)',
      },
    ]);
  });

  it('finds the Bomgar-era namespace of a legacy-profile target, and nothing else', async () => {
    const mock = await listen({ seed: 1, settings: { profile: 'legacy' } });
    try {
      const http = new HttpClient({ rate: 0 });
      const served = await schemaText(http, targetUrl(mock.url, '/api/reporting.xsd').href);
      const bundled = readFileSync(bundledSchemaPath(), 'utf8');
      const report = diffSchemas(bundled, served, { base: 'bundled', other: mock.url });
      expect(report.items).toEqual([
        {
          change: 'changed',
          subject: 'namespace',
          path: 'targetNamespace',
          detail: `${NAMESPACES.sra} → ${NAMESPACES.bomgar}`,
        },
      ]);
    } finally {
      await mock.close();
    }
  });
});
