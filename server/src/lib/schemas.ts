// The API's building blocks and the bounds of what may be stored have one home,
// @retention/contracts (contracts/src/api/common.ts and bounds.ts): the routes' schemas are
// made of them. The server's own modules (configuration, ingestion, the CSV import, reports
// that format instants) take them from here.
export {
  amountProblem,
  type DateRule,
  dateProblem,
  hasControlCharsBeyondLineBreaks,
  isoInstant,
  Label,
  maxPriceCents,
  maxQuantity,
  maxTotalCents,
} from '@retention/contracts';
