import 'reflect-metadata';
import { runService } from '@cs/platform';
import { AppModule } from './app.module';

void runService(AppModule);
