/**
 * The fake TickdeskClient for renderer tests of the market panes: the shared
 * one (src/test/fake-client.ts) under the names these tests use.
 */
export { fakeClient as fakeMarketClient, type FakeClient, type Handlers as FakeHandlers } from '../../test/fake-client';
