// A model the data cannot support (too few customers, no prices, too short a history): the
// run is recorded as failed with the reason, and `npm run train` reports it as skipped
// rather than failing, since nothing is wrong but the data.
import { ReasonError } from '@retention/contracts';

export class NotEnoughData extends ReasonError {
  override name = 'NotEnoughData';
}
