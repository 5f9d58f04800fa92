import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { AuthOptions } from '../auth-options';
import { createTokenVerifier } from '../token-verifier';
import { AUTH_OPTIONS, TOKEN_VERIFIER } from './auth.constants';
import { AuthGuard } from './auth.guard';

@Module({})
export class AuthModule {
  /**
   * Import once in the root module. Global so TOKEN_VERIFIER is injectable anywhere; the guard
   * is APP_GUARD so no route can forget to require a token.
   */
  static forRoot(options: AuthOptions): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [
        { provide: AUTH_OPTIONS, useValue: options },
        // Built eagerly in the factory so a misconfiguration fails at bootstrap, not on the first request.
        { provide: TOKEN_VERIFIER, useFactory: () => createTokenVerifier(options) },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
      exports: [AUTH_OPTIONS, TOKEN_VERIFIER],
    };
  }
}
