// The company directory's read model and query, for the benchmark (test/bench/directory.ts): a
// service is not a library, so the bench reaches identity's code through its test folder, as the
// http group does with identity-module.ts.
export { companyDirectoryProjection, type CompanyDirectoryDocument } from '../src/read-models';
export { CompanyDirectoryQuery, type DirectoryFilters } from '../src/read-models/company-directory/company-directory.query';
