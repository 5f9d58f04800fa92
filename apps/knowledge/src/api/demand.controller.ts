import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CurrentScope, ProjectScope, ScopedByProject, scopedProjects } from '@cs/auth';
import { projectCondition } from '@cs/persistence';

export class ItemDemandView {
  @ApiProperty({ example: 'consultation.property_service' }) itemCode!: string;
  @ApiProperty() tickets!: number;
  @ApiProperty() lastSeenAt!: string;
}

export class ItemDemandList {
  @ApiProperty({ type: [ItemDemandView] }) items!: ItemDemandView[];
}

@ApiTags('knowledge')
@ScopedByProject()
@Controller('v1/knowledge/demand')
export class DemandController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'Catalogue items by how many tickets of your projects raised them, most asked first' })
  @ApiOkResponse({ type: ItemDemandList })
  async list(@CurrentScope() scope: ProjectScope): Promise<ItemDemandList> {
    const params: unknown[] = [];
    const rows = (await this.dataSource.query(
      `SELECT item_code, sum(tickets)::int AS tickets, max(last_seen_at) AS last_seen_at FROM item_demand
        WHERE ${projectCondition("NULLIF(project_code, '')", scopedProjects(scope), params)}
        GROUP BY item_code ORDER BY 2 DESC, item_code LIMIT 200`,
      params,
    )) as { item_code: string; tickets: number; last_seen_at: Date }[];
    return {
      items: rows.map((r) => ({ itemCode: r.item_code, tickets: r.tickets, lastSeenAt: r.last_seen_at.toISOString() })),
    };
  }
}
