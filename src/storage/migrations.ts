/**
 * @module Versioned schema migrations for both adapters, side by side so they stay in step.
 *
 * A migration is never edited once released: add a new one. The one runner (migrate.ts) applies them on both stores;
 * each runs in one transaction and records itself in `schema_migrations`. A database whose highest recorded version is above the last one here was written by a newer
 * Reckon and is refused before anything is written to it.
 */
import { coreTables, namedIdIndexes } from './core-tables.js'
import { dateSpanSql } from './sql/date-span.js'
import { MAP_PLACE_SQLITE } from './sql/map-points.js'

/** One schema change, as SQL statements per dialect. */
export interface Migration {
  readonly version: number
  readonly name: string
  readonly sqlite: readonly string[]
  readonly postgres: readonly string[]
}

/** The PostgreSQL notification channel on which commits that change incidents or figures are announced (migration 7). */
export const CHANGES_CHANNEL = 'reckon_changes'

/** Every migration, oldest first. Versions are consecutive from 1. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'create core tables and full-text search',
    sqlite: [
      ...coreTables({ seq: 'INTEGER PRIMARY KEY', text: 'TEXT', withoutRowid: ' WITHOUT ROWID' }),
      // External-content FTS5 over sources (rowid = seq): the text is stored once, snippets still work.
      `CREATE VIRTUAL TABLE sources_fts USING fts5 (title, text, content = 'sources', content_rowid = 'seq', tokenize = 'porter unicode61')`,
      // A trigger, so the single-row and bulk paths both index every source (sources are never updated or deleted).
      `CREATE TRIGGER sources_fts_insert AFTER INSERT ON sources BEGIN
         INSERT INTO sources_fts (rowid, title, text) VALUES (new.seq, new.title, new.text);
       END`,
    ],
    postgres: [
      ...coreTables({ seq: 'BIGSERIAL PRIMARY KEY', text: 'TEXT', withoutRowid: '' }),
      // tsvector has a 1 MB limit, so only the first million characters are indexed; reports are far shorter.
      `ALTER TABLE sources ADD COLUMN tsv tsvector GENERATED ALWAYS AS
         (to_tsvector('english', coalesce(title, '') || ' ' || left(text, 1000000))) STORED`,
      `CREATE INDEX sources_tsv ON sources USING gin (tsv)`,
    ],
  },
  {
    version: 2,
    name: 'totals cube and figure date indexes',
    sqlite: totalsCube(' WITHOUT ROWID'),
    postgres: totalsCube(''),
  },
  {
    version: 3,
    name: 'incident filter columns and covering list indexes',
    sqlite: filterColumns(),
    postgres: [
      ...filterColumns(),
      // PostgreSQL sorts NULL last going up and first going down, so newest-first with undated incidents last (the
      // default list order) cannot walk the ascending index backwards; SQLite's index serves both directions.
      `CREATE INDEX incidents_by_date_desc ON incidents (status, date_start DESC NULLS LAST, id DESC, date_last, country, actor_lc, grade, categories, killed_high)`,
      `ANALYZE incidents`,
    ],
  },
  {
    version: 4,
    name: 'findings check generations',
    sqlite: findingsState(),
    postgres: findingsState(),
  },
  {
    version: 5,
    name: 'dataset row ids on sources; full-text search over a row\'s prose only',
    sqlite: [
      ...datasetRowIds(),
      // The index reads coalesce(search_text, text) through a view, so snippets come from the very text indexed.
      `DROP TRIGGER sources_fts_insert`,
      `DROP TABLE sources_fts`,
      `CREATE VIEW sources_search AS SELECT seq, title, coalesce(search_text, text) AS text FROM sources`,
      `CREATE VIRTUAL TABLE sources_fts USING fts5 (title, text, content = 'sources_search', content_rowid = 'seq', tokenize = 'porter unicode61')`,
      `INSERT INTO sources_fts (sources_fts) VALUES ('rebuild')`,
      `CREATE TRIGGER sources_fts_insert AFTER INSERT ON sources BEGIN
         INSERT INTO sources_fts (rowid, title, text) VALUES (new.seq, new.title, coalesce(new.search_text, new.text));
       END`,
    ],
    postgres: [
      ...datasetRowIds(),
      `ALTER TABLE sources DROP COLUMN tsv`,
      `ALTER TABLE sources ADD COLUMN tsv tsvector GENERATED ALWAYS AS
         (to_tsvector('english', coalesce(title, '') || ' ' || left(coalesce(search_text, text), 1000000))) STORED`,
      `CREATE INDEX sources_tsv ON sources USING gin (tsv)`,
    ],
  },
  {
    version: 6,
    name: 'indexes a bulk load set aside, to rebuild after it (or on the next open, after a crash)',
    // owner: "host:pid" of the process that set the index aside, so an open can tell a crashed load from a running one.
    sqlite: [`CREATE TABLE deferred_indexes (name TEXT PRIMARY KEY, sql TEXT NOT NULL, owner TEXT NOT NULL)`],
    postgres: [`CREATE TABLE deferred_indexes (name TEXT PRIMARY KEY, sql TEXT NOT NULL, owner TEXT NOT NULL)`],
  },
  {
    version: 7,
    name: 'PostgreSQL: a notification on commit of any change to incidents or figures, for in-memory list snapshots',
    // SQLite needs nothing: a connection sees other connections' commits in PRAGMA data_version.
    sqlite: [],
    postgres: changeNotifications(),
  },
  {
    version: 8,
    name: 'SQLite: the unique indexes on source and claim ids named, so a bulk load into an empty store can set them aside',
    sqlite: namedIdIndexes(),
    // PostgreSQL keeps every index during a load (see BulkRepo.deferIndexes).
    postgres: [],
  },
  {
    version: 9,
    name: 'claims of 0 say whether the text states the zero or a claimant\'s whole account implies it',
    // NULL for every claim stored before: a zero then was not told apart, and re-extraction marks it.
    sqlite: [`ALTER TABLE claims ADD COLUMN zero TEXT`],
    postgres: [`ALTER TABLE claims ADD COLUMN zero TEXT`],
  },
  {
    version: 10,
    name: 'editors\' reviews of findings, kept by finding id across check runs (an id is its kind and claims)',
    sqlite: [`CREATE TABLE finding_reviews (finding_id TEXT PRIMARY KEY, status TEXT NOT NULL, reason TEXT, actor TEXT NOT NULL, at TEXT NOT NULL)`],
    postgres: [`CREATE TABLE finding_reviews (finding_id TEXT PRIMARY KEY, status TEXT NOT NULL, reason TEXT, actor TEXT NOT NULL, at TEXT NOT NULL)`],
  },
  {
    version: 11,
    name: 'span classes of incident periods and their index, for the candidate query of linking and matching',
    sqlite: dateSpans('CAST(julianday(date_last) - julianday(date_start) AS INTEGER)'),
    postgres: dateSpans('(date_last::date - date_start::date)'),
  },
  {
    version: 12,
    name: 'named victims of incidents, and the reports (source, claim, span) that name each one',
    sqlite: victimTables('INTEGER PRIMARY KEY'),
    postgres: victimTables('BIGSERIAL PRIMARY KEY'),
  },
  {
    version: 13,
    name: 'incidents\' strike status, belligerent, summary and grade reason; browser sign-in sessions',
    sqlite: [
      ...deskFields(),
      // The map reads every matching incident's place (sql/map-points.ts): from this index alone, not 100,000 rows.
      `CREATE INDEX incidents_map ON incidents (status, date_start, date_last, country, ${MAP_PLACE_SQLITE.join(', ')}, killed_high, id)`,
    ],
    postgres: deskFields(),
  },
  {
    version: 14,
    name: 'which of an incident\'s place and date an editor set, so that later claims never overwrite them; victim names in a full-text index',
    sqlite: [
      ...editorSet(`json_extract(r.after, '$.place') IS NOT NULL`, `json_extract(r.after, '$.date.start') IS NOT NULL`, `json_type(r.after, '$.place') IS NOT NULL`, `json_type(r.after, '$.date') IS NOT NULL`),
      // Victim search by any word of a name, from an index: external-content FTS5 over the name keys, kept by triggers.
      `CREATE VIRTUAL TABLE victims_fts USING fts5 (name_key, content = 'victims', content_rowid = 'seq', tokenize = 'unicode61')`,
      `CREATE TRIGGER victims_fts_insert AFTER INSERT ON victims BEGIN
         INSERT INTO victims_fts (rowid, name_key) VALUES (new.seq, new.name_key);
       END`,
      `CREATE TRIGGER victims_fts_update AFTER UPDATE OF name_key ON victims BEGIN
         INSERT INTO victims_fts (victims_fts, rowid, name_key) VALUES ('delete', old.seq, old.name_key);
         INSERT INTO victims_fts (rowid, name_key) VALUES (new.seq, new.name_key);
       END`,
      `INSERT INTO victims_fts (victims_fts) VALUES ('rebuild')`,
    ],
    postgres: [
      ...editorSet(`(r.after::jsonb -> 'place') <> 'null'::jsonb`, `(r.after::jsonb #> '{date,start}') <> 'null'::jsonb`, `(r.after::jsonb -> 'place') IS NOT NULL`, `(r.after::jsonb -> 'date') IS NOT NULL`),
      // The 'simple' configuration: name keys are already folded, and no name word is a stop word or has a stem.
      `ALTER TABLE victims ADD COLUMN name_tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', name_key)) STORED`,
      `CREATE INDEX victims_name_tsv ON victims USING GIN (name_tsv)`,
    ],
  },
]

/**
 * Migration 14: an incident's place and date follow its claims (the most precise they support without conflict)
 * unless an editor set them. Incidents stored before take the flag from their history: the field is the editor's when
 * the latest editor's change of it (an `update` revision) set a value rather than clearing it.
 */
