// A dashboard block as a message the user can send to any chat from the Mini App: the bot
// saves it as a prepared inline message (Bot API 8.0, savePreparedInlineMessage) for that
// user, and the Mini App opens Telegram's share dialog with its id (shareMessage).
import { type TelegramApiOptions, telegramApi } from './telegram-api.ts';

export interface SharedPhoto {
  /** A JPEG Telegram fetches (the photo and its thumbnail). */
  photoUrl: string;
  width: number;
  height: number;
  caption: string;
}

export interface SharePreparer {
  prepare(userId: number, photo: SharedPhoto): Promise<{ id: string; expiresAt: Date }>;
}

export function createSharePreparer(token: string, o: TelegramApiOptions = {}): SharePreparer {
  const api = telegramApi(token, o);
  return {
    async prepare(userId, photo) {
      const prepared = await api.savePreparedInlineMessage(
        userId,
        {
          type: 'photo',
          id: 'block',
          photo_url: photo.photoUrl,
          thumbnail_url: photo.photoUrl,
          photo_width: photo.width,
          photo_height: photo.height,
          caption: photo.caption.slice(0, 1024),
        },
        { allow_user_chats: true, allow_group_chats: true, allow_channel_chats: true },
      );
      return { id: prepared.id, expiresAt: new Date(prepared.expiration_date * 1000) };
    },
  };
}
