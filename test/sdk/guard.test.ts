import { describe, expect, it } from 'vitest';
import { asBoolean, asNumber, asRecord, asString, isRecord, parseJsonText } from '../../src/sdk/guard';

describe('guards', () => {
  it.each([
    ['asString', asString, 'a', 'a'],
    ['asString', asString, 1, undefined],
    ['asNumber', asNumber, 1.5, 1.5],
    ['asNumber', asNumber, Number.NaN, undefined],
    ['asNumber', asNumber, '1', undefined],
    ['asBoolean', asBoolean, false, false],
    ['asBoolean', asBoolean, 'false', undefined],
    ['asRecord', asRecord, [], undefined],
    ['asRecord', asRecord, null, undefined],
  ])('%s(%j) → %j', (_name, read, input, expected) => {
    expect((read as (value: unknown) => unknown)(input)).toEqual(expected);
  });

  it('isRecord accepts plain objects only', () => {
    expect([{}, { a: 1 }, [], null, 'x', 1].map(isRecord)).toEqual([true, true, false, false, false, false]);
  });

  it('parseJsonText returns undefined for non-JSON', () => {
    expect(parseJsonText('{"a":1}')).toEqual({ a: 1 });
    expect(parseJsonText('{"a":')).toBeUndefined();
  });
});
