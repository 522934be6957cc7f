export { fakeServices } from './fake-services.ts';
export * from './recorder.ts';
export * from './telegram-html.ts';
