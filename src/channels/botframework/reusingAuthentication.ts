import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import { LRUCache } from 'lru-cache';

type AuthenticateResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;
type Connector = Awaited<ReturnType<NonNullable<AuthenticateResult['connectorFactory']>['create']>>;
type Claims = Parameters<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>[0];
type TokenClient = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>>;

// Distinct channel endpoints a bot talks to are few (one serviceUrl per channel and region).
const MAX_CONNECTORS = 64;
const MAX_TOKEN_CLIENTS = 8;

/**
 * ConfigurationBotFrameworkAuthentication, except that the connector and user-token clients are
 * made once per (bot identity, audience, serviceUrl) instead of once per request. CloudAdapter
 * builds both for every activity, and each is a fresh Azure HTTP pipeline: that construction was
 * most of the endpoint's own CPU time per turn. The clients hold no per-conversation state (the
 * token they send is cached by app id either way), which is why the older BotFrameworkAdapter
 * kept the same kind of cache.
 */
export class ReusingClientsAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new BoundedCache<Connector>(MAX_CONNECTORS);
  private readonly tokenClients = new BoundedCache<TokenClient>(MAX_TOKEN_CLIENTS);

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    const factory = result.connectorFactory;
    if (!factory) return result;
    const who = identityOf(result.claimsIdentity);
    result.connectorFactory = {
      create: (serviceUrl: string, audience?: string) =>
        this.connectors.get(`${who}|${audience ?? ''}|${serviceUrl}`, () => factory.create(serviceUrl, audience)),
    };
    return result;
  }

  override createUserTokenClient(claimsIdentity: Claims): Promise<TokenClient> {
    return this.tokenClients.get(identityOf(claimsIdentity), () => super.createUserTokenClient(claimsIdentity));
  }
}

/** Who the clients act for: the app ids in the validated claims (empty when authentication is off). */
function identityOf(claims: Claims): string {
  return ['aud', 'appid', 'azp', 'ver'].map((type) => claims.getClaimValue(type) ?? '').join('|');
}

/** A least-recently-used cache of promises; a rejected one is dropped so the next call tries again. */
class BoundedCache<T> {
  private readonly entries: LRUCache<string, Promise<T>>;
  constructor(max: number) {
    this.entries = new LRUCache<string, Promise<T>>({ max });
  }

  get(key: string, make: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit) return hit;
    const made = make();
    made.catch(() => {
      if (this.entries.peek(key) === made) this.entries.delete(key);
    });
    this.entries.set(key, made);
    return made;
  }
}
