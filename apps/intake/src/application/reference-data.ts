import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ALL_PROJECTS, type ProjectScope, inProjectScope, scopedProjects } from '@cs/auth';
import { DomainError } from '@cs/ddd';
import type { ProjectReference } from '../domain/project';
import { ProjectsRepository } from '../infrastructure/projects.repository';

export type { ProjectReference } from '../domain/project';

function projectNotFound(code: string): DomainError {
  return new DomainError('PROJECT.NOT_FOUND', 'not_found', `project ${code} not found`);
}

/** 项目/楼栋/房号 — the reference data agents pick units from, kept by admins, read within one's projects. */
@Injectable()
export class ReferenceData {
  constructor(
    private readonly dataSource: DataSource,
    private readonly projects: ProjectsRepository,
  ) {}

  /** The projects the caller serves. */
  async list(scope: ProjectScope): Promise<ProjectReference[]> {
    return this.projects.list(this.dataSource.manager, scopedProjects(scope));
  }

  async get(code: string, scope: ProjectScope): Promise<ProjectReference> {
    if (!inProjectScope(scope, code)) throw projectNotFound(code);
    const [project] = await this.projects.list(this.dataSource.manager, [code]);
    if (!project) throw projectNotFound(code);
    return project;
  }

  /** Replaces a project's definition as a whole: the shape admins upload from the property system. */
  async put(project: ProjectReference, scope: ProjectScope): Promise<ProjectReference> {
    // An admin limited to projects keeps only their own; another project is not theirs to know of.
    if (!inProjectScope(scope, project.code)) throw projectNotFound(project.code);
    const codes = project.buildings.map((b) => b.code);
    const dup = codes.find((c, i) => codes.indexOf(c) !== i);
    if (dup) throw new DomainError('PROJECT.DUPLICATE_BUILDING', 'invalid', `building ${dup} appears twice`, 'buildings');
    await this.dataSource.transaction((tx) => this.projects.replace(tx, project));
    return this.get(project.code, ALL_PROJECTS);
  }
}
