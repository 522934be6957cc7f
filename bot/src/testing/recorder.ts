// Tests drive the bot with bot.handleUpdate() and read what it would have sent: a fake
// fetch records every outgoing Bot API call instead of calling Telegram.
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

/**
 * A `fetch` for createBot's `fetch` option that answers every Bot API call with success and
 * records it. It sits below everything grammY does (transformers, conversations), so calls
 * made inside conversations are recorded too.
 */
export function recordingFetch(): { fetch: typeof fetch; calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  let messageId = 1000;
  const fake = async (input: unknown, init?: { body?: unknown }) => {
    const method = String(input).split('/').pop() ?? '';
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : {};
    calls.push({ method, payload: body as Record<string, unknown> });
    // A sent message comes back as a message; everything else as `true`.
    const result = method.startsWith('send')
      ? {
          message_id: messageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: body.chat_id, type: 'private' },
        }
      : true;
    return new Response(JSON.stringify({ ok: true, result }), {
      headers: { 'content-type': 'application/json' },
    });
  };
  return { fetch: fake as unknown as typeof fetch, calls };
}

let updateId = 1;

/** A private-chat text message from a user, as Telegram would deliver it. */
export function privateText(
  from: { id: number; first_name: string; language_code?: string },
  text: string,
): Update {
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
export function privateCallback(
  from: { id: number; first_name: string; language_code?: string },
  data: string,
): Update {
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
  from: { id: number; first_name: string; language_code?: string },
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
