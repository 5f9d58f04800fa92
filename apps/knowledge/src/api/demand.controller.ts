import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { CurrentScope, ProjectScope, ScopedByProject, scopedProjects } from '@cs/auth';
import { mostAskedItems } from '../infrastructure/item-demand.repository';

export class ItemDemandView {
  @ApiProperty({ example: 'consultation.property_service' }) itemCode!: string;
  @ApiProperty() tickets!: number;
  @ApiProperty({ format: 'date-time' }) lastSeenAt!: string;
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
    const items = await mostAskedItems(this.dataSource.manager, scopedProjects(scope), 200);
    return { items: items.map((i) => ({ itemCode: i.itemCode, tickets: i.tickets, lastSeenAt: i.lastSeenAt.toISOString() })) };
  }
}
