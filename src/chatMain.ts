import { randomUUID } from 'node:crypto';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { composeServices } from './compose.js';
import { loadConfig } from './config.js';
import type { OutboundReply } from './engine/types.js';
import { coerceError } from './errors.js';
import { makeLogger } from './logger.js';

/**
 * `npm run -s chat`: talk to the engine in a terminal, with the embedded database by default.
 * `--jsonl`: one user message per stdin line in, one JSON line per turn out (the bot's activities
 * with their channelData), flushed each turn, so another program can hold a conversation.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { jsonl: { type: 'boolean' }, conversation: { type: 'string' }, locale: { type: 'string' } } });
  const config = loadConfig();
  // The terminal belongs to the conversation: logs go to stderr, and only warnings.
  const logger = makeLogger({ level: config.logLevel === 'info' ? 'warn' : config.logLevel, pretty: false, destination: process.stderr });
  const services = await composeServices(config, logger);
  const conversationId = values.conversation ?? `cli-${randomUUID()}`;
  const locale = values.locale === 'en' ? 'en' : 'zh';
  const jsonl = values.jsonl === true;
  let turn = 0;
  let suggestions: { title: string; value: string }[] = [];

  const say = async (text: string | undefined) => {
    // A number picks one of the buttons offered last, as clicking it would.
    const picked = text && /^\d+$/.test(text.trim()) ? suggestions[Number(text.trim()) - 1] : undefined;
    const result = await services.runTurn({
      conversationId,
      channel: 'cli',
      turnId: `cli-${++turn}`,
      locale,
      ...(picked ? { text: picked.title, value: picked.value } : text === undefined ? {} : { text }),
    });
    suggestions = result.replies.flatMap((r) => r.suggestedActions ?? []);
    if (jsonl) process.stdout.write(`${JSON.stringify({ conversationId, turn, activities: result.replies.map(toActivity) })}\n`);
    else process.stdout.write(`${result.replies.map(formatReply).join('\n\n')}\n\n`);
  };

  if (!jsonl) process.stdout.write(`维权助手 · Weiquan — 会话 ${conversationId}（输入内容回车发送，数字选择按钮，Ctrl-D 结束）\n\n`);
  if (!values.conversation) await say(undefined);
  const lines = readline.createInterface({ input: process.stdin, output: jsonl ? undefined : process.stdout, terminal: !jsonl && process.stdin.isTTY });
  if (!jsonl) lines.setPrompt('你 › ');
  if (!jsonl) lines.prompt();
  for await (const line of lines) {
    if (line.trim()) {
      try {
        await say(line);
      } catch (thrown) {
        const message = coerceError(thrown).message;
        if (jsonl) process.stdout.write(`${JSON.stringify({ conversationId, turn, error: message })}\n`);
        else process.stdout.write(`（出错了，这一轮没有保存：${message}）\n`);
      }
    }
    if (!jsonl) lines.prompt();
  }
  await services.database.close();
}

function toActivity(reply: OutboundReply) {
  return {
    type: 'message',
    from: { id: 'weiquan', role: 'bot' },
    text: reply.text,
    ...(reply.suggestedActions
      ? { suggestedActions: { actions: reply.suggestedActions.map((a) => ({ type: 'imBack', title: a.title, value: a.value })) } }
      : {}),
    channelData: { ...reply.channelData, ...(reply.citations ? { citations: reply.citations } : {}) },
  };
}

function formatReply(reply: OutboundReply): string {
  const buttons = reply.suggestedActions?.map((a, i) => `  [${i + 1}] ${a.title}`).join('\n');
  return `助手 › ${reply.text}${buttons ? `\n${buttons}` : ''}`;
}

main().catch((thrown: unknown) => {
  process.stderr.write(`chat: ${coerceError(thrown).message}\n`);
  process.exit(1);
});
