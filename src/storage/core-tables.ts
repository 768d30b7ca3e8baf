/**
 * @module The two largest statement lists of the migrations (migrations.ts): the core tables of migration 1, in both
 * dialects' spellings, and SQLite's rebuild of sources and claims in migration 8. Released migrations never change.
 */

/** The shared table and index definitions, with dialect-specific key and type spellings filled in. */
export function coreTables(d: { seq: string; text: string; withoutRowid: string }): string[] {
  const { seq, text, withoutRowid } = d
  return [
    // The id derives from the sha256 (sourceIdFor), so its unique index is the deduplication; sha256 needs none.
    `CREATE TABLE sources (
      seq ${seq},
      id ${text} NOT NULL UNIQUE,
      sha256 ${text} NOT NULL,
      kind ${text} NOT NULL,
      publisher ${text},
      url ${text},
      title ${text},
      published ${text},
      language ${text},
      media_type ${text} NOT NULL,
      filename ${text},
      byte_length INTEGER NOT NULL,
      text ${text} NOT NULL,
      text_length INTEGER NOT NULL,
      retrieved_at ${text} NOT NULL,
      created_at ${text} NOT NULL
    )`,
    `CREATE TABLE incidents (
      seq ${seq},
      id ${text} NOT NULL UNIQUE,
      date_start ${text},
      date_end ${text},
      date ${text} NOT NULL,
      place ${text},
      country ${text},
      actor ${text},
      actor_lc ${text},
      target ${text},
      victims ${text} NOT NULL,
      grade ${text},
      status ${text} NOT NULL,
      merged_into ${text},
      figures ${text} NOT NULL,
      killed_high INTEGER,
      source_count INTEGER NOT NULL,
      created_at ${text} NOT NULL,
      updated_at ${text} NOT NULL
    )`,
    // The list page's index: active incidents by date then id, so the first page is an index range scan.
    `CREATE INDEX incidents_status_date ON incidents (status, date_start, id)`,
    `CREATE INDEX incidents_country ON incidents (status, country, date_start)`,
    `CREATE INDEX incidents_actor ON incidents (status, actor_lc, date_start)`,
    `CREATE INDEX incidents_killed ON incidents (status, killed_high)`,
    `CREATE TABLE claims (
      seq ${seq},
      id ${text} NOT NULL UNIQUE,
      source_id ${text} NOT NULL REFERENCES sources (id),
      measure ${text} NOT NULL,
      category ${text} NOT NULL,
      min INTEGER,
      max INTEGER,
      qualifier ${text} NOT NULL,
      scope ${text} NOT NULL,
      incidents INTEGER,
      period_start ${text},
      period_end ${text},
      period ${text} NOT NULL,
      place ${text},
      country ${text},
      actor ${text},
      claimant ${text},
      quote ${text} NOT NULL,
      span_start INTEGER NOT NULL,
      span_end INTEGER NOT NULL,
      extractor ${text} NOT NULL,
      event_key ${text},
      names ${text} NOT NULL,
      status ${text} NOT NULL,
      incident_id ${text} REFERENCES incidents (id),
      link_reason ${text},
      link_by ${text},
      link_at ${text},
      created_at ${text} NOT NULL,
      updated_at ${text} NOT NULL
    )`,
    `CREATE INDEX claims_source ON claims (source_id, seq)`,
    `CREATE INDEX claims_incident ON claims (incident_id, seq)`,
    // Figures, one row per (incident, measure, category), carrying the incident's filter columns so totals
    // and casualty filters read one table instead of joining 100k incidents.
    `CREATE TABLE incident_figures (
      incident_id ${text} NOT NULL REFERENCES incidents (id),
      measure ${text} NOT NULL,
      category ${text} NOT NULL,
      min INTEGER,
      max INTEGER,
      status ${text} NOT NULL,
      date_start ${text},
      date_end ${text},
      country ${text},
      actor ${text},
      actor_lc ${text},
      PRIMARY KEY (incident_id, measure, category)
    )${withoutRowid}`,
    `CREATE TABLE findings (
      seq ${seq},
      id ${text} NOT NULL,
      kind ${text} NOT NULL,
      measure ${text} NOT NULL,
      category ${text} NOT NULL,
      body ${text} NOT NULL
    )`,
    `CREATE TABLE finding_claims (
      finding_id ${text} NOT NULL,
      claim_id ${text} NOT NULL,
      PRIMARY KEY (claim_id, finding_id)
    )`,
    `CREATE TABLE revisions (
      seq ${seq},
      entity_type ${text} NOT NULL,
      entity_id ${text} NOT NULL,
      action ${text} NOT NULL,
      actor ${text} NOT NULL,
      at ${text} NOT NULL,
      why ${text},
      before ${text},
      after ${text}
    )`,
    `CREATE INDEX revisions_entity ON revisions (entity_type, entity_id, seq)`,
    `CREATE TABLE tokens (
      id ${text} PRIMARY KEY,
      name ${text} NOT NULL,
      role ${text} NOT NULL,
      hash ${text} NOT NULL UNIQUE,
      created_at ${text} NOT NULL,
      revoked_at ${text}
    )`,
  ]
}

