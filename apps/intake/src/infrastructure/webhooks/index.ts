export * from './webhook-secrets';
export * from './webhook-signature';
