// The gateway for system tests under test/ (the one way they may reach it): its app on a
// configuration of the test's choosing, and the names of its session cookies.
export { createGateway } from '../src/main';
export { gatewayConfigSpec, type GatewayConfig } from '../src/gateway.config';
export { ACCESS_COOKIE, CSRF_COOKIE, CSRF_HEADER, REFRESH_COOKIE } from '../src/session/session-cookies';
