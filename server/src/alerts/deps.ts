// What the scheduler needs of the server, passed in by plugins/alerts.ts (and the bot's test
// digest): the database, the reports as the API answers them, the screenshotter, the Bot API.
import type { PrismaClient } from '@retention/db';
import type { AnalyticsEngine } from '../analytics/request.ts';
import type { Log } from '../lib/log.ts';
import type { Screenshotter } from '../screenshots/screenshotter.ts';
import type { AlertSender } from './sender.ts';

export interface AlertsDeps {
  prisma: PrismaClient;
  /** Reports and their cache; its settings give the business time zone. */
  analytics: AnalyticsEngine;
  /** Block pictures for digests; null where screenshots are not set up. */
  screenshotter: Screenshotter | null;
  sender: AlertSender;
  log: Log;
}
