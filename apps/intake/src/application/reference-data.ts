import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ALL_PROJECTS, type ProjectScope, inProjectScope, scopedProjects } from '@cs/auth';
import { projectCondition } from '@cs/persistence';
import { DomainError } from '@cs/ddd';

export interface ProjectReference {
  readonly code: string;
  readonly name: string;
  readonly city?: string;
  readonly buildings: readonly { readonly code: string; readonly name: string; readonly rooms: readonly string[] }[];
}

/** 项目/楼栋/房号 — the reference data agents pick units from, kept by admins. */
@Injectable()
export class ReferenceData {
  constructor(private readonly dataSource: DataSource) {}

  /** The projects the caller serves. */
  async list(scope: ProjectScope): Promise<ProjectReference[]> {
    const params: unknown[] = [];
    const projects = (await this.dataSource.query(
      `SELECT code, name, city FROM projects WHERE ${projectCondition('code', scopedProjects(scope), params)} ORDER BY code`,
      params,
    )) as {
      code: string;
      name: string;
      city: string | null;
    }[];
    const buildings = (await this.dataSource.query(
      'SELECT project_code, code, name, rooms FROM project_buildings ORDER BY project_code, code',
    )) as { project_code: string; code: string; name: string; rooms: string[] }[];
    return projects.map((p) => ({
      code: p.code,
      name: p.name,
      ...(p.city ? { city: p.city } : {}),
      buildings: buildings.filter((b) => b.project_code === p.code).map((b) => ({ code: b.code, name: b.name, rooms: b.rooms })),
    }));
  }

  async get(code: string, scope: ProjectScope): Promise<ProjectReference> {
    const project = (await this.list(scope)).find((p) => p.code === code);
    if (!project) throw new DomainError('PROJECT.NOT_FOUND', 'not_found', `project ${code} not found`);
    return project;
  }

  /** Replaces a project's definition as a whole: the shape admins upload from the property system. */
  async put(project: ProjectReference, scope: ProjectScope): Promise<ProjectReference> {
    // An admin limited to projects keeps only their own; another project is not theirs to know of.
    if (!inProjectScope(scope, project.code)) throw new DomainError('PROJECT.NOT_FOUND', 'not_found', `project ${project.code} not found`);
    const codes = project.buildings.map((b) => b.code);
    const dup = codes.find((c, i) => codes.indexOf(c) !== i);
    if (dup) throw new DomainError('PROJECT.DUPLICATE_BUILDING', 'invalid', `building ${dup} appears twice`, 'buildings');
    await this.dataSource.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO projects (code, name, city) VALUES ($1, $2, $3)
         ON CONFLICT (code) DO UPDATE SET name = excluded.name, city = excluded.city, updated_at = now()`,
        [project.code, project.name, project.city ?? null],
      );
      await tx.query('DELETE FROM project_buildings WHERE project_code = $1', [project.code]);
      for (const b of project.buildings) {
        await tx.query('INSERT INTO project_buildings (project_code, code, name, rooms) VALUES ($1, $2, $3, $4)', [
          project.code,
          b.code,
          b.name,
          [...new Set(b.rooms)],
        ]);
      }
    });
    return this.get(project.code, ALL_PROJECTS);
  }
}