/**
 * Migration 8, SQLite: `sources.id` and `claims.id` were UNIQUE column constraints, whose indexes SQLite never lets
 * go of. Those ids are hashes, so each insert lands at a random place in the index: at a million rows, loading
 * without them took 23% less time. Each table is rebuilt (SQLite's documented way to change a constraint, run with
 * foreign keys off: see migrate in sqlite-store.ts) with the same rows and row numbers, so the full-text index,
 * keyed by `seq`, stays valid; the view it reads is dropped around the swap, since SQLite refuses to rename a
 * table under a view it would break.
 */
export function namedIdIndexes(): string[] {
  const sources = `seq, id, sha256, kind, publisher, url, title, published, language, media_type, filename, byte_length, text,
    text_length, retrieved_at, created_at, external_id, row_key, incident_id, search_text`
  const claims = `seq, id, source_id, measure, category, min, max, qualifier, scope, incidents, period_start, period_end, period,
    place, country, actor, claimant, quote, span_start, span_end, extractor, event_key, names, status, incident_id, link_reason,
    link_by, link_at, created_at, updated_at`
  return [
    `DROP VIEW sources_search`,
    `CREATE TABLE sources_v8 (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL,
      sha256 TEXT NOT NULL,
      kind TEXT NOT NULL,
      publisher TEXT,
      url TEXT,
      title TEXT,
      published TEXT,
      language TEXT,
      media_type TEXT NOT NULL,
      filename TEXT,
      byte_length INTEGER NOT NULL,
      text TEXT NOT NULL,
      text_length INTEGER NOT NULL,
      retrieved_at TEXT NOT NULL,
      created_at TEXT NOT NULL,
      external_id TEXT,
      row_key TEXT,
      incident_id TEXT,
      search_text TEXT
    )`,
    `INSERT INTO sources_v8 (${sources}) SELECT ${sources} FROM sources ORDER BY seq`,
    // Takes its trigger and row-key index with it; both are made again below.
    `DROP TABLE sources`,
    `ALTER TABLE sources_v8 RENAME TO sources`,
    `CREATE UNIQUE INDEX sources_id ON sources (id)`,
    `CREATE INDEX sources_row_key ON sources (row_key, seq) WHERE row_key IS NOT NULL`,
    `CREATE VIEW sources_search AS SELECT seq, title, coalesce(search_text, text) AS text FROM sources`,
    `CREATE TRIGGER sources_fts_insert AFTER INSERT ON sources BEGIN
       INSERT INTO sources_fts (rowid, title, text) VALUES (new.seq, new.title, coalesce(new.search_text, new.text));
     END`,
    `CREATE TABLE claims_v8 (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL,
      source_id TEXT NOT NULL REFERENCES sources (id),
      measure TEXT NOT NULL,
      category TEXT NOT NULL,
      min INTEGER,
      max INTEGER,
      qualifier TEXT NOT NULL,
      scope TEXT NOT NULL,
      incidents INTEGER,
      period_start TEXT,
      period_end TEXT,
      period TEXT NOT NULL,
      place TEXT,
      country TEXT,
      actor TEXT,
      claimant TEXT,
      quote TEXT NOT NULL,
      span_start INTEGER NOT NULL,
      span_end INTEGER NOT NULL,
      extractor TEXT NOT NULL,
      event_key TEXT,
      names TEXT NOT NULL,
      status TEXT NOT NULL,
      incident_id TEXT REFERENCES incidents (id),
      link_reason TEXT,
      link_by TEXT,
      link_at TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    )`,
    `INSERT INTO claims_v8 (${claims}) SELECT ${claims} FROM claims ORDER BY seq`,
    `DROP TABLE claims`,
    `ALTER TABLE claims_v8 RENAME TO claims`,
    `CREATE UNIQUE INDEX claims_id ON claims (id)`,
    `CREATE INDEX claims_source ON claims (source_id, seq)`,
    `CREATE INDEX claims_incident ON claims (incident_id, seq)`,
  ]
}