function editorSet(placeSet: string, dateSet: string, placeTouched: string, dateTouched: string): string[] {
  const latest = (touched: string, set: string): string =>
    `coalesce((SELECT CASE WHEN ${set} THEN 1 ELSE 0 END FROM revisions r
       WHERE r.entity_type = 'incident' AND r.entity_id = incidents.id AND r.action = 'update' AND r.after IS NOT NULL AND ${touched}
       ORDER BY r.seq DESC LIMIT 1), 0)`
  return [
    `ALTER TABLE incidents ADD COLUMN place_by_editor INTEGER NOT NULL DEFAULT 0`,
    `ALTER TABLE incidents ADD COLUMN date_by_editor INTEGER NOT NULL DEFAULT 0`,
    `UPDATE incidents SET place_by_editor = ${latest(placeTouched, placeSet)}, date_by_editor = ${latest(dateTouched, dateSet)}`,
  ]
}

/**
 * Migration 12: a victim is one person of one incident (`name_key` compares transliterations, see domain
 * victim-name.ts); a mention is one report's naming of them, kept whether or not its claim is linked yet, so the
 * victim follows the claim when it is linked, moved, merged or split. Mentions name claims and sources by id without
 * a foreign key: a bulk load into SQLite sets their unique id indexes aside, which a foreign key would need.
 */
