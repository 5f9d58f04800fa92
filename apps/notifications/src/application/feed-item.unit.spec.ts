import { heardOnChannel, readMessageOf } from './feed-item';

describe('a marking of all read on the feed channel', () => {
  const mark = { reader: { sub: 'sup-1', roles: ['supervisor', 'handler'], department: 'engineering', projects: ['P1'] }, upTo: 42, at: new Date('2026-12-04T09:00:00Z') };

  it('given a mark, when a replica hears it, then it has the scope it was marked with, how far it reaches and when, for that reader', () => {
    expect(heardOnChannel(readMessageOf('sup-1', [], mark))).toEqual({ read: { userId: 'sup-1', reads: [], all: mark } });
  });

  it('given a mark of a token serving every project, then it stays one of every project, not of none', () => {
    const everywhere = { ...mark, reader: { sub: 'sup-1', roles: ['supervisor'] } };
    expect(heardOnChannel(readMessageOf('sup-1', [], everywhere))).toEqual({ read: { userId: 'sup-1', reads: [], all: everywhere } });
  });

  it.each([
    ['a time that is none', { roles: ['supervisor'], upTo: 42, at: 'soon' }],
    ['projects that are no list of codes', { roles: ['supervisor'], projects: 'P1', upTo: 42, at: '2026-12-04T09:00:00Z' }],
    ['no stream id', { roles: ['supervisor'], at: '2026-12-04T09:00:00Z' }],
  ])('given a read message whose mark has %s, then its read marks are heard and the mark is not', (_case, all) => {
    const message = JSON.stringify({ read: { userId: 'sup-1', notifications: [], all } });
    expect(heardOnChannel(message)).toEqual({ read: { userId: 'sup-1', reads: [] } });
  });
});
