export * from './topic-listing';
export * from './drop-topics-and-groups';
