// Other services' public facts as a service reads them over Kafka: identity's directory (people
// with their companies, roles and consents, the source of authorisation decisions), relations'
// visible personal ties, and French geography helpers.
export * from './people.projection';
export * from './ties.projection';
export * from './departement';
