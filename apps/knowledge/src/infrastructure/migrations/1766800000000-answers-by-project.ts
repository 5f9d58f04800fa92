import { onlineMigration, sqlMigration } from '@cs/persistence';

/**
 * Each answer under every project it may be read for, with its change time, so that the list of
 * a reader limited to projects walks each of their projects by an index in the list's order
 * instead of every answer (ADR 0153): answers keep their projects in a list, which no index
 * orders by change within a project. A project of NULL: every project.
 *
 * The projects are a superset: the working copy's, and those of the version indexed and the
 * versions held for the answer when its row is written (its version in force may be either,
 * ADR 0146); the list still asks each answer found whether the reader may read it. A trigger on
 * the answer's row writes them, so that a replica of the release before keeps them too, under the
 * row's lock, so that two writes of one answer never leave a change time other than its own.
 */
export const AnswersByProject1766800000000 = sqlMigration('AnswersByProject1766800000000', {
  up: [
    `CREATE TABLE answers_by_project (
       answer_id  uuid NOT NULL REFERENCES answers (id),
       project    text,
       updated_at timestamptz NOT NULL
     )`,
    'CREATE UNIQUE INDEX answers_by_project_answer ON answers_by_project (answer_id, project) NULLS NOT DISTINCT',
    // SET search_path: the function reads the tables of the schema it was made in, whoever writes an answer.
    `CREATE FUNCTION answers_by_project_listed() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
     BEGIN
       DELETE FROM answers_by_project WHERE answer_id = NEW.id;
       INSERT INTO answers_by_project (answer_id, project, updated_at)
       SELECT DISTINCT NEW.id, reached.project, NEW.updated_at
         FROM (SELECT NEW.projects AS projects
               UNION ALL SELECT projects FROM answer_search WHERE answer_id = NEW.id
               UNION ALL SELECT projects FROM answer_search_scheduled WHERE answer_id = NEW.id) versions
        CROSS JOIN LATERAL (SELECT unnest(versions.projects) AS project WHERE versions.projects IS NOT NULL
                            UNION ALL SELECT NULL WHERE versions.projects IS NULL) reached;
       RETURN NULL;
     END $$`,
    `CREATE TRIGGER answers_by_project_listed AFTER INSERT OR UPDATE OF projects, updated_at ON answers
       FOR EACH ROW EXECUTE FUNCTION answers_by_project_listed()`,
  ],
  down: ['DROP TRIGGER answers_by_project_listed ON answers', 'DROP FUNCTION answers_by_project_listed()', 'DROP TABLE answers_by_project'],
});

/**
 * The answers written before, listed by the trigger: setting a row's projects to themselves runs
 * it under the row's lock, so a write of the answer meanwhile is listed by the one or the other
 * as it stands, never with a change time it no longer has. A second run touches nothing.
 */
export const AnswersByProjectFilled1766805000000 = sqlMigration('AnswersByProjectFilled1766805000000', {
  up: ['UPDATE answers SET projects = projects WHERE NOT EXISTS (SELECT 1 FROM answers_by_project l WHERE l.answer_id = answers.id)'],
  down: [],
});

/**
 * Each project's answers newest change first, the order of the list, and those for every project
 * apart (`project IS NULL` sets no value, so the first would give them in its order only within
 * the NULLs' sort), built while answers are written (ADR 0064).
 */
export const AnswersByProjectIndexed1766810000000 = onlineMigration('AnswersByProjectIndexed1766810000000', {
  up: [
    { createIndex: 'answers_by_project_updated', on: 'ON answers_by_project (project, updated_at DESC, answer_id DESC)' },
    { createIndex: 'answers_for_every_project_updated', on: 'ON answers_by_project (updated_at DESC, answer_id DESC) WHERE project IS NULL' },
  ],
  down: [{ dropIndex: 'answers_for_every_project_updated' }, { dropIndex: 'answers_by_project_updated' }],
});
