import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentScope, CurrentUser, Principal, ProjectScope, Roles, ScopedByProject } from '@cs/auth';
import { parseIfMatch, uuidParam, weakEtag } from '@cs/platform';
import { MaintainCustomers } from '../application/maintain-customers';
import { AccessContext } from '../application/pii-access';
import { ReadCustomers } from '../application/read-customers';
import type { CustomerView } from '../domain/customer';
import {
  CustomerListDto,
  CustomerQueryDto,
  CustomerViewDto,
  EraseCustomerDto,
  MergeCustomersDto,
  RegisterCustomerDto,
  UpdateCustomerDto,
} from './customer.dto';

/**
 * HTTP header values arrive as Latin-1, so a purpose typed in Chinese comes either
 * percent-encoded or as UTF-8 bytes read as Latin-1; both are turned back into text.
 */
export function decodePurposeHeader(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  if (/%[0-9A-Fa-f]{2}/.test(raw)) {
    try {
      return decodeURIComponent(raw);
    } catch {
      return raw;
    }
  }
  const utf8 = Buffer.from(raw, 'latin1').toString('utf8');
  return utf8.includes('\uFFFD') ? raw : utf8;
}

function accessOf(principal: Principal, request: FastifyRequest, purpose?: string): AccessContext {
  const header = request.headers['x-access-purpose'];
  return {
    principal,
    purpose: purpose ?? decodePurposeHeader(Array.isArray(header) ? header[0] : header),
    requestId: request.id,
  };
}

/**
 * 客户档案 — the customer registry, limited to the caller's projects (another project's customer
 * is 404 for every read and write). Personal data is masked unless the caller holds
 * `customer.pii.read` and states why in `X-Access-Purpose`; each unmasked view is logged.
 */
@ApiTags('customers')
@ApiHeader({
  name: 'X-Access-Purpose',
  required: false,
  description: 'why personal data is read (e.g. 回电核实); required, with `customer.pii.read`, for an unmasked view, and logged with it',
})
@ScopedByProject()
@Controller('v1/customers')
export class CustomersController {
  constructor(
    private readonly read: ReadCustomers,
    private readonly maintain: MaintainCustomers,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Find customers by phone (any format), email, exact name, or project + room' })
  @ApiOkResponse({ type: CustomerListDto })
  async search(@Query() query: CustomerQueryDto, @CurrentUser() user: Principal, @Req() request: FastifyRequest): Promise<{ items: CustomerView[] }> {
    const { purpose, ...criteria } = query;
    return { items: await this.read.search(criteria, accessOf(user, request, purpose)) };
  }

  @Get(':id')
  @ApiOkResponse({ type: CustomerViewDto })
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
  async merges(@Param('id', uuidParam('id')) id: string, @CurrentScope() scope: ProjectScope) {
    return { items: await this.maintain.mergeHistory(id, scope) };
  }

  @Post()
  @HttpCode(201)
  @Roles('agent', 'supervisor', 'admin')
  @ApiCreatedResponse({ type: CustomerViewDto })
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
  @ApiOkResponse({ type: CustomerViewDto })
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
  @ApiOperation({ summary: 'Merge a duplicate into this customer (合并重复客户)' })
  @ApiOkResponse({ type: CustomerViewDto })
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
  @ApiOperation({ summary: 'Erase a customer’s personal data on request (PIPL); tickets keep a pseudonym' })
  @ApiOkResponse({ type: CustomerViewDto })
  async erase(@Param('id', uuidParam('id')) id: string, @Body() _body: EraseCustomerDto, @CurrentScope() scope: ProjectScope): Promise<CustomerView> {
    return this.maintain.erase(id, scope);
  }
}
