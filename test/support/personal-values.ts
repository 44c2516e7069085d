import libxml, { type Element } from 'libxmljs2';

/**
 * Personal values of an original answer, read with XPath independently of the anonymiser:
 * Remote Support's people, user names, addresses and host names, and PRA's Jump Items (names and
 * host names), personal Jump Groups, vault account names and users of vault activity.
 */
export function personalValues(xml: string): string[] {
  const doc = libxml.parseXml(xml);
  const texts = (xpath: string) => (doc.find(xpath) as Element[]).map((e) => e.text().trim());
  const attrs = (xpath: string) =>
    (doc.find(xpath) as unknown as { value(): string }[]).map((a) => a.value().trim());
  const names = [
    'username',
    'display_name',
    'public_display_name',
    'private_display_name',
    'primary_customer',
    'primary_rep',
    'hostname',
    'public_ip',
    'private_ip',
  ];
  const values = [
    ...names.flatMap((n) => texts(`//*[local-name()='${n}']`)),
    ...texts("//*[local-name()='info']/*[local-name()='name']"),
    ...texts("//*[local-name()='performed_by' or local-name()='destination'][@type!='system']"),
    ...texts("//*[local-name()='jump_item']/*[local-name()='name']"),
    ...texts("//*[local-name()='jump_group'][@type='personal']"),
    ...attrs(
      "//*[local-name()='value'][@name='username' or @name='public_name' or @name='private_name' or @name='hostname' or @name='public_ip' or @name='private_ip' or @name='credential_name']/@value",
    ),
  ];
  // An address is personal without its port: 203.0.113.7:5123 → 203.0.113.7.
  const withAddresses = values.flatMap((v) => [v, v.replace(/^\[?([^\]]+?)\]?:\d+$/, '$1')]);
  return [...new Set(withAddresses)].filter((v) => v.length >= 3 && v !== 'Unknown');
}

/** Whole-word occurrences of any of the values in the text: what anonymisation leaked. */
export function leaked(values: Iterable<string>, text: string): string[] {
  return [...new Set(values)].filter((v) =>
    new RegExp(`(?<![\\w.-])${v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`).test(text),
  );
}
