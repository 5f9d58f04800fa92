import { Injectable } from '@nestjs/common';

/** Set on SIGTERM so readiness turns 503 and the load balancer stops sending before the server closes. */
@Injectable()
export class Draining {
  private draining = false;

  get isDraining(): boolean {
    return this.draining;
  }

  start(): void {
    this.draining = true;
  }
}
