// The relations declaration for system tests under test/ (the one way they may reach a service).
export { relationsService } from '../src/relations.service';
