// Calling the bot's services directly, as a bot with a bug or a forged call would.
import type { BotCaller, BotUser } from '@retention/bot';

/**
 * `user` claiming to be an admin, with an identity the server never handed out (identify):
 * the server must ignore the claim and resolve the user itself.
 */
export const claimingAdmin = (user: BotUser): BotCaller => ({
  user,
  identity: { role: 'admin', regionScope: null, customerId: null },
});
