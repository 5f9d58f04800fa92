import 'reflect-metadata';
import { migrateService } from '@cs/platform';
import { MIGRATIONS } from './infrastructure/migrations';

void migrateService('notifications', MIGRATIONS);
