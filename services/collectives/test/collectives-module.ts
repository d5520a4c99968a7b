// The collectives module for system tests and benchmarks under test/ (the one way they may reach a service).
export { CollectivesModule } from '../src/collectives.module';
