import { describe, expect, it } from 'vitest';
import { presentationByLsid, presentationsOfDay } from '../generators/presentations.js';
import { sessionByLsid, sessionsOfDay } from '../generators/sessions.js';
import { createWorld, decodeLsid, encodeLsid } from '../generators/world.js';

const world = createWorld(7);
const DAY = 20_400;

describe('lsid kinds', () => {
  it('a support session and a presentation with the same day and index get different lsids', () => {
    for (let index = 0; index < 200; index++) {
      const support = encodeLsid(world, DAY, index);
      const presentation = encodeLsid(world, DAY, index, 'presentation');
      expect(support).not.toBe(presentation);
      expect(decodeLsid(world, support)).toEqual({ kind: 'support', day: DAY, index });
      expect(decodeLsid(world, presentation)).toEqual({ kind: 'presentation', day: DAY, index });
    }
  });

  it('each lookup finds only its own kind', () => {
    const session = sessionsOfDay(world, DAY)[0]!;
    const presentation = [DAY, DAY + 1, DAY + 2].flatMap((d) => presentationsOfDay(world, d))[0]!;
    expect(sessionByLsid(world, session.lsid)).toEqual(session);
    expect(presentationByLsid(world, presentation.lsid)).toEqual(presentation);
    expect(presentationByLsid(world, session.lsid)).toBeNull();
    expect(sessionByLsid(world, presentation.lsid)).toBeNull();
  });

  it('lsids of another seed, or random hex, are no lsid of this world', () => {
    const other = createWorld(8);
    expect(decodeLsid(world, encodeLsid(other, DAY, 0))).toBeNull();
    expect(decodeLsid(world, 'ffffffffffffffffffffffffffffffff')).toBeNull();
    expect(decodeLsid(world, 'not-an-lsid')).toBeNull();
  });

  it('presentations are pure per day and share the lseq sequence without colliding', () => {
    const again = createWorld(7);
    for (let d = DAY; d < DAY + 14; d++) {
      expect(presentationsOfDay(again, d)).toEqual(presentationsOfDay(world, d));
      const lseqs = new Set(sessionsOfDay(world, d).map((s) => s.lseq));
      for (const p of presentationsOfDay(world, d)) expect(lseqs.has(p.lseq)).toBe(false);
    }
  });
});
