import { Injectable } from '@nestjs/common';
import { Type } from '@sinclair/typebox';
import type { EntityManager } from 'typeorm';
import { presentProps } from '@cs/ddd';
import { Queryable, execute, projectCondition, selectRows } from '@cs/persistence';
import type { ProjectReference } from '../domain/project';

const ProjectRow = Type.Object({ code: Type.String(), name: Type.String(), city: Type.Union([Type.String(), Type.Null()]) });
const BuildingRow = Type.Object({ project_code: Type.String(), code: Type.String(), name: Type.String(), rooms: Type.Array(Type.String()) });

/** Projects, their buildings and rooms. */
@Injectable()
export class ProjectsRepository {
  /** The projects among `codes` (undefined: all), with their buildings. */
  async list(db: Queryable, codes: readonly string[] | undefined): Promise<ProjectReference[]> {
    const params: unknown[] = [];
    const projects = await selectRows(db, ProjectRow, `SELECT code, name, city FROM projects WHERE ${projectCondition('code', codes, params)} ORDER BY code`, params);
    const buildings = await selectRows(
      db,
      BuildingRow,
      'SELECT project_code, code, name, rooms FROM project_buildings WHERE project_code = ANY($1::text[]) ORDER BY project_code, code',
      [projects.map((p) => p.code)],
    );
    return projects.map((p) => ({
      code: p.code,
      name: p.name,
      ...presentProps({ city: p.city }),
      buildings: buildings.filter((b) => b.project_code === p.code).map((b) => ({ code: b.code, name: b.name, rooms: b.rooms })),
    }));
  }

  /** Replaces a project's definition as a whole. */
  async replace(tx: EntityManager, project: ProjectReference): Promise<void> {
    await execute(
      tx,
      `INSERT INTO projects (code, name, city) VALUES ($1, $2, $3)
       ON CONFLICT (code) DO UPDATE SET name = excluded.name, city = excluded.city, updated_at = now()`,
      [project.code, project.name, project.city ?? null],
    );
    await execute(tx, 'DELETE FROM project_buildings WHERE project_code = $1', [project.code]);
    for (const b of project.buildings) {
      await execute(tx, 'INSERT INTO project_buildings (project_code, code, name, rooms) VALUES ($1, $2, $3, $4)', [
        project.code,
        b.code,
        b.name,
        [...new Set(b.rooms)],
      ]);
    }
  }
}
