// Territories' domain: deciders, events and commands (see README.md).
export {};
