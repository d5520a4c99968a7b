// Territories' read models and the dashboard's pure computation, for benchmarks under test/ (the
// one way they may reach a service's internals): measuring the figures without the HTTP layer or the memo.
export { NetworkIndex } from '../src/read-models/network/network.index';
export { MembershipIndex } from '../src/read-models/roster/memberships.projection';
export { dashboard, addMonths, monthOf } from '../src/read-models/network/dashboard';
export { DEFAULT_ALERTS } from '../src/domain';
