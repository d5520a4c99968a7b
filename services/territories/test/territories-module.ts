// The territories module for system tests and benchmarks under test/ (the one way they may reach a service).
export { TerritoriesModule } from '../src/territories.module';
