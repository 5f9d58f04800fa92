import { DependencyStatus, readinessOf } from './readiness';

const check = (name: DependencyStatus['name'], up: boolean): DependencyStatus => ({ name, up, required: name === 'postgres' });

describe('readinessOf', () => {
  it('is ready with every dependency up', () => {
    expect(readinessOf([check('postgres', true), check('kafka', true), check('redis', true)], false)).toBe('ready');
  });

  it('is degraded, still taking traffic, without Kafka or Redis', () => {
    expect(readinessOf([check('postgres', true), check('kafka', false), check('redis', true)], false)).toBe('degraded');
    expect(readinessOf([check('postgres', true), check('kafka', true), check('redis', false)], false)).toBe('degraded');
  });

  it('is unavailable without Postgres, and draining once shutdown began', () => {
    expect(readinessOf([check('postgres', false), check('kafka', true), check('redis', true)], false)).toBe('unavailable');
    expect(readinessOf([check('postgres', true), check('kafka', true), check('redis', true)], true)).toBe('draining');
  });
});
