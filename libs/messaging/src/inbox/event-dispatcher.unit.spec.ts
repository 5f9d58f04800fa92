import { BeforeCommit } from './event-dispatcher';

describe('BeforeCommit', () => {
  it('runs the first work given under each key once, in the order the keys came', async () => {
    const ran: string[] = [];
    const end = new BeforeCommit();
    const a = {};
    const b = {};
    end.add(a, async () => void ran.push('a'));
    end.add(b, async () => void ran.push('b'));
    end.add(a, async () => void ran.push('a again'));
    await end.run();
    expect(ran).toEqual(['a', 'b']);
  });

  it('runs work given while it runs, and fails as the first failing work fails', async () => {
    const ran: string[] = [];
    const end = new BeforeCommit();
    end.add({}, async () => {
      ran.push('first');
      end.add({}, async () => void ran.push('given meanwhile'));
    });
    await end.run();
    expect(ran).toEqual(['first', 'given meanwhile']);

    const failing = new BeforeCommit();
    failing.add({}, () => Promise.reject(new Error('cannot write')));
    failing.add({}, async () => void ran.push('after the failure'));
    await expect(failing.run()).rejects.toThrow('cannot write');
    expect(ran).not.toContain('after the failure');
  });
});
