import { Logger } from '@nestjs/common';
import pg from 'pg';

/**
 * The channel a trigger on api_keys notifies (payload: the key's id) whenever a key changes in a way
 * that matters to authentication: revoked, expiry changed, deleted (migration 1764420000000). Any
 * path that changes a key, an operator's SQL included, reaches every API process.
 */
export const API_KEYS_CHANNEL = 'rwa_api_keys_changed';

/** How often the listener proves its connection alive; cached answers are trusted only this long after a proof. */
const HEARTBEAT_MS = 500;
/** A cached answer is served only if the listener's last heartbeat started less than this long ago. */
const TRUST_WINDOW_MS = 1000;
/** A heartbeat unanswered this long means a dead connection (no TCP reset seen): reconnect. */
const HEARTBEAT_STUCK_MS = 5000;
const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 5000;
const MAX_ENTRIES = 10_000;

interface Entry<V> {
  value: V;
  keyId: string | null;
  expiresAt: number;
}

/**
 * The per-process cache of authentication answers (by key hash), kept coherent with the database
 * through Postgres LISTEN/NOTIFY: a revoked key is dropped as soon as the notification arrives
 * (NOTIFY is delivered at commit), not when its entry would expire.
 *
 * Correctness does not depend on the listener being up: entries are only stored and served while
 * the listener is connected and has proved so recently (a heartbeat query, after which every
 * notification committed before it has been received). A dropped connection clears the cache and
 * reconnects with backoff; until then every request reads the database.
 */
export class ApiKeyAuthCache<V> {
  private readonly logger = new Logger(ApiKeyAuthCache.name);
  private readonly entries = new Map<string, Entry<V>>();
  /** Bumped by every invalidation: a load that started before one must not be stored after it. */
  private generation = 0;
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private reconnectDelayMs = RECONNECT_MIN_MS;
  /** When the last successful heartbeat (or LISTEN) was sent; 0 while not listening. */
  private provenAt = 0;
  /** When the heartbeat in flight was sent; 0 when none is. */
  private beatStartedAt = 0;
  private readonly droppedClients = new WeakSet<pg.Client>();
  private closed = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly ttlMs: number,
  ) {}

  /** The cached answer for `hash`, or the one `load` gives (cached when the listener can vouch for it). */
  async get(hash: string, load: () => Promise<{ value: V; keyId: string | null }>): Promise<V> {
    if (this.ttlMs <= 0) return (await load()).value;
    this.listen();
    const now = Date.now();
    const entry = this.entries.get(hash);
    if (entry && entry.expiresAt > now && this.trusted(now)) return entry.value;
    const generation = this.generation;
    const loaded = await load();
    if (generation === this.generation && this.trusted(Date.now())) {
      this.entries.delete(hash);
      this.entries.set(hash, { value: loaded.value, keyId: loaded.keyId, expiresAt: Date.now() + this.ttlMs });
      if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    }
    return loaded.value;
  }

  /** Drops every answer about the key `keyId` (this process's own change; others hear the notification). */
  invalidate(keyId: string): void {
    this.generation += 1;
    for (const [hash, entry] of this.entries) if (entry.keyId === keyId) this.entries.delete(hash);
  }

  clear(): void {
    this.generation += 1;
    this.entries.clear();
  }

  /** Whether the listener is connected and has proved it within the trust window. */
  listening(): boolean {
    return this.trusted(Date.now());
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.heartbeat = null;
    this.reconnectTimer = null;
    this.clear();
    const client = this.client;
    this.client = null;
    this.provenAt = 0;
    await this.connecting?.catch(() => undefined);
    await client?.end().catch(() => undefined);
  }

  private trusted(now: number): boolean {
    return this.provenAt > 0 && now - this.provenAt < TRUST_WINDOW_MS;
  }

  /** Starts the listener on first use (processes that never authenticate open no connection). */
  private listen(): void {
    if (this.closed || this.client || this.connecting || this.reconnectTimer) return;
    this.connecting = this.connect().finally(() => {
      this.connecting = null;
    });
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl, keepAlive: true, application_name: 'rwa-api-key-listener' });
    client.on('notification', (message) => {
      if (message.channel !== API_KEYS_CHANNEL) return;
      if (message.payload) this.invalidate(message.payload);
      else this.clear();
    });
    client.on('error', (error) => this.dropped(client, error));
    client.on('end', () => this.dropped(client, new Error('connection ended')));
    try {
      await client.connect();
      const startedAt = Date.now();
      await client.query(`LISTEN ${API_KEYS_CHANNEL}`);
      if (this.closed) {
        await client.end().catch(() => undefined);
        return;
      }
      this.client = client;
      // Notifications sent before LISTEN are lost: nothing cached before now may be trusted.
      this.clear();
      this.provenAt = startedAt;
      this.reconnectDelayMs = RECONNECT_MIN_MS;
      this.heartbeat = setInterval(() => void this.beat(client), HEARTBEAT_MS);
      this.heartbeat.unref();
    } catch (error) {
      this.dropped(client, error as Error);
    }
  }

  /**
   * A query on the listening connection: Postgres sends pending notifications before it answers,
   * so once it answers, every notification committed before it started has arrived. A heartbeat
   * that hangs (a silent network failure) stops vouching at once and drops the connection later.
   */
  private async beat(client: pg.Client): Promise<void> {
    if (client !== this.client) return;
    if (this.beatStartedAt > 0) {
      if (Date.now() - this.beatStartedAt > HEARTBEAT_STUCK_MS) this.dropped(client, new Error('heartbeat unanswered'));
      return;
    }
    const startedAt = Date.now();
    this.beatStartedAt = startedAt;
    try {
      await client.query('SELECT 1');
      if (client === this.client) this.provenAt = startedAt;
    } catch (error) {
      this.dropped(client, error as Error);
    } finally {
      if (client === this.client || this.client === null) this.beatStartedAt = 0;
    }
  }

  /** The listener's connection failed or ended: forget everything cached and reconnect with backoff. */
  private dropped(client: pg.Client, error: Error): void {
    if (this.droppedClients.has(client)) return;
    this.droppedClients.add(client);
    const wasListening = this.client === client;
    if (wasListening) this.client = null;
    if (this.client !== null) return;
    this.provenAt = 0;
    this.beatStartedAt = 0;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    this.clear();
    void client.end().catch(() => undefined);
    if (this.closed || this.reconnectTimer) return;
    if (wasListening) this.logger.warn(`API key change listener lost (${error.message}); authenticating against the database until it reconnects`);
    const delay = this.reconnectDelayMs;
    this.reconnectDelayMs = Math.min(this.reconnectDelayMs * 2, RECONNECT_MAX_MS);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.listen();
    }, delay);
    this.reconnectTimer.unref();
  }
}
