// The member-list import command, for system tests under test/ (the one way they may reach a service).
export { runImportMembers } from '../src/cli/import-members';
