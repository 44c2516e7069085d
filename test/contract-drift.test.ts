import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffSchemas, formatDrift } from '../contracts/drift.js';
import { bundledSchemaPath } from '../schemas/paths.js';

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
});
