export { makeDb, type Db, type Queryable, type PoolStats, type Row } from './db.js';
export { openDatabase, type Database, type DatabaseSettings } from './openDatabase.js';
export { DataDirInUseError, freePort, startEmbeddedPostgres, type EmbeddedPostgres } from './embeddedPostgres.js';
export { migrate, readMigrations, schemaIsCurrent, migrationsDir, type Migration } from './migrate.js';
export { registerInstance, markInstanceStopped } from './registerInstance.js';
export { isDatabaseUnavailable } from './databaseUnavailable.js';
export { checkDatabase, type DatabaseCheck } from './checkDatabase.js';
export { makePubSub, type PubSub, type Unsubscribe } from './pubsub.js';
