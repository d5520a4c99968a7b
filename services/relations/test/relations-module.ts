// The relations module for system tests and benchmarks under test/ (the one way they may reach a service).
export { RelationsModule } from '../src/relations.module';
