// The screenshotter holds a request and a browser page per capture: beyond a few waiting, a
// capture is refused at once with the reason, instead of queueing without end.
import { describe, expect, it } from 'vitest';
import { chromiumPath, hasChromium } from '../../test/requirements.ts';
import { createScreenshotter, maxWaiting } from '../src/screenshots/screenshotter.ts';
import { testBotToken } from './helpers/build-app.ts';

describe.skipIf(!hasChromium())('the screenshotter queue', () => {
  it(`refuses a capture when ${maxWaiting} are waiting, and takes one again once they are done`, async () => {
    // Nothing listens at port 9: each capture fails after its short timeout.
    const shots = createScreenshotter({
      baseUrl: () => 'http://127.0.0.1:9',
      botToken: testBotToken,
      chromiumPath,
      timeoutMs: 300,
    });
    const user = { id: 1, first_name: 'Ada' };
    try {
      const calls = Array.from({ length: maxWaiting + 2 }, () =>
        shots.picture(user, 'kpis', new URLSearchParams()).then(
          () => 'made',
          (e: Error & { reason?: { key: string } }) => e.reason?.key ?? e.message,
        ),
      );
      const outcomes = await Promise.all(calls);
      expect(outcomes.filter((o) => o === 'screenshotsBusy')).toHaveLength(2);
      expect(outcomes.filter((o) => o === 'blockRenderFailed')).toHaveLength(maxWaiting);
      // Done waiting: the next is taken (and fails the same way, nothing listening).
      const next = await shots
        .picture(user, 'kpis', new URLSearchParams())
        .catch((e: Error & { reason?: { key: string } }) => e.reason?.key);
      expect(next).toBe('blockRenderFailed');
    } finally {
      await shots.close();
    }
  });
});
