import { isClockInstant } from '../../generators/time.js';
import { AdminError } from '../errors.js';

/** A JSON object as read from an admin request or an embedded call. */
export type JsonObject = Record<string, unknown>;

/** The object at `field`, with no keys outside `allowed` (a typo must not be silently ignored). */
export function object(value: unknown, field: string, allowed: readonly string[]): JsonObject {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw AdminError.field(field, 'NOT_OBJECT');
  }
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw AdminError.field(join(field, key), 'UNKNOWN');
  }
  return value as JsonObject;
}

/** `parent.key`, or `key` at the top level. */
export function join(parent: string, key: string): string {
  return parent === '' || parent === 'body' ? key : `${parent}.${key}`;
}

/** Reads `obj[key]` with `read` when present; `undefined` otherwise. */
export function optional<T>(
  obj: JsonObject,
  parent: string,
  key: string,
  read: (value: unknown, field: string) => T,
): T | undefined {
  const value = obj[key];
  return value === undefined ? undefined : read(value, join(parent, key));
}

export function required<T>(
  obj: JsonObject,
  parent: string,
  key: string,
  read: (value: unknown, field: string) => T,
): T {
  if (obj[key] === undefined) throw AdminError.field(join(parent, key), 'REQUIRED');
  return read(obj[key], join(parent, key));
}

export function integer(bounds: { min?: number; max?: number } = {}) {
  return (value: unknown, field: string): number => {
    if (typeof value !== 'number' || !Number.isInteger(value))
      throw AdminError.field(field, 'NOT_INTEGER');
    return inBounds(value, field, bounds);
  };
}

export function number(bounds: { min?: number; max?: number } = {}) {
  return (value: unknown, field: string): number => {
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw AdminError.field(field, 'NOT_NUMBER');
    return inBounds(value, field, bounds);
  };
}

function inBounds(
  value: number,
  field: string,
  { min, max }: { min?: number; max?: number },
): number {
  if (min !== undefined && value < min)
    throw AdminError.field(field, 'TOO_SMALL', { min: String(min) });
  if (max !== undefined && value > max)
    throw AdminError.field(field, 'TOO_LARGE', { max: String(max) });
  return value;
}

export function boolean(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') throw AdminError.field(field, 'NOT_BOOLEAN');
  return value;
}

export function string(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0) throw AdminError.field(field, 'NOT_STRING');
  return value;
}

export function oneOf<T extends string | number>(allowed: readonly T[]) {
  return (value: unknown, field: string): T => {
    if (!(allowed as readonly unknown[]).includes(value)) {
      throw AdminError.field(field, 'NOT_ONE_OF', {
        list: allowed.map((a) => JSON.stringify(a)).join(', '),
      });
    }
    return value as T;
  };
}

/** UNIX seconds, or an ISO 8601 date-time text; whole seconds either way. */
export function instant(value: unknown, field: string): number {
  let seconds = Number.NaN;
  if (typeof value === 'number') seconds = Math.floor(value);
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) {
    seconds = Math.floor(Date.parse(value) / 1000);
  }
  if (isClockInstant(seconds)) return seconds;
  throw AdminError.field(field, 'NOT_TIME');
}

/** One value, or a non-empty list of them, read by `read`. */
export function oneOrMany<T>(read: (value: unknown, field: string) => T) {
  return (value: unknown, field: string): T[] => {
    if (!Array.isArray(value)) return [read(value, field)];
    if (value.length === 0) throw AdminError.field(field, 'NOT_LIST');
    return value.map((item, i) => read(item, `${field}[${i}]`));
  };
}