function victimTables(seq: string): string[] {
  // What a victim record and a report's naming of them both say of the person.
  const person = 'name TEXT NOT NULL, name_key TEXT NOT NULL, age INTEGER, sex TEXT, relation TEXT, fate TEXT NOT NULL,'
  return [
    `CREATE TABLE victims (
      seq ${seq},
      id TEXT NOT NULL UNIQUE,
      incident_id TEXT NOT NULL REFERENCES incidents (id),
      ${person}
      review TEXT NOT NULL,
      status TEXT NOT NULL,
      merged_into TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
    `CREATE INDEX victims_incident ON victims (incident_id, name_key)`,
    `CREATE TABLE victim_mentions (
      seq ${seq},
      source_id TEXT NOT NULL,
      claim_id TEXT NOT NULL,
      victim_id TEXT REFERENCES victims (id),
      ${person}
      span_start INTEGER NOT NULL,
      span_end INTEGER NOT NULL,
      created_at TEXT NOT NULL
    )`,
    // One mention per name per claim: re-processing a source adds nothing.
    `CREATE UNIQUE INDEX victim_mentions_claim ON victim_mentions (claim_id, name_key)`,
    `CREATE INDEX victim_mentions_victim ON victim_mentions (victim_id, seq)`,
  ]
}

/**
 * Migration 13: what an editor records about an incident beyond its date and place (how sure it is that a strike took
 * place, who is said to have struck, a short summary, and why the civilian-harm grade is what it is), all NULL for the
 * incidents stored before; and browser sessions, each issued for a token, kept by the SHA-256 of the cookie's secret.
 */
function deskFields(): string[] {
  return [
    `ALTER TABLE incidents ADD COLUMN strike_status TEXT`,
    `ALTER TABLE incidents ADD COLUMN belligerent TEXT`,
    `ALTER TABLE incidents ADD COLUMN summary TEXT`,
    `ALTER TABLE incidents ADD COLUMN grade_reason TEXT`,
    `CREATE TABLE sessions (
      hash TEXT PRIMARY KEY,
      token_id TEXT NOT NULL REFERENCES tokens (id),
      csrf TEXT NOT NULL,
      created_at TEXT NOT NULL,
      expires_at TEXT NOT NULL,
      ended_at TEXT
    )`,
  ]
}

/**
 * Migration 11: each incident's span class (see sql/date-span.ts) and an index by it and start date, holding what the
 * candidate query reads. That query ("active incidents overlapping these days") read every incident starting before
 * the last day, about 3 ms a row at 10,000 incidents, so matching an import into a full store grew with the store.
 */
function dateSpans(days: string): string[] {
  return [
    `ALTER TABLE incidents ADD COLUMN date_span INTEGER`,
    `UPDATE incidents SET date_span = ${dateSpanSql(days)}`,
    `CREATE INDEX incidents_by_span ON incidents (status, date_span, date_start, id, date_last, country)`,
  ]
}

/**
 * Migration 7, PostgreSQL: each statement that changes incidents or their figures queues a notification on the
 * `reckon_changes` channel. PostgreSQL delivers it when (and only if) its transaction commits, once per transaction,
 * so a server keeping a list snapshot (sql/list-index.ts) learns of every other process's commit without polling.
 */
function changeNotifications(): string[] {
  const fn = `CREATE FUNCTION reckon_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('${CHANGES_CHANNEL}', '');
      RETURN NULL;
    END $$`
  const on = (table: string): string =>
    `CREATE TRIGGER ${table}_notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION reckon_notify_change()`
  return [fn, on('incidents'), on('incident_figures')]
}

/**
 * Migration 4: one row numbering consistency-check runs. `started` counts runs begun; `stored` is the run whose
 * findings are stored. Several processes check one database: a run that began earlier (and so may have read older
 * claims) never replaces the findings of one that began later.
 */
function findingsState(): string[] {
  return [
    `CREATE TABLE findings_state (id INTEGER PRIMARY KEY, started BIGINT NOT NULL, stored BIGINT NOT NULL)`,
    `INSERT INTO findings_state (id, started, stored) VALUES (1, 0, 0)`,
  ]
}

/**
 * Migration 5, both dialects: a dataset row's own id (shown), its key within its dataset ("acled:PAK123") and the
 * incident it describes, by which a re-issued row with new contents supersedes the one stored before it, in that
 * incident; and the text full-text search covers when not all of it (a row's prose, not its codes and numbers:
 * indexing every "column: value" line cost more than all the rest of an import).
 */
function datasetRowIds(): string[] {
  return [
    `ALTER TABLE sources ADD COLUMN external_id TEXT`,
    `ALTER TABLE sources ADD COLUMN row_key TEXT`,
    `ALTER TABLE sources ADD COLUMN incident_id TEXT`,
    `ALTER TABLE sources ADD COLUMN search_text TEXT`,
    `CREATE INDEX sources_row_key ON sources (row_key, seq) WHERE row_key IS NOT NULL`,
  ]
}

/** Migration 2: the table totals are summed from (see sql/totals-cube.ts), filled from the figures already stored. */
function totalsCube(withoutRowid: string): string[] {
  return [
    `ALTER TABLE incident_figures ADD COLUMN date_last TEXT`,
    `UPDATE incident_figures SET date_last = coalesce(date_end, date_start)`,
    `CREATE INDEX incident_figures_start ON incident_figures (status, date_start)`,
    `CREATE INDEX incident_figures_last ON incident_figures (status, date_last)`,
    `CREATE TABLE figure_cube (
      start_month TEXT NOT NULL,
      last_month TEXT NOT NULL,
      country TEXT NOT NULL,
      actor TEXT NOT NULL,
      actor_lc TEXT NOT NULL,
      measure TEXT NOT NULL,
      category TEXT NOT NULL,
      low BIGINT NOT NULL,
      high BIGINT NOT NULL,
      unbounded BIGINT NOT NULL,
      n BIGINT NOT NULL,
      PRIMARY KEY (start_month, last_month, country, actor, measure, category)
    )${withoutRowid}`,
    `INSERT INTO figure_cube (start_month, last_month, country, actor, actor_lc, measure, category, low, high, unbounded, n)
     SELECT coalesce(substr(date_start, 1, 7), ''), coalesce(substr(date_last, 1, 7), ''), coalesce(country, ''), coalesce(actor, ''),
            coalesce(min(actor_lc), ''), measure, category, sum(coalesce(min, 0)), sum(coalesce(max, 0)),
            sum(CASE WHEN max IS NULL THEN 1 ELSE 0 END), count(*)
       FROM incident_figures WHERE status = 'active'
      GROUP BY coalesce(substr(date_start, 1, 7), ''), coalesce(substr(date_last, 1, 7), ''), coalesce(country, ''), coalesce(actor, ''), measure, category`,
  ]
}

/**
 * Migration 3: every incident filter answered from index entries alone. Counting the matches of a filter over
 * 100,000 incidents looked up each row (the `from` bound was an expression, and category and casualty filters ran a
 * subquery per incident): about 100 ms a request. Now incidents carry `date_last`, a bit per category they have a
 * figure in (bit i = i-th of total, civilians, children, women, militants, security, unknown; append only), and the
 * list indexes hold every filter column; figure rows carry the incident's grade, its killed high, and its killed high
 * in the row's category, so a casualty threshold (with or without a category) is a column test, never a subquery.
 */
function filterColumns(): string[] {
  const bits = ['total', 'civilians', 'children', 'women', 'militants', 'security', 'unknown'].map((c, i) => `WHEN '${c}' THEN ${2 ** i}`).join(' ')
  const filterCols = 'date_last, country, actor_lc, grade, categories, killed_high'
  const figureCols = 'date_start, date_last, country, actor, actor_lc, measure, category, min, max, category_killed_high'
  const without = (col: string): string =>
    filterCols
      .split(', ')
      .filter((c) => c !== col)
      .join(', ')
  return [
    `ALTER TABLE incidents ADD COLUMN date_last TEXT`,
    `UPDATE incidents SET date_last = coalesce(date_end, date_start)`,
    `ALTER TABLE incidents ADD COLUMN categories INTEGER NOT NULL DEFAULT 0`,
    `UPDATE incidents SET categories = coalesce((SELECT sum(DISTINCT CASE f.category ${bits} ELSE 0 END) FROM incident_figures f WHERE f.incident_id = incidents.id), 0)`,
    `ALTER TABLE incident_figures ADD COLUMN grade TEXT`,
    `ALTER TABLE incident_figures ADD COLUMN killed_high INTEGER`,
    `ALTER TABLE incident_figures ADD COLUMN category_killed_high INTEGER`,
    `UPDATE incident_figures SET grade = (SELECT i.grade FROM incidents i WHERE i.id = incident_figures.incident_id),
       killed_high = (SELECT i.killed_high FROM incidents i WHERE i.id = incident_figures.incident_id),
       category_killed_high = (SELECT coalesce(k.max, 2147483647) FROM incident_figures k
                                WHERE k.incident_id = incident_figures.incident_id AND k.measure = 'killed' AND k.category = incident_figures.category)`,
    `DROP INDEX incidents_status_date`,
    `DROP INDEX incidents_country`,
    `DROP INDEX incidents_actor`,
    `DROP INDEX incidents_killed`,
    // One index per leading filter (none, country, actor) and one for the most-killed order; each holds the sort
    // keys and every other filter column, so counts and pages never read the incident rows they skip.
    `CREATE INDEX incidents_by_date ON incidents (status, date_start, id, ${filterCols})`,
    `CREATE INDEX incidents_by_country ON incidents (status, country, date_start, id, ${without('country')})`,
    `CREATE INDEX incidents_by_actor ON incidents (status, actor_lc, date_start, id, ${without('actor_lc')})`,
    `CREATE INDEX incidents_by_killed ON incidents (status, killed_high, date_start, id, ${without('killed_high')})`,
    // Totals the cube cannot answer (a grade or a casualty threshold) sum figure rows: these hold every column they
    // read, so the sum never looks a row up.
    `CREATE INDEX incident_figures_by_killed ON incident_figures (status, killed_high, grade, ${figureCols})`,
    `CREATE INDEX incident_figures_by_grade ON incident_figures (status, grade, killed_high, ${figureCols})`,
    // A threshold in a category: incidents listed from their killed figure row in it, totals from its rows.
    `CREATE INDEX incident_figures_by_category ON incident_figures (status, category, category_killed_high, measure, killed_high, grade, ${figureCols.replace(', measure, category', '').replace(', category_killed_high', '')})`,
    // Fresh statistics for the new indexes, so the planner picks by real selectivity from the first query.
    `ANALYZE`,
  ]
}

/** The schema version this build of Reckon writes. */
export const LATEST_SCHEMA_VERSION: number = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0
