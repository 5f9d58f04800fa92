import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentScope, CurrentUser, Principal, ProjectScope, Roles, ScopedByProject } from '@cs/auth';
import { parseIfMatch, uuidParam, weakEtag } from '@cs/platform';
import { CallerCard, LookUpCaller } from '../application/look-up-caller';
import { MaintainCustomers } from '../application/maintain-customers';
import { ReadCustomers } from '../application/read-customers';
import type { CustomerView } from '../domain/customer';
import { accessOf, purposeHeader } from './access-purpose';
import { CallerLookupDto, CallerLookupQueryDto } from './caller-lookup.dto';
import {
  CustomerListDto,
  CustomerMergeListDto,
  CustomerQueryDto,
  CustomerViewDto,
  EraseCustomerDto,
  MergeCustomersDto,
  RegisterCustomerDto,
  UpdateCustomerDto,
} from './customer.dto';

/**
 * 客户档案 — the customer registry, limited to the caller's projects (another project's customer
 * is 404 for every read and write). Personal data is masked unless the caller holds
 * `customer.pii.read` and states why in `X-Access-Purpose`; each unmasked view is logged.
 */
const PURPOSE = purposeHeader(
  'why personal data is read (e.g. 回电核实); required, with `customer.pii.read`, for an unmasked view, and logged with it; percent-encoded (UTF-8) when not ASCII. One holding a control character is 400 naming `X-Access-Purpose`',
);

@ApiTags('customers')
@ScopedByProject()
@Controller('v1/customers')
export class CustomersController {
  constructor(
    private readonly read: ReadCustomers,
    private readonly maintain: MaintainCustomers,
    private readonly lookUpCaller: LookUpCaller,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Find customers by phone (any format), email, exact name, or project + room',
    description:
      'Only customers with a unit in the caller’s projects, each with only those units. A room of a project the caller does not serve is 403 `CUSTOMER.PROJECT_NOT_SERVED` naming `projectCode`.',
  })
  @ApiOkResponse({ type: CustomerListDto })
  @ApiHeader(PURPOSE)
  async search(@Query() query: CustomerQueryDto, @CurrentUser() user: Principal, @Req() request: FastifyRequest): Promise<{ items: CustomerView[] }> {
    const { purpose, ...criteria } = query;
    return { items: await this.read.search(criteria, accessOf(user, request, purpose)) };
  }

  @Get('lookup')
  @ApiOperation({
    summary: 'Who is calling (来电弹屏): the customers holding a phone, with open tickets, deadlines, last contacts and callbacks',
    description:
      'One call for the agent desk when the phone rings. Each customer record holding the phone that the caller may see (one per project team, ADR 0006), with their units and tags, their open tickets of the caller’s projects with the next deadline, and their last 5 contacts and callbacks. 400 naming `phone` for a number that is not a phone; an empty list when no one holds it.',
  })
  @ApiOkResponse({ type: CallerLookupDto })
  @ApiHeader(PURPOSE)
  async lookup(
    @Query() query: CallerLookupQueryDto,
    @CurrentUser() user: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<{ items: CallerCard[] }> {
    const items = await this.lookUpCaller.byPhone(query.phone, accessOf(user, request));
    void reply.header('cache-control', 'no-store');
    return { items };
  }

  @Get(':id')
  @ApiOkResponse({ type: CustomerViewDto })
  @ApiOperation({ summary: 'One customer, masked unless customer.pii.read and X-Access-Purpose ask otherwise; ETag for edits' })
  @ApiHeader(PURPOSE)
  async get(
    @Param('id', uuidParam('id')) id: string,
    @CurrentUser() user: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CustomerView> {
    const view = await this.read.byId(id, accessOf(user, request));
    void reply.header('cache-control', 'no-store');
    return view;
  }

  @Get(':id/merges')
  @ApiOperation({ summary: 'Customers merged into this one, with who merged them and why' })
  @ApiOkResponse({ type: CustomerMergeListDto })
  async merges(@Param('id', uuidParam('id')) id: string, @CurrentScope() scope: ProjectScope): Promise<CustomerMergeListDto> {
    return { items: await this.maintain.mergeHistory(id, scope) };
  }

  @Post()
  @HttpCode(201)
  @Roles('agent', 'supervisor', 'admin')
  @ApiOperation({ summary: 'Register a customer with phones, email and units; 201 with Location and ETag' })
  @ApiCreatedResponse({ type: CustomerViewDto })
  @ApiHeader(PURPOSE)
  async register(
    @Body() body: RegisterCustomerDto,
    @CurrentUser() user: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CustomerView> {
    const { customer, view } = await this.maintain.register(body, accessOf(user, request));
    void reply.header('etag', weakEtag(customer.version)).header('location', `/v1/customers/${customer.id}`);
    return view;
  }

  @Patch(':id')
  @Roles('agent', 'supervisor', 'admin')
  @ApiOperation({
    summary: 'Edit a customer (merge-patch); If-Match with the ETag of the version edited',
    description:
      'A customer has at most 50 units, counting those of projects the caller does not serve (they stay as they are): more is 422 `CUSTOMER.TOO_MANY_UNITS` naming `units`. A customer with units keeps at least one (a record of no unit is every project’s): leaving none is 422 `CUSTOMER.UNIT_REQUIRED` naming `units`.',
  })
  @ApiOkResponse({ type: CustomerViewDto })
  @ApiHeader(PURPOSE)
  async update(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: UpdateCustomerDto,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentUser() user: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CustomerView> {
    const { customer, view } = await this.maintain.update(id, body, parseIfMatch(ifMatch, 'CUSTOMER.BAD_IF_MATCH'), accessOf(user, request));
    void reply.header('etag', weakEtag(customer.version));
    return view;
  }

  @Post(':id/merge')
  @HttpCode(200)
  @Roles('supervisor', 'admin')
  @ApiOperation({
    summary: 'Merge a duplicate into this customer (合并重复客户)',
    description:
      'The survivor takes the duplicate’s phones, units and tags. Together more than a customer has (5 phones, 50 units, 50 tags) is 422 `CUSTOMER.TOO_MANY_PHONES`, `CUSTOMER.TOO_MANY_UNITS` or `CUSTOMER.TOO_MANY_TAGS` naming `duplicateId`: edit one of them first.',
  })
  @ApiOkResponse({ type: CustomerViewDto })
  @ApiHeader(PURPOSE)
  async merge(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: MergeCustomersDto,
    @CurrentUser() user: Principal,
    @Req() request: FastifyRequest,
  ): Promise<CustomerView> {
    return this.maintain.merge(id, body.duplicateId, body.reason, accessOf(user, request));
  }

  @Post(':id/erasure')
  @HttpCode(200)
  @Roles('supervisor', 'admin')
  @ApiOperation({
    summary: 'Erase a customer’s personal data on request (PIPL); tickets keep a pseudonym',
    description:
      'Erases the records merged into it too. Who erased each record and the reason given (its personal data masked) are kept in the access log, under the purpose `erasure: <reason>`. Asked again, the erasure is done again everywhere (what is left is wiped and `customer.erased.v1` is published again, with its first data): after a rollout whose replicas of the release before erased less, or to reach a record merged in since.',
  })
  @ApiOkResponse({ type: CustomerViewDto })
  async erase(
    @Param('id', uuidParam('id')) id: string,
    @Body() body: EraseCustomerDto,
    @CurrentUser() user: Principal,
    @Req() request: FastifyRequest,
  ): Promise<CustomerView> {
    return this.maintain.erase(id, body.reason, { principal: user, requestId: request.id });
  }
}
