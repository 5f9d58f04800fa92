import { UPDATE_MESSAGE_MAX, toCallers } from './incident-decide';

describe('a resolution told to the callers of an incident', () => {
  it('given one longer than an update with an emoji where it is cut, then it is cut between characters, never inside one', () => {
    const resolution = `${'水'.repeat(UPDATE_MESSAGE_MAX - 2)}😀😀${'电'.repeat(10)}`;
    const told = toCallers(resolution);
    expect(Array.from(told)).toHaveLength(UPDATE_MESSAGE_MAX);
    expect(told.endsWith('😀…')).toBe(true);
    // No half of a surrogate pair left: what Postgres refuses in jsonb.
    expect(told).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(toCallers('已修复')).toBe('已修复');
  });
});
