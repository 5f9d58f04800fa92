import { allowsOrigin, corsPolicyOf } from './cors-policy';

describe('CORS policy', () => {
  it('outside production with nothing configured, any local front end is allowed and nothing else', () => {
    const policy = corsPolicyOf({ NODE_ENV: 'development' });
    expect(allowsOrigin(policy, 'http://localhost:5173')).toBe(true);
    expect(allowsOrigin(policy, 'http://127.0.0.1:8080')).toBe(true);
    expect(allowsOrigin(policy, 'http://localhost')).toBe(true);
    expect(allowsOrigin(policy, 'https://desk.example.com')).toBe(false);
    expect(allowsOrigin(policy, 'http://localhost.example.com:5173')).toBe(false);
    expect(allowsOrigin(policy, 'http://127.0.0.1.nip.io:80')).toBe(false);
  });

  it('production with nothing configured allows no other origin', () => {
    const policy = corsPolicyOf({ NODE_ENV: 'production' });
    expect(allowsOrigin(policy, 'http://localhost:5173')).toBe(false);
  });

  it('CORS_ORIGINS lists exactly the allowed origins, however they are written', () => {
    const policy = corsPolicyOf({ NODE_ENV: 'production', CORS_ORIGINS: ' https://Desk.example.com/ ,https://admin.example.com' });
    expect(allowsOrigin(policy, 'https://desk.example.com')).toBe(true);
    expect(allowsOrigin(policy, 'https://admin.example.com')).toBe(true);
    expect(allowsOrigin(policy, 'http://desk.example.com')).toBe(false);
    expect(allowsOrigin(policy, 'http://localhost:5173')).toBe(false);
  });
});
