// Tests drive the bot with bot.handleUpdate() and read what it would have sent:
// an API transformer records every outgoing call instead of calling Telegram.
import type { Bot, Context } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';

export interface RecordedCall {
  method: string;
  payload: Record<string, unknown>;
}

export const testBotInfo: UserFromGetMe = {
  id: 42,
  is_bot: true,
  first_name: 'Retention Desk',
  username: 'retention_desk_bot',
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

export function recordCalls<C extends Context>(bot: Bot<C>): RecordedCall[] {
  const calls: RecordedCall[] = [];
  bot.api.config.use(async (_prev, method, payload) => {
    calls.push({ method, payload: payload as Record<string, unknown> });
    // biome-ignore lint/suspicious/noExplicitAny: a generic successful Bot API answer
    return { ok: true, result: true } as any;
  });
  return calls;
}

let updateId = 1;

/** A private-chat text message from a user, as Telegram would deliver it. */
export function privateText(from: { id: number; first_name: string }, text: string): Update {
  const entities = text.startsWith('/')
    ? [{ type: 'bot_command' as const, offset: 0, length: text.split(' ')[0]!.length }]
    : undefined;
  return {
    update_id: updateId++,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: from.id, type: 'private', first_name: from.first_name },
      from: { ...from, is_bot: false },
      text,
      entities,
    },
  };
}

/** A press of an inline button with `data` under a bot message in the user's private chat. */
export function privateCallback(from: { id: number; first_name: string }, data: string): Update {
  return {
    update_id: updateId++,
    callback_query: {
      id: String(updateId),
      from: { ...from, is_bot: false },
      chat_instance: String(from.id),
      data,
      message: {
        message_id: 1,
        date: Math.floor(Date.now() / 1000),
        chat: { id: from.id, type: 'private', first_name: from.first_name },
        text: 'an earlier message',
      },
    },
  };
}

/** A contact shared in the private chat (`userId` is whose contact it is). */
export function privateContact(
  from: { id: number; first_name: string },
  phone: string,
  userId: number = from.id,
): Update {
  return {
    update_id: updateId++,
    message: {
      message_id: updateId,
      date: Math.floor(Date.now() / 1000),
      chat: { id: from.id, type: 'private', first_name: from.first_name },
      from: { ...from, is_bot: false },
      contact: { phone_number: phone, first_name: from.first_name, user_id: userId },
    },
  };
}
