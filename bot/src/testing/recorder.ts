// Tests drive the bot with bot.handleUpdate() and read what it would have sent: a fake
// fetch records every outgoing Bot API call instead of calling Telegram.
import type { Update, UserFromGetMe } from 'grammy/types';

export interface RecordedCall {
  method: string;
  payload: Record<string, unknown>;
}

/** A file the bot uploaded (a document, a photo), as the recorder read it. */
export interface RecordedFile {
  fileName: string;
  bytes: Uint8Array;
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
  const fake = async (input: unknown, init?: { body?: unknown; headers?: HeadersInit }) => {
    const method = String(input).split('/').pop() ?? '';
    const body =
      typeof init?.body === 'string'
        ? JSON.parse(init.body)
        : init?.body
          ? await multipartFields(init.body, init.headers)
          : {};
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

/**
 * The fields of a multipart upload (grammY sends files so): text fields as strings (JSON
 * fields parsed), files as RecordedFile. grammY writes headers as `name:value` with an unquoted
 * file name, which undici's FormData parser refuses, so the parts are split here.
 */
async function multipartFields(body: unknown, headers: HeadersInit | undefined) {
  const type = new Headers(headers).get('content-type') ?? '';
  const boundary = /boundary=(.+)$/.exec(type)?.[1];
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) {
    chunks.push(Buffer.from(chunk));
  }
  const whole = Buffer.concat(chunks);
  const fields: Record<string, unknown> = {};
  if (!boundary) return fields;
  const delimiter = Buffer.from(`--${boundary}`);
  let at = whole.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length + 2;
    const next = whole.indexOf(delimiter, start);
    if (next < 0) break;
    const part = whole.subarray(start, next - 2);
    const split = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, split).toString();
    const content = part.subarray(split + 4);
    const name = /name="([^"]*)"/.exec(head)?.[1] ?? '';
    const fileName = /filename="?([^";\r\n]*)"?/.exec(head)?.[1];
    if (fileName !== undefined) {
      fields[name] = { fileName, bytes: new Uint8Array(content) } satisfies RecordedFile;
    } else {
      const text = content.toString();
      try {
        fields[name] = JSON.parse(text);
      } catch {
        fields[name] = text;
      }
    }
    at = next;
  }
  return fields;
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
