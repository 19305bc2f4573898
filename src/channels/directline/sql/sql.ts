/** The database seam as this channel's queries see it: the one `Queryable` type of src/storage. */
export type { Queryable as Sql } from '../../../storage/db.js';
