import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';

export class ItemDemandView {
  @ApiProperty({ example: 'consultation.property_service' }) itemCode!: string;
  @ApiProperty() tickets!: number;
  @ApiProperty() lastSeenAt!: string;
}

export class ItemDemandList {
  @ApiProperty({ type: [ItemDemandView] }) items!: ItemDemandView[];
}

@ApiTags('knowledge')
@Controller('v1/knowledge/demand')
export class DemandController {
  constructor(private readonly dataSource: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'Catalogue items by how many tickets raised them, most asked first' })
  @ApiOkResponse({ type: ItemDemandList })
  async list(): Promise<ItemDemandList> {
    const rows = (await this.dataSource.query(
      'SELECT item_code, tickets, last_seen_at FROM item_demand ORDER BY tickets DESC, item_code LIMIT 200',
    )) as { item_code: string; tickets: number; last_seen_at: Date }[];
    return {
      items: rows.map((r) => ({ itemCode: r.item_code, tickets: r.tickets, lastSeenAt: r.last_seen_at.toISOString() })),
    };
  }
}
