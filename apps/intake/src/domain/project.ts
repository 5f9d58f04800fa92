/** 项目/楼栋/房号 — a project with its buildings and rooms, the reference data agents pick units from. */
export interface ProjectReference {
  readonly code: string;
  readonly name: string;
  readonly city?: string;
  readonly buildings: readonly { readonly code: string; readonly name: string; readonly rooms: readonly string[] }[];
}
