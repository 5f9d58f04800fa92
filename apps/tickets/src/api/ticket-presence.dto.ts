import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { PRESENCE_MODES, PRESENCE_TTL_SECONDS, Presence, PresenceMode } from '../domain/ticket-presence';

export class PresenceHeartbeatDto {
  @ApiProperty({ enum: PRESENCE_MODES, example: 'viewing', description: '`editing` while a form or a reply is open, else `viewing`' })
  @IsIn(PRESENCE_MODES)
  mode!: PresenceMode;
}

/** 协同提示 — another person on the ticket now: who, doing what, since when. */
export class PresenceView {
  @ApiProperty({ example: 'agent-8', description: 'the user id: the token subject, or the id derived from one longer than 64 characters (ADR 0102)' }) userId!: string;
  @ApiProperty({ example: '王客服', description: 'the display name from their token' }) name!: string;
  @ApiProperty({ enum: PRESENCE_MODES }) mode!: string;
  @ApiProperty({ format: 'date-time', description: 'since when in this mode' }) since!: string;

  static of(p: Presence): PresenceView {
    return { userId: p.userId, name: p.name, mode: p.mode, since: p.since.toISOString() };
  }
}

export class PresenceHeartbeatView {
  @ApiProperty({ type: [PresenceView], description: 'the other people on the ticket now (never the caller), editors first' }) presence!: PresenceView[];
  @ApiProperty({ format: 'date-time', description: `when the caller drops out without another heartbeat (${PRESENCE_TTL_SECONDS} s)` }) expiresAt!: string;
  @ApiProperty({ example: PRESENCE_TTL_SECONDS, description: 'seconds a heartbeat lasts; send the next well before (every 10 s)' }) ttlSeconds!: number;
}
