import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsIn, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { NestedEach } from '@cs/platform';
import { ITEM_PLACES, ItemPlace, MAX_ITEM_CODE_LENGTH, MAX_LABEL_LENGTH, MAX_SECTION_CODE_LENGTH } from '../domain/catalogue';

// The DTOs check shape only; code formats, duplicates, removals and moves are the domain's rules (422).
const MAX_SECTIONS = 100;
const MAX_ITEMS_PER_SECTION = 500;

const LABEL = 'shown and published as given (catalogue.changed): one holding a phone number, an e-mail address or an ID number is 422 CATALOGUE.PERSONAL_DATA naming it';

export class CatalogueLabelDto {
  @ApiProperty({ example: '报修', maxLength: MAX_LABEL_LENGTH, description: LABEL })
  @IsString()
  @MaxLength(MAX_LABEL_LENGTH)
  'zh-CN'!: string;

  @ApiProperty({ example: 'Repair', maxLength: MAX_LABEL_LENGTH, description: LABEL })
  @IsString()
  @MaxLength(MAX_LABEL_LENGTH)
  en!: string;
}

const PLACE_MEANING =
  'Where the record of a matter of this item must say it happened (房号), as `recordGaps` judges it: room (a building and its room), building (a building only: a public area), none.';

export class CatalogueItemDto {
  @ApiProperty({ example: 'repair.public_area', description: '<section>.<item>, English snake_case; never changes' })
  @IsString()
  @MaxLength(MAX_ITEM_CODE_LENGTH)
  code!: string;

  @ApiProperty({ type: CatalogueLabelDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => CatalogueLabelDto)
  label!: CatalogueLabelDto;

  @ApiProperty({ description: 'false retires the item; items are never deleted' })
  @IsBoolean()
  active!: boolean;

  @ApiPropertyOptional({
    enum: ITEM_PLACES,
    description:
      `${PLACE_MEANING} Absent: the place the item has, and for a new item its section’s — room for repairs and complaints (building for repair.public_area), none for the rest`,
  })
  @IsOptional()
  @IsIn(ITEM_PLACES)
  place?: ItemPlace;
}

export class CatalogueSectionDto {
  @ApiProperty({ example: 'repair', description: 'English snake_case; never changes' })
  @IsString()
  @MaxLength(MAX_SECTION_CODE_LENGTH)
  code!: string;

  @ApiProperty({ type: CatalogueLabelDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => CatalogueLabelDto)
  label!: CatalogueLabelDto;

  @ApiProperty({ description: 'false retires the section and makes all its items unusable' })
  @IsBoolean()
  active!: boolean;

  @ApiProperty({ type: [CatalogueItemDto] })
  @IsArray()
  @ArrayMaxSize(MAX_ITEMS_PER_SECTION)
  @NestedEach(() => CatalogueItemDto)
  items!: CatalogueItemDto[];
}

/** The whole catalogue, in display order; every section and item that exists must be present. */
export class PutCatalogueDto {
  @ApiProperty({ type: [CatalogueSectionDto] })
  @IsArray()
  @ArrayMaxSize(MAX_SECTIONS)
  @NestedEach(() => CatalogueSectionDto)
  sections!: CatalogueSectionDto[];
}

// The catalogue as answered: the same document, each item with the place in force.
export class CatalogueItemViewDto {
  @ApiProperty({ example: 'repair.public_area' }) code!: string;
  @ApiProperty({ type: CatalogueLabelDto }) label!: CatalogueLabelDto;
  @ApiProperty() active!: boolean;
  @ApiProperty({ enum: ITEM_PLACES, description: `${PLACE_MEANING} Its own, or its section’s` }) place!: ItemPlace;
}

export class CatalogueSectionViewDto {
  @ApiProperty({ example: 'repair' }) code!: string;
  @ApiProperty({ type: CatalogueLabelDto }) label!: CatalogueLabelDto;
  @ApiProperty() active!: boolean;
  @ApiProperty({ type: [CatalogueItemViewDto] }) items!: CatalogueItemViewDto[];
}

export class CatalogueViewDto {
  @ApiProperty({ type: [CatalogueSectionViewDto] }) sections!: CatalogueSectionViewDto[];
  @ApiProperty({ example: 3, description: 'also the ETag; send it back as If-Match when editing' })
  version!: number;
}

export class CatalogueQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'include retired sections and items (default false)' })
  @IsOptional()
  @IsIn(['true', 'false'])
  includeInactive?: 'true' | 'false';
}
