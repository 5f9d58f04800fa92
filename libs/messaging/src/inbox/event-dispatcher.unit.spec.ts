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

    // A key whose work already ran, given again while the end runs, runs again.
    const again = new BeforeCommit();
    const key = {};
    let rounds = 0;
    const work = async (): Promise<void> => {
      rounds += 1;
      if (rounds === 1) again.add({}, async () => again.add(key, work));
    };
    again.add(key, work);
    await again.run();
    expect(rounds).toBe(2);

    const failing = new BeforeCommit();
    failing.add({}, () => Promise.reject(new Error('cannot write')));
    failing.add({}, async () => void ran.push('after the failure'));
    await expect(failing.run()).rejects.toThrow('cannot write');
    expect(ran).not.toContain('after the failure');
  });
});

describe('BeforeCommit before an event', () => {
  it('runs, in the order given, the work that must precede the event, and leaves the rest for the end', async () => {
    const ran: string[] = [];
    const end = new BeforeCommit();
    const [contacts, customers, endOnly, both] = [{}, {}, {}, {}];
    const unless = (...types: string[]) => (type: string) => !types.includes(type);
    end.add(contacts, async () => void ran.push('contacts'), unless('contact.received'));
    end.add(endOnly, async () => void ran.push('end only'));
    end.add(customers, async () => void ran.push('customers'), unless('customer.registered'));
    end.add(both, async () => void ran.push('both'), unless('contact.received', 'customer.registered'));
    await end.before('contact.received', 'intake');
    expect(ran).toEqual(['customers']);
    await end.before('customer.erased', 'intake');
    expect(ran).toEqual(['customers', 'contacts', 'both']);
    // Ran early, a work is given again by its next handler, and then runs at the end once more.
    end.add(customers, async () => void ran.push('customers again'), unless('customer.registered'));
    await end.run();
    expect(ran).toEqual(['customers', 'contacts', 'both', 'end only', 'customers again']);
  });

  it('a work that fails before an event fails the transaction there', async () => {
    const end = new BeforeCommit();
    end.add({}, () => Promise.reject(new Error('cannot write')), () => true);
    await expect(end.before('b', 'intake')).rejects.toThrow('cannot write');
  });
});
