import type { Admin } from 'kafkajs';
import { deleteListedTopics, listTopicNames } from './topic-listing';

export interface DropTopicsAndGroupsOptions {
  /**
   * Go on to the topics when the groups cannot be deleted (a member still holds one: a service a
   * failed test left running), rather than failing: the topics can still go.
   */
  readonly leaveHeldGroups?: boolean;
}

/** Deletes the consumer groups, then the topics, whose names `belongs` accepts; answers what it listed for deletion. */
export async function deleteTopicsAndGroups(
  admin: Pick<Admin, 'listGroups' | 'deleteGroups' | 'listTopics' | 'deleteTopics'>,
  belongs: (name: string) => boolean,
  options: DropTopicsAndGroupsOptions = {},
): Promise<{ topics: string[]; groups: string[] }> {
  const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter(belongs);
  if (groups.length > 0) {
    await admin.deleteGroups(groups).catch((error: unknown) => {
      if (!options.leaveHeldGroups) throw error;
    });
  }
  const topics = (await listTopicNames(admin)).filter(belongs);
  await deleteListedTopics(admin, topics);
  return { topics, groups };
}
