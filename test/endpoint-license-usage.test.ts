import { parse } from 'csv-parse/sync';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testMock, type TestMock } from './helpers.js';

/** The seven columns of spec §26, with the labels the spec gives the mock. */
const HEADER = [
  'Name',
  'Hostname/IP',
  'Jumpoint',
  'Application',
  'Licensed',
  'Jump Method',
  'Jump Group',
];

let mock: TestMock;
beforeAll(async () => {
  mock = await testMock();
});
afterAll(() => mock.close());

describe('EndpointLicenseUsage', () => {
  it('is a ZIP holding only jump_items.csv, whose rows are the world Jump Items', async () => {
    const res = await mock.report({ generate_report: 'EndpointLicenseUsage' });
    const members = unzipSync(new Uint8Array(res.rawPayload));
    expect(Object.keys(members)).toEqual(['jump_items.csv']);
    const text = Buffer.from(members['jump_items.csv']!).toString('utf8');
    const rows = parse(text, { relax_quotes: false }) as string[][];
    expect(rows[0]).toEqual(HEADER);

    const { world } = mock.state;
    expect(rows.length - 1).toBe(world.jumpItems.length);
    for (const [i, item] of world.jumpItems.entries()) {
      const row = rows[i + 1]!;
      expect(row).toHaveLength(7);
      expect(row[0]).toBe(item.name);
      expect(row[1]).toBe(item.address);
      expect(row[2]).toBe(world.jumpoints.find((j) => j.id === item.jumpointId)?.name ?? '');
      expect(row[4]).toBe(item.licensed ? 'yes' : 'no');
      expect(row[5]).toBe(item.method);
      expect(row[6]).toBe(world.jumpGroups.find((g) => g.id === item.jumpGroupId)!.name);
    }
  });

  it('quotes every field, so names with commas and quotes survive', async () => {
    const res = await mock.report({ generate_report: 'EndpointLicenseUsage' });
    const text = Buffer.from(unzipSync(new Uint8Array(res.rawPayload))['jump_items.csv']!).toString(
      'utf8',
    );
    for (const line of text.split('\r\n').filter((l) => l.length > 0)) {
      expect(line).toMatch(/^"(?:[^"]|"")*"(?:,"(?:[^"]|"")*"){6}$/);
    }
    const awkward = mock.state.world.jumpItems.filter((j) => /[",]/.test(j.name));
    const names = (parse(text) as string[][]).map((r) => r[0]);
    for (const item of awkward) expect(names).toContain(item.name);
  });

  it('the same clock gives the same bytes', async () => {
    const a = await mock.report({ generate_report: 'EndpointLicenseUsage' });
    const b = await mock.report({ generate_report: 'EndpointLicenseUsage', foo: 'bar' });
    expect(a.rawPayload.equals(b.rawPayload)).toBe(true);
  });
});
