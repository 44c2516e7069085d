import { readFileSync } from 'node:fs';
import libxml, { type Element } from 'libxmljs2';
import { describe, expect, it } from 'vitest';
import { NOW, NS, testMock } from './helpers.js';

const DAY = 86_400;

/** The document's infoset without insignificant whitespace, for comparing layouts. */
function canonical(xml: string): string {
  const doc = libxml.parseXml(xml, { noblanks: true, nonet: true });
  const walk = (el: Element): string => {
    const attrs = el
      .attrs()
      .map((a) => `${a.name()}=${a.value()}`)
      .sort()
      .join(' ');
    const children = el
      .childNodes()
      .map((c) =>
        c.type() === 'element'
          ? walk(c as Element)
          : c.type() === 'text' && (c as Element).text().trim() !== ''
            ? (c as Element).text()
            : '',
      )
      .join('');
    return `<${el.namespace()?.href() ?? ''}|${el.name()} ${attrs}>${children}</>`;
  };
  return walk(doc.root()!);
}

describe('the byte layout of documents', () => {
  it('writes the real layout: declaration, blank line, namespace on the root, irregular markup', async () => {
    const mock = await testMock();
    const listing = await mock.report({
      generate_report: 'SupportSessionListing',
      end_time: NOW - DAY,
      duration: DAY,
    });
    expect(
      listing.body.startsWith(
        `<?xml version="1.0" encoding="UTF-8"?>\n\n<session_summary_list xmlns="${NS}">\n`,
      ),
    ).toBe(true);
    expect(listing.body).toMatch(
      /<session_summary lsid="[0-9a-f]{32}"( external_key="[^"]*")? has_recording="[01]" {2}\/>/,
    );
    const detail = await mock.report({
      generate_report: 'SupportSession',
      end_time: NOW - DAY,
      duration: DAY,
    });
    expect(detail.body).toContain(
      `<session_list xmlns="${NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`,
    );
    expect(detail.body).toMatch(/<event timestamp="\d+" event_type="Session Start" >\s+<\/event>/);
    expect(detail.body).toContain('<external_key></external_key>');
    expect(detail.body).toMatch(/<value name="[^"]*" value="[^"]*" \/>/);
    await mock.close();
  });

  it('writes the same infoset in the real, pretty and compact layouts', async () => {
    const bodies: string[] = [];
    for (const layout of ['real', 'pretty', 'compact'] as const) {
      const mock = await testMock({ settings: { layout } });
      bodies.push(
        (
          await mock.report({
            generate_report: 'SupportSession',
            end_time: NOW - DAY,
            duration: DAY,
          })
        ).body,
      );
      await mock.close();
    }
    expect(new Set(bodies).size).toBe(3);
    expect(canonical(bodies[1]!)).toBe(canonical(bodies[0]!));
    expect(canonical(bodies[2]!)).toBe(canonical(bodies[0]!));
  });

  it('writes an error with the bytes of real output: blank line after the declaration and four newlines', async () => {
    const sample = readFileSync(
      new URL('../../shared/samples/error-no-archives-bomgar-namespace.xml', import.meta.url),
      'utf8',
    );
    const mock = await testMock();
    const res = await mock.report({ generate_report: 'SupportSession', lsid: 'f'.repeat(32) });
    const expected = sample
      .replace('http://www.bomgar.com/namespaces/API/reporting', NS)
      .replace('No archives found for the given search criteria.', 'Invalid lsid.');
    expect(res.body).toBe(expected);
    await mock.close();
  });

  it('removes characters XML 1.0 forbids from text and sends such chat lines base64-encoded', async () => {
    const mock = await testMock();
    const res = await mock.report({
      generate_report: 'SupportSession',
      end_time: NOW - 20 * DAY,
      duration: 19 * DAY,
    });
    // eslint-disable-next-line no-control-regex
    expect(res.body).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    const encoded = [...res.body.matchAll(/<encoded_body>([^<]*)<\/encoded_body>/g)].map((m) =>
      Buffer.from(m[1]!, 'base64').toString('utf8'),
    );
    expect(encoded.length).toBeGreaterThan(0);
    // eslint-disable-next-line no-control-regex
    for (const text of encoded) expect(text).toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    await mock.close();
  });
});
