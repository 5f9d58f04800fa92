import { sqlMigration } from '@cs/persistence';

/**
 * A version of the synonym groups, raised by any statement that writes them (the API on any
 * replica, or an operator's SQL): each replica keeps the groups it expands queries with and the
 * search statement reads this version beside its hits, so a replica learns of a change from the
 * search itself and reads the groups again (ADR 0051). Only a table and a trigger are added: the
 * release before, which reads the groups on every search, keeps working beside this one.
 */
export const SynonymDictionary1764840000000 = sqlMigration('SynonymDictionary1764840000000', {
  up: [
    `CREATE TABLE synonym_dictionary (
       singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
       version   bigint NOT NULL
     )`,
    'INSERT INTO synonym_dictionary (version) VALUES (1)',
    // An upsert: a row deleted by hand is made again by the next write of the groups.
    `CREATE FUNCTION synonym_dictionary_changed() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       INSERT INTO synonym_dictionary (version) VALUES (1)
         ON CONFLICT (singleton) DO UPDATE SET version = synonym_dictionary.version + 1;
       RETURN NULL;
     END $$`,
    `CREATE TRIGGER synonym_groups_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON synonym_groups
       FOR EACH STATEMENT EXECUTE FUNCTION synonym_dictionary_changed()`,
  ],
  down: ['DROP TRIGGER synonym_groups_changed ON synonym_groups', 'DROP FUNCTION synonym_dictionary_changed()', 'DROP TABLE synonym_dictionary'],
});
