import { clientOf } from './rate-limit.decorator';

const from = (ip: string) => clientOf({ ip });

describe('the client a public route’s rate limit counts by', () => {
  it('is an IPv4 address itself, written plainly or mapped into IPv6', () => {
    expect(from('203.0.113.5')).toBe('203.0.113.5');
    expect(from('::ffff:203.0.113.5')).toBe('203.0.113.5');
  });

  it('is an IPv6 address’s /64, so one subscriber rotating through their prefix is one client', () => {
    expect(from('2001:db8:85a3:8d3:1319:8a2e:370:7348')).toBe('2001:db8:85a3:8d3::/64');
    expect(from('2001:db8:85a3:8d3::1')).toBe(from('2001:db8:85a3:8d3:ffff:ffff:ffff:ffff'));
    expect(from('2001:db8:85a3:8d4::1')).not.toBe(from('2001:db8:85a3:8d3::1'));
  });
});
