// Public API of the collectives domain: the collective decider (lifecycle, membership,
// leadership by election or rotation, activity, moderation, alumni ties), its commands and
// events. Pure: no I/O in here (see README.md).
export * from './collective/collective.commands';
export * from './collective/collective.events';
export * from './collective/collective.decider';
export * from './personal-data';
