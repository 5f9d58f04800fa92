export * from './topic-listing';
