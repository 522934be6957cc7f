// What a Telegram client shows for a message sent with parse_mode HTML, or the refusal the
// Bot API answers instead ("can't parse entities"), following the Bot API's "HTML style":
// only its tags, only &lt; &gt; &amp; &quot; and numeric entities, every other <, > and &
// escaped. Stricter than Telegram in one way: a stray `>` or `&` is refused too (Telegram
// lets some through), since the spec says they must be replaced.

const tags = new Set([
  'b',
  'strong',
  'i',
  'em',
  'u',
  'ins',
  's',
  'strike',
  'del',
  'span',
  'tg-spoiler',
  'a',
  'tg-emoji',
  'code',
  'pre',
  'blockquote',
]);

const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

export class TelegramHtmlError extends Error {}

/** The text a client displays (tags dropped, entities decoded); throws TelegramHtmlError. */
export function renderTelegramHtml(html: string): string {
  const refuse = (what: string, at: number) =>
    new TelegramHtmlError(`Bad Request: can't parse entities: ${what} at offset ${at}`);
  const open: string[] = [];
  let text = '';
  for (let i = 0; i < html.length; ) {
    const c = html[i]!;
    const rest = html.slice(i);
    if (c === '<') {
      const tag = /^<(\/?)([a-z][a-z-]*)((?:\s+[a-z-]+(?:="[^"<>]*")?)*)\s*>/i.exec(rest);
      const name = tag?.[2]?.toLowerCase();
      if (!tag || !name || !tags.has(name)) throw refuse('unsupported start tag', i);
      if (tag[1]) {
        if (open.pop() !== name) throw refuse(`unexpected end tag "${name}"`, i);
      } else {
        open.push(name);
      }
      i += tag[0].length;
    } else if (c === '&') {
      const entity = /^&(?:([a-z]+)|#(\d{1,7})|#x([\da-f]{1,6}));/i.exec(rest);
      const decoded = entity ? decodeEntity(entity) : undefined;
      if (!entity || decoded === undefined) throw refuse('unescaped "&"', i);
      text += decoded;
      i += entity[0].length;
    } else if (c === '>') {
      throw refuse('unescaped ">"', i);
    } else {
      text += c;
      i++;
    }
  }
  if (open.length > 0) throw refuse(`unclosed start tag "${open.at(-1)}"`, html.length);
  return text;
}

function decodeEntity([, name, decimal, hex]: RegExpExecArray): string | undefined {
  if (name) return named[name];
  const code = decimal ? Number(decimal) : Number.parseInt(hex!, 16);
  return code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}
