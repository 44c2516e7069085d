import { Faker, base, en } from '@faker-js/faker';

/** Kinds of personal value, each with its own consistent pseudonyms. */
export type Category =
  | 'person'
  | 'username'
  | 'email'
  | 'ip'
  | 'hostname'
  | 'company'
  | 'text'
  | 'filename'
  | 'path'
  | 'site';

/** Values that say nothing about anyone and stay as they are. */
const KEEP = new Set(['', 'Unknown']);

/** Whether `value` appears in `text` as a whole word (not inside a longer name or number). */
export function containsWord(text: string, value: string): boolean {
  const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\w.-])${escaped}(?![\\w-]|\\.\\w)`).test(text);
}

/**
 * Consistent pseudonyms: the same original value in the same category always gets the same
 * replacement, so the same person stays the same pseudonym across every report. Replacements
 * never contain an original value of the capture (checked against `originals`).
 */
export class Pseudonyms {
  private readonly faker: Faker;
  private readonly maps = new Map<Category, Map<string, string>>();
  private readonly used = new Set<string>();
  private readonly originals: string[];

  constructor(seed: number, originals: Iterable<string> = []) {
    this.faker = new Faker({ locale: [en, base] });
    this.faker.seed(seed);
    this.originals = [...new Set(originals)].filter((o) => o.length >= 3 && !KEEP.has(o));
  }

  /** The pseudonym of a value; `Unknown` and empty values are kept. */
  get(category: Category, original: string): string {
    if (KEEP.has(original.trim())) return original;
    if (category === 'ip') return this.ip(original);
    let map = this.maps.get(category);
    if (!map) this.maps.set(category, (map = new Map()));
    const known = map.get(original);
    if (known !== undefined) return known;

    for (let attempt = 0; ; attempt++) {
      const candidate = this.generate(category, attempt);
      if (this.used.has(candidate) || this.leaks(candidate)) continue;
      this.used.add(candidate);
      map.set(original, candidate);
      return candidate;
    }
  }

  private leaks(candidate: string): boolean {
    return this.originals.some((o) => containsWord(candidate, o));
  }

  private generate(category: Exclude<Category, 'ip'>, attempt: number): string {
    const f = this.faker;
    const n = this.used.size + attempt;
    switch (category) {
      case 'person':
        return `${f.person.firstName()} ${f.person.lastName()}`;
      case 'username':
        return `${f.internet
          .username()
          .toLowerCase()
          .replace(/[^a-z0-9._]/g, '')}${n}`;
      case 'email':
        return `${f.internet
          .username()
          .toLowerCase()
          .replace(/[^a-z0-9._]/g, '')}${n}@example.com`;
      case 'hostname':
        return `${f.internet.domainWord()}-${n}`.toUpperCase();
      case 'company':
        return f.company.name();
      case 'text':
        return f.lorem.sentence();
      case 'filename':
        return f.system.fileName();
      case 'path':
        return f.system.filePath();
      case 'site':
        return `support-${n}.example.com`;
    }
  }

  /** An address keeps its shape: IPv4 or bracketed IPv6, with its port. */
  private ip(original: string): string {
    const m = /^(\[[^\]]+\]|[^:]+|[0-9a-f:]+)(:\d+)?$/i.exec(original.trim());
    const address = m?.[1] ?? original;
    const port = m?.[2] ?? '';
    let map = this.maps.get('ip');
    if (!map) this.maps.set('ip', (map = new Map()));
    let replaced = map.get(address);
    while (replaced === undefined) {
      // Benchmark-test and unique-local ranges: never an address of the original data.
      const v6 = address.includes(':');
      const candidate = v6
        ? `[${this.faker.internet.ipv6().replace(/^[^:]+/, 'fd00')}]`
        : this.faker.internet.ipv4({ cidrBlock: '198.18.0.0/15' });
      const bare = v6 ? candidate.slice(1, -1) : candidate;
      if (this.used.has(bare) || this.leaks(bare)) continue;
      this.used.add(bare);
      replaced = address.startsWith('[') || !v6 ? candidate : bare;
      map.set(address, replaced);
    }
    return `${replaced}${port}`;
  }
}
