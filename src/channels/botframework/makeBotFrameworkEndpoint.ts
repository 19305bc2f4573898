import { CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { Logger } from '../../logger.js';
import { InvalidActivity } from './hubHandoff.js';
import { ReusingClientsAuthentication } from './reusingAuthentication.js';
import { ReplyNotDelivered, TurnFailed, WeiquanBot, type WeiquanBotDeps } from './weiquanBot.js';

export type BotFrameworkCredentials = {
  appId: string;
  /** Absent for a user-assigned managed identity. */
  password: string | undefined;
  tenantId: string | undefined;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
};

export type BotFrameworkEndpointDeps = WeiquanBotDeps & {
  /** Undefined = no authentication (local use with the Bot Framework Emulator, loopback only). */
  credentials: BotFrameworkCredentials | undefined;
  logger: Logger;
};

/** What the HTTP route hands in: the parsed activity and the Authorization header as received. */
export type BotFrameworkRequest = { activity: Record<string, unknown>; authorization: string };

/** What the route sends back: a status and, for expectReplies or invoke, a JSON body; or why it refused. */
export type BotFrameworkResponse =
  | { kind: 'handled'; status: number; body?: unknown }
  | {
      kind: 'rejected';
      reason: 'unauthorized' | 'channel_unavailable' | 'invalid_activity' | 'turn_failed';
      message: string;
      /** turn_failed: the engine's error code (DATABASE_UNAVAILABLE, CONFLICT, …). */ cause?: string;
    };

export type BotFrameworkEndpoint = {
  authEnabled: boolean;
  handle(request: BotFrameworkRequest): Promise<BotFrameworkResponse>;
};

/**
 * CloudAdapter's `process(req, res)` writes its own bodies and logs through console; we call the
 * activity pipeline underneath it instead, so the route answers with our JSON errors and our logger.
 */
class WeiquanCloudAdapter extends CloudAdapter {
  handle(authorization: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authorization, activity, logic);
  }
}

/**
 * The Bot Framework endpoint: CloudAdapter with ConfigurationBotFrameworkAuthentication (a valid
 * Bot Framework JWT is required whenever an app id is configured; its outbound clients reused
 * across requests) around the Weiquan bot.
 */
export function makeBotFrameworkEndpoint(deps: BotFrameworkEndpointDeps): BotFrameworkEndpoint {
  const { credentials, logger } = deps;
  const auth = new ReusingClientsAuthentication(
    credentials
      ? {
          MicrosoftAppId: credentials.appId,
          MicrosoftAppPassword: credentials.password,
          MicrosoftAppTenantId: credentials.tenantId,
          MicrosoftAppType: credentials.appType,
        }
      : {},
  );
  const adapter = new WeiquanCloudAdapter(auth);
  // The bot answers engine failures itself. A failure to send the replies to the channel's
  // serviceUrl fails the request (502), and the channel's retry of the same activity gets the
  // stored replies again (the engine does not run the turn twice); anything else is a bug (500).
  adapter.onTurnError = async (context, error) => {
    if (error instanceof ReplyNotDelivered) {
      // The message and status only: the connector's error object carries the outgoing request, token included.
      const cause = error.cause as { message?: string; statusCode?: number } | undefined;
      logger.warn(
        { reason: cause?.message, statusCode: cause?.statusCode, channelId: context.activity.channelId, activityId: context.activity.id },
        'botframework.send_failed',
      );
    }
    throw error;
  };
  const bot = new WeiquanBot(deps);
  if (!credentials) {
    logger.warn(
      {
        siteId: deps.siteId,
        note: 'MICROSOFT_APP_ID is not set: POST /api/messages accepts unauthenticated requests from this machine only (Bot Framework Emulator). Set the app credentials before a channel can reach it.',
      },
      'botframework.auth_disabled',
    );
  }

  return {
    authEnabled: credentials !== undefined,
    async handle({ activity, authorization }) {
      try {
        const response = await adapter.handle(authorization, activity as unknown as Activity, (context) => bot.run(context));
        return response ? { kind: 'handled', status: response.status, body: response.body } : { kind: 'handled', status: 200 };
      } catch (thrown) {
        if (thrown instanceof ReplyNotDelivered) return { kind: 'rejected', reason: 'channel_unavailable', message: thrown.message };
        if (thrown instanceof TurnFailed) {
          const code = (thrown.cause as { code?: unknown } | undefined)?.code;
          return { kind: 'rejected', reason: 'turn_failed', message: thrown.message, ...(typeof code === 'string' ? { cause: code } : {}) };
        }
        if (thrown instanceof InvalidActivity) return { kind: 'rejected', reason: 'invalid_activity', message: thrown.message };
        // botframework-connector's AuthenticationError carries the HTTP status it stands for.
        if ((thrown as { statusCode?: number }).statusCode === 401) {
          return { kind: 'rejected', reason: 'unauthorized', message: 'A valid Bot Framework token is required (Authorization: Bearer …).' };
        }
        throw thrown;
      }
    },
  };
}
