import { Controller, Get, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Public, ScopedByProject, SharedAcrossProjects } from '@cs/auth';
import { assertProjectScopingDeclared, documentProjectScoping, routesWithoutProjectScoping } from './project-scoping-check';

@ScopedByProject()
@Controller('v1/orders')
class OrdersController {
  @Get() list() {
    return [];
  }
  @SharedAcrossProjects('order statuses are one list for the company')
  @Get('statuses')
  statuses() {
    return [];
  }
}

@Controller('v1/forgotten')
class ForgottenController {
  @Get() list() {
    return [];
  }
  @Public()
  @Post('hook')
  hook() {
    return {};
  }
  /** Not a route: no HTTP method decorator. */
  helper() {
    return 1;
  }
}

async function appWith(...controllers: (new () => object)[]): Promise<NestFastifyApplication> {
  @Module({ controllers })
  class TestModule {}
  const app = await NestFactory.create<NestFastifyApplication>(TestModule, new FastifyAdapter(), { logger: false });
  await app.init();
  return app;
}

describe('project scoping declarations', () => {
  it('names each authenticated route that declares no project scoping, and only those', async () => {
    const app = await appWith(OrdersController, ForgottenController);
    try {
      expect(routesWithoutProjectScoping(app)).toEqual(['ForgottenController_list']);
      expect(() => assertProjectScopingDeclared(app)).toThrow(/ForgottenController_list/);
    } finally {
      await app.close();
    }
  });

  it('lets a service whose routes all declare it start', async () => {
    const app = await appWith(OrdersController);
    try {
      expect(() => assertProjectScopingDeclared(app)).not.toThrow();
    } finally {
      await app.close();
    }
  });

  it('documents each operation’s scoping as x-project-scope with a line of description', async () => {
    const app = await appWith(OrdersController);
    try {
      const document = documentProjectScoping(app)(SwaggerModule.createDocument(app, new DocumentBuilder().build()));
      const list = document.paths['/v1/orders']!.get as unknown as Record<string, unknown>;
      const statuses = document.paths['/v1/orders/statuses']!.get as unknown as Record<string, unknown>;
      expect(list['x-project-scope']).toBe('by_project');
      expect(list['description']).toContain('another project’s data is 404');
      expect(statuses['x-project-scope']).toBe('shared');
      expect(statuses['description']).toContain('order statuses are one list for the company');
    } finally {
      await app.close();
    }
  });
});
