// Public API of the recommendations domain: the double-opt-in introduction (requested, passed on by
// each broker in turn, then accepted or declined by the target). Pure: no I/O in here (see README.md).
export * from './introduction/introduction.commands';
export * from './introduction/introduction.events';
export * from './introduction/introduction.decider';
export * from './personal-data';
