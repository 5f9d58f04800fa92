import { isUniqueViolation, sqlStateOf } from './sql-state';

const refused = { code: '23505', constraint: 'contacts_external_idx' };

describe('sqlStateOf', () => {
  it('reads the SQLSTATE the driver reported, whether or not TypeORM wrapped it', () => {
    expect(sqlStateOf(refused)).toBe('23505');
    expect(sqlStateOf(Object.assign(new Error('query failed'), { driverError: { code: '40P01' } }))).toBe('40P01');
  });

  it('has none for what is not a failed statement', () => {
    expect(sqlStateOf(new Error('broker down'))).toBeUndefined();
    expect(sqlStateOf(undefined)).toBeUndefined();
    expect(sqlStateOf('23505')).toBeUndefined();
  });
});

describe('isUniqueViolation', () => {
  it('names the index that refused the row, wrapped or not', () => {
    expect(isUniqueViolation(refused, 'contacts_external_idx')).toBe(true);
    expect(isUniqueViolation({ driverError: refused }, 'contacts_external_idx')).toBe(true);
  });

  it('is false for another index or another failure', () => {
    expect(isUniqueViolation(refused, 'customers_pkey')).toBe(false);
    expect(isUniqueViolation({ code: '23503', constraint: 'contacts_external_idx' }, 'contacts_external_idx')).toBe(false);
  });
});
