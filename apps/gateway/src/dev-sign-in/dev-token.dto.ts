import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ROLES, type Role } from '@cs/auth';

const NAME = /^[A-Za-z0-9._:@-]{1,64}$/;
/** As long as OpenID Connect allows; past 64 characters the services act by an id derived from it (ADR 0102). */
const SUBJECT = /^[A-Za-z0-9._:@/-]{1,255}$/;

export class DevTokenRequestDto {
  @ApiProperty({ enum: ROLES, isArray: true, example: ['agent'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @IsIn(ROLES, { each: true })
  roles!: Role[];

  @ApiPropertyOptional({
    example: 'agent-7',
    description: 'the subject; defaults to `dev-user`. Past 64 characters the services act by the id derived from it, `sha256:` and 43 characters (ADR 0102)',
  })
  @IsOptional()
  @Matches(SUBJECT)
  sub?: string;

  @ApiPropertyOptional({ example: '李客服', description: 'display name; defaults to the id the services act by: `sub`, or the id derived from a longer one' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  name?: string;

  @ApiPropertyOptional({ example: ['P001'], description: 'projects the user is limited to; absent: all projects' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(/^[A-Za-z0-9_-]{1,40}$/, { each: true })
  projects?: string[];

  @ApiPropertyOptional({ example: ['customer.pii.read'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @Matches(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/, { each: true })
  permissions?: string[];

  @ApiPropertyOptional({ example: 'engineering' })
  @IsOptional()
  @Matches(NAME)
  department?: string;

  @ApiPropertyOptional({ example: 28800, description: 'seconds; default 8 hours, at most JWT_MAX_LIFETIME_SECONDS' })
  @IsOptional()
  @IsInt()
  @Min(60)
  @Max(7 * 86_400)
  expiresInSeconds?: number;
}

export class DevTokenDto {
  @ApiProperty({ description: 'the bearer token: send it as `Authorization: Bearer <token>`' }) token!: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType!: 'Bearer';
  @ApiProperty({ example: 28800, description: 'seconds until it expires' }) expiresIn!: number;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}
