// The `handoff` setting: where "Talk to a person" is offered, and the problems that name the fix.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/widget/config';

const server = { server: '/api/confab' };

describe('handoff setting', () => {
  it.each([
    { n: 1, given: { ...server }, offers: [] },
    { n: 2, given: { ...server, handoff: 'never' }, offers: [] },
    { n: 3, given: { ...server, handoff: 'menu' }, offers: ['menu'] },
    { n: 4, given: { ...server, handoff: 'Menu  after-thumbs-down,when-unsure' }, offers: ['menu', 'after-thumbs-down', 'when-unsure'] },
    { n: 5, given: { ...server, handoff: 'menu menu' }, offers: ['menu'] },
  ])('$n. attribute $given.handoff offers $offers', ({ given, offers }) => {
    const { config, problems } = parseConfig(given);
    expect(problems).toEqual([]);
    expect(config.handoff).toEqual(offers);
  });

  it('6. config.handoff takes an array or the same text, and wins over the attribute', () => {
    expect(parseConfig({ ...server, handoff: 'menu' }, { handoff: ['when-unsure'] }).config.handoff).toEqual(['when-unsure']);
    expect(parseConfig(server, { handoff: 'after-thumbs-down' }).config.handoff).toEqual(['after-thumbs-down']);
  });

  it.each([
    { n: 7, attributes: { ...server, handoff: 'sometimes' }, input: undefined, names: 'handoff must be "never" or any of "menu", "after-thumbs-down", "when-unsure" separated by spaces' },
    { n: 8, attributes: { ...server, handoff: 'never menu' }, input: undefined, names: 'handoff must be "never"' },
    { n: 9, attributes: server, input: { handoff: [1] }, names: 'config.handoff must be "never"' },
  ])('$n. a wrong value is refused with a problem naming the setting and a valid value; nothing is offered', ({ attributes, input, names }) => {
    const { config, problems } = parseConfig(attributes, input as never);
    expect(problems.map((problem) => problem.message).join('\n')).toContain(names);
    expect(problems.map((problem) => problem.message).join('\n')).toMatch(/handoff(=| to )/);
    expect(config.handoff).toEqual([]);
  });

  it('10. handoff without server is a problem that says to set server; nothing is offered', () => {
    const { config, problems } = parseConfig({ 'chat-url': '/api/chat', model: 'm', handoff: 'menu' });
    expect(problems.map((problem) => problem.message)).toEqual([expect.stringContaining('handoff needs server')]);
    expect(config.handoff).toEqual([]);
  });
});
