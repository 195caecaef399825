import pg from 'pg';
import type { Db } from './db.ts';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * A PostgreSQL server through a pool. `schema` puts every table in that schema (created if absent),
 * so tests can share one database without seeing each other.
 */
export async function openPostgres(url: string, opts: { schema?: string; max?: number } = {}): Promise<Db> {
  if (opts.schema && !SCHEMA_NAME.test(opts.schema)) throw new Error(`bad schema name ${opts.schema}`);
  // 20, not 10: at 200 desks, pushes waiting on the sequence lock held every connection and pulls queued.
  // search_path goes in the startup packet, so every pooled connection has it before its first query.
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 20, ...(opts.schema ? { options: `-c search_path=${opts.schema}` } : {}) });
  // An idle pooled connection that drops (server restart) must not crash the process; the next query reconnects.
  pool.on('error', (err) => process.stderr.write(`postgres pool: ${err.message}\n`));
  if (opts.schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${opts.schema}`);
  return {
    kind: 'postgres',
    query: async (sql, params) => (await pool.query(sql, params)).rows,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn({ query: async (sql, params) => (await client.query(sql, params)).rows });
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    exec: async (sql) => {
      await pool.query(sql);
    },
    async listen(channel, onPayload) {
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`bad channel name ${channel}`);
      // One connection held for LISTEN; notifications arrive only after the notifying transaction commits.
      const client = await pool.connect();
      client.on('notification', (n) => {
        if (n.channel === channel) onPayload(n.payload ?? '');
      });
      await client.query(`LISTEN ${channel}`);
      return async () => {
        await client.query(`UNLISTEN ${channel}`).catch(() => undefined);
        client.release();
      };
    },
    close: () => pool.end(),
  };
}
