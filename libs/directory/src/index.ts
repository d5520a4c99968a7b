// Identity's directory as other services read it over Kafka: people with their companies, roles
// and consents (the source of their authorisation decisions), and French geography helpers.
export * from './people.projection';
export * from './departement';
