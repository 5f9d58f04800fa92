/**
 * What `rotate-pii-keys` needs once its arguments, configuration and keys are taken: the
 * framework and the database client, most of its start. It loads this module only then, so a
 * refusal ends without them.
 */
export { serviceLogger } from '@cs/platform';
export { createServiceDataSource } from '@cs/persistence';
export { rotatePiiKeys } from '../infrastructure/pii/rotate-pii-keys';
