// The identity module for system tests and benchmarks under test/ (the one way they may reach a service).
export { IdentityModule } from '../src/identity.module';
