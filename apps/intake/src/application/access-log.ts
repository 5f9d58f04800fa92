import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type ProjectScope, scopedProjects } from '@cs/auth';
import { presentProps } from '@cs/ddd';
import { AccessLogEntry, AccessLogFilter, listAccessLog } from '../infrastructure/access-log.repository';

export type { AccessLogEntry } from '../infrastructure/access-log.repository';

/**
 * 个人信息访问记录 — who saw whose personal data, when and why; newest first, cursor-paged, and
 * only about customers the reader may see (those with a unit in their projects, or none).
 */
@Injectable()
export class QueryAccessLog {
  constructor(private readonly dataSource: DataSource) {}

  async list(filter: Omit<AccessLogFilter, 'projects'>, scope: ProjectScope): Promise<{ items: AccessLogEntry[]; nextCursor?: string }> {
    const projects = scopedProjects(scope);
    return listAccessLog(this.dataSource.manager, { ...filter, ...presentProps({ projects }) });
  }
}
